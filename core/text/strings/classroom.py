"""Strings of the classroom: how students join the teacher's server (ui/join_box.py)."""

EN = {
    "join.button": "Show the join code",
    "join.title": "Join the class",
    "join.how": "On the same network as this computer, open this address in a browser or scan the code with a "
                "phone's camera.",
    "join.qr": "QR code of {url}",
    "join.local": "This server listens on this computer only: students cannot reach it. Stop it, then start it "
                  "for the classroom with this command in the playground's folder:",
    "join.local.then": "It listens on the classroom network and prints the teacher key; this box then shows the "
                       "address to type and its QR code.",
}

KO = {
    "join.button": "참여 주소 보이기",
    "join.title": "수업에 참여하기",
    "join.how": "이 컴퓨터와 같은 네트워크에서 브라우저로 이 주소를 열거나, 휴대폰 카메라로 코드를 찍으세요.",
    "join.qr": "{url}의 QR 코드",
    "join.local": "이 서버는 이 컴퓨터에서만 열려 있어서 학생들이 들어올 수 없습니다. 서버를 멈추고, 놀이터 폴더에서 "
                  "이 명령으로 수업용으로 다시 시작하세요:",
    "join.local.then": "그러면 학급 네트워크에서 열리고 선생님 키를 알려 줍니다. 그 뒤 이 창에 입력할 주소와 QR 코드가 "
                       "나옵니다.",
}
