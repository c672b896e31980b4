"""Strings of the loss viewer page (logistic loss, cross-entropy, why not squared error, clipping)."""

EN = {
    "loss.nav.title": "Loss functions",
    "loss.nav.blurb": "What the network minimises: logistic loss, cross-entropy, why not squared error, and clipping.",
    "loss.title": "What is the network minimising?",
    "loss.intro": (
        "Training nudges the weights so that one number, the **loss**, goes down. For a classifier that "
        "number is the **cross-entropy**: −log of the probability the network gave to the *right* answer. "
        "The tabs show its shape, why only the true class counts, why squared error is a poor choice "
        "behind a sigmoid, and the small ε that keeps log 0 out of the sums."
    ),
    "loss.tab.bin": "Binary: logistic loss",
    "loss.tab.multi": "Multiclass: cross-entropy",
    "loss.tab.mse": "Why not squared error?",
    "loss.tab.clip": "Clipping ε",
    # Binary tab
    "loss.bin.latex": r"L(a, y) = -\big[\,y \log a + (1-y)\log(1-a)\,\big], \qquad a = \sigma(z)",
    "loss.bin.y": "True label y",
    "loss.bin.y1": "y = 1 (positive)",
    "loss.bin.y0": "y = 0 (negative)",
    "loss.bin.a": "Predicted probability a of class 1",
    "loss.bin.explain": (
        "Only one of the two terms is ever active: −log a when y = 1, −log(1 − a) when y = 0. "
        "A confident right answer costs almost nothing; a confident wrong answer costs more and more, "
        "without limit. In z the same loss reads log(1 + e⁻ᶻ) for y = 1 and log(1 + eᶻ) for y = 0, "
        "and its slope is simply **a − y**: close to ±1 when the answer is badly wrong, close to 0 when "
        "it is right."
    ),
    "loss.bin.clip_note": "a is clipped to [ε, 1 − ε] with ε = {eps} before the log (see the Clipping ε tab).",
    "loss.m.loss": "Loss L",
    "loss.m.z": "Logit z = log(a / (1 − a))",
    "loss.m.grad": "Gradient ∂L/∂z = a − y",
    # Multiclass tab
    "loss.multi.latex": r"L(\mathbf{a}, \mathbf{y}) = -\sum_{c=1}^{C} y_c \log a_c, \qquad \mathbf{a} = \operatorname{softmax}(\mathbf{z})",
    "loss.multi.mode": "Enter the prediction as (logits go through softmax)",
    "loss.multi.mode_z": "logits z",
    "loss.multi.mode_p": "probabilities a",
    "loss.multi.nc": "Number of classes C",
    "loss.multi.true": "True class",
    "loss.multi.z": "Logit {c}",
    "loss.multi.p": "Probability {c}",
    "loss.multi.scaled": "Your probabilities add up to {total}; they are divided by that sum so that they add up to 1.",
    "loss.multi.zero": "All probabilities are 0, which is no prediction at all; the uniform vector is used instead.",
    "loss.multi.explain": (
        "The label is one-hot, so every term with y_c = 0 is zero: **only the true class's probability "
        "enters the loss** (green bars). The other classes still matter, but only through softmax, which shares one "
        "unit of probability: more for a wrong class means less for the true one. The gradient a − y "
        "pushes every logit: down for the wrong classes, up for the true one. "
        "The start values give Andrew Ng's example a = (0.3, 0.2, 0.1, 0.4) with true class 2."
    ),
    "loss.c2.title": "With C = 2, cross-entropy is the logistic loss",
    "loss.c2.body": (
        "Take the Binary tab's prediction a = {a} with label y = {y}. Softmax over the two logits (0, z) "
        "with z = log(a / (1 − a)) gives (1 − a, a), and the one-hot label is (1 − y, y). "
        "The categorical cross-entropy of that pair is the same number as the logistic loss:"
    ),
    "loss.c2.logistic": "Logistic loss −[y log a + (1 − y) log(1 − a)]",
    "loss.c2.categorical": "Categorical cross-entropy −Σ y_c log a_c over (1 − a, a)",
    # Why not MSE tab
    "loss.mse.explain": (
        "Behind a sigmoid, squared error's gradient carries the factor σ′(z) = a(1 − a), which is almost "
        "0 where the sigmoid saturates — including where the network is **confidently wrong**. There "
        "gradient descent barely moves, exactly when it should move most. Cross-entropy's log cancels "
        "that factor and leaves a − y, which stays near ±1 for a bad mistake."
    ),
    "loss.mse.z": "Logit z to inspect",
    "loss.mse.ce_grad": "Cross-entropy gradient",
    "loss.mse.mse_grad": "Squared-error gradient",
    "loss.mse.ratio": "Cross-entropy pushes harder by",
    "loss.surf.title": "Loss surface over (W, b) for the slides' toy data",
    "loss.surf.body": (
        "Six points x = (−2, −1.5, −1, 1.25, 1.62, 2) with labels (0, 0, 0, 1, 1, 1), model a = σ(W x + b), "
        "loss averaged over the six points. Cross-entropy is one smooth valley that keeps falling towards "
        "large W (the data are separable); squared error has flat plateaus where the points are "
        "confidently wrong, and there its step is almost zero. The white arrow is one gradient-descent "
        "step with learning rate 1; the star is the Keras fit from the slides (W ≈ 1.85, b ≈ −0.03)."
    ),
    "loss.surf.w": "Weight W",
    "loss.surf.b": "Bias b",
    "loss.surf.view": "View",
    "loss.surf.view_contour": "contours",
    "loss.surf.view_3d": "3-D",
    "loss.surf.ce": "Sigmoid + cross-entropy",
    "loss.surf.mse": "Sigmoid + squared error ½(a − y)²",
    "loss.surf.m_loss": "Mean loss at (W, b)",
    "loss.surf.m_norm": "Gradient length |∇L|",
    # Clipping tab
    "loss.clip.explain": (
        "log 0 = −∞, so a probability of exactly 0 for the true class would make the loss infinite, and "
        "one infinite loss turns every later step into NaN. Implementations therefore clip a to "
        "[ε, 1 − ε] before the log: the worst mistake then costs −log ε instead of ∞. "
        "Terms with a zero label are skipped (0 · log 0 is taken as 0, not NaN)."
    ),
    "loss.clip.eps": "Clipping ε, as log₁₀ ε",
    "loss.clip.dtype": "Number type of a (float32: single precision, common on GPUs)",
    "loss.clip.dt_float64": "float64",
    "loss.clip.dt_float32": "float32",
    "loss.clip.m_raw": "−log 0 without clipping",
    "loss.clip.m_clip": "−log ε with clipping",
    "loss.clip.cases": "Certain predictions, with and without clipping",
    "loss.clip.col_y": "label y",
    "loss.clip.col_a": "prediction a",
    "loss.clip.col_raw": "loss, no clipping",
    "loss.clip.col_clip": "loss, clipped at ε",
    "loss.clip.float32": (
        "In float32, 1 − ε rounds back to exactly 1 once ε is below about 3·10⁻⁸, so clipping no longer "
        "protects a certain 1 for a true 0: that loss is ∞ again. Keras's ε = 10⁻⁷ is large enough for "
        "float32; the textbook's 10⁻¹⁰ is only safe in float64."
    ),
    "loss.clip.refs": "Where the references clip",
    "loss.clip.col_who": "implementation",
    "loss.clip.col_eps": "ε",
    "loss.clip.col_cost": "cost of a certain mistake, −log ε",
    "loss.clip.ref_textbook": "Do it! Deep Learning, np.clip(a, 1e-10, 1 − 1e-10)",
    "loss.clip.ref_keras": "Keras binary/categorical_crossentropy (keras.config.epsilon())",
    "loss.clip.ref_sklearn": "scikit-learn log_loss (machine ε of float64)",
    # Figure labels
    "loss.fig.a": "predicted probability a",
    "loss.fig.a_log": "predicted probability a (log scale)",
    "loss.fig.z": "logit z",
    "loss.fig.loss": "loss",
    "loss.fig.grad": "∂L/∂z",
    "loss.fig.loss_grad": "loss and ∂L/∂z",
    "loss.fig.point": "your value",
    "loss.fig.y1": "y = 1: −log a",
    "loss.fig.y0": "y = 0: −log(1 − a)",
    "loss.fig.t_a": "Loss as a function of a",
    "loss.fig.t_z": "The same loss as a function of z",
    "loss.fig.zloss1": "loss log(1 + e⁻ᶻ)",
    "loss.fig.zloss0": "loss log(1 + eᶻ)",
    "loss.fig.to_inf": "→ ∞ as a → 0",
    "loss.fig.zgrad": "gradient a − y",
    "loss.fig.prob": "probability a_c",
    "loss.fig.term": "term −y_c log a_c",
    "loss.fig.cgrad": "gradient a_c − y_c",
    "loss.fig.cls": "class",
    "loss.fig.ce": "cross-entropy",
    "loss.fig.mse": "squared error ½(a − y)²",
    "loss.fig.ce_grad": "cross-entropy: a − y",
    "loss.fig.mse_grad": "squared error: (a − y)·a·(1 − a)",
    "loss.fig.wrong": "confident and wrong",
    "loss.fig.w": "W",
    "loss.fig.b": "b",
    "loss.fig.slides": "Keras fit of the slides",
    "loss.fig.raw": "−log a, no clipping",
    "loss.fig.clipped": "−log a, clipped at ε",
    "loss.fig.t_clip": "Clipping puts a floor under a (label y = 1)",
}

KO = {
    "loss.nav.title": "손실 함수",
    "loss.nav.blurb": "신경망이 최소화하는 것: 로지스틱 손실, 크로스 엔트로피, 제곱 오차를 쓰지 않는 이유, 클리핑.",
    "loss.title": "신경망은 무엇을 최소화할까?",
    "loss.intro": (
        "학습은 **손실**이라는 숫자 하나가 작아지도록 가중치를 조금씩 바꾸는 과정입니다. 분류기에서 이 숫자는 "
        "**크로스 엔트로피**, 즉 신경망이 *정답*에 준 확률의 −log 입니다. 각 탭에서 손실의 모양, 정답 클래스만 "
        "남는 이유, 시그모이드 뒤에 제곱 오차가 좋지 않은 이유, 그리고 log 0을 막아 주는 작은 ε을 살펴보세요."
    ),
    "loss.tab.bin": "이진 분류: 로지스틱 손실",
    "loss.tab.multi": "다중 분류: 크로스 엔트로피",
    "loss.tab.mse": "왜 제곱 오차가 아닐까?",
    "loss.tab.clip": "클리핑 ε",
    "loss.bin.latex": r"L(a, y) = -\big[\,y \log a + (1-y)\log(1-a)\,\big], \qquad a = \sigma(z)",
    "loss.bin.y": "실제 레이블 y",
    "loss.bin.y1": "y = 1 (양성)",
    "loss.bin.y0": "y = 0 (음성)",
    "loss.bin.a": "클래스 1일 예측 확률 a",
    "loss.bin.explain": (
        "두 항 중 하나만 살아남습니다. y = 1이면 −log a, y = 0이면 −log(1 − a)입니다. "
        "자신 있게 맞히면 손실이 거의 0이고, 자신 있게 틀린 오답은 손실이 한없이 커집니다. "
        "z로 쓰면 같은 손실이 y = 1일 때 log(1 + e⁻ᶻ), y = 0일 때 log(1 + eᶻ)이고, 그래디언트는 간단히 "
        "**a − y**입니다. 크게 틀린 오답이면 ±1에 가깝고, 맞히면 0에 가깝습니다."
    ),
    "loss.bin.clip_note": "log를 취하기 전에 a를 ε = {eps}로 [ε, 1 − ε] 구간에 자릅니다 (클리핑 ε 탭 참고).",
    "loss.m.loss": "손실 L",
    "loss.m.z": "로짓 z = log(a / (1 − a))",
    "loss.m.grad": "그래디언트 ∂L/∂z = a − y",
    "loss.multi.latex": r"L(\mathbf{a}, \mathbf{y}) = -\sum_{c=1}^{C} y_c \log a_c, \qquad \mathbf{a} = \operatorname{softmax}(\mathbf{z})",
    "loss.multi.mode": "예측 입력 방식 (로짓은 소프트맥스를 거칩니다)",
    "loss.multi.mode_z": "로짓 z",
    "loss.multi.mode_p": "확률 a",
    "loss.multi.nc": "클래스 개수 C",
    "loss.multi.true": "정답 클래스",
    "loss.multi.z": "로짓 {c}",
    "loss.multi.p": "확률 {c}",
    "loss.multi.scaled": "입력한 확률의 합이 {total}입니다. 합이 1이 되도록 각 값을 이 합으로 나누었습니다.",
    "loss.multi.zero": "확률이 모두 0이면 예측이라고 할 수 없으므로, 대신 균등 분포를 사용합니다.",
    "loss.multi.explain": (
        "레이블이 원-핫 벡터라서 y_c = 0인 항은 모두 0이 됩니다. **손실에는 정답 클래스(초록 막대)의 확률만 남습니다.** "
        "다른 클래스도 영향을 주지만 소프트맥스를 통해서만 줍니다. 확률 1을 나눠 가지므로 오답 클래스의 확률이 "
        "커지면 정답 클래스의 확률이 줄어듭니다. 그래디언트 a − y는 모든 로짓을 움직입니다. 오답 클래스는 내리고 "
        "정답 클래스는 올립니다. 처음 값은 앤드류 응 강의의 예 a = (0.3, 0.2, 0.1, 0.4), 정답 클래스 2입니다."
    ),
    "loss.c2.title": "C = 2이면 크로스 엔트로피는 로지스틱 손실과 같습니다",
    "loss.c2.body": (
        "이진 분류 탭의 예측 a = {a}, 레이블 y = {y}를 가져옵니다. 두 로짓 (0, z), z = log(a / (1 − a))에 "
        "소프트맥스를 적용하면 (1 − a, a)가 되고, 원-핫 레이블은 (1 − y, y)입니다. "
        "이 쌍의 크로스 엔트로피는 로지스틱 손실과 같은 숫자입니다."
    ),
    "loss.c2.logistic": "로지스틱 손실 −[y log a + (1 − y) log(1 − a)]",
    "loss.c2.categorical": "(1 − a, a)에 대한 크로스 엔트로피 −Σ y_c log a_c",
    "loss.mse.explain": (
        "시그모이드 뒤에 제곱 오차를 쓰면 그래디언트에 σ′(z) = a(1 − a)가 곱해집니다. 시그모이드가 포화되는 곳, "
        "즉 신경망이 **자신 있게 틀린** 곳에서도 이 값은 거의 0입니다. 그래서 가장 크게 움직여야 할 때 경사 "
        "하강법이 거의 움직이지 않습니다. 크로스 엔트로피는 log가 이 인수를 상쇄해 a − y만 남기므로, 크게 틀린 오답에서는 "
        "그래디언트가 ±1 가까이 유지됩니다."
    ),
    "loss.mse.z": "살펴볼 로짓 z",
    "loss.mse.ce_grad": "크로스 엔트로피 그래디언트",
    "loss.mse.mse_grad": "제곱 오차 그래디언트",
    "loss.mse.ratio": "크로스 엔트로피가 더 세게 미는 배율",
    "loss.surf.title": "슬라이드 예제 데이터의 (W, b) 손실 곡면",
    "loss.surf.body": (
        "여섯 점 x = (−2, −1.5, −1, 1.25, 1.62, 2), 레이블 (0, 0, 0, 1, 1, 1), 모델 a = σ(W x + b)이며 "
        "손실은 여섯 점의 평균입니다. 크로스 엔트로피는 W가 커지는 쪽으로 계속 내려가는 매끈한 골짜기입니다 "
        "(데이터가 선형 분리 가능하기 때문). 제곱 오차에는 점들이 자신 있게 틀리는 평평한 고원이 있고, 거기서는 "
        "그래디언트 한 걸음이 거의 0입니다. 흰 화살표는 학습률 1인 경사 하강법 한 걸음이고, 별은 슬라이드의 케라스 학습 "
        "결과 (W ≈ 1.85, b ≈ −0.03)입니다."
    ),
    "loss.surf.w": "가중치 W",
    "loss.surf.b": "절편 b",
    "loss.surf.view": "보기",
    "loss.surf.view_contour": "등고선",
    "loss.surf.view_3d": "3차원",
    "loss.surf.ce": "시그모이드 + 크로스 엔트로피",
    "loss.surf.mse": "시그모이드 + 제곱 오차 ½(a − y)²",
    "loss.surf.m_loss": "(W, b)에서의 평균 손실",
    "loss.surf.m_norm": "그래디언트 크기 |∇L|",
    "loss.clip.explain": (
        "log 0 = −∞이므로 정답 클래스의 확률이 정확히 0이면 손실이 무한대가 되고, 무한대 손실 하나가 이후의 "
        "모든 계산을 NaN으로 만듭니다. 그래서 구현에서는 log를 취하기 전에 a를 [ε, 1 − ε]로 자릅니다. "
        "그러면 가장 큰 오답도 ∞ 대신 −log ε만큼의 손실이 됩니다. 레이블이 0인 항은 건너뜁니다 "
        "(0 · log 0은 NaN이 아니라 0으로 봅니다)."
    ),
    "loss.clip.eps": "클리핑 ε (log₁₀ ε 값)",
    "loss.clip.dtype": "a의 숫자 형식 (float32는 GPU에서 흔한 단정밀도)",
    "loss.clip.dt_float64": "float64 (배정밀도)",
    "loss.clip.dt_float32": "float32 (단정밀도)",
    "loss.clip.m_raw": "클리핑 없이 −log 0",
    "loss.clip.m_clip": "클리핑하면 −log ε",
    "loss.clip.cases": "확신한 예측의 손실: 클리핑 전과 후",
    "loss.clip.col_y": "레이블 y",
    "loss.clip.col_a": "예측 a",
    "loss.clip.col_raw": "손실 (클리핑 없음)",
    "loss.clip.col_clip": "손실 (ε로 클리핑)",
    "loss.clip.float32": (
        "float32에서는 ε가 약 3·10⁻⁸보다 작으면 1 − ε가 정확히 1로 반올림되어, 실제 0인데 확신하여 1이라고 "
        "예측한 경우를 클리핑이 막지 못합니다. 그 손실은 다시 ∞가 됩니다. 케라스의 ε = 10⁻⁷은 float32에서도 "
        "충분하지만, 교재의 10⁻¹⁰은 float64에서만 안전합니다."
    ),
    "loss.clip.refs": "참고 구현들의 클리핑 값",
    "loss.clip.col_who": "구현",
    "loss.clip.col_eps": "ε",
    "loss.clip.col_cost": "확신한 오답의 손실 −log ε",
    "loss.clip.ref_textbook": "《Do it! 딥러닝 입문》 np.clip(a, 1e-10, 1 − 1e-10)",
    "loss.clip.ref_keras": "케라스 binary/categorical_crossentropy (keras.config.epsilon())",
    "loss.clip.ref_sklearn": "사이킷런 log_loss (float64의 머신 엡실론)",
    "loss.fig.a": "예측 확률 a",
    "loss.fig.a_log": "예측 확률 a (로그 눈금)",
    "loss.fig.z": "로짓 z",
    "loss.fig.loss": "손실",
    "loss.fig.grad": "∂L/∂z",
    "loss.fig.loss_grad": "손실과 ∂L/∂z",
    "loss.fig.point": "선택한 값",
    "loss.fig.y1": "y = 1: −log a",
    "loss.fig.y0": "y = 0: −log(1 − a)",
    "loss.fig.t_a": "a에 따른 손실",
    "loss.fig.t_z": "z에 따른 같은 손실",
    "loss.fig.zloss1": "손실 log(1 + e⁻ᶻ)",
    "loss.fig.zloss0": "손실 log(1 + eᶻ)",
    "loss.fig.to_inf": "a → 0이면 ∞로 발산",
    "loss.fig.zgrad": "그래디언트 a − y",
    "loss.fig.prob": "확률 a_c",
    "loss.fig.term": "항 −y_c log a_c",
    "loss.fig.cgrad": "그래디언트 a_c − y_c",
    "loss.fig.cls": "클래스",
    "loss.fig.ce": "크로스 엔트로피",
    "loss.fig.mse": "제곱 오차 ½(a − y)²",
    "loss.fig.ce_grad": "크로스 엔트로피: a − y",
    "loss.fig.mse_grad": "제곱 오차: (a − y)·a·(1 − a)",
    "loss.fig.wrong": "자신 있게 틀린 구간",
    "loss.fig.w": "W",
    "loss.fig.b": "b",
    "loss.fig.slides": "슬라이드의 케라스 학습 결과",
    "loss.fig.raw": "−log a, 클리핑 없음",
    "loss.fig.clipped": "−log a, ε로 클리핑",
    "loss.fig.t_clip": "클리핑은 a에 바닥을 깔아 줍니다 (레이블 y = 1)",
}
