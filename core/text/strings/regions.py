"""Strings of the decision-regions page."""

_LINE = r"(\mathbf{w}_i - \mathbf{w}_j)\cdot\mathbf{x} + (b_i - b_j) = 0"

EN = {
    "regions.nav": "Decision regions",
    "regions.blurb": "Watch softmax carve a 2-D plane into C classes, live: straight boundaries with no hidden "
                     "layer, bent ones with a hidden layer, and where one-vs-rest sigmoids leave gaps.",
    "regions.title": "Decision regions: how softmax splits the plane",
    "regions.intro": (
        "Each point has two inputs x₁, x₂ and one of C classes. The network gives every location of the "
        "plane C probabilities; the colour shows the class with the largest one (its **decision region**), "
        "paler where the model is less sure. With **no hidden layer** each class scores a straight "
        "function zᵢ = wᵢ·x + bᵢ, so every **decision boundary** is a straight line. A hidden layer bends them."
    ),
    "regions.line.latex": _LINE,
    "regions.presets": "Presets",
    "regions.preset.lecture": "Lecture: no hidden layer",
    "regions.preset.lecture.help": "Softmax with no hidden layer (Andrew Ng's lecture): 4 blobs, straight boundaries.",
    "regions.preset.hidden": "Spiral: hidden layer",
    "regions.preset.hidden.help": "Three spiral arms: only a hidden layer (16 tanh units) can separate them; "
                                  "set hidden units to 0 to watch straight lines fail.",
    "regions.preset.moons": "Moons: 8 hidden units",
    "regions.preset.moons.help": "Two interlocking half-moons with 8 tanh hidden units; each unit's own line is drawn.",
    "regions.preset.ovr": "One-vs-rest gaps",
    "regions.preset.ovr.help": "Four separate sigmoids (one per class) on 4 blobs: grey where no class, or "
                               "several, pass 0.5.",
    "regions.data": "Data",
    "regions.kind": "Data set",
    "regions.kind.blobs": "blobs",
    "regions.kind.moons": "moons",
    "regions.kind.circles": "circles",
    "regions.kind.xor": "xor",
    "regions.kind.spiral": "spiral",
    "regions.classes": "Classes C",
    "regions.classes_help": "Blobs and spirals take 2–6 classes, xor 2 or 4, moons and circles 2.",
    "regions.classes_fixed": "{kind} has {c} classes.",
    "regions.points": "Points",
    "regions.noise": "Noise",
    "regions.noise_help": "How much the classes blur into each other (0 = clean, 1 = heavily overlapping).",
    "regions.test": "Held-out test share",
    "regions.test_help": "This share of the points is not trained on; drawn hollow. Its loss and accuracy "
                         "show how well the regions generalise.",
    "regions.seed": "Random seed",
    "regions.model": "Model",
    "regions.model.softmax": "softmax",
    "regions.model.ovr": "one-vs-rest",  # whole in a 390 px column; the help and text say "sigmoids"
    "regions.model_help": "Softmax: one network whose C outputs share out probability 1. One-vs-rest: C "
                          "separate logistic regressions (class k or not), each with its own binary "
                          "cross-entropy; their outputs need not sum to 1.",
    "regions.units": "Hidden units (0 = no hidden layer)",
    "regions.units_help": "0 is softmax regression: straight boundaries. 1–32 units in one hidden layer.",
    "regions.units_ovr": "One-vs-rest here is C logistic regressions: no hidden layer.",
    "regions.activation": "Hidden activation",
    "regions.activation.sigmoid": "sigmoid",
    "regions.activation.tanh": "tanh",
    "regions.activation.relu": "ReLU",
    "regions.lr": "Learning rate",
    "regions.batch": "Batch size",
    "regions.batch_help": "1 is stochastic gradient descent, “all” is batch gradient descent.",
    "regions.batch.all": "all",
    "regions.l2": "L2 penalty",
    "regions.grid": "Grid resolution",
    "regions.grid_help": "The plane is evaluated on this many × this many locations (at most 150 × 150).",
    "regions.unit_lines": "Draw each hidden unit's line w·x + b = 0",
    "regions.unit_lines_help": "Available with 1–16 hidden units: where each unit's input changes sign.",
    "regions.play": "Play",
    "regions.pause": "Pause",
    "regions.step": "Step (one epoch)",
    "regions.reset": "Reset weights",
    "regions.reset_all": "Reset all settings",
    "regions.epoch": "Epoch",
    "regions.m.loss": "Training loss",
    "regions.m.acc": "Training accuracy",
    "regions.m.test_acc": "Test accuracy",
    "regions.m.ambiguous": "Ambiguous area",
    "regions.m.ambiguous_help": "Where not exactly one class has p > 0.5. Softmax always picks exactly one "
                                "class (its argmax), so for softmax this is 0.",
    "regions.m.none": "—",
    "regions.restarted": "The data or the architecture changed, so the model started again from new weights.",
    "regions.diverged": "Training diverged in epoch {epoch}: the loss rose to {loss}, far worse than guessing "
                        "every class equally (ln C = {guess}), so training paused. Lower the learning rate, "
                        "then press Reset weights.",
    "regions.capped": "Play stopped after {n} epochs: the regions have long settled. Reset weights to train "
                      "again.",
    "regions.click": "Clicking the plane adds a point of",
    "regions.click.look": "no point: just show its numbers",
    "regions.click.add": "class {k}",
    "regions.click_help": "Choose a class, then click the plane to add a training point of that class there. "
                          "The model keeps training with the new points.",
    "regions.clear": "Clear added points ({n})",
    "regions.added_cap": "At most {n} added points: clear some to add more.",
    "regions.probe": "At x₁ = {x1:.2f}, x₂ = {x2:.2f}: {probs}",
    "regions.open_softmax": "Open these outputs in the softmax explorer",
    "regions.hint_mouse": "Hover anywhere on the plane to read its C probabilities; a click adds a point of the "
                          "chosen class (or shows its numbers below). Keys: Space plays or pauses, → steps.",
    "regions.hint_touch": "Tap the plane to add a point of the chosen class, or to read that spot's C "
                          "probabilities below the plane.",
    "regions.keys": "Decision regions plane. Space plays or pauses, the right arrow trains one epoch.",
    "regions.alt": "Epoch {epoch}. Share of the plane per class: {areas}. Training accuracy {acc}, test "
                   "accuracy {test_acc}.",
    "regions.alt_area": "{name} {share}",
    "regions.curve.key": "solid: training · dashed: test",
    "regions.fig.x1": "x₁",
    "regions.fig.x2": "x₂",
    "regions.fig.class": "class",
    "regions.fig.boundary": "decision boundary",
    "regions.fig.units": "hidden units' lines",
    "regions.fig.ovr_lines": "each sigmoid's p = 0.5 line",
    "regions.fig.train": "training points",
    "regions.fig.test": "test points (hollow)",
    "regions.fig.added": "added points (diamonds)",
    "regions.fig.wrong": "misclassified (ring)",
    "regions.fig.ambiguous": "grey: no class or several above 0.5",
    "regions.curves": "Loss and accuracy",
    "regions.curves.empty": "The curves appear after the first epoch.",
    "regions.curve.loss": "loss",
    "regions.curve.accuracy": "accuracy",
    "regions.lines.title": "The straight boundaries",
    "regions.lines.body": (
        "With no hidden layer class i beats class j where zᵢ > zⱼ. The two scores are equal on a straight "
        "line, so softmax regression can only cut the plane along straight lines — three or more classes "
        "meet at points where three lines cross. A hidden layer first maps x to new features, and a "
        "straight cut in those features is a bent one in x."
    ),
}

KO = {
    "regions.nav": "결정 영역",
    "regions.blurb": "소프트맥스가 2차원 평면을 C개 클래스로 나누는 모습을 실시간으로 봅니다. 은닉층이 없으면 "
                     "직선 결정 경계, 은닉층이 있으면 휘어진 경계, 일대다 시그모이드가 남기는 빈틈까지.",
    "regions.title": "결정 영역: 소프트맥스가 평면을 나누는 방법",
    "regions.intro": (
        "각 점은 입력 x₁, x₂ 두 개와 C개 클래스 중 하나를 가집니다. 신경망은 평면의 모든 위치에 C개의 확률을 "
        "줍니다. 색은 확률이 가장 큰 클래스(그 클래스의 **결정 영역**)를 나타내고, 모델이 덜 확신할수록 옅어집니다. "
        "**은닉층이 없으면** 각 클래스의 점수가 직선 함수 zᵢ = wᵢ·x + bᵢ 이므로 모든 **결정 경계**가 직선입니다. "
        "은닉층은 경계를 휘게 합니다."
    ),
    "regions.line.latex": _LINE,
    "regions.presets": "미리 설정",
    "regions.preset.lecture": "강의: 은닉층 없음",
    "regions.preset.lecture.help": "은닉층 없는 소프트맥스 (앤드류 응의 강의): 덩어리 4개, 직선 결정 경계.",
    "regions.preset.hidden": "나선: 은닉층",
    "regions.preset.hidden.help": "나선 팔 3개는 은닉층(tanh 유닛 16개)만 나눌 수 있습니다. 은닉 유닛 수를 0으로 "
                                  "바꾸면 직선이 실패하는 모습을 볼 수 있습니다.",
    "regions.preset.moons": "반달: 은닉 유닛 8개",
    "regions.preset.moons.help": "맞물린 반달 두 개와 tanh 은닉 유닛 8개. 유닛마다 자기 직선이 그려집니다.",
    "regions.preset.ovr": "일대다의 빈틈",
    "regions.preset.ovr.help": "덩어리 4개에 클래스마다 시그모이드 하나씩: 0.5를 넘는 클래스가 없거나 여럿인 곳은 "
                               "회색입니다.",
    "regions.data": "데이터",
    "regions.kind": "데이터 세트",
    "regions.kind.blobs": "덩어리",
    "regions.kind.moons": "반달",
    "regions.kind.circles": "동심원",
    "regions.kind.xor": "XOR",
    "regions.kind.spiral": "나선",
    "regions.classes": "클래스 수 C",
    "regions.classes_help": "덩어리와 나선은 2–6개, XOR은 2개 또는 4개, 반달과 동심원은 2개 클래스입니다.",
    "regions.classes_fixed": "{kind} 데이터는 클래스가 {c}개입니다.",
    "regions.points": "점 개수",
    "regions.noise": "잡음",
    "regions.noise_help": "클래스끼리 얼마나 섞이는지 (0 = 깨끗함, 1 = 많이 겹침).",
    "regions.test": "테스트 세트 비율",
    "regions.test_help": "이 비율의 점은 훈련에 쓰지 않고 속이 빈 원으로 그립니다. 이 점들의 손실과 정확도가 "
                         "결정 영역이 얼마나 일반화되는지 보여 줍니다.",
    "regions.seed": "난수 시드",
    "regions.model": "모델",
    "regions.model.softmax": "소프트맥스",
    "regions.model.ovr": "일대다 시그모이드",
    "regions.model_help": "소프트맥스: 출력 C개가 확률 1을 나눠 갖는 하나의 신경망. 일대다: 클래스 k인지 아닌지를 "
                          "가리는 로지스틱 회귀 C개가 각자 이진 크로스 엔트로피로 훈련되며, 출력의 합이 1일 필요가 "
                          "없습니다.",
    "regions.units": "은닉 유닛 수 (0 = 은닉층 없음)",
    "regions.units_help": "0은 소프트맥스 회귀로 결정 경계가 직선입니다. 1–32는 은닉층 하나의 유닛 수입니다.",
    "regions.units_ovr": "여기서 일대다는 로지스틱 회귀 C개이므로 은닉층이 없습니다.",
    "regions.activation": "은닉층 활성화 함수",
    "regions.activation.sigmoid": "시그모이드",
    "regions.activation.tanh": "하이퍼볼릭 탄젠트 (tanh)",
    "regions.activation.relu": "렐루 (ReLU)",
    "regions.lr": "학습률",
    "regions.batch": "배치 크기",
    "regions.batch_help": "1은 확률적 경사 하강법, “전체”는 배치 경사 하강법입니다.",
    "regions.batch.all": "전체",
    "regions.l2": "L2 규제",
    "regions.grid": "격자 해상도",
    "regions.grid_help": "평면을 가로세로 이만큼의 위치에서 계산합니다 (최대 150 × 150).",
    "regions.unit_lines": "은닉 유닛마다 직선 w·x + b = 0 그리기",
    "regions.unit_lines_help": "은닉 유닛이 1–16개일 때 쓸 수 있습니다. 각 유닛의 입력 부호가 바뀌는 곳입니다.",
    "regions.play": "재생",
    "regions.pause": "일시 정지",
    "regions.step": "한 에포크",
    "regions.reset": "가중치 초기화",
    "regions.reset_all": "모든 설정 초기화",
    "regions.epoch": "에포크",
    "regions.m.loss": "훈련 손실",
    "regions.m.acc": "훈련 정확도",
    "regions.m.test_acc": "테스트 정확도",
    "regions.m.ambiguous": "모호한 영역",
    "regions.m.ambiguous_help": "p > 0.5인 클래스가 정확히 하나가 아닌 곳입니다. 소프트맥스는 언제나 클래스를 "
                                "정확히 하나(argmax) 고르므로 소프트맥스에서는 0입니다.",
    "regions.m.none": "—",
    "regions.restarted": "데이터나 구조가 바뀌어 모델이 새 가중치로 다시 시작했습니다.",
    "regions.diverged": "{epoch}번째 에포크에서 훈련이 발산했습니다. 손실이 {loss}까지 올라 모든 클래스를 똑같이 "
                        "찍는 것(ln C = {guess})보다 훨씬 나빠졌으므로 훈련을 멈췄습니다. 학습률을 낮춘 뒤 "
                        "가중치 초기화를 누르세요.",
    "regions.capped": "{n} 에포크가 지나 재생을 멈췄습니다. 영역은 이미 자리를 잡았습니다. 다시 훈련하려면 "
                      "가중치 초기화를 누르세요.",
    "regions.click": "평면을 클릭하면 추가할 점",
    "regions.click.look": "추가 없이 값만 보기",
    "regions.click.add": "클래스 {k}",
    "regions.click_help": "클래스를 고른 뒤 평면을 클릭하면 그 자리에 그 클래스의 훈련 점이 추가됩니다. "
                          "모델은 새 점과 함께 훈련을 이어 갑니다.",
    "regions.clear": "추가한 점 지우기 ({n}개)",
    "regions.added_cap": "추가할 수 있는 점은 최대 {n}개입니다. 더 추가하려면 몇 개를 지우세요.",
    "regions.probe": "x₁ = {x1:.2f}, x₂ = {x2:.2f} 에서: {probs}",
    "regions.open_softmax": "이 출력을 소프트맥스 탐색기에서 열기",
    "regions.hint_mouse": "평면 위에 마우스를 올리면 그곳의 C개 확률을 읽을 수 있고, 클릭하면 고른 클래스의 점을 "
                          "추가합니다(또는 아래에 그곳의 값을 보여 줍니다). 키: 스페이스는 재생·일시 정지, →는 한 에포크.",
    "regions.hint_touch": "평면을 누르면 고른 클래스의 점을 추가하거나, 평면 아래에서 그곳의 C개 확률을 읽을 수 있습니다.",
    "regions.keys": "결정 영역 평면. 스페이스는 재생·일시 정지, 오른쪽 화살표는 한 에포크 훈련.",
    "regions.alt": "에포크 {epoch}. 클래스별 평면 넓이: {areas}. 훈련 정확도 {acc}, 테스트 정확도 {test_acc}.",
    "regions.alt_area": "{name} {share}",
    "regions.curve.key": "실선: 훈련 · 점선: 테스트",
    "regions.fig.x1": "x₁",
    "regions.fig.x2": "x₂",
    "regions.fig.class": "클래스",
    "regions.fig.boundary": "결정 경계",
    "regions.fig.units": "은닉 유닛의 직선",
    "regions.fig.ovr_lines": "시그모이드마다 p = 0.5인 직선",
    "regions.fig.train": "훈련 점",
    "regions.fig.test": "테스트 점 (속이 빈 원)",
    "regions.fig.added": "추가한 점 (마름모)",
    "regions.fig.wrong": "오답 (고리)",
    "regions.fig.ambiguous": "회색: 0.5를 넘는 클래스가 없거나 여럿",
    "regions.curves": "손실과 정확도",
    "regions.curves.empty": "첫 에포크가 끝나면 곡선이 나타납니다.",
    "regions.curve.loss": "손실",
    "regions.curve.accuracy": "정확도",
    "regions.lines.title": "직선 결정 경계",
    "regions.lines.body": (
        "은닉층이 없으면 zᵢ > zⱼ 인 곳에서 클래스 i가 클래스 j를 이깁니다. 두 점수가 같은 곳은 직선이므로 "
        "소프트맥스 회귀는 평면을 직선으로만 나눌 수 있고, 세 클래스 이상은 세 직선이 만나는 점에서 만납니다. "
        "은닉층은 x를 먼저 새 특성으로 바꾸고, 그 특성에서의 직선은 x에서 휘어진 경계가 됩니다."
    ),
}
