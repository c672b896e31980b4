"""Strings of "predict, then reveal": the question box, answers, the reveal (and the softmax page's questions)."""

EN = {
    "q.error.blank": "Type or pick an answer first.",
    "q.error.number": "That is not a number: type a number such as 0.25.",
    "q.error.range": "Answer with a number from {lo} to {hi}.",
    "q.error.choice": "Pick one of the answers shown.",
    # the softmax explorer
    "q.softmax.p1": "What is p₁ at these logits and temperature? (right within ±{tol})",
    "q.softmax.p1.why": "p₁ = e^(z₁/T) / Σ e^(z/T) = **{p}** (the probabilities sum to {sum}).",
    "q.softmax.shift": "Add 1 to every logit: what happens to the probabilities?",
    "q.softmax.shift.up": "They all grow",
    "q.softmax.shift.down": "They all shrink",
    "q.softmax.shift.top": "The largest grows, the others shrink",
    "q.softmax.shift.same": "Nothing changes",
    "q.softmax.shift.why": "e^(z+1) = e·e^z: every term and the sum grow by the same factor e, which cancels. "
                           "The largest change is {change}, rounding only.",
    "q.softmax.cold": "Turn the temperature T down towards 0: which output wins, and with what p?",
    "q.softmax.cold.wins": "{name} wins, with p close to 1",
    "q.softmax.cold.tie": "The largest logits tie: they share p",
    "q.softmax.cold.why": "At T = {t}, {name} = **{p}**: dividing by a small T stretches the gaps between "
                          "logits, so the largest logit takes nearly all of the probability (softmax becomes hardmax).",
}

KO = {
    "q.error.blank": "먼저 답을 입력하거나 고르세요.",
    "q.error.number": "숫자가 아닙니다. 0.25처럼 숫자를 입력하세요.",
    "q.error.range": "{lo}부터 {hi}까지의 숫자로 답하세요.",
    "q.error.choice": "보기 중 하나를 고르세요.",
    "q.softmax.p1": "이 로짓과 온도에서 p₁은 얼마일까요? (±{tol} 이내면 정답)",
    "q.softmax.p1.why": "p₁ = e^(z₁/T) / Σ e^(z/T) = **{p}** (확률의 합은 {sum}).",
    "q.softmax.shift": "모든 로짓에 1을 더하면 확률은 어떻게 될까요?",
    "q.softmax.shift.up": "모두 커진다",
    "q.softmax.shift.down": "모두 작아진다",
    "q.softmax.shift.top": "가장 큰 것만 커지고 나머지는 작아진다",
    "q.softmax.shift.same": "변하지 않는다",
    "q.softmax.shift.why": "e^(z+1) = e·e^z: 모든 항과 합이 똑같이 e배가 되어 약분됩니다. "
                           "가장 큰 변화도 {change}로, 반올림 오차일 뿐입니다.",
    "q.softmax.cold": "온도 T를 0 쪽으로 낮추면 어느 출력이 이기고, p는 얼마가 될까요?",
    "q.softmax.cold.wins": "{name}이(가) 이긴다, p는 1에 가깝다",
    "q.softmax.cold.tie": "가장 큰 로짓이 같다: p를 나눠 가진다",
    "q.softmax.cold.why": "T = {t}에서 {name} = **{p}**: 작은 T로 나누면 로짓 사이의 차이가 커져서 가장 큰 로짓이 "
                          "확률을 거의 다 가져갑니다 (소프트맥스가 하드맥스가 됩니다).",
}
