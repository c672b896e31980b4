"""Strings shared by the app shell and several pages."""

EN = {
    "app.title": "Classification Playground",
    "app.language": "Language",
    "app.about.title": "About",
    "app.about.body": (
        "An interactive companion to *Do it! Deep Learning* ch. 7 and Andrew Ng's softmax lecture: "
        "move the numbers, watch the network's maths react."
    ),
    "nav.home": "Home",
    "nav.section.explore": "Explore the maths",
    "common.reset": "Reset",
    "common.choose": "Choose an option",
    "common.choose_many": "Choose options",
    # Streamlit's own words in its widgets, said again in the page's language (ui/browser.py)
    "common.widget.upload": "Upload",
    "common.widget.select_all": "Select all",
    "common.widget.select_matches": "Select all matches",
    "common.widget.none_left": "No options left to choose",
    "common.widget.enter": "Press Enter to apply",
    "common.widget.drop": "Drop the file here",
    "common.widget.tip.columns": "Show/hide columns",
    "common.widget.tip.csv": "Download as CSV",
    "common.widget.tip.search": "Search",
    "common.widget.tip.fullscreen": "Fullscreen",
    "common.widget.tip.close_fullscreen": "Close fullscreen",
    "common.beyond_slider": "Beyond the slider: the box holds {value}; the slider covers {lo} … {hi} only.",
    "common.share_hint": "The address bar holds this page's settings: copy it to share exactly this view.",
    "toy.x_label": "x (toy input)",
    "exam.x_label": "exam score",
    "common.bad_url": "Some values in the link were not valid and were ignored: {names}. Defaults are shown instead.",
    "common.presenter": "Presenter view",
    "common.presenter.help": (
        "For a projector: larger type and chart text, each page's explanation folded, the small print hidden and "
        "this sidebar folded (its arrow at the top left brings it back). The address keeps it: ?present=1."
    ),
    "common.presenter.about": "About this page",
}

KO = {
    "app.title": "분류 놀이터",
    "app.language": "언어",
    "app.about.title": "소개",
    "app.about.body": (
        "《Do it! 딥러닝 입문》 7장과 앤드류 응의 소프트맥스 강의를 위한 실습 도구입니다. "
        "숫자를 움직이며 신경망의 수학이 어떻게 반응하는지 확인하세요."
    ),
    "nav.home": "홈",
    "nav.section.explore": "수학 탐구",
    "common.reset": "초기화",
    "common.choose": "하나를 고르세요",
    "common.choose_many": "하나 이상 고르세요",
    "common.widget.upload": "파일 고르기",
    "common.widget.select_all": "모두 고르기",
    "common.widget.select_matches": "찾은 항목 모두 고르기",
    "common.widget.none_left": "고를 수 있는 항목이 없습니다",
    "common.widget.enter": "Enter 키를 누르면 적용됩니다",
    "common.widget.drop": "여기에 파일을 놓으세요",
    "common.widget.tip.columns": "열 보이기/숨기기",
    "common.widget.tip.csv": "CSV 파일로 내려받기",
    "common.widget.tip.search": "검색",
    "common.widget.tip.fullscreen": "전체 화면",
    "common.widget.tip.close_fullscreen": "전체 화면 닫기",
    "common.beyond_slider": "슬라이더 범위 밖: 입력 칸의 값은 {value}이고, 슬라이더는 {lo} … {hi}까지만 움직입니다.",
    "common.share_hint": "주소창에 이 페이지의 설정이 담겨 있습니다. 복사해서 공유하면 같은 화면이 열립니다.",
    "toy.x_label": "x (예제 입력)",
    "exam.x_label": "시험 점수",
    "common.bad_url": "링크의 일부 값이 올바르지 않아 무시했습니다: {names}. 대신 기본값을 보여 줍니다.",
    "common.presenter": "발표 화면",
    "common.presenter.help": (
        "프로젝터용 화면입니다. 글자와 차트 글씨를 키우고, 페이지 설명은 접고, 작은 안내 글은 숨기며, 이 사이드바도 "
        "접습니다(왼쪽 위 화살표로 다시 열 수 있습니다). 주소에 ?present=1로 남습니다."
    ),
    "common.presenter.about": "이 페이지 설명",
}
