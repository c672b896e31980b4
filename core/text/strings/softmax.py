"""Strings of the softmax explorer page."""

_FORMULA = (r"p_i = \frac{e^{z_i/T}}{\sum_{j=1}^{C} e^{z_j/T}}"
            r" \qquad = \frac{e^{z_i/T - m}}{\sum_{j=1}^{C} e^{z_j/T - m}}, \qquad m = \max_j \frac{z_j}{T}")
_LOSS = (r"L = -\ln p_{y} = \ln \sum_{j} e^{z_j/T} - \frac{z_y}{T}, \qquad"
         r" \frac{\partial L}{\partial \mathbf{z}} = \frac{\mathbf{p} - \mathbf{y}}{T}, \qquad"
         r" \mathbf{z} \leftarrow \mathbf{z} - \eta \, \frac{\partial L}{\partial \mathbf{z}}")
_JACOBIAN = (r"\frac{\partial p_i}{\partial u_j} = p_i(\delta_{ij} - p_j), \qquad"
             r" J = \operatorname{diag}(\mathbf{p}) - \mathbf{p}\mathbf{p}^{\mathsf T}, \qquad u = z / T")
_COLUMNS = {"softmax.col.z": "zᵢ", "softmax.col.u": "zᵢ / T", "softmax.col.z_c": "zᵢ + c",
            "softmax.col.u_c": "(zᵢ + c) / T", "softmax.col.exp": "e^(zᵢ/T)",
            "softmax.col.exp_shifted": "e^(zᵢ/T − m)", "softmax.col.p": "pᵢ"}
_MATH = {"softmax.formula.latex": _FORMULA, "softmax.loss.latex": _LOSS,
         "softmax.jacobian.latex": _JACOBIAN, **_COLUMNS}

EN = {
    **_MATH,
    "softmax.title": "Softmax explorer",
    "softmax.blurb": "Drag the logits and watch softmax share out probability; temperature, hardmax, "
                     "and the gradient of the loss.",
    "softmax.intro": (
        "The last layer of a classifier outputs one number per class, the **logit** zᵢ. A sigmoid on each "
        "unit gives numbers between 0 and 1 that need not sum to 1; **softmax** exponentiates every logit "
        "and divides by the total, so the outputs form a probability distribution."
    ),
    "softmax.presets": "Worked examples",
    "softmax.preset.book1": "Book: sigmoid 0.9 · 0.8 · 0.7",
    "softmax.preset.book2": "Book: sigmoid 0.5 · 0.2 · 0.1",
    "softmax.preset.binary": "Two classes: C = 2",
    "softmax.preset.huge": "Huge logits: 1000 · 999 · 998",
    "softmax.preset.note": (
        "The book examples turn sigmoid outputs ŷ into logits with z = −ln(1/ŷ − 1) and, as the book "
        "prints them, round the logits to 2 decimals (2.20, 1.39, 0.85 and 0.00, −1.39, −2.20) before "
        "the softmax. With unrounded logits the second example's 0.74 would be 0.7347 ≈ 0.73."
    ),
    "softmax.classes": "Number of classes C",
    "softmax.labels": "Class names",
    "softmax.labels.index": "Numbered",
    "softmax.labels.fashion": "Fashion-MNIST",
    "softmax.class_n": "class {i}",
    "softmax.logits": "Logits z",
    "softmax.logit_help": "Drag the slider (−10 … 10), or type any value up to ±10000 in the box.",
    "softmax.temperature": "Temperature T",
    "softmax.temperature_help": "Softmax of z / T. A small T sharpens it towards the hardmax; a large T "
                                "flattens it towards equal shares. T = 1 is the ordinary softmax.",
    "softmax.shift": "Add c to every logit",
    "softmax.shift_help": "Shifts all logits by the same amount. Type ±1000 to test huge values.",
    "softmax.shift.caption": (
        "Adding c = {c} multiplies every e^(zᵢ/T) and their sum by the same factor, which cancels: the "
        "largest change of any probability is {change}. The sigmoid outputs, by contrast, do move."
    ),
    "softmax.show": "Show beside softmax",
    "softmax.show.sigmoid": "Sigmoid of each unit",
    "softmax.show.hardmax": "Hardmax",
    "softmax.trace.softmax": "softmax p",
    "softmax.trace.sigmoid": "sigmoid σ(zᵢ)",
    "softmax.trace.hardmax": "hardmax",
    "softmax.axis.prob": "output",
    "softmax.sum.softmax": "Σ pᵢ = {p} — softmax outputs always sum to 1.",
    "softmax.sum.sigmoid": "Σ σ(zᵢ) = {s} — each sigmoid looks at its own unit only, so the outputs "
                           "need not sum to 1.",
    "softmax.binary": (
        "C = 2: p₁ = {p} and σ((z₁ − z₂)/T) = {s}. Softmax with two classes is the sigmoid of the "
        "difference of the logits — logistic regression."
    ),
    "softmax.table.title": "From logits to probabilities",
    "softmax.col.label": "class",
    "softmax.safe.title": "Why subtract m, the largest zᵢ/T?",
    "softmax.safe.body": (
        "e^1000 is far beyond the largest number a computer float can hold (about 1.8 × 10³⁰⁸): computed "
        "directly it becomes *inf*, and inf / inf is *NaN*. Subtracting the largest exponent m from every "
        "exponent changes nothing — the factor e^(−m) cancels between numerator and denominator — but "
        "now the largest term is e⁰ = 1 and the sum is at least 1, so nothing overflows or divides by "
        "zero. The column e^(zᵢ/T) above is written from its logarithm (zᵢ/T · log₁₀e), never evaluated. "
        "Clipping z from below, as the study notes' blog post on chapter 7 (“7장 여러개를 분류 - 다중 "
        "분류”) does with `np.clip(z, -100, None)`, only prevents the other problem (every term rounding "
        "to 0); the max shift prevents both."
    ),
    "softmax.loss.title": "Loss and gradient",
    "softmax.true_class": "True class y",
    "softmax.lr": "Learning rate η",
    "softmax.loss.metric": "Cross-entropy −ln p_y",
    "softmax.loss.next": "After one gradient step",
    "softmax.loss.caption": (
        "The target y is one-hot: 1 for the true class, 0 elsewhere. The gradient of the loss is "
        "(p − y)/T: negative for the true class (a step raises its logit) and positive for the others "
        "(a step lowers them) — the textbook's ∂L/∂z = −(y − a) at T = 1."
    ),
    "softmax.trace.residual_up": "p − y < 0: a step raises z",
    "softmax.trace.residual_down": "p − y > 0: a step lowers z",
    "softmax.trace.next": "p after one step",
    "softmax.true": "true",
    "softmax.axis.grad": "probability, p − y",
    "softmax.step": "Take this step",
    "softmax.step_help": "Moves the logits by −η·∂L/∂z, as one step of gradient descent would.",
    "softmax.jacobian.title": "Advanced: the softmax Jacobian",
    "softmax.jacobian.caption": (
        "How each probability pᵢ (row) responds to a nudge of each input uⱼ = zⱼ/T (column). The "
        "diagonal is positive (raising your own logit raises your probability), everything else is "
        "negative, and every row sums to 0 because the probabilities must still sum to 1."
    ),
    "softmax.jacobian.figure": "∂pᵢ / ∂uⱼ",
}

KO = {
    **_MATH,
    "softmax.title": "소프트맥스 탐색기",
    "softmax.blurb": "로짓을 움직이며 소프트맥스가 확률을 나누는 모습을 봅니다. 온도, 하드맥스, 손실의 그래디언트까지.",
    "softmax.intro": (
        "분류 신경망의 마지막 층은 클래스마다 숫자 하나, 즉 **로짓** zᵢ를 출력합니다. 각 유닛에 시그모이드를 "
        "적용하면 0과 1 사이의 값이 나오지만 합이 1이 된다는 보장은 없습니다. **소프트맥스**는 모든 로짓을 "
        "지수화한 뒤 그 합으로 나누므로 출력 전체가 하나의 확률 분포가 됩니다."
    ),
    "softmax.presets": "교재 예제",
    "softmax.preset.book1": "교재: 시그모이드 0.9 · 0.8 · 0.7",
    "softmax.preset.book2": "교재: 시그모이드 0.5 · 0.2 · 0.1",
    "softmax.preset.binary": "클래스 2개: C = 2",
    "softmax.preset.huge": "아주 큰 로짓: 1000 · 999 · 998",
    "softmax.preset.note": (
        "교재 예제는 시그모이드 출력 ŷ를 z = −ln(1/ŷ − 1)로 로짓으로 바꾸고, 교재에 인쇄된 대로 로짓을 "
        "소수 둘째 자리로 반올림한 뒤(2.20, 1.39, 0.85 와 0.00, −1.39, −2.20) 소프트맥스를 계산합니다. "
        "반올림하지 않은 로짓을 쓰면 두 번째 예제의 0.74는 0.7347 ≈ 0.73이 됩니다."
    ),
    "softmax.classes": "클래스 개수 C",
    "softmax.labels": "클래스 이름",
    "softmax.labels.index": "번호",
    "softmax.labels.fashion": "패션 MNIST",
    "softmax.class_n": "클래스 {i}",
    "softmax.logits": "로짓 z",
    "softmax.logit_help": "슬라이더를 움직이거나(−10 … 10) 입력 칸에 ±10000까지 직접 입력하세요.",
    "softmax.temperature": "온도 T",
    "softmax.temperature_help": "z / T의 소프트맥스입니다. T가 작으면 하드맥스에 가깝게 뾰족해지고, T가 크면 "
                                "균등한 분포에 가깝게 평평해집니다. T = 1이 보통의 소프트맥스입니다.",
    "softmax.shift": "모든 로짓에 c 더하기",
    "softmax.shift_help": "모든 로짓을 같은 값만큼 옮깁니다. ±1000을 입력해 아주 큰 값도 시험해 보세요.",
    "softmax.shift.caption": (
        "c = {c}를 더하면 모든 e^(zᵢ/T)와 그 합에 같은 배수가 곱해져 서로 약분됩니다. 어느 확률이든 가장 크게 "
        "변한 양은 {change}입니다. 반면 시그모이드 출력은 실제로 움직입니다."
    ),
    "softmax.show": "소프트맥스와 함께 보기",
    "softmax.show.sigmoid": "유닛별 시그모이드",
    "softmax.show.hardmax": "하드맥스",
    "softmax.trace.softmax": "소프트맥스 p",
    "softmax.trace.sigmoid": "시그모이드 σ(zᵢ)",
    "softmax.trace.hardmax": "하드맥스",
    "softmax.axis.prob": "출력",
    "softmax.sum.softmax": "Σ pᵢ = {p} — 소프트맥스 출력의 합은 언제나 1입니다.",
    "softmax.sum.sigmoid": "Σ σ(zᵢ) = {s} — 시그모이드는 각 유닛을 따로 보기 때문에 출력의 합이 1일 필요가 없습니다.",
    "softmax.binary": (
        "C = 2: p₁ = {p}, σ((z₁ − z₂)/T) = {s}. 클래스가 두 개인 소프트맥스는 두 로짓의 차이에 "
        "시그모이드를 적용한 것, 즉 로지스틱 회귀와 같습니다."
    ),
    "softmax.table.title": "로짓에서 확률까지",
    "softmax.col.label": "클래스",
    "softmax.safe.title": "왜 가장 큰 zᵢ/T 값 m을 빼나요?",
    "softmax.safe.body": (
        "e^1000은 컴퓨터의 부동소수점 수가 담을 수 있는 가장 큰 수(약 1.8 × 10³⁰⁸)를 훨씬 넘습니다. 그대로 계산하면 *inf*가 "
        "되고, inf / inf는 *NaN*입니다. 모든 지수에서 가장 큰 지수 m을 빼도 결과는 같습니다. 분자와 분모에 "
        "곱해진 e^(−m)이 약분되기 때문입니다. 대신 가장 큰 항이 e⁰ = 1이 되고 합은 1 이상이 되므로, 넘침도 "
        "0으로 나누기도 일어나지 않습니다. 위 표의 e^(zᵢ/T) 열은 값을 직접 계산하지 않고 로그(zᵢ/T · log₁₀e)로 "
        "적었습니다. 스터디 노트의 7장 블로그 글(“7장 여러개를 분류 - 다중 분류”)의 `np.clip(z, -100, None)`처럼 z를 아래에서 자르면 모든 항이 0이 되는 문제만 "
        "막을 뿐이고, 최댓값을 빼는 방법은 두 문제를 모두 막습니다."
    ),
    "softmax.loss.title": "손실과 그래디언트",
    "softmax.true_class": "정답 클래스 y",
    "softmax.lr": "학습률 η",
    "softmax.loss.metric": "크로스 엔트로피 −ln p_y",
    "softmax.loss.next": "그래디언트 한 걸음 후",
    "softmax.loss.caption": (
        "타깃 y는 원-핫 벡터입니다. 정답 클래스는 1, 나머지는 0입니다. 손실의 그래디언트는 (p − y)/T로, "
        "정답 클래스에서는 음수(한 걸음 가면 그 로짓이 커짐), 나머지에서는 양수(로짓이 작아짐)입니다. "
        "T = 1일 때 교재의 ∂L/∂z = −(y − a)와 같습니다."
    ),
    "softmax.trace.residual_up": "p − y < 0: 한 걸음에 z가 올라감",
    "softmax.trace.residual_down": "p − y > 0: 한 걸음에 z가 내려감",
    "softmax.trace.next": "한 걸음 후의 p",
    "softmax.true": "정답",
    "softmax.axis.grad": "확률, p − y",
    "softmax.step": "이 걸음 적용하기",
    "softmax.step_help": "경사 하강법 한 번처럼 로짓을 −η·∂L/∂z만큼 옮깁니다.",
    "softmax.jacobian.title": "심화: 소프트맥스의 야코비 행렬",
    "softmax.jacobian.caption": (
        "각 입력 uⱼ = zⱼ/T(열)를 조금 바꿀 때 각 확률 pᵢ(행)가 어떻게 반응하는지 보여 줍니다. 대각선은 "
        "양수(자기 로짓을 올리면 자기 확률이 오름)이고 나머지는 모두 음수이며, 확률의 합이 여전히 1이어야 "
        "하므로 각 행의 합은 0입니다."
    ),
    "softmax.jacobian.figure": "∂pᵢ / ∂uⱼ",
}
