"""Strings of the lesson: the teacher leads, the class follows."""

EN = {
    "lesson.lead": "Lead the class",
    "lesson.lead.help": "Every student's screen shows the page and settings you show, within two seconds. "
                        "Each student keeps their own language and may leave with \"Follow the teacher\".",
    "lesson.pause": "Pause the class",
    "lesson.resume": "Resume the class",
    "lesson.names": "Show nicknames with runs",
    "lesson.names.help": "When you show a student's run on the predictions page, the class sees whose it "
                         "is only while this is on.",
    "lesson.board_tools": "Hide or clear class runs",
    "lesson.counts": "Students: **{following}** following · **{left}** left · {connected} connected",
    "lesson.counts.paused": "Paused. Students: **{following}** following · **{left}** left · {connected} connected",
    "lesson.follow": "Follow the teacher",
    "lesson.follow.help": "While on, your screen shows what the teacher shows. Turn it off to explore on your "
                          "own; turn it on again to jump back.",
    "lesson.following": "Your screen follows the teacher's lesson. To explore on your own, turn off "
                        "\"Follow the teacher\" in the sidebar.",
    "lesson.left": "You left the teacher's lesson. Turn on \"Follow the teacher\" in the sidebar to go back.",
    "lesson.paused": "Eyes on the teacher",
    "lesson.paused.body": "Your teacher paused the class. This page comes back when the lesson goes on.",
    "lesson.teacher_left": "The teacher has left the lesson for now. Explore on your own: your screen follows "
                           "again when the teacher is back.",
    "lesson.taken": "The class is led from another tab or browser now.",
    "lesson.ended": "The lesson has ended.",
    "lesson.store_off": "A lesson needs the run store, and it is not working: see the message on the trainer page.",
    "lesson.shown": "The run your teacher shows: run #{number} (read only).",
    "lesson.shown.pick": "Shown by the teacher: run #{number}",
}

KO = {
    "lesson.lead": "수업 이끌기",
    "lesson.lead.help": "선생님이 보이는 페이지와 설정이 2초 안에 모든 학생 화면에 나타납니다. 언어는 학생마다 "
                        "그대로이고, 학생은 '선생님 따라가기'를 꺼서 따로 둘러볼 수 있습니다.",
    "lesson.pause": "수업 잠시 멈추기",
    "lesson.resume": "수업 다시 시작",
    "lesson.names": "실행에 별명 보이기",
    "lesson.names.help": "예측 페이지에서 학생의 실행을 보일 때, 이 스위치가 켜져 있을 때만 누구의 실행인지 "
                         "학급에 보입니다.",
    "lesson.board_tools": "학급 실행 숨기기·지우기",
    "lesson.counts": "학생: 따라오는 학생 **{following}**명 · 나간 학생 **{left}**명 · 연결 {connected}명",
    "lesson.counts.paused": "멈춤. 학생: 따라오는 학생 **{following}**명 · 나간 학생 **{left}**명 · 연결 {connected}명",
    "lesson.follow": "선생님 따라가기",
    "lesson.follow.help": "켜 두면 선생님이 보이는 화면이 내 화면에 나타납니다. 끄면 혼자 둘러볼 수 있고, "
                          "다시 켜면 선생님 화면으로 돌아갑니다.",
    "lesson.following": "내 화면이 선생님의 수업을 따라갑니다. 혼자 둘러보려면 사이드바에서 '선생님 따라가기'를 끄세요.",
    "lesson.left": "선생님의 수업에서 나왔습니다. 돌아가려면 사이드바에서 '선생님 따라가기'를 켜세요.",
    "lesson.paused": "선생님을 봐 주세요",
    "lesson.paused.body": "선생님이 수업을 잠시 멈췄습니다. 수업이 이어지면 이 페이지가 다시 나타납니다.",
    "lesson.teacher_left": "선생님이 잠시 수업을 떠났습니다. 혼자 둘러보세요. 선생님이 돌아오면 다시 따라갑니다.",
    "lesson.taken": "지금은 다른 탭이나 브라우저에서 수업을 이끌고 있습니다.",
    "lesson.ended": "수업이 끝났습니다.",
    "lesson.store_off": "수업에는 실행 저장소가 필요한데 지금 작동하지 않습니다. 학습 페이지의 안내를 보세요.",
    "lesson.shown": "선생님이 보여 주는 실행: 실행 #{number} (읽기 전용).",
    "lesson.shown.pick": "선생님이 보여 주는 실행 #{number}",
}
