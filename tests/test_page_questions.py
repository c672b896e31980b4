"""AppTest checks of "predict, then reveal" in one server process: a teacher asks, students answer once
each (changeable), nobody sees an answer before the reveal, the reveal shows each student the truth and
the class's answers and moves every screen to the answer's settings; a student alone checks a prediction
for every question a page offers."""
import json

import pytest
from streamlit.testing.v1 import AppTest

from core.questions.bank import BANK
from tests.test_page_board import trained_tab
from tests.test_page_lesson import leading_teacher, tab, teacher_key  # noqa: F401 (a fixture)
from ui.lesson import lessons
from ui.questions import asks

BOOK2 = {"n": "3", "z0": "0", "z1": "-1.39", "z2": "-2.2"}
PAGES = {"softmax": "views/softmax_explorer.py", "sigmoid": "views/sigmoid_explorer.py",
         "loss": "views/loss_viewer.py", "regions": "views/regions.py", "trainer": "views/trainer.py",
         "predictions": "views/predictions.py"}


def open_popover(at: AppTest) -> AppTest:
    at.session_state["qs_pop"] = True
    return at.run()


def texts(at: AppTest) -> str:
    return " ".join(e.value for kind in ("markdown", "info", "success", "warning", "error") for e in at.get(kind))


def charts(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("plotly_chart")]


def ask(teacher: AppTest, qid: str) -> str:
    open_popover(teacher)
    teacher.selectbox(key="qs_ask_pick").set_value(qid).run()
    teacher.button(key="qs_ask").click().run()
    assert not teacher.exception, teacher.exception
    return lessons().current().ask


def answer(student: AppTest, value) -> AppTest:
    student.run()
    if isinstance(value, str):
        student.radio(key="qa_pick").set_value(value)
    else:
        student.number_input(key="qa_num").set_value(value)
    student.button(key="qa_send").click().run()
    assert not student.exception, student.exception
    return student


def test_ask_answer_reveal(app_path, teacher_key):
    """Check the round trip: three students answer (one changes their mind), the teacher sees the count 3
    and no student sees another's answer or a chart of them before the reveal; after it each student reads
    the truth and their own result, and the bars hold the three final answers."""
    teacher = leading_teacher(app_path)
    teacher.query_params.update(BOOK2)
    teacher.switch_page(PAGES["softmax"]).run()
    students = [tab(app_path, lang) for lang in ("en", "ko", "en")]
    ask_id = ask(teacher, "softmax.p1")
    drawn = [len(charts(s.run())) for s in students]  # the page's own charts
    answer(students[0], 0.9)
    for s, v in zip(students, (0.74, 0.5, 0.2)):
        answer(s, v)
    assert asks().count(ask_id) == 3
    assert "Answers so far: **3**" in texts(teacher.run())
    for s, own, others in zip(students, ("0.740", "0.500", "0.200"), (("0.500", "0.200"), ("0.740", "0.200"),
                                                                        ("0.740", "0.500"))):
        s.run()
        assert [len(charts(s))] == drawn[:1] and s.number_input(key="qa_num").value == float(own)
        assert not any(o.rstrip("0") in texts(s) for o in others)
    teacher.button(key="qs_reveal").click().run()
    truth = asks().get(ask_id).truth["value"]
    assert truth == pytest.approx(0.73536, abs=1e-5)  # SciPy: softmax([0, -1.39, -2.2])[0]
    results = []
    for s in students:
        s.run()
        assert not s.exception, s.exception
        results.append(texts(s))
        bars = charts(s)[0]["data"][0]
        assert bars["type"] == "bar" and sum(bars["y"]) == 3
    assert "The answer: **0.735**" in results[0] and "Right!" in results[0]
    assert "정답: **0.735**" in results[1] and "±0.02보다 큽니다" in results[1]
    assert sorted(float(v) for v in asks().answers(ask_id)) == [0.2, 0.5, 0.74]


def test_the_reveal_moves_every_screen_to_the_answer(app_path, teacher_key):
    """Check that revealing "add 1 to every logit" sets the shift one higher on the teacher's screen and
    the following student's (the page showing the answer), and that closing takes the card away."""
    teacher = leading_teacher(app_path)
    teacher.query_params.update(BOOK2)
    teacher.switch_page(PAGES["softmax"]).run()
    student = tab(app_path, "ko")
    ask(teacher, "softmax.shift")
    answer(student, "up")
    teacher.button(key="qs_reveal").click().run()
    assert teacher.query_params["c"] == "1"
    student.run()
    assert student.query_params["c"] == "1" and "변하지 않는다" in texts(student)
    teacher.button(key="qs_close").click().run()
    student.run()
    assert lessons().current().ask is None and "선생님의 질문" not in texts(student)


def offered(at: AppTest, page: str) -> list[str]:
    """The ids of the questions the page offers now (the picker shows their texts)."""
    box = at.selectbox(key="qs_self_pick")

    def shown(qid):
        try:
            return box.format_func(qid)  # the page's picker knows only the ids it offers
        except KeyError:
            return None
    found = [qid for qid in BANK if BANK[qid].page == page and shown(qid) in box.options]
    assert len(found) == len(box.options)
    return found


def check_every_question(at: AppTest, page: str) -> list[str]:
    """Predict first, on every question the page offers: a first answer (0, or the first choice) gets a
    result under the truth; the truth itself then reads "Right!". Returns the questions checked."""
    open_popover(at)
    qids = offered(at, page)
    for qid in qids:
        for attempt in ("first", "truth"):
            open_popover(at)
            at.selectbox(key="qs_self_pick").set_value(qid).run()
            value = at.session_state["qs_self"]["truth"]["value"] if attempt == "truth" else None
            if BANK[qid].kind == "choice":
                box = at.radio(key="qs_pick")
                box.set_value(value if value is not None else next(iter(box.format_func.__self__)))  # dict.get's dict
            else:
                at.number_input(key="qs_num").set_value(value if value is not None else 0.0)
            at.button(key="qs_self_check").click().run()
            assert not at.exception, (qid, at.exception)
            shown = texts(at)
            assert at.session_state["qs_self"]["q"] == qid and ("The answer: " in shown), (qid, shown)
            assert attempt == "first" or "Right!" in shown, (qid, shown)
    return qids


@pytest.mark.parametrize("page,query", [("softmax", BOOK2), ("sigmoid", {"sw": "1", "sb": "-1"}),
                                        ("loss", {"t": "bin", "a": "0.1"}), ("loss", {"t": "multi"}),
                                        ("loss", {"t": "mse"}), ("loss", {"t": "clip"}),
                                        ("regions", {"rkind": "moons", "runits": "4", "rn": "150"})])
def test_predict_first_on_every_question_of_a_page(app_path, page, query):
    """Check that a student alone can check a prediction on each question the page offers at these
    settings (three on each explorer, one per tab of the loss viewer), with no exception."""
    at = tab(app_path, **query)
    at.switch_page(PAGES[page]).run()
    assert len(check_every_question(at, page)) >= (1 if page == "loss" else 3)


def test_predict_first_on_a_trained_run(app_path):
    """Check that the trainer (whose validation question reads the class's runs: this one, at its last
    epoch) and the predictions page of a finished run offer their questions and check each."""
    at, _ = trained_tab(app_path)
    assert len(check_every_question(at, "trainer")) == 3
    at.switch_page(PAGES["predictions"]).run()
    assert len(check_every_question(at, "predictions")) == 3


def test_a_bad_answer_gets_a_message_and_is_not_sent(app_path, teacher_key):
    """Check that a blank or out-of-range answer is refused with a message in the student's language and
    stores nothing, and that a good answer after it is taken."""
    teacher = leading_teacher(app_path)
    teacher.query_params.update(BOOK2)
    teacher.switch_page(PAGES["softmax"]).run()
    student = tab(app_path, "ko")
    ask_id = ask(teacher, "softmax.p1")
    student.run()
    student.button(key="qa_send").click().run()
    assert [e.value for e in student.error] == ["먼저 답을 입력하거나 고르세요."]
    answer(student, 1.5)
    assert [e.value for e in student.error] == ["0부터 1까지의 숫자로 답하세요."] and asks().count(ask_id) == 0
    answer(student, 0.7)
    assert not student.error and asks().count(ask_id) == 1
