"""Strings of the questions the sigmoid explorer, the loss viewer and the predictions page put to the class."""

EN = {
    # the sigmoid explorer
    "q.sigmoid.midpoint": "At W = {w}, b = {b}: where is σ(Wx + b) = 0.5? Give x (right within ±{tol}).",
    "q.sigmoid.midpoint.why": "σ(z) = 0.5 exactly where z = Wx + b = 0, so x = −b/W = −({b}) / {w} = **{m}**: "
                              "the midpoint.",
    "q.sigmoid.double": "At W = {w}, b = {b}: double W to {w2} and keep b. Does the midpoint move?",
    "q.sigmoid.double.same": "It stays where it is",
    "q.sigmoid.double.in": "It moves towards x = 0",
    "q.sigmoid.double.out": "It moves away from x = 0",
    "q.sigmoid.double.flip": "It jumps to the other side of x = 0",
    "q.sigmoid.double.why": "The midpoint −b/W becomes −b/(2W), half of it: from x = {m0} to x = **{m1}**. "
                            "The curve also gets twice as steep there. Only with b = 0 does it stay, at 0.",
    "q.sigmoid.slope": "At W = {w}, b = {b}: what is the slope of the curve at its midpoint? (right within ±{tol})",
    "q.sigmoid.slope.why": "At the midpoint z = 0, and σ′(0) = σ(0)(1 − σ(0)) = 1/4, so the slope is W/4 = {w}/4 = "
                           "**{s}**.",
    # the loss viewer
    "q.loss.binary": "The label is y = {y} and the prediction a = {a}, so the true class gets p = {p}. What is "
                     "the loss? (natural log; right within ±{tol})",
    "q.loss.binary.why": "Only the true class's term is left: L = −ln p = −ln {p} = **{loss}** (p is first clipped "
                         "to [ε, 1 − ε], ε = {eps}).",
    "q.loss.steeper": "The label is y = {y} and the logit z = {z}. Which loss gives the larger gradient ∂L/∂z here?",
    "q.loss.steeper.ce": "Cross-entropy",
    "q.loss.steeper.mse": "Squared error",
    "q.loss.steeper.same": "Both the same",
    "q.loss.steeper.why": "Cross-entropy's gradient is a − y, here {ce} in size; squared error multiplies it by "
                          "a(1 − a) ≤ 1/4, leaving {mse}. Cross-entropy pushes **×{ratio}** harder.",
    "q.loss.multi": "The probabilities are a = ({probs}) and the true class is class {c}. What is the "
                    "cross-entropy loss? (natural log; right within ±{tol})",
    "q.loss.multi.why": "One-hot y keeps only class {c}'s term: L = −ln a_{c} = −ln {p} = **{loss}**.",
    "q.loss.clip": "With ε = {eps}: what does a certain mistake cost, the label y = 1 and the prediction a = 0? "
                   "(natural log; right within ±{tol})",
    "q.loss.clip.why": "a = 0 is clipped up to ε = {eps}, so L = −ln ε = {k} · ln 10 = **{loss}** instead of "
                       "−ln 0 = ∞.",
    # the predictions page
    "q.pred.pair": "{split}: which two classes does this run confuse most (mistakes both ways counted)?",
    "q.pred.pair.choice": "{a} ↔ {b}",
    "q.pred.pair.why": "Those two were mixed up **{n}** times: {ab} one way and {ba} the other.",
    "q.pred.accuracy": "{split}: what is this run's accuracy, in %? (right within ±{tol} percentage points)",
    "q.pred.accuracy.why": "{right:,} of {n:,} images on the confusion matrix's diagonal: **{acc}**.",
    "q.pred.worst": "{split}: which class does this run get wrong most often (the lowest share of its images "
                    "recognised)?",
    "q.pred.worst.why": "Only {right:,} of its {n:,} images were recognised: recall **{recall}**, the lowest of all "
                        "classes.",
}

KO = {
    "q.sigmoid.midpoint": "W = {w}, b = {b}일 때 σ(Wx + b) = 0.5가 되는 x는 얼마일까요? (±{tol} 이내면 정답)",
    "q.sigmoid.midpoint.why": "σ(z) = 0.5는 z = Wx + b = 0일 때뿐이므로 x = −b/W = −({b}) / {w} = **{m}**: "
                              "중간점입니다.",
    "q.sigmoid.double": "W = {w}, b = {b}에서 b는 그대로 두고 W를 두 배로 하면 (W = {w2}) 중간점이 움직일까요?",
    "q.sigmoid.double.same": "그대로 있다",
    "q.sigmoid.double.in": "x = 0 쪽으로 움직인다",
    "q.sigmoid.double.out": "x = 0에서 멀어진다",
    "q.sigmoid.double.flip": "x = 0의 반대편으로 넘어간다",
    "q.sigmoid.double.why": "중간점 −b/W가 −b/(2W), 즉 절반이 됩니다: x = {m0} → x = **{m1}**. "
                            "그곳의 곡선도 두 배로 가팔라집니다. b = 0일 때만 0에 그대로 있습니다.",
    "q.sigmoid.slope": "W = {w}, b = {b}일 때 중간점에서 곡선의 기울기는 얼마일까요? (±{tol} 이내면 정답)",
    "q.sigmoid.slope.why": "중간점에서는 z = 0이고 σ′(0) = σ(0)(1 − σ(0)) = 1/4이므로 기울기는 W/4 = {w}/4 = "
                           "**{s}**입니다.",
    "q.loss.binary": "레이블 y = {y}, 예측 a = {a}이므로 정답 클래스의 확률은 p = {p}입니다. 손실은 얼마일까요? "
                     "(자연로그, ±{tol} 이내면 정답)",
    "q.loss.binary.why": "정답 클래스의 항만 남습니다: L = −ln p = −ln {p} = **{loss}** (p는 먼저 [ε, 1 − ε]로 "
                         "클리핑, ε = {eps}).",
    "q.loss.steeper": "레이블 y = {y}, 로짓 z = {z}입니다. 여기서 그래디언트 ∂L/∂z가 더 큰 손실 함수는 무엇일까요?",
    "q.loss.steeper.ce": "크로스 엔트로피",
    "q.loss.steeper.mse": "제곱 오차",
    "q.loss.steeper.same": "둘이 같다",
    "q.loss.steeper.why": "크로스 엔트로피의 그래디언트는 a − y로 크기가 {ce}입니다. 제곱 오차는 여기에 "
                          "a(1 − a) ≤ 1/4를 곱해 {mse}만 남습니다. 크로스 엔트로피가 **×{ratio}** 더 세게 밉니다.",
    "q.loss.multi": "확률이 a = ({probs})이고 정답 클래스는 클래스 {c}입니다. 크로스 엔트로피 손실은 얼마일까요? "
                    "(자연로그, ±{tol} 이내면 정답)",
    "q.loss.multi.why": "원-핫 y는 클래스 {c}의 항만 남깁니다: L = −ln a_{c} = −ln {p} = **{loss}**.",
    "q.loss.clip": "ε = {eps}일 때, 레이블 y = 1인데 예측이 a = 0인 확신에 찬 오답의 손실은 얼마일까요? "
                   "(자연로그, ±{tol} 이내면 정답)",
    "q.loss.clip.why": "a = 0은 클리핑되어 ε이 되므로 (ε = {eps}) L = −ln ε = {k} · ln 10 = **{loss}**입니다. "
                       "클리핑이 없으면 −ln 0 = ∞입니다.",
    "q.pred.pair": "{split}: 이 실행이 가장 많이 헷갈린 두 클래스는 무엇일까요? (양쪽 방향의 오답을 모두 셉니다)",
    "q.pred.pair.choice": "{a} ↔ {b}",
    "q.pred.pair.why": "두 클래스가 **{n}**번 뒤바뀌었습니다: 한쪽으로 {ab}번, 반대쪽으로 {ba}번.",
    "q.pred.accuracy": "{split}: 이 실행의 정확도는 몇 %일까요? (±{tol}%p 이내면 정답)",
    "q.pred.accuracy.why": "이미지 {n:,}장 중 {right:,}장이 오차 행렬의 대각선에 있습니다: **{acc}**.",
    "q.pred.worst": "{split}: 이 실행이 가장 자주 오답을 내는 클래스는 무엇일까요? (자기 이미지를 맞힌 비율이 "
                    "가장 낮은 클래스)",
    "q.pred.worst.why": "이미지 {n:,}장 중 {right:,}장만 맞혔습니다: 재현율 **{recall}**, 모든 클래스 중 가장 "
                        "낮습니다.",
}
