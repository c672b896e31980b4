"""Browser tests of the run store and of who owns a run: runs follow the browser (reloads, new tabs, typed
addresses) and never an address; a restart keeps them; the teacher's browser and shared link; "start
afresh"; the class board with four students' runs overlaid."""
import time

import pytest

from core.data.datasets import load_digits
from core.classroom.identity import BROWSER_COOKIE, TEACHER_COOKIE, workspace_of
from core.text.i18n import t
from core.runs.store import RunStore, new_workspace_id
from core.runs.config import TrainConfig
from core.runs.service import RunRecorder
from core.runs.training import TrainJob
from tests.e2e.conftest import (POINTS, SHOTS, SIDEBAR_RIGHT, assert_no_exception, charts, cookie, free_port, main,
                                nav, new_context, open_app, screenshot, start_app, start_run, status_text, stop_app,
                                unlock, wait_cookie, wait_folded, wait_ready, wait_status)

pytestmark = pytest.mark.e2e


TEACHER_KEY = "chalk-and-talk"


@pytest.fixture
def server(tmp_path):
    """An app server of its own, on its own data folder, with a teacher key and a short grace period, that
    the test may restart."""
    port = free_port()
    env = {"PLAYGROUND_DATA_DIR": str(tmp_path), "PLAYGROUND_GRACE_S": "2", "PLAYGROUND_TEACHER_KEY": TEACHER_KEY}
    box = {"proc": start_app(port, env)}

    def restart():
        stop_app(box["proc"])
        box["proc"] = start_app(port, env)

    yield f"http://127.0.0.1:{port}", restart
    stop_app(box["proc"])


NICK_BOX = "[data-testid='stSidebar'] [data-testid='stTextInput'] input"


def nickname(page) -> str:
    """The name in the sidebar's box. Streamlit draws the sidebar a moment after the script has finished,
    the box empty for one frame (seen: ~0.1–0.3 s after 'notRunning'): wait for its text."""
    page.wait_for_function(f"() => document.querySelector(\"{NICK_BOX}\")?.value", timeout=10_000)
    return page.locator(NICK_BOX).first.input_value()


def no_run(page) -> bool:
    """Whether the trainer shows "No run yet" (and no run's status)."""
    return main(page).get_by_text(t("trainer.empty", "en")[:20]).count() == 1 and \
        main(page).locator("[data-testid='stProgress']").count() == 0


def warnings(page) -> int:
    """How many warning and error boxes the page shows."""
    return page.locator("[data-testid='stAlertContentWarning'], [data-testid='stAlertContentError']").count()


def test_runs_follow_the_browser_never_the_address(page, browser, server):
    """Check must-show 1: a finished run is found after F5 on another page, in a new tab and from a typed
    address, with the same name; its address, copied to another browser after the owner closed every tab
    (and with the owner's old ?ws= added), owns nothing there: no run, no warning, the run on the board
    not as theirs; the owner gets it back; a restart keeps it; a long run survives a reload."""
    url, restart = server
    open_app(page, f"{url}/trainer?lang=en")
    wait_cookie(page.context, BROWSER_COOKIE, None)
    start_run(page, 3)
    wait_status(page, "Finished")
    name = nickname(page)
    assert "ws=" not in page.url

    nav(page, t("softmax.title", "en"))  # the path: another page, F5, back to the trainer
    page.reload()
    wait_ready(page)
    nav(page, t("nav.trainer", "en"))
    wait_status(page, "Finished", 20_000)
    assert "Run 1 ·" in status_text(page) and nickname(page) == name
    nav(page, t("nav.predictions", "en"))
    page.wait_for_selector(".st-key-pr_cm button[data-cell]", timeout=20_000)  # the run's confusion matrix
    copied = page.url

    tab = page.context.new_page()  # a second tab, typed address: the same browser's runs
    open_app(tab, f"{url}/trainer")
    wait_status(tab, "Finished", 20_000)
    assert nickname(tab) == name
    tab.close()
    assert_no_exception(page)
    screenshot(page, "store-predictions-after-reload")

    owner = page.context
    ws = workspace_of(cookie(owner, BROWSER_COOKIE))
    page.close()  # the owner closed every tab
    time.sleep(3)  # past the grace period (2 s here)
    other = new_context(browser).new_page()
    for address in (copied, f"{url}/trainer?lang=en&ws={ws}"):
        open_app(other, address)
        assert warnings(other) == 0
        assert "ws=" not in other.url and nickname(other) != name
        nav(other, t("nav.trainer", "en"))
        assert no_run(other)
    nav(other, t("nav.board", "en"))
    board = main(other).locator("[data-testid='stDataFrame']").first
    board.wait_for(timeout=10_000)
    assert main(other).get_by_text(t("board.delete.none", "en")).count() == 1  # nothing of theirs to delete
    other.context.close()

    back = owner.new_page()
    open_app(back, f"{url}/trainer?lang=en")
    wait_status(back, "Finished", 20_000)
    assert nickname(back) == name

    # Long enough to reload while it trains on any machine: the digits train an epoch of batch 64 in
    # milliseconds, one-image batches in tens of them.
    start_run(back, 200, batch_size=1)
    back.wait_for_function(f"({POINTS})() >= 2", timeout=120_000)
    before = back.evaluate(POINTS)
    back.reload()
    wait_ready(back)
    wait_status(back, "Training", 20_000)
    back.wait_for_function(f"({POINTS})() > {before + 1}", timeout=60_000)  # live chart goes on
    screenshot(back, "store-training-after-reload")
    main(back).get_by_role("button", name="Stop").click()
    wait_status(back, "Stopped", 20_000)

    restart()
    open_app(back, f"{url}/trainer?lang=en")
    wait_status(back, "Stopped", 20_000)  # the newest run, back from the store
    assert nickname(back) == name
    table = main(back).locator("[data-testid='stDataFrame']").first
    table.wait_for(timeout=10_000)
    assert_no_exception(back)
    screenshot(back, "store-after-restart")


def test_a_teachers_link_and_the_teachers_browser(page, browser, server):
    """Check that the teacher unlocks once for the browser (a new tab is unlocked, Lock locks every new
    tab), and that the teacher's shared link opens for a student with the teacher's settings and no
    warning (it said "That link's workspace is open in another tab…")."""
    url, _ = server
    open_app(page, f"{url}/softmax?lang=en")
    wait_cookie(page.context, BROWSER_COOKIE, None)
    unlock(page, TEACHER_KEY)
    token = wait_cookie(page.context, TEACHER_COOKIE, None)
    side = page.locator("[data-testid='stSidebar']")
    side.get_by_role("button", name=t("store.teacher.lock", "en")).wait_for(timeout=10_000)
    slider = main(page).locator("[data-testid='stSlider']").first.get_by_role("slider")
    slider.focus()
    for _ in range(3):
        slider.press("ArrowRight")
    wait_ready(page)
    shared = page.url
    value = slider.input_value()

    tab = page.context.new_page()
    open_app(tab, f"{url}/board?lang=en")  # unlocked already: the teacher's tools are open at once
    tab.locator("[data-testid='stSidebar']").get_by_role("button", name=t("store.teacher.lock", "en")).click()
    wait_ready(tab)
    wait_cookie(page.context, TEACHER_COOKIE, token)  # removed
    again = page.context.new_page()
    open_app(again, f"{url}/board?lang=en")
    side = again.locator("[data-testid='stSidebar']")
    side.get_by_text(t("board.teacher.title", "en"), exact=True).click()
    side.get_by_role("textbox", name=t("store.teacher.key", "en")).wait_for(timeout=10_000)  # locked again

    student = new_context(browser, 390).new_page()  # while the teacher's tabs are open
    open_app(student, shared)
    assert warnings(student) == 0
    assert main(student).locator("[data-testid='stSlider']").first.get_by_role("slider").input_value() == value
    assert "ws=" not in student.url
    student.context.close()


def test_start_afresh_on_a_shared_computer(page, server):
    """Check that "Start afresh" gives the browser a new name and no runs, for this tab and every later
    one, while the earlier student's run stays on the class board under their name."""
    url, _ = server
    open_app(page, f"{url}/trainer?lang=en")
    start_run(page, 2)
    wait_status(page, "Finished")
    before, secret = nickname(page), cookie(page.context, BROWSER_COOKIE)
    side = page.locator("[data-testid='stSidebar']")
    side.get_by_role("button", name=t("store.afresh", "en")).click()
    page.get_by_role("button", name=t("store.afresh.go", "en")).click()
    wait_ready(page)
    side.get_by_text(t("store.afresh.done", "en")).wait_for(timeout=10_000)
    wait_cookie(page.context, BROWSER_COOKIE, secret)
    assert nickname(page) != before and no_run(page)
    page.reload()
    wait_ready(page)
    assert nickname(page) != before and no_run(page)
    nav(page, t("nav.board", "en"))
    main(page).get_by_text(before).first.wait_for(state="attached", timeout=10_000)  # a cell of the grid
    assert main(page).get_by_text(t("board.delete.none", "en")).count() == 1


@pytest.mark.parametrize("width", [1366, 820, 390])
def test_sidebar_identity_screenshots(browser, app_url, width):
    """Check that the sidebar says whose runs these are and offers "Start afresh", in both languages, at a
    laptop's, a tablet's and a phone's width (screenshots to look at)."""
    ctx = browser.new_context(viewport={"width": width, "height": 900}, has_touch=width < 1000)
    page = ctx.new_page()
    side = page.locator("[data-testid='stSidebar']")
    for lang in ("en", "ko"):
        open_app(page, f"{app_url}/trainer?lang={lang}")
        if width < 1024:  # folded on a tablet or phone: open it as a student would
            wait_folded(page)
            page.locator("[data-testid='stExpandSidebarButton']").click()
            page.wait_for_function(f"({SIDEBAR_RIGHT})() >= {min(width, 300)}", timeout=5_000)
            page.wait_for_timeout(500)  # the slide's end
        side.get_by_text(t("store.identity", lang, n=0, max=50)[:12]).wait_for(timeout=10_000)
        page.screenshot(path=str(SHOTS / f"identity-{lang}-{width}.png"))
        side.get_by_role("button", name=t("store.afresh", lang)).click()
        page.get_by_role("button", name=t("store.afresh.go", lang)).wait_for(timeout=10_000)
        page.wait_for_timeout(300)
        page.screenshot(path=str(SHOTS / f"identity-afresh-{lang}-{width}.png"))
        assert_no_exception(page)
    ctx.close()


STUDENTS = [("Min-jun", dict(units=32, learning_rate=0.5)), ("Seo-yeon", dict(units=8, learning_rate=0.1)),
            ("Ji-ho", dict(units=64, activation="relu", learning_rate=0.1)), ("하은", dict(units=0, learning_rate=0.5))]


@pytest.fixture
def classroom(tmp_path):
    """Four students' real (small) runs in a store, and a server on it."""
    store, ds, ids = RunStore(tmp_path), load_digits(), []
    for n, (name, changes) in enumerate(STUDENTS):
        ws = new_workspace_id()
        store.set_nickname(ws, name)
        rec = RunRecorder(store)
        job = TrainJob(TrainConfig(dataset="digits", batch_size=32, epochs=12 + 4 * n, record_val_predictions=True,
                                   **changes), ds, on_epoch_end=rec.on_epoch_end)
        rec.begin(ws, 1, job.config, name)
        job.start()
        rec.watch(job).join(120)
        ids.append(rec.run_id)
    port = free_port()
    proc = start_app(port, {"PLAYGROUND_DATA_DIR": str(tmp_path)})
    yield f"http://127.0.0.1:{port}", ids
    stop_app(proc)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_board_with_four_runs_overlaid(page, classroom, lang):
    """Check that the board lists the four students and overlays their curves (16 traces), at three widths."""
    url, ids = classroom
    for width in (1366, 820, 390):
        page.set_viewport_size({"width": width, "height": 900})
        open_app(page, f"{url}/board?lang={lang}&pick={','.join(ids)}")
        page.wait_for_selector("[data-testid='stPlotlyChart'] .js-plotly-plot .main-svg", timeout=20_000)
        assert len(charts(page)[0]) == 16
        body = main(page).inner_text()
        assert all(name in body for name, _ in STUDENTS) or width == 390
        assert_no_exception(page)
        screenshot(page, f"board-{lang}-{width}")


def test_a_browser_that_refuses_cookies_is_told(page, app_url):
    """Check that a browser that keeps no cookies is told, in the sidebar, that a reload will not find its
    runs and how to fix it (it used to lose them silently), and that the page still works."""
    page.add_init_script("Object.defineProperty(document, 'cookie', {get: () => '', set: () => {}})")
    open_app(page, f"{app_url}/trainer?lang=en")
    side = page.locator("[data-testid='stSidebar']")
    side.get_by_text(t("store.no_cookies", "en")[:40]).wait_for(timeout=10_000)
    assert_no_exception(page)
    assert main(page).get_by_role("button", name="Start").is_enabled()


def test_a_nickname_like_an_address_is_no_link(page, tmp_path):
    """Check in the browser that a run named ``www.example.com`` shows that name as typed in the prediction
    page's read-only caption and on the class board, and that no link (``<a>``) carries it anywhere."""
    name, store, ws = "www.example.com", RunStore(tmp_path), new_workspace_id()
    store.set_nickname(ws, name)
    rec = RunRecorder(store)
    job = TrainJob(TrainConfig(dataset="digits", batch_size=32, epochs=2), load_digits(), on_epoch_end=rec.on_epoch_end)
    rec.begin(ws, 1, job.config, name)
    job.start()
    rec.watch(job).join(120)
    port = free_port()
    proc = start_app(port, {"PLAYGROUND_DATA_DIR": str(tmp_path)})
    try:
        url = f"http://127.0.0.1:{port}"
        open_app(page, f"{url}/predictions?lang=en&run={rec.run_id}")
        caption = main(page).get_by_text("(read only)")
        caption.wait_for(timeout=20_000)
        assert caption.inner_text().replace("\u2060", "") == t("pred.readonly", "en", nick=name, number=1)
        assert page.locator("a", has_text="example").all_inner_texts() == []
        open_app(page, f"{url}/board?lang=en&pick={rec.run_id}")
        page.wait_for_selector("[data-testid='stPlotlyChart'] .js-plotly-plot .legendtext", timeout=20_000)
        assert page.locator(".legendtext").first.text_content().startswith(f"{name} · ")
        assert page.locator("a", has_text="example").all_inner_texts() == []
        assert_no_exception(page)
    finally:
        stop_app(proc)
