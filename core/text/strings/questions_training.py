"""Strings of the questions the decision-regions and trainer pages ask ("predict, then reveal")."""

EN = {
    # decision regions
    "q.regions.point": "After {epochs} epochs of training, which class will the point (x₁ = {x1}, x₂ = {x2}) get?",
    "q.regions.point.class": "Class {k}",
    "q.regions.point.mark": "the point asked about",
    "q.regions.point.why": "After {epochs} epochs the network gives this point **class {k}**, with p = {p}.",
    "q.regions.linear": "Will a network with no hidden layer separate these {kind}: every training point right "
                        "after {epochs} epochs?",
    "q.regions.linear.yes": "Yes: a straight boundary gets every point right",
    "q.regions.linear.no": "No: some points stay on the wrong side",
    "q.regions.linear.why": "With no hidden layer each boundary is a straight line. After {epochs} epochs "
                            "the network gets {wrong} of the {n} training points wrong.",
    "q.regions.test_wrong": "After {epochs} epochs of training, how many of the {n} test points will be wrong? "
                            "(right within ±{tol})",
    "q.regions.test_wrong.why": "After {epochs} epochs the network gets **{wrong}** of the {n} test points "
                                "wrong: test accuracy {acc}.",
    # trainer
    "q.trainer.val": "With these settings, what validation accuracy (in %) will a run reach after {epochs} "
                     "epochs? (right within ±{tol} points)",
    "q.trainer.val.none": "No run with these settings has reached epoch {epochs} yet: press Start, then reveal.",
    "q.trainer.val.why": "The median of the class's {runs} runs with these settings (any seed) after {epochs} "
                         "epochs is **{median}%** (they reached {low}% to {high}%).",
    "q.trainer.loss0": "Before any training, what is this network's loss (mean cross-entropy) on {n} validation "
                       "images? (right within ±{tol})",
    "q.trainer.loss0.why": "The untrained network's cross-entropy on {n} validation images is **{loss}**. Guessing "
                           "p = 1/{c} for every class would cost ln {c} = {even}; starting weights that make large "
                           "outputs cost more.",
    "q.trainer.params": "How many parameters (weights and biases) does this network have? (exactly)",
    "q.trainer.params.why": "Each layer has inputs × units weights plus one bias per unit: {formula} = **{total}**.",
}

KO = {
    "q.regions.point": "{epochs} 에포크 동안 훈련하면 점 (x₁ = {x1}, x₂ = {x2})은 어느 클래스가 될까요?",
    "q.regions.point.class": "클래스 {k}",
    "q.regions.point.mark": "질문한 점",
    "q.regions.point.why": "{epochs} 에포크 뒤 네트워크는 이 점을 **클래스 {k}**로 예측합니다 (p = {p}).",
    "q.regions.linear": "은닉층이 없는 네트워크가 이 {kind} 데이터를 나눌 수 있을까요? {epochs} 에포크 뒤 훈련 "
                        "데이터의 점이 모두 맞을까요?",
    "q.regions.linear.yes": "예: 직선 결정 경계로 모든 점이 맞는다",
    "q.regions.linear.no": "아니요: 몇몇 점은 반대편에 남는다",
    "q.regions.linear.why": "은닉층이 없으면 결정 경계는 모두 직선입니다. {epochs} 에포크 뒤 훈련 데이터 {n}개 중 "
                            "{wrong}개가 오답입니다.",
    "q.regions.test_wrong": "{epochs} 에포크 동안 훈련하면 테스트 세트의 점 {n}개 중 몇 개가 오답일까요? "
                            "(±{tol} 이내면 정답)",
    "q.regions.test_wrong.why": "{epochs} 에포크 뒤 테스트 세트의 점 {n}개 중 **{wrong}개**가 오답입니다: "
                                "테스트 정확도 {acc}.",
    "q.trainer.val": "이 설정으로 {epochs} 에포크 동안 훈련하면 검증 정확도(%)는 얼마가 될까요? "
                     "(±{tol}%p 이내면 정답)",
    "q.trainer.val.none": "이 설정으로 {epochs} 에포크에 도달한 실행이 아직 없습니다. 시작을 누른 뒤 정답을 공개하세요.",
    "q.trainer.val.why": "이 설정으로 훈련한 우리 반의 실행 {runs}개(시드는 달라도 됨)의 {epochs} 에포크 검증 정확도 중앙값은 "
                         "**{median}%**입니다 ({low}%에서 {high}%까지).",
    "q.trainer.loss0": "훈련하기 전, 검증 세트 이미지 {n}개에서 이 네트워크의 손실(크로스 엔트로피 평균)은 "
                       "얼마일까요? (±{tol} 이내면 정답)",
    "q.trainer.loss0.why": "훈련 전 네트워크의 크로스 엔트로피는 검증 세트 이미지 {n}개에서 **{loss}**입니다. "
                           "모든 클래스에 p = 1/{c}로 추측하면 ln {c} = {even}이고, 출력을 크게 만드는 초기 가중치는 "
                           "손실이 더 큽니다.",
    "q.trainer.params": "이 네트워크의 파라미터(가중치와 절편)는 모두 몇 개일까요? (정확히)",
    "q.trainer.params.why": "층마다 입력 수 × 유닛 수만큼의 가중치와 유닛마다 절편 하나가 있습니다: "
                            "{formula} = **{total}**.",
}
