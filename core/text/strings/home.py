"""Strings of the home page."""

EN = {
    "home.intro": (
        "How does a neural network decide that a picture is a **sneaker** and not a **sandal**? "
        "Each page here isolates one piece of the answer — the **sigmoid** that turns a score into a "
        "probability, the **softmax** that shares probability among classes, the **cross-entropy** "
        "loss that the network minimises — and lets you move the numbers yourself."
    ),
    "home.howto.title": "How to use it in class",
    "home.howto.body": (
        "- Pick a page in the sidebar; every slider redraws the charts at once.\n"
        "- The address bar keeps each page's settings, so a teacher can share one link and every "
        "student opens exactly the same view.\n"
        "- Switch the language in the sidebar at any time; the link keeps it too."
    ),
}

KO = {
    "home.intro": (
        "신경망은 어떻게 사진이 **샌들**이 아니라 **스니커즈**라고 판단할까요? "
        "여기의 각 페이지는 그 답의 한 조각을 떼어 보여 줍니다. 점수를 확률로 바꾸는 **시그모이드**, "
        "여러 클래스에 확률을 나누는 **소프트맥스**, 신경망이 최소화하는 **크로스 엔트로피** 손실을 "
        "직접 숫자를 움직이며 살펴보세요."
    ),
    "home.howto.title": "수업에서 쓰는 방법",
    "home.howto.body": (
        "- 사이드바에서 페이지를 고르세요. 슬라이더를 움직이면 그래프가 바로 다시 그려집니다.\n"
        "- 주소창에 각 페이지의 설정이 저장되므로, 교사가 링크 하나를 공유하면 모든 학생이 같은 화면을 엽니다.\n"
        "- 사이드바에서 언제든 언어를 바꿀 수 있고, 링크에도 함께 저장됩니다."
    ),
}
