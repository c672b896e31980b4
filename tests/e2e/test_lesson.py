"""Browser test of a lesson: the teacher's screen leads three students' (separate browsers): the page, a
preset and a slider reach every following student; one leaves, stays put, comes back and jumps; pause
covers every following screen until the teacher resumes; the teacher sees the counts."""
import time
from urllib.parse import parse_qs, urlparse

import pytest

from core.pages import softmax_lab as lab
from core.text.i18n import t
from tests.e2e.conftest import (free_port, main, nav, new_context, open_app, screenshot, start_app, stop_app, unlock,
                                wait_ready)

pytestmark = pytest.mark.e2e

TEACHER_KEY = "lead-the-lesson"
WAIT_MS = 10_000  # a generous bound for the tests; bench/classroom_load.py measures the delay itself
SETTINGS = ("n", "z0", "z1", "z2", "t")


@pytest.fixture
def lesson_server(tmp_path):
    """A server of its own (a lesson would lead every other test's tabs), with a teacher key."""
    port = free_port()
    proc = start_app(port, {"PLAYGROUND_DATA_DIR": str(tmp_path), "PLAYGROUND_TEACHER_KEY": TEACHER_KEY})
    yield f"http://127.0.0.1:{port}"
    stop_app(proc)


def view(page) -> tuple[str, dict[str, str]]:
    """The page (its path) and the softmax settings the tab's address holds."""
    url = urlparse(page.url)
    query = {k: v[0] for k, v in parse_qs(url.query).items()}
    return url.path.rsplit("/", 1)[-1], {k: query[k] for k in SETTINGS if k in query}


def shown_logits(page) -> list[str]:
    """The values the softmax page's logit number boxes show (what the student sees, not the address)."""
    boxes = main(page).locator("[data-testid='stNumberInput'] input")
    return [boxes.nth(i).input_value() for i in range(3)]


def wait_view(students, expected, since: float) -> list[float]:
    """Wait until every student's tab shows ``expected`` (address, then the page drawn); the seconds each
    address took from ``since``."""
    took = []
    for s in students:
        s.wait_for_function("([path, want]) => { const u = new URL(location.href);"
                            " return u.pathname.endsWith('/' + path) &&"
                            " Object.entries(want).every(([k, v]) => u.searchParams.get(k) === v); }",
                            arg=list(expected), timeout=WAIT_MS, polling=50)
        took.append(time.monotonic() - since)
    for s in students:
        wait_ready(s)
    return took


def sidebar_toggle(page, key: str, lang: str = "en"):
    return page.locator("[data-testid='stSidebar']").get_by_text(t(key, lang), exact=True)


def wait_counts(teacher, following: int, left: int) -> None:
    """Wait until the teacher's tools count these students (Markdown's bold marks drawn, not shown)."""
    text = t("lesson.counts", "en", following=following, left=left, connected=following + left).replace("**", "")
    teacher.locator("[data-testid='stSidebar']").get_by_text(text).wait_for(timeout=20_000)


def test_the_teacher_leads_three_students(browser, lesson_server):
    """Check that a teacher who unlocks and leads takes three students' screens along: the softmax page,
    a preset and a slider's new value show on every student's screen (address and boxes), each in the
    student's own language; one student who leaves stays put while the teacher moves on, and jumps to
    the teacher's view on coming back; pause covers every following screen with "Eyes on the teacher"
    until the teacher resumes; the teacher's screen counts who follows and who left; and when the teacher
    closes the tab every student reads that the teacher has left."""
    url = lesson_server
    contexts = [new_context(browser, 1280) for _ in range(4)]
    teacher, *students = [c.new_page() for c in contexts]
    langs = ["en", "ko", "en"]
    try:
        open_app(teacher, f"{url}/?lang=en")
        unlock(teacher, TEACHER_KEY)
        for s, lang in zip(students, langs):
            open_app(s, f"{url}/loss?lang={lang}")
        sidebar_toggle(teacher, "lesson.lead").click()
        wait_ready(teacher)
        for s, lang in zip(students, langs):  # a lesson began: every student follows, to the teacher's page
            sidebar_toggle(s, "lesson.follow", lang).wait_for(timeout=WAIT_MS)
            main(s).locator("h1").filter(has_text=t("app.title", lang)).wait_for(timeout=WAIT_MS)

        nav(teacher, t("softmax.title", "en"))
        took = wait_view(students, view(teacher), time.monotonic())
        main(teacher).locator(".st-key-preset_book2").get_by_role("button").click()
        wait_ready(teacher)
        assert view(teacher)[1]["z0"] == "0"
        took += wait_view(students, view(teacher), time.monotonic())
        slider = main(teacher).locator("[data-testid='stSlider']").filter(has_text=lab.logit_name(0)).first
        slider.get_by_role("slider").press("ArrowRight")
        wait_ready(teacher)
        assert view(teacher)[1]["z0"] == "0.1"
        took += wait_view(students, view(teacher), time.monotonic())
        for s, lang in zip(students, langs):
            assert shown_logits(s) == shown_logits(teacher)
            assert parse_qs(urlparse(s.url).query)["lang"] == [lang]  # the student's own language stays
        print("lesson changes reached the students after (s):", [round(x, 2) for x in took])
        wait_counts(teacher, 3, 0)

        leaver, stayers = students[0], students[1:]
        sidebar_toggle(leaver, "lesson.follow").click()
        wait_ready(leaver)
        before = view(leaver)
        wait_counts(teacher, 2, 1)
        slider.get_by_role("slider").press("ArrowRight")
        wait_ready(teacher)
        wait_view(stayers, view(teacher), time.monotonic())
        teacher.wait_for_timeout(2_000)  # two of the leaver's polls: it must not have moved
        assert view(leaver) == before and view(leaver) != view(teacher)
        sidebar_toggle(leaver, "lesson.follow").click()  # back: it jumps to the teacher's view
        wait_view([leaver], view(teacher), time.monotonic())
        assert shown_logits(leaver) == shown_logits(teacher)

        teacher.locator("[data-testid='stSidebar']").get_by_role("button", name=t("lesson.pause", "en")).click()
        wait_ready(teacher)
        for s, lang in zip(students, langs):
            cover = s.locator(".st-key-cp-paused")
            cover.get_by_text(t("lesson.paused", lang)).wait_for(timeout=WAIT_MS)
            box = cover.bounding_box()
            assert box["width"] >= 1200 and box["height"] >= 850  # over the whole window
        screenshot(students[1], "lesson-paused-ko")
        teacher.locator("[data-testid='stSidebar']").get_by_role("button", name=t("lesson.resume", "en")).click()
        wait_ready(teacher)
        for s in students:
            s.locator(".st-key-cp-paused").wait_for(state="detached", timeout=WAIT_MS)
        screenshot(teacher, "lesson-teacher")

        contexts[0].close()  # the teacher closes the tab: every student is told, and explores freely
        for s, lang in zip(students, langs):
            main(s).get_by_text(t("lesson.teacher_left", lang)).wait_for(timeout=WAIT_MS)
    finally:
        for c in contexts:
            c.close()
