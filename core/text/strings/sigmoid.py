"""Strings of the sigmoid-shape explorer page."""

EN = {
    "sigmoid.nav": "Sigmoid shape",
    "sigmoid.blurb": "Shape σ(Wx + b) with the weight and the bias, pin curves to compare them, and watch "
                     "gradient descent fit a logistic regression.",
    "sigmoid.title": "What do the weight and the bias do?",
    "sigmoid.intro": (
        "Logistic regression turns a score z = Wx + b into a probability σ(z) = 1 / (1 + e⁻ᶻ). "
        "The **weight W** sets how steep the curve is and which way it goes; the **bias b** slides it "
        "along x. Where σ = 0.5 the model changes its answer: that point is the decision threshold."
    ),
    "sigmoid.data": "Data set",
    "sigmoid.data.none": "none",
    "sigmoid.data.toy": "toy set (slides)",
    "sigmoid.data.exam": "exam",
    "sigmoid.data.exam_mixed": "exam, mixed",
    "sigmoid.data_help": (
        "Toy set: x = −2, −1.5, −1 labelled 0 and 1.25, 1.62, 2 labelled 1 (the slides' Keras example). "
        "Exam (pass/fail): scores 45–55 fail, 60–70 pass. Exam, mixed (not in the slides): the same idea with a 52 "
        "who passed and a 62 who failed."
    ),
    "sigmoid.w": "weight W",
    "sigmoid.w_help": "Steepness and direction: W > 0 rises, W < 0 falls, W = 0 is flat. "
                      "The box beside the slider takes any value from −100 to 100.",
    "sigmoid.b": "bias b",
    "sigmoid.b_help": "Shift: the midpoint sits at x = −b/W, so a larger b moves a rising curve to the left. "
                      "The box beside the slider takes any value from −1000 to 1000.",
    "sigmoid.family": "Figures from the slides",
    "sigmoid.family.none": "off",
    "sigmoid.family.w": "W = 0.5, 1, 2",
    "sigmoid.family.b": "b = 0.5, 1, 1.5",
    "sigmoid.family_help": "The slides' two figures in their colours: σ(Wx) for three weights (steeper as W "
                           "grows) and σ(x + b) for three biases (further left as b grows).",
    "sigmoid.pin": "Pin curve",
    "sigmoid.pin_help": "Keep the current curve as a faint ghost to compare with (up to 8; the oldest goes first).",
    "sigmoid.clear_pins": "Clear pins",
    "sigmoid.m.midpoint": "midpoint x = −b/W",
    "sigmoid.m.slope": "slope there, W/4",
    "sigmoid.m.at0": "σ(b): the value at x = 0",
    "sigmoid.m.undefined": "none",
    "sigmoid.explain.pos": (
        "W = {w:.2f} > 0, so the curve **rises**: large x means class 1. It crosses 0.5 at "
        "x = −b/W = **{m:.2f}**, and its tangent there has slope W/4 = {s:.3f}: the larger W, the sharper "
        "the switch from 0 to 1. Changing b only slides the curve; changing W also turns it about the midpoint."
    ),
    "sigmoid.explain.neg": (
        "W = {w:.2f} < 0, so the curve **falls**: large x now means class 0. It still crosses 0.5 at "
        "x = −b/W = **{m:.2f}**, where its slope is W/4 = {s:.3f} (negative)."
    ),
    "sigmoid.explain.zero": (
        "W = 0, so x has no effect at all: the curve is flat at σ(b) = **{v:.3f}** and every x gets the same "
        "answer. There is no midpoint — −b/W would divide by zero — because a flat line at σ(b) never "
        "crosses 0.5 (unless b = 0 too, and then it is 0.5 everywhere)."
    ),
    "sigmoid.fig.x": "x",
    "sigmoid.fig.y": "probability σ(Wx + b)",
    "sigmoid.fig.current": "σ(Wx + b) now",
    "sigmoid.fig.threshold": "0.5 threshold",
    "sigmoid.fig.midpoint": "midpoint<br>x = −b/W = {m:.2f}",
    "sigmoid.fig.outside_left": "← midpoint x = {m:.1f} is off the chart",
    "sigmoid.fig.outside_right": "midpoint x = {m:.1f} is off the chart →",
    "sigmoid.fig.tangent": "tangent, slope W/4",
    "sigmoid.fig.flat": "W = 0: flat at σ(b) = {v:.3f}, no midpoint",
    "sigmoid.fig.pins": "pinned curves",
    "sigmoid.fig.class0": "label y = 0",
    "sigmoid.fig.class1": "label y = 1",
    "sigmoid.fig.predicted": "σ at each point",
    "sigmoid.data_head": "Predictions and loss on the data",
    "sigmoid.no_data": "Choose a data set above to see each point's predicted probability and the loss.",
    "sigmoid.col.x": "x",
    "sigmoid.col.y": "label y",
    "sigmoid.col.p": "σ(Wx + b)",
    "sigmoid.col.loss": "loss",
    "sigmoid.col.loss_help": "−log of the probability given to the true label: −log σ if y = 1, "
                             "−log(1 − σ) if y = 0.",
    "sigmoid.mean_loss": "mean logistic loss",
    "sigmoid.mean_loss_help": "The mean over the points of −[y log σ + (1 − y) log(1 − σ)] "
                              "(binary cross-entropy): what gradient descent makes smaller.",
    "sigmoid.accuracy": "accuracy at 0.5",
    "sigmoid.separable": (
        "One threshold splits these points perfectly, so the loss has **no minimum**: making the curve "
        "steeper always lowers it a little more, and W keeps growing. Gradient descent never finishes — it "
        "stops where its epochs run out, which is why the slides' W ≈ 1.85 depends on their settings."
    ),
    "sigmoid.overlapping": (
        "The classes overlap, so no curve gets every point right and the loss has a true **minimum**: "
        "with enough epochs gradient descent settles there (the same W and b as scikit-learn's "
        "unregularised LogisticRegression)."
    ),
    "sigmoid.fit_head": "Fit by gradient descent",
    "sigmoid.fit_intro": (
        "**Fit** starts from the current W and b and takes one gradient-descent step per epoch on the mean "
        "loss over all points (full batch). The map shows the loss for every (W, b); the orange path is the "
        "descent going downhill. At the end the sliders hold the fitted W and b — press Fit again to go on."
    ),
    "sigmoid.lr": "learning rate",
    "sigmoid.epochs": "epochs",
    "sigmoid.std": "standardise x",
    "sigmoid.std_help": (
        "Run the descent on (x − mean)/std and convert W, b back to x's units. With exam scores near 60 the "
        "loss is a long, thin valley in (W, b): a learning rate small enough not to overshoot in W barely "
        "moves b. Switch it off with the exam data and compare."
    ),
    "sigmoid.fit": "Fit",
    "sigmoid.slides_run": "Replay the slides' Keras run",
    "sigmoid.slides_note": (
        "**Which settings give the slides' numbers?** Keras's defaults: optimizer `sgd` with learning rate "
        "0.01, batch size 32 (all 6 points in one batch, so one step per epoch), 300 epochs, b starting at 0. "
        "The end point also depends on the random initial W, which the slides do not print. Only W₀ = 1.538 "
        "(inside Keras's Glorot range ±1.73) ends at the printed W = 1.8499 — and from it the printed "
        "b = −0.0273 and all six predictions [0.02, 0.06, 0.13, 0.91, 0.95, 0.98] follow to 6 digits, so "
        "that was their start. The replay button uses exactly this: toy set, rate 0.01, 300 epochs, x not "
        "standardised, start W = 1.538, b = 0. From W₀ = 0 the same settings stop at W ≈ 1.18."
    ),
    "sigmoid.needs_data": "Choose a data set above to fit.",
    "sigmoid.fit_done": (
        "Last fit: rate {lr}, {ep} epochs{std}, from (W, b) = ({w0:.3f}, {b0:.3f}) to "
        "W = **{w:.4f}**, b = **{b:.4f}**; mean loss {l0:.4f} → **{l1:.4f}**."
    ),
    "sigmoid.fit_std": ", x standardised",
    "sigmoid.fit_clipped": (
        "The fit ended at W = {w:.4g}, b = {b:.4g}, beyond what the inputs accept; they show the nearest "
        "allowed values. The descent overshot: try a smaller learning rate, or standardise x."
    ),
    "sigmoid.epoch_note": "epoch {e} / {n}",
    "sigmoid.c.w": "weight W",
    "sigmoid.c.b": "bias b",
    "sigmoid.c.loss": "mean loss",
    "sigmoid.c.current": "current (W, b)",
    "sigmoid.c.path": "descent path",
    "sigmoid.c.start": "start",
    "sigmoid.c.end": "end",
    "sigmoid.h.epoch": "epoch",
    "sigmoid.h.loss": "mean loss (log scale)",
    "sigmoid.h.empty": "Press **Fit** to watch the loss fall epoch by epoch.",
}

KO = {
    "sigmoid.nav": "시그모이드 모양",
    "sigmoid.blurb": "가중치와 절편으로 σ(Wx + b)의 모양을 바꾸고, 곡선을 고정해 비교하고, 경사 하강법이 "
                     "로지스틱 회귀를 학습하는 과정을 지켜봅니다.",
    "sigmoid.title": "가중치와 절편은 무슨 일을 할까?",
    "sigmoid.intro": (
        "로지스틱 회귀는 점수 z = Wx + b를 확률 σ(z) = 1 / (1 + e⁻ᶻ)로 바꿉니다. "
        "**가중치 W**는 곡선이 얼마나 가파른지, 어느 방향으로 올라가는지를 정하고, **절편(편향) b**는 곡선을 x축을 따라 "
        "옮깁니다. σ = 0.5가 되는 곳에서 모델의 답이 바뀌며, 이 점이 결정 경계입니다."
    ),
    "sigmoid.data": "데이터",
    "sigmoid.data.none": "없음",
    "sigmoid.data.toy": "예제 (슬라이드)",
    "sigmoid.data.exam": "시험",
    "sigmoid.data.exam_mixed": "시험, 섞임",
    "sigmoid.data_help": (
        "슬라이드 예제: x = −2, −1.5, −1은 0, 1.25, 1.62, 2는 1 (슬라이드의 케라스 예제). "
        "시험 (합격/불합격): 45–55점은 불합격, 60–70점은 합격. 시험, 섞인 경우 (슬라이드에는 없음): 같은 예에 52점 합격자와 "
        "62점 불합격자를 더했습니다."
    ),
    "sigmoid.w": "가중치 W",
    "sigmoid.w_help": "기울기와 방향: W > 0이면 올라가고, W < 0이면 내려가고, W = 0이면 평평합니다. "
                      "슬라이더 옆 칸에는 −100부터 100까지 어떤 값이든 입력할 수 있습니다.",
    "sigmoid.b": "절편 b",
    "sigmoid.b_help": "이동: 중간점은 x = −b/W에 있으므로, b가 커지면 올라가는 곡선은 왼쪽으로 갑니다. "
                      "슬라이더 옆 칸에는 −1000부터 1000까지 어떤 값이든 입력할 수 있습니다.",
    "sigmoid.family": "슬라이드의 그림",
    "sigmoid.family.none": "끄기",
    "sigmoid.family.w": "W = 0.5, 1, 2",
    "sigmoid.family.b": "b = 0.5, 1, 1.5",
    "sigmoid.family_help": "슬라이드의 두 그림을 같은 색으로 그립니다: 세 가중치의 σ(Wx) (W가 클수록 가파름)와 "
                           "세 절편의 σ(x + b) (b가 클수록 왼쪽).",
    "sigmoid.pin": "곡선 고정",
    "sigmoid.pin_help": "지금 곡선을 흐린 그림자로 남겨 비교합니다 (최대 8개, 넘치면 가장 오래된 것부터 지워짐).",
    "sigmoid.clear_pins": "고정 지우기",
    "sigmoid.m.midpoint": "중간점 x = −b/W",
    "sigmoid.m.slope": "그곳의 기울기 W/4",
    "sigmoid.m.at0": "σ(b): x = 0에서의 값",
    "sigmoid.m.undefined": "없음",
    "sigmoid.explain.pos": (
        "W = {w:.2f} > 0이므로 곡선이 **올라갑니다**: x가 크면 클래스 1입니다. 곡선은 x = −b/W = **{m:.2f}**에서 "
        "0.5를 지나고, 그곳의 접선 기울기는 W/4 = {s:.3f}입니다. W가 클수록 0에서 1로 더 급하게 바뀝니다. "
        "b를 바꾸면 곡선이 옮겨 가기만 하고, W를 바꾸면 중간점을 중심으로 돌기도 합니다."
    ),
    "sigmoid.explain.neg": (
        "W = {w:.2f} < 0이므로 곡선이 **내려갑니다**: 이제 x가 크면 클래스 0입니다. 여전히 x = −b/W = **{m:.2f}**에서 "
        "0.5를 지나고, 그곳의 기울기는 W/4 = {s:.3f} (음수)입니다."
    ),
    "sigmoid.explain.zero": (
        "W = 0이면 x가 아무 영향도 주지 못합니다: 곡선은 σ(b) = **{v:.3f}**에서 평평하고 모든 x가 같은 답을 받습니다. "
        "σ(b)에서 평평한 선은 0.5를 지나지 않으므로 중간점이 없습니다 (−b/W는 0으로 나누는 셈입니다). "
        "b도 0이면 곡선은 어디서나 0.5입니다."
    ),
    "sigmoid.fig.x": "x",
    "sigmoid.fig.y": "확률 σ(Wx + b)",
    "sigmoid.fig.current": "지금의 σ(Wx + b)",
    "sigmoid.fig.threshold": "0.5 경계",
    "sigmoid.fig.midpoint": "중간점<br>x = −b/W = {m:.2f}",
    "sigmoid.fig.outside_left": "← 중간점 x = {m:.1f}은 그래프 밖에 있음",
    "sigmoid.fig.outside_right": "중간점 x = {m:.1f}은 그래프 밖에 있음 →",
    "sigmoid.fig.tangent": "접선, 기울기 W/4",
    "sigmoid.fig.flat": "W = 0: σ(b) = {v:.3f}에서 평평, 중간점 없음",
    "sigmoid.fig.pins": "고정한 곡선",
    "sigmoid.fig.class0": "레이블 y = 0",
    "sigmoid.fig.class1": "레이블 y = 1",
    "sigmoid.fig.predicted": "각 점의 σ",
    "sigmoid.data_head": "데이터에 대한 예측과 손실",
    "sigmoid.no_data": "위에서 데이터를 고르면 각 점의 예측 확률과 손실을 볼 수 있습니다.",
    "sigmoid.col.x": "x",
    "sigmoid.col.y": "레이블 y",
    "sigmoid.col.p": "σ(Wx + b)",
    "sigmoid.col.loss": "손실",
    "sigmoid.col.loss_help": "정답 레이블에 준 확률의 −log: y = 1이면 −log σ, y = 0이면 −log(1 − σ).",
    "sigmoid.mean_loss": "평균 로지스틱 손실",
    "sigmoid.mean_loss_help": "점들에 대한 −[y log σ + (1 − y) log(1 − σ)]의 평균 (이진 크로스 엔트로피): "
                              "경사 하강법이 줄이는 값입니다.",
    "sigmoid.accuracy": "0.5 기준 정확도",
    "sigmoid.separable": (
        "경계 하나로 이 점들을 완벽하게 나눌 수 있으므로 손실에 **최솟값이 없습니다**: 곡선을 더 가파르게 하면 "
        "손실이 조금씩 계속 줄고 W는 계속 커집니다. 경사 하강법은 끝나지 않고 정해진 에포크에서 멈출 뿐이며, "
        "그래서 슬라이드의 W ≈ 1.85도 학습 설정에 따라 달라집니다."
    ),
    "sigmoid.overlapping": (
        "두 클래스가 겹치므로 모든 점을 맞히는 곡선은 없고 손실에 진짜 **최솟값**이 있습니다: 에포크가 충분하면 "
        "경사 하강법이 그곳에 자리 잡습니다 (규제 없는 scikit-learn LogisticRegression과 같은 W와 b)."
    ),
    "sigmoid.fit_head": "경사 하강법으로 학습하기",
    "sigmoid.fit_intro": (
        "**학습**은 지금의 W와 b에서 시작해 에포크마다 모든 점의 평균 손실로 그래디언트로 경사 하강법을 한 번씩 수행합니다 "
        "(전체 배치). 지도는 모든 (W, b)의 손실을 보여 주고, 주황색 경로는 내리막을 따라가는 경사 하강법입니다. "
        "끝나면 슬라이더가 학습된 W와 b를 가리키며, 학습을 다시 누르면 이어서 학습합니다."
    ),
    "sigmoid.lr": "학습률",
    "sigmoid.epochs": "에포크",
    "sigmoid.std": "x 표준화",
    "sigmoid.std_help": (
        "(x − 평균)/표준편차로 경사 하강법을 수행하고 W와 b를 원래 x의 단위로 되돌립니다. 시험 점수가 60 근처이면 "
        "(W, b)의 손실이 길고 좁은 골짜기가 됩니다: W 방향으로 튀지 않을 만큼 작은 학습률로는 b가 거의 움직이지 "
        "않습니다. 시험 데이터에서 끄고 비교해 보세요."
    ),
    "sigmoid.fit": "학습",
    "sigmoid.slides_run": "슬라이드의 케라스 학습 재현",
    "sigmoid.slides_note": (
        "**어떤 설정이 슬라이드의 숫자를 낼까?** 케라스의 기본값입니다: 옵티마이저 `sgd`의 학습률 0.01, 배치 크기 32 "
        "(6개 점이 한 배치에 모두 들어가므로 에포크마다 한 번 갱신), 300 에포크, b는 0에서 시작. 끝나는 곳은 "
        "무작위로 정한 처음 W에도 달려 있는데, 슬라이드에는 나오지 않습니다. W₀ = 1.538 (케라스 글로럿 범위 ±1.73 안)"
        "에서 시작해야만 출력된 W = 1.8499에 도착하고, 그때 출력된 b = −0.0273과 여섯 예측값 "
        "[0.02, 0.06, 0.13, 0.91, 0.95, 0.98]도 6자리까지 맞으므로 이것이 그들의 시작점입니다. 재현 버튼은 정확히 "
        "이 설정을 씁니다: 슬라이드 예제, 학습률 0.01, 300 에포크, x 표준화 없음, 시작 W = 1.538, b = 0. "
        "같은 설정이라도 W₀ = 0에서 시작하면 W ≈ 1.18에서 멈춥니다."
    ),
    "sigmoid.needs_data": "학습하려면 위에서 데이터를 고르세요.",
    "sigmoid.fit_done": (
        "마지막 학습: 학습률 {lr}, {ep} 에포크{std}, (W, b) = ({w0:.3f}, {b0:.3f})에서 "
        "W = **{w:.4f}**, b = **{b:.4f}**까지; 평균 손실 {l0:.4f} → **{l1:.4f}**."
    ),
    "sigmoid.fit_std": ", x 표준화",
    "sigmoid.fit_clipped": (
        "학습은 W = {w:.4g}, b = {b:.4g}에서 끝났는데, 입력할 수 있는 범위를 넘어서 가장 가까운 허용값을 보여 줍니다. "
        "경사 하강법이 튀어 나갔습니다: 학습률을 줄이거나 x를 표준화해 보세요."
    ),
    "sigmoid.epoch_note": "에포크 {e} / {n}",
    "sigmoid.c.w": "가중치 W",
    "sigmoid.c.b": "절편 b",
    "sigmoid.c.loss": "평균 손실",
    "sigmoid.c.current": "지금의 (W, b)",
    "sigmoid.c.path": "경사 하강 경로",
    "sigmoid.c.start": "시작",
    "sigmoid.c.end": "끝",
    "sigmoid.h.epoch": "에포크",
    "sigmoid.h.loss": "평균 손실 (로그 눈금)",
    "sigmoid.h.empty": "**학습**을 누르면 에포크마다 손실이 줄어드는 모습을 볼 수 있습니다.",
}
