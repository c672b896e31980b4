"""Browser test of "predict, then reveal": a teacher asks the class what p₁ is, three students (separate
browsers: two phones, a laptop; English and Korean) send three different answers, the teacher's count
reaches three without showing them, the reveal shows every student the truth, their own result and the
class's three answers as bars."""
import pytest

from core.questions.bank import BANK
from core.questions.softmax import context
from core.text.i18n import t
from tests.e2e.conftest import main, new_context, open_app, screenshot, unlock, wait_ready
from tests.e2e.test_lesson import TEACHER_KEY, lesson_server, sidebar_toggle  # noqa: F401 (a fixture)

pytestmark = pytest.mark.e2e

WAIT_MS = 10_000
BOOK2 = {"n": "3", "z0": "0", "z1": "-1.39", "z2": "-2.2"}  # the textbook's second example
STUDENTS = [(390, "en", "0.74"), (390, "ko", "0.5"), (1366, "ko", "0.2")]


def question_card(page):
    return page.locator(".st-key-cp-ask")


def drawn_counts(card) -> list[float]:
    """The bar heights of the class's answers as Plotly drew them in the card."""
    card.locator(".js-plotly-plot").first.wait_for(timeout=WAIT_MS)
    return card.locator(".js-plotly-plot").first.evaluate(
        "el => el.data.flatMap(tr => Array.from(tr.orientation === 'h' ? tr.x : tr.y))")


def test_the_class_predicts_then_sees_the_reveal(browser, lesson_server):
    """Check the round trip of a question in four browsers: ask, three answers, a count of three on the
    teacher's screen (and no answers anywhere), reveal, then the truth, each student's own result and bars
    of three answers on every student's screen, in each student's language."""
    url = lesson_server
    truth = BANK["softmax.p1"].truth(context([0, -1.39, -2.2], shift=0, temperature=1, labels="index")).value
    teacher_ctx = new_context(browser, 1366)
    student_ctx = [new_context(browser, width) for width, _, _ in STUDENTS]
    teacher, students = teacher_ctx.new_page(), [c.new_page() for c in student_ctx]
    try:
        query = "&".join(f"{k}={v}" for k, v in BOOK2.items())
        open_app(teacher, f"{url}/softmax?lang=en&{query}")
        unlock(teacher, TEACHER_KEY)
        for s, (_, lang, _) in zip(students, STUDENTS):
            open_app(s, f"{url}/?lang={lang}")
        sidebar_toggle(teacher, "lesson.lead").click()
        wait_ready(teacher)
        for s in students:  # following: on the teacher's page and settings
            s.wait_for_url(lambda u: "/softmax" in u and "z1=-1.39" in u, timeout=WAIT_MS)

        main(teacher).get_by_role("button", name=t("q.ask.open", "en")).click()
        body = teacher.locator("[data-testid='stPopoverBody']")
        body.get_by_role("button", name=t("q.ask", "en")).click()  # the first question, "what is p₁?"
        wait_ready(teacher)
        question_card(teacher).get_by_text(t("q.asked", "en", n=1)).wait_for(timeout=WAIT_MS)

        for s, (width, lang, answer) in zip(students, STUDENTS):
            card = question_card(s)
            card.get_by_text(t("q.from_teacher", lang, n=1)).wait_for(timeout=WAIT_MS)
            if width == 390:
                screenshot(s, f"questions-asked-{lang}-{width}", full_page=False)
            card.get_by_role("spinbutton").fill(answer)
            card.get_by_role("button", name=t("q.send", lang)).click()
            card.get_by_text(t("q.sent", lang, answer="X").split("**")[0]).wait_for(timeout=WAIT_MS)
            assert card.locator(".js-plotly-plot").count() == 0  # nobody's answers before the reveal

        count = t("q.count", "en", n=3).replace("**", "")
        question_card(teacher).get_by_text(count).wait_for(timeout=WAIT_MS)
        assert question_card(teacher).locator(".js-plotly-plot").count() == 0
        screenshot(teacher, "questions-count-en-1366", full_page=False)

        question_card(teacher).get_by_role("button", name=t("q.reveal", "en")).click()
        wait_ready(teacher)
        shown = f"{truth:.3f}".rstrip("0")
        for s, (width, lang, answer) in zip(students, STUDENTS):
            card = question_card(s)
            card.get_by_text(t("q.truth", lang, answer=shown).replace("**", "")).wait_for(timeout=WAIT_MS)
            right = abs(float(answer) - truth) <= 0.02
            mine = t("q.mine.number.right" if right else "q.mine.number.wrong", lang, answer=answer, off="X", tol="0.02")
            card.get_by_text(mine.split(":")[0]).wait_for(timeout=WAIT_MS)
            assert sum(drawn_counts(card)) == 3
            card.scroll_into_view_if_needed()
            screenshot(s, f"questions-reveal-{lang}-{width}", full_page=False)
        assert sum(drawn_counts(question_card(teacher))) == 3
        screenshot(teacher, "questions-reveal-en-1366")
    finally:
        for c in (teacher_ctx, *student_ctx):
            c.close()
