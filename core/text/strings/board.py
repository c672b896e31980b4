"""Strings of the class board and of the run store (workspaces, nickname, store problems)."""

EN = {
    "nav.board": "Class runs",
    "board.blurb": "Every run of the class side by side: sort them, overlay up to four, open one's predictions.",
    "board.title": "Class runs",
    "board.intro": "Every training run on this server. Pick up to four to overlay their curves; open a finished "
                   "run in the prediction page.",
    "board.empty": "No runs yet. Train one on the trainer page and it appears here for the whole class.",
    "board.col.pick": "Overlay",
    "board.col.run": "Run",
    "board.col.engine": "Engine",
    "board.col.settings": "Key settings",
    "board.col.state": "State",
    "board.col.epochs": "Epochs",
    "board.col.best": "Best val. accuracy",
    "board.col.seconds": "Seconds",
    "board.col.created": "Started",
    "board.col.hidden": "Hidden",
    "board.mine": "(you)",
    "board.sort": "Sort by",
    "board.sort.best": "Best validation accuracy",
    "board.sort.created": "Newest first",
    "board.sort.seconds": "Fastest first",
    "board.sort.nickname": "Name",
    "board.overlay": "Overlay the curves of",
    "board.overlay.placeholder": "Pick up to four runs",
    "board.overlay.help": "Up to four runs, anyone's.",
    "board.overlay.none": "Pick runs above to overlay their loss and accuracy curves.",
    "board.open": "Open a finished run in the prediction page",
    "board.open.button": "Study its predictions",
    "board.open.none": "No finished run with predictions yet.",
    "board.delete": "Delete one of your runs",
    "board.delete.button": "Delete",
    "board.delete.none": "You have no ended runs to delete.",
    "board.deleted": "Run deleted.",
    "board.teacher.title": "Teacher tools",
    "board.teacher.hide": "Hide from the board",
    "board.teacher.hide.button": "Apply",
    "board.teacher.clear": "Delete every ended run",
    "board.teacher.clear.confirm": "Yes, delete every ended run of the class",
    "board.teacher.cleared": "Ended runs deleted: {n}. Runs still training go on; a deleted run cannot be brought "
                             "back.",
    "board.teacher.hidden": "Runs hidden from the class board: {n}. Students no longer see them there (their owners "
                            "still have them). To show a run again, take it out of this list and press Apply.",
    "board.teacher.hidden.none": "No run is hidden now: the class board shows every run to the students.",
    "board.teacher.size": "Run store: {runs} runs, {mb:.1f} MB in {path}",
    "board.run": "{nick} · Run {n}",
    "board.nick.nth": "{nick} ({k})",
    "store.nick": "Your name on the class board",
    "store.nick.help": "Letters, digits, spaces and . ' - ; up to 30 characters. Shown to the class.",
    "store.nick.empty": "A name needs at least one letter or digit. Your name was not changed.",
    "store.nick.long": "That name is too long (at most {max} characters). Your name was not changed.",
    "store.nick.chars": "Names may use letters, digits, spaces and . ' - only. Your name was not changed.",
    "store.nick.invisible": "That name has a character that shows nothing (a filler, a zero-width or control "
                            "character, or an accent on nothing). Your name was not changed.",
    "store.teacher.key": "Teacher key",
    "store.teacher.help": "Only the teacher knows it (set by the server's PLAYGROUND_TEACHER_KEY).",
    "store.teacher.wrong": "That key is not right. Try again in a few seconds.",
    "store.teacher.slow": "Too many wrong keys from this browser: wait {s} s before the next try.",
    "store.teacher.ok": "Teacher tools unlocked.",
    "store.teacher.off": "Teacher tools are off on this server (no PLAYGROUND_TEACHER_KEY set).",
    "store.teacher.lock": "Lock the teacher tools",
    "store.teacher.locked": "Teacher tools locked on this browser.",
    "store.identity": "This browser's runs: {n} (the newest {max} are kept). Other browsers only see them "
                      "on the class board.",
    "store.afresh": "Start afresh",
    "store.afresh.body": "For a computer the class shares. The next student on it gets a new name and an "
                         "empty list of runs. The runs so far stay on the class board under their name; "
                         "nobody can change them from this browser any more.",
    "store.afresh.go": "Start afresh on this computer",
    "store.no_cookies": "This browser does not keep cookies, so it cannot keep your runs: a reload or a new "
                        "tab starts with none (they stay on the class board). Allow cookies for this site "
                        "to keep them.",
    "store.afresh.done": "A fresh start: new name, no runs yet.",
    # the animals of the default names (core/runs/store.py anonymous_name)
    "store.animal.otter": "Otter",
    "store.animal.heron": "Heron",
    "store.animal.lynx": "Lynx",
    "store.animal.panda": "Panda",
    "store.animal.koala": "Koala",
    "store.animal.gecko": "Gecko",
    "store.animal.puffin": "Puffin",
    "store.animal.bison": "Bison",
    "store.animal.ibex": "Ibex",
    "store.animal.marten": "Marten",
    "store.animal.tapir": "Tapir",
    "store.animal.quokka": "Quokka",
    "store.animal.okapi": "Okapi",
    "store.animal.walrus": "Walrus",
    "store.animal.magpie": "Magpie",
    "store.animal.badger": "Badger",
    "pred.hidden": "The teacher hid that run from the class, so it cannot be opened.",
    "store.problem.damaged": "Runs are not being saved: the server's run store is damaged. Training still "
                             "works, but new runs disappear on reload. Tell your teacher.",
    "store.problem.newer": "Runs are not being saved: the server's run store comes from a newer version of "
                           "this app. Training still works, but new runs disappear on reload. Tell your teacher.",
    "store.problem.busy": "Saving is waiting: the run store is busy. Training goes on, and what it records is "
                          "saved as soon as the store is free (it keeps trying on its own).",
    "store.problem.full": "Saving is waiting: the server's disk is full. Training goes on, and what it records "
                          "is saved once there is room (it keeps trying). Tell your teacher.",
    "store.problem.readonly": "Saving is waiting: the server may not write its run store. Training goes on, and "
                              "what it records is saved once it may (it keeps trying). Tell your teacher.",
    "store.problem.unreadable": "Saving is waiting: the server cannot open its run store. Training goes on, "
                                "and what it records is saved once it can (it keeps trying). Tell your teacher.",
    "store.fix.damaged": "For the teacher: move the file away (or set PLAYGROUND_DATA_DIR to another folder) "
                         "and restart the server. The server log has the same details.",
    "store.fix.newer": "For the teacher: update the app, or set PLAYGROUND_DATA_DIR to another folder and "
                       "restart the server. The server log has the same details.",
    "store.fix.busy": "For the teacher: another program (or server process) holds the file's lock. Saving "
                      "resumes by itself when it lets go.",
    "store.fix.full": "For the teacher: free some space on that disk (or lower PLAYGROUND_MAX_RUNS). Saving "
                      "resumes by itself; no restart is needed.",
    "store.fix.readonly": "For the teacher: make the folder writable for the server's user (or set "
                          "PLAYGROUND_DATA_DIR to a writable folder). Saving resumes by itself.",
    "store.fix.unreadable": "For the teacher: check that the folder exists and the file's permissions (or set "
                            "PLAYGROUND_DATA_DIR). Saving resumes by itself once it can open it.",
    "train.state.interrupted": "Interrupted (the server restarted)",
    "pred.readonly": "{nick}'s run #{number} (read only).",
}

KO = {
    "nav.board": "학급 실행 기록",
    "board.blurb": "학급 전체의 실행을 나란히: 정렬하고, 네 개까지 겹쳐 보고, 예측을 열어 봅니다.",
    "board.title": "학급 실행 기록",
    "board.intro": "이 서버의 모든 훈련 실행입니다. 네 개까지 골라 곡선을 겹쳐 보고, 끝난 실행은 예측 페이지에서 열어 보세요.",
    "board.empty": "아직 실행이 없습니다. 훈련 페이지에서 하나를 훈련하면 학급 모두에게 여기에 나타납니다.",
    "board.col.pick": "겹쳐 보기",
    "board.col.run": "실행",
    "board.col.engine": "엔진",
    "board.col.settings": "주요 설정",
    "board.col.state": "상태",
    "board.col.epochs": "에포크",
    "board.col.best": "최고 검증 정확도",
    "board.col.seconds": "초",
    "board.col.created": "시작",
    "board.col.hidden": "숨김",
    "board.mine": "(나)",
    "board.sort": "정렬",
    "board.sort.best": "최고 검증 정확도",
    "board.sort.created": "최신순",
    "board.sort.seconds": "빠른 순",
    "board.sort.nickname": "이름",
    "board.overlay": "곡선을 겹쳐 볼 실행",
    "board.overlay.placeholder": "실행을 네 개까지 고르세요",
    "board.overlay.help": "누구의 실행이든 네 개까지 고를 수 있습니다.",
    "board.overlay.none": "위에서 실행을 고르면 손실과 정확도 곡선을 겹쳐 보여 줍니다.",
    "board.open": "끝난 실행을 예측 페이지에서 열기",
    "board.open.button": "예측 살펴보기",
    "board.open.none": "아직 예측이 있는 끝난 실행이 없습니다.",
    "board.delete": "내 실행 하나 지우기",
    "board.delete.button": "지우기",
    "board.delete.none": "지울 수 있는 끝난 실행이 없습니다.",
    "board.deleted": "실행을 지웠습니다.",
    "board.teacher.title": "선생님 도구",
    "board.teacher.hide": "게시판에서 숨기기",
    "board.teacher.hide.button": "적용",
    "board.teacher.clear": "끝난 실행 모두 지우기",
    "board.teacher.clear.confirm": "네, 학급의 끝난 실행을 모두 지웁니다",
    "board.teacher.cleared": "지운 끝난 실행: {n}개. 훈련 중인 실행은 계속되며, 지운 실행은 되돌릴 수 없습니다.",
    "board.teacher.hidden": "학급 게시판에서 숨긴 실행: {n}개. 학생들에게는 더 이상 보이지 않습니다(주인에게는 그대로 "
                            "있습니다). 다시 보이게 하려면 이 목록에서 빼고 적용을 누르세요.",
    "board.teacher.hidden.none": "지금 숨긴 실행이 없습니다. 학급 게시판에 모든 실행이 학생들에게 보입니다.",
    "board.teacher.size": "실행 저장소: 실행 {runs}개, {mb:.1f} MB ({path})",
    "board.run": "{nick} · 실행 {n}",
    "board.nick.nth": "{nick} ({k})",
    "store.nick": "학급 게시판에 보일 내 이름",
    "store.nick.help": "글자, 숫자, 공백과 . ' - 만, 30자까지. 학급 모두에게 보입니다.",
    "store.nick.empty": "이름에는 글자나 숫자가 하나 이상 있어야 합니다. 이름은 바뀌지 않았습니다.",
    "store.nick.long": "이름이 너무 깁니다({max}자까지). 이름은 바뀌지 않았습니다.",
    "store.nick.chars": "이름에는 글자, 숫자, 공백과 . ' - 만 쓸 수 있습니다. 이름은 바뀌지 않았습니다.",
    "store.nick.invisible": "이름에 보이지 않는 문자(채움 문자, 폭이 없는 문자나 제어 문자, 글자 없이 쓴 "
                            "결합 기호)가 있습니다. 이름은 바뀌지 않았습니다.",
    "store.teacher.key": "선생님 키",
    "store.teacher.help": "선생님만 아는 키입니다(서버의 PLAYGROUND_TEACHER_KEY로 정합니다).",
    "store.teacher.wrong": "키가 맞지 않습니다. 몇 초 뒤에 다시 해 보세요.",
    "store.teacher.slow": "이 브라우저에서 틀린 키를 너무 많이 입력했습니다. {s}초 기다린 뒤 다시 해 보세요.",
    "store.teacher.ok": "선생님 도구를 열었습니다.",
    "store.teacher.off": "이 서버에서는 선생님 도구가 꺼져 있습니다(PLAYGROUND_TEACHER_KEY가 없음).",
    "store.teacher.lock": "선생님 도구 잠그기",
    "store.teacher.locked": "이 브라우저의 선생님 도구를 잠갔습니다.",
    "store.identity": "이 브라우저의 실행: {n}개(최근 {max}개까지 보관). 다른 브라우저에서는 학급 게시판에서 "
                      "보기만 할 수 있습니다.",
    "store.afresh": "새로 시작",
    "store.afresh.body": "여럿이 같이 쓰는 컴퓨터를 위한 것입니다. 이 컴퓨터의 다음 학생은 새 이름과 빈 실행 "
                         "목록으로 시작합니다. 지금까지의 실행은 그 이름으로 학급 게시판에 남고, 이 브라우저에서는 "
                         "더 이상 바꿀 수 없습니다.",
    "store.afresh.go": "이 컴퓨터에서 새로 시작",
    "store.no_cookies": "이 브라우저는 쿠키를 저장하지 않아 내 실행을 기억할 수 없습니다. 새로 고치거나 새 탭을 "
                        "열면 실행 없이 시작합니다(실행은 학급 게시판에 남습니다). 이 사이트의 쿠키를 허용하면 "
                        "계속 이어집니다.",
    "store.afresh.done": "새로 시작했습니다: 새 이름, 아직 실행 없음.",
    # the animals of the default names (core/runs/store.py anonymous_name)
    "store.animal.otter": "수달",
    "store.animal.heron": "왜가리",
    "store.animal.lynx": "스라소니",
    "store.animal.panda": "판다",
    "store.animal.koala": "코알라",
    "store.animal.gecko": "게코도마뱀",
    "store.animal.puffin": "퍼핀",
    "store.animal.bison": "들소",
    "store.animal.ibex": "아이벡스",
    "store.animal.marten": "담비",
    "store.animal.tapir": "말레이맥",
    "store.animal.quokka": "쿼카",
    "store.animal.okapi": "오카피",
    "store.animal.walrus": "바다코끼리",
    "store.animal.magpie": "까치",
    "store.animal.badger": "오소리",
    "pred.hidden": "선생님이 학급에서 숨긴 실행이라 열 수 없습니다.",
    "store.problem.damaged": "실행이 저장되지 않고 있습니다: 서버의 실행 저장소가 손상되었습니다. 훈련은 되지만 새 "
                             "실행은 새로 고치면 사라집니다. 선생님께 알려 주세요.",
    "store.problem.newer": "실행이 저장되지 않고 있습니다: 서버의 실행 저장소를 이 앱의 더 새로운 버전이 썼습니다. "
                           "훈련은 되지만 새 실행은 새로 고치면 사라집니다. 선생님께 알려 주세요.",
    "store.problem.busy": "저장을 기다리는 중입니다: 실행 저장소가 사용 중입니다. 훈련은 계속되고, 기록한 내용은 "
                          "저장소가 비는 대로 저장됩니다(스스로 계속 다시 시도합니다).",
    "store.problem.full": "저장을 기다리는 중입니다: 서버의 디스크가 가득 찼습니다. 훈련은 계속되고, 기록한 내용은 "
                          "자리가 생기면 저장됩니다(계속 다시 시도합니다). 선생님께 알려 주세요.",
    "store.problem.readonly": "저장을 기다리는 중입니다: 서버가 실행 저장소에 쓸 수 없습니다. 훈련은 계속되고, 기록한 "
                              "내용은 쓸 수 있게 되면 저장됩니다(계속 다시 시도합니다). 선생님께 알려 주세요.",
    "store.problem.unreadable": "저장을 기다리는 중입니다: 서버가 실행 저장소를 열 수 없습니다. 훈련은 계속되고, "
                                "기록한 내용은 열 수 있게 되면 저장됩니다(계속 다시 시도합니다). 선생님께 알려 주세요.",
    "store.fix.damaged": "선생님께: 파일을 다른 곳으로 옮기거나 PLAYGROUND_DATA_DIR을 다른 폴더로 정하고 서버를 다시 "
                         "시작하세요. 서버 로그에도 같은 내용이 있습니다.",
    "store.fix.newer": "선생님께: 앱을 업데이트하거나 PLAYGROUND_DATA_DIR을 다른 폴더로 정하고 서버를 다시 시작하세요. "
                       "서버 로그에도 같은 내용이 있습니다.",
    "store.fix.busy": "선생님께: 다른 프로그램(또는 다른 서버 프로세스)이 파일을 잠그고 있습니다. 잠금이 풀리면 저장이 "
                      "스스로 다시 시작됩니다.",
    "store.fix.full": "선생님께: 그 디스크의 공간을 비우세요(또는 PLAYGROUND_MAX_RUNS를 줄이세요). 저장은 스스로 다시 "
                      "시작되며, 서버를 다시 시작할 필요는 없습니다.",
    "store.fix.readonly": "선생님께: 서버의 사용자가 폴더에 쓸 수 있게 하세요(또는 PLAYGROUND_DATA_DIR을 쓸 수 있는 "
                          "폴더로 정하세요). 저장은 스스로 다시 시작됩니다.",
    "store.fix.unreadable": "선생님께: 폴더가 있는지와 파일 권한을 확인하세요(또는 PLAYGROUND_DATA_DIR을 정하세요). "
                            "열 수 있게 되면 저장이 스스로 다시 시작됩니다.",
    "train.state.interrupted": "중단됨(서버가 다시 시작됨)",
    "pred.readonly": "{nick}의 실행 #{number} (읽기 전용).",
}
