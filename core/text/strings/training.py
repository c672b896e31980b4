"""Strings of the training engine: job states, failure reasons, configuration problems."""

EN = {
    "train.run.name": "Run {n} · {engine} · {units} · learning rate {lr}",
    "train.run.units": "{n} hidden units",
    "train.run.no_hidden": "no hidden layer",
    "train.run.short": "Run {n}",
    "train.run.lr": "learning rate {lr}",
    "train.run.batch": "batch size {n}",
    "train.run.subset": "{data}, {n:,} training images",
    "train.run.engine.numpy": "NumPy",
    "train.run.engine.keras": "Keras",
    "train.state.queued": "Waiting for a free training slot…",
    "train.state.running": "Training…",
    "train.state.stopped": "Stopped",
    "train.state.finished": "Finished",
    "train.state.failed": "Failed",
    "train.reason.diverged": (
        "Training diverged in epoch {epoch}: the loss became NaN or infinite. "
        "Try a smaller learning rate."
    ),
    "train.reason.error": "Training stopped with an error: {error}",
    "train.problem.engine": "Unknown engine “{value}”.",
    "train.problem.dataset": "Unknown data set “{value}”.",
    "train.problem.dataset_mismatch": "The settings ask for “{expected}” but the loaded data set is “{got}”.",
    "train.problem.activation": "Unknown activation “{value}”.",
    "train.problem.init": "Unknown weight initialisation “{value}” (choose normal or glorot).",
    "train.problem.optimizer": "Unknown optimizer “{value}”.",
    "train.problem.optimizer_numpy": (
        "The NumPy network learns with plain mini-batch gradient descent (SGD) only; "
        "choose the Keras engine to use “{optimizer}”."
    ),
    "train.problem.units": "The hidden layer needs between {lo} and {hi} units.",
    "train.problem.learning_rate": "The learning rate must be a number from {lo} to {hi}.",
    "train.problem.penalty": "The L1 and L2 penalties must be numbers from {lo} to {hi}.",
    "train.problem.batch_size": "The batch size must be a whole number from {lo} to {hi}.",
    "train.problem.batch_too_big": (
        "The batch size ({batch_size}) is larger than the training set ({n_train} samples)."
    ),
    "train.problem.epochs": "The number of epochs must be between {lo} and {hi}.",
    "train.problem.subset": "The training subset must be a whole number of samples from {lo} to {hi}.",
    "train.problem.seed": "The random seed must be a whole number from {lo} to {hi}.",
}

KO = {
    "train.run.name": "실행 {n} · {engine} · {units} · 학습률 {lr}",
    "train.run.units": "은닉 유닛 {n}개",
    "train.run.no_hidden": "은닉층 없음",
    "train.run.short": "실행 {n}",
    "train.run.lr": "학습률 {lr}",
    "train.run.batch": "배치 크기 {n}",
    "train.run.subset": "{data}, 훈련 이미지 {n:,}장",
    "train.run.engine.numpy": "NumPy",
    "train.run.engine.keras": "케라스",
    "train.state.queued": "빈 훈련 슬롯을 기다리는 중…",
    "train.state.running": "훈련 중…",
    "train.state.stopped": "중지됨",
    "train.state.finished": "완료",
    "train.state.failed": "실패",
    "train.reason.diverged": (
        "{epoch}번째 에포크에서 훈련이 발산했습니다. 손실이 NaN 또는 무한대가 되었습니다. "
        "학습률을 더 작게 해 보세요."
    ),
    "train.reason.error": "오류로 훈련이 멈췄습니다: {error}",
    "train.problem.engine": "알 수 없는 엔진입니다: “{value}”.",
    "train.problem.dataset": "알 수 없는 데이터셋입니다: “{value}”.",
    "train.problem.dataset_mismatch": "설정은 “{expected}” 데이터셋인데 불러온 데이터셋은 “{got}”입니다.",
    "train.problem.activation": "알 수 없는 활성화 함수입니다: “{value}”.",
    "train.problem.init": "알 수 없는 가중치 초기화 방법입니다: “{value}” (normal 또는 glorot 중에서 고르세요).",
    "train.problem.optimizer": "알 수 없는 옵티마이저입니다: “{value}”.",
    "train.problem.optimizer_numpy": (
        "NumPy 신경망은 기본 미니 배치 경사 하강법(SGD)으로만 학습합니다. "
        "“{optimizer}”을(를) 쓰려면 케라스 엔진을 고르세요."
    ),
    "train.problem.units": "은닉층의 유닛 수는 {lo}에서 {hi} 사이여야 합니다.",
    "train.problem.learning_rate": "학습률은 {lo}에서 {hi} 사이의 수여야 합니다.",
    "train.problem.penalty": "L1, L2 규제 값은 {lo}에서 {hi} 사이의 수여야 합니다.",
    "train.problem.batch_size": "배치 크기는 {lo}에서 {hi} 사이의 정수여야 합니다.",
    "train.problem.batch_too_big": "배치 크기({batch_size})가 훈련 세트({n_train}개 샘플)보다 큽니다.",
    "train.problem.epochs": "에포크 수는 {lo}에서 {hi} 사이여야 합니다.",
    "train.problem.subset": "훈련 부분집합의 크기는 {lo}에서 {hi} 사이의 정수(샘플 수)여야 합니다.",
    "train.problem.seed": "랜덤 시드는 {lo}에서 {hi} 사이의 정수여야 합니다.",
}
