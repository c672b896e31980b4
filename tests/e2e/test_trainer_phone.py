"""Browser tests of the trainer's first screen on a phone (390×844, a phone's user agent) and a laptop
(1366×768): Start is in view without scrolling, the settings fold on a phone, a reload mid-run shows the run's
progress there, and the runs tables scroll sideways inside themselves; the training chart writes an accuracy as the
tables do."""
import json
import re
from pathlib import Path

import plotly
import pytest

from core.figures.training import history_figure
from core.text.i18n import t
from tests.e2e.conftest import (assert_no_exception, click, main, open_app, screenshot, wait_folded, wait_ready,
                                wait_status)

pytestmark = pytest.mark.e2e

# Safari on an iPhone, as a phone's browser introduces itself: the page folds its settings for it.
PHONE_UA = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
            "Version/17.0 Mobile/15E148 Safari/604.1")
SCREENS = {"phone": dict(viewport={"width": 390, "height": 844}, user_agent=PHONE_UA, is_mobile=True,
                         has_touch=True),
           "laptop": dict(viewport={"width": 1366, "height": 768})}

# Whether nothing on the page has been scrolled (the window nor any box in it).
UNSCROLLED = "() => window.scrollY === 0 && [...document.querySelectorAll('*')].every(e => e.scrollTop === 0)"
# The page's own width against the window's: wider means the page itself scrolls sideways.
PAGE_WIDTH = "() => [document.documentElement.scrollWidth, window.innerWidth]"
# Each table's box and how far its grid scrolls sideways inside it.
TABLES = """() => [...document.querySelectorAll('[data-testid="stMain"] [data-testid="stDataFrame"]')].map(d => {
    const r = d.getBoundingClientRect(), s = d.querySelector('.dvn-scroller');
    return {left: r.left, right: r.right, scroll: s.scrollWidth, width: s.clientWidth,
            overflow: getComputedStyle(s).overflowX};
})"""


@pytest.fixture
def screen(browser, request):
    """A fresh browser context as the given screen (``phone`` or ``laptop``)."""
    ctx = browser.new_context(**SCREENS[request.param])
    page = ctx.new_page()
    yield page
    ctx.close()


def open_trainer(page, url: str) -> None:
    """Open the trainer at ``url`` and wait until Start is drawn (and, on a phone, the sidebar folded)."""
    open_app(page, url)
    if page.viewport_size["width"] < 1024:
        wait_folded(page)
    page.locator(".st-key-tr_start button").wait_for(timeout=60_000)


def assert_in_first_screen(page, locator) -> None:
    """Check that ``locator`` lies wholly inside the window while nothing is scrolled."""
    assert page.evaluate(UNSCROLLED)
    box = locator.bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= page.viewport_size["height"], box


def settings_open(page) -> bool:
    """Whether the trainer's settings expander is open."""
    return main(page).locator("[data-testid='stExpander'] details").first.evaluate("d => d.open")


def assert_tables_scroll_inside(page) -> None:
    """Check that the page does not scroll sideways and that each table stays inside the window, its grid
    free to scroll sideways inside itself; on a phone its columns are wider than the window, and do."""
    width, window = page.evaluate(PAGE_WIDTH)
    assert width <= window
    tables = page.evaluate(TABLES)
    assert tables and all(0 <= b["left"] and b["right"] <= window for b in tables), tables
    assert all(b["overflow"] == "auto" and (b["scroll"] > b["width"] or window > 1000) for b in tables), tables


@pytest.mark.usefixtures("warm_server")
@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("screen", ["phone", "laptop"], indirect=True)
def test_start_is_in_the_first_screen(screen, app_url, lang):
    """Check that the trainer's Start button is inside the first screen without scrolling, on a phone (whose
    settings start folded) and on a laptop (whose settings start open, with no run)."""
    open_trainer(screen, f"{app_url}/trainer?lang={lang}")
    start = main(screen).get_by_role("button", name=t("trainer.start", lang))
    assert_in_first_screen(screen, start)
    assert settings_open(screen) == (screen.viewport_size["width"] > 1000)
    assert_no_exception(screen)
    screenshot(screen, f"trainer-first-screen-{lang}-{screen.viewport_size['width']}")


@pytest.mark.usefixtures("warm_server")
@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("screen", ["phone", "laptop"], indirect=True)
def test_after_a_reload_mid_run_the_progress_is_in_the_first_screen(screen, app_url, lang):
    """Check that after F5 during a run a phone (and a laptop) shows the run's progress (state, epoch, bar) in
    its first screen, the settings folded; that once the run is stopped they stay folded (the run's chart keeps
    its place) and open when asked; and that the trainer's and the board's tables scroll sideways inside
    themselves (a grid draws its text on a canvas: the accuracy's format is checked by tests/test_page_*.py)."""
    # Long enough to reload in the middle with time to spare (about a minute): 200 epochs of single images
    # through 1,024 hidden units; stopped below.
    open_trainer(screen, f"{app_url}/trainer?lang={lang}&preset=fast&data=digits&epochs=200&batch=1&units=1024")
    click(screen, "tr_start", timeout=60_000)
    training = t("train.state.running", lang)
    wait_status(screen, training, 60_000)
    screen.reload()
    wait_ready(screen, 60_000)
    if screen.viewport_size["width"] < 1024:
        wait_folded(screen)
    progress = main(screen).locator("[data-testid='stProgress']")
    progress.wait_for(timeout=60_000)
    assert_in_first_screen(screen, progress)
    text = progress.inner_text()
    assert training in text and re.search(r"\b\d+/200\b", text), text
    assert not settings_open(screen)
    width = screen.viewport_size["width"]
    screenshot(screen, f"trainer-reloaded-{lang}-{width}")

    click(screen, "tr_stop", timeout=30_000)
    wait_status(screen, t("train.state.stopped", lang), 30_000)
    wait_ready(screen)
    assert not settings_open(screen)
    main(screen).locator("[data-testid='stExpander'] summary").first.click()
    wait_ready(screen)
    assert settings_open(screen)
    main(screen).locator("[data-testid='stDataFrame']").wait_for(timeout=30_000)
    assert_tables_scroll_inside(screen)
    open_app(screen, f"{app_url}/board?lang={lang}")
    main(screen).locator("[data-testid='stDataFrame']").wait_for(timeout=30_000)
    assert_tables_scroll_inside(screen)
    assert_no_exception(screen)
    screenshot(screen, f"board-{lang}-{width}")


PLOTLY_JS = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_charts_write_an_accuracy_as_the_tables_do(page, lang):
    """Check, in the plotly.js the page ships, that the training chart's accuracy axis and hover text write
    an accuracy as a percentage with at most one decimal ("88.5%"), like the tables and the status line."""
    history = {"loss": [0.6, 0.4, 0.35], "val_loss": [0.6, 0.45, 0.4], "accuracy": [0.79, 0.8834, 0.885],
               "val_accuracy": [0.78, 0.87, 0.8765]}
    titles = {k: t(f"trainer.chart.{k}", lang) for k in ("loss", "accuracy", "epoch", "train", "val")}
    fig = history_figure([("run", history)], titles=titles, total_epochs=3)
    page.set_content("<div id='g' style='width:700px;height:440px'></div>")
    page.add_script_tag(path=str(PLOTLY_JS))
    page.evaluate("f => Plotly.newPlot('g', f.data, f.layout)", json.loads(fig.to_json()))
    ticks = page.eval_on_selector_all("#g .yaxislayer-above .y2tick text", "els => els.map(e => e.textContent)")
    assert len(ticks) >= 2 and all(re.fullmatch(r"\d{1,3}(\.\d)?%", s) for s in ticks), ticks
    accuracy = next(i for i, d in enumerate(fig.data) if d.meta == "accuracy")
    page.evaluate("i => Plotly.Fx.hover('g', [{curveNumber: i, pointNumber: 1}], 'x2y2')", accuracy)
    hover = page.locator("#g .hoverlayer .hovertext text.nums").first.text_content()
    assert hover == f"{t('trainer.chart.epoch', lang)} 2: 88.3%", hover
