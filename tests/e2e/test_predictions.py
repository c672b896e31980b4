"""Browser test of the predictions page on a laptop and a phone, in both languages: a tapped cell brings its
images into view marked, a tapped image shows its softmax, the browse tab follows the cell, and no count in
the matrix is clipped."""
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from core.text.i18n import class_names, t
from tests.e2e.conftest import assert_no_exception, main, open_app, screenshot, train_to_the_end, wait_ready
from views.parts.predictions import GALLERY

pytestmark = pytest.mark.e2e

SCREENS = {1366: (1366, 768), 390: (390, 844)}
CELLS = ".st-key-pr_cm button[data-cell]"

# Every cell's text, whether its box shows it whole, whether it is marked, and the marking's width.
# (Read through a locator: the cells live in the component's shadow root.)
READ_CELLS = """(buttons) => buttons.map(b => ({
    cell: b.dataset.cell, text: b.textContent, whole: b.scrollWidth <= b.clientWidth,
    pressed: b.getAttribute("aria-pressed") === "true", outline: parseFloat(getComputedStyle(b).outlineWidth) }))"""
# Whether the element's top edge is on screen, below the app's top bar, with at least 150 px of it showing.
IN_VIEW = """(selector) => { const el = document.querySelector(selector); if (!el) return false;
    const top = el.getBoundingClientRect().top; return top >= 40 && top <= window.innerHeight - 150; }"""


@pytest.fixture(scope="module")
def trained(browser, app_url):
    """The cookies of a browser that trained one epoch of Fashion-MNIST (its 12,000 validation images, so
    the matrix holds four-digit counts)."""
    ctx = browser.new_context(viewport={"width": 1366, "height": 768})
    page = ctx.new_page()
    open_app(page, f"{app_url}/trainer?lang=en&preset=fast&epochs=1")
    train_to_the_end(page, "en")
    cookies = ctx.cookies()
    ctx.close()
    return cookies


@pytest.fixture
def screen(browser, trained, request):
    """That browser at the given size (touch on the phone)."""
    width, height = SCREENS[request.param]
    ctx = browser.new_context(viewport={"width": width, "height": height}, has_touch=width < 1000)
    ctx.add_cookies(trained)
    pg = ctx.new_page()
    yield pg
    ctx.close()


def tap(page, locator) -> None:
    """A finger's tap on a touch screen, a mouse click elsewhere."""
    locator.scroll_into_view_if_needed()
    locator.tap() if page.viewport_size["width"] < 1000 else locator.click()


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("screen", list(SCREENS), indirect=True)
def test_cell_then_image_then_its_softmax(screen, app_url, lang):
    """Check the two taps from a cell to a mistake's softmax, with every count whole."""
    page, width = screen, screen.viewport_size["width"]
    open_app(page, f"{app_url}/predictions?lang={lang}")
    page.wait_for_selector(CELLS)
    cells = page.locator(CELLS).evaluate_all(READ_CELLS)
    assert len(cells) == 100
    assert all(c["whole"] for c in cells), [c["text"] for c in cells if not c["whole"]]
    counts = {tuple(map(int, c["cell"].split(","))): int(c["text"]) for c in cells}
    assert sum(counts.values()) == 12_000 and max(counts.values()) >= 1000  # four digits, shown whole
    opened = next(c["cell"] for c in cells if c["pressed"])  # the page opens on one marked cell

    # Tap the largest error other than the one the page opened on.
    errors = sorted((n, cell) for cell, n in counts.items() if cell[0] != cell[1] and f"{cell[0]},{cell[1]}" != opened)
    true, pred = errors[-1][1]
    tap(page, page.locator(f".st-key-pr_cm button[data-cell='{true},{pred}']"))
    page.wait_for_function("([t, p]) => { const q = new URLSearchParams(location.search);"
                           " return q.get('true') === t && q.get('pred') === p; }", arg=[str(true), str(pred)])
    wait_ready(page)
    marked = [c for c in page.locator(CELLS).evaluate_all(READ_CELLS) if c["pressed"]]
    assert [c["cell"] for c in marked] == [f"{true},{pred}"] and marked[0]["outline"] >= 3
    page.wait_for_function(IN_VIEW, arg=".st-key-pr_gallery_pick", timeout=5_000)  # its images in view
    names = class_names(lang)
    title = t("pred.cell.title", lang, true=names[true], pred=names[pred], n=counts[true, pred])
    expect(main(page).get_by_text(title)).to_be_visible()
    expect(page.locator(".st-key-pr_gallery_pick button")).to_have_count(min(counts[true, pred], GALLERY))
    screenshot(page, f"predictions-cell-{lang}-{width}")

    # Tap the first image: it shows beside its logits and softmax bars, in view.
    first = page.locator(".st-key-pr_gallery_pick button").first
    index = first.get_attribute("data-index")
    tap(page, first)
    page.wait_for_function("(i) => new URLSearchParams(location.search).get('img') === i", arg=index)
    wait_ready(page)
    page.wait_for_function(IN_VIEW, arg=".st-key-pr_detail", timeout=5_000)
    detail = page.locator(".st-key-pr_detail")
    assert detail.locator("[data-testid='stImage']").count() == 1
    detail.locator(".js-plotly-plot .main-svg").first.wait_for()
    logits, softmax = page.evaluate("""() => document.querySelector('.st-key-pr_detail .js-plotly-plot')
                                            .data.map(d => Array.from(d.x))""")
    assert abs(sum(softmax) - 1) < 1e-6 and len(logits) == 10
    # Softmax is the exponentials of the logits, normalised: the picture's bars agree with each other.
    top = max(logits)
    exps = [2.718281828459045 ** (z - top) for z in logits]
    assert max(abs(e / sum(exps) - p) for e, p in zip(exps, softmax)) < 5e-3  # logits are shown to 3 decimals
    assert softmax.index(max(softmax)) == pred
    assert page.locator(f".st-key-pr_gallery_pick button[data-index='{index}'][aria-pressed='true']").count() == 1
    screenshot(page, f"predictions-image-{lang}-{width}")

    # The browse tab follows the cell: its class is the cell's true class, its view that class's mistakes.
    main(page).get_by_role("tab", name=t("pred.tab.browse", lang)).click()
    page.wait_for_function("() => new URLSearchParams(location.search).get('tab') === 'browse'")
    wait_ready(page)
    boxes = main(page).locator("[role=tabpanel]:visible [data-testid='stSelectbox']")
    shown = [box.locator("input").input_value() or box.inner_text() for box in boxes.all()]
    assert shown[:2] == [names[true], t("pred.view.misclassified", lang)], shown
    query = parse_qs(urlparse(page.url).query)
    assert query["class"] == [str(true)] and query["view"] == ["misclassified"] and query["tab"] == ["browse"]
    assert_no_exception(page)
