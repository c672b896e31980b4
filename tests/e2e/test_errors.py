"""Browser tests of two messages a class will meet: no Fashion-MNIST on the server, and a broken link.

Screenshots (both languages) go to artifacts/screenshots/error-*.png and warning-*.png.
"""

import pytest

from core.text.i18n import CATALOGUE, t
from tests.e2e.conftest import (assert_no_exception, free_port, main, open_app, screenshot, start_app, stop_app,
                                wait_ready)

pytestmark = pytest.mark.e2e
HOSTILE = "z0=nan&t=%3Cscript%3Ealert(1)%3C/script%3E&n=99999&y=1e999&lr=%3Cb%3Ebold%3C/b%3E"


@pytest.fixture(scope="module")
def no_data_url(tmp_path_factory):
    """A second server that finds Fashion-MNIST nowhere (and may not download it)."""
    tmp = tmp_path_factory.mktemp("no-data")
    (tmp / "empty").mkdir()
    port = free_port()
    proc = start_app(port, env={"FASHION_MNIST_DIR": str(tmp / "empty"), "KERAS_HOME": str(tmp / "keras"),
                                "FASHION_MNIST_SYSTEM_DIR": str(tmp / "no-system-copy"),
                                "FASHION_MNIST_OFFLINE": "1", "PLAYGROUND_CACHE_DIR": str(tmp / "cache")})
    yield f"http://127.0.0.1:{port}"
    stop_app(proc)


def alerts(page, kind: str) -> list[str]:
    """Text of the page's alerts of one kind (error, warning, info)."""
    return page.locator(f"[data-testid='stAlertContent{kind.capitalize()}']").all_inner_texts()


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_missing_data_set_message(page, no_data_url, lang):
    """Check that the trainer, with no Fashion-MNIST anywhere, shows one error in the page's language
    with the fixes, and that the offline-digits button gets a student going."""
    open_app(page, f"{no_data_url}/trainer?lang={lang}")
    digits = main(page).get_by_role("button", name=t("trainer.use_digits", lang))
    digits.wait_for()  # every widget drawn (not skeletons) before the screenshot
    page.locator("[data-testid='stNumberInput']").first.wait_for()
    errors = alerts(page, "error")
    assert len(errors) == 1
    head = CATALOGUE[lang]["data.not_loaded"].split("**")[1]
    assert head in errors[0] and "apt-get install dataset-fashion-mnist" in errors[0]
    assert t("data.download_off", lang).replace("`", "") in errors[0]
    assert_no_exception(page)
    screenshot(page, f"error-no-data-{lang}")
    digits.click()
    page.locator("[data-testid='stAlertContentError']").wait_for(state="detached", timeout=30_000)
    wait_ready(page)
    assert main(page).get_by_role("button", name=t("trainer.start", lang)).is_enabled()
    assert_no_exception(page)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_hostile_link_warning(page, app_url, lang):
    """Check that a link with NaN, 99999, 1e999 and script or HTML text opens the softmax page with a
    warning in the page's language, runs no script, renders no markup, and cleans the address bar."""
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    open_app(page, f"{app_url}/softmax?lang={lang}&{HOSTILE}")
    warnings = alerts(page, "warning")
    prefix = CATALOGUE[lang]["common.bad_url"].split("{names}")[0]
    assert len(warnings) == 1 and prefix.strip() in warnings[0]
    for name in ("lr", "n", "t", "y", "z0"):
        assert name in warnings[0]
    assert dialogs == [] and page.locator("main b:text('bold')").count() == 0
    assert "script" not in page.url and "nan" not in page.url.lower()
    top = page.locator("[data-testid='stMainBlockContainer'] [data-testid='stAlertContentWarning']")
    heading = page.locator("[data-testid='stMainBlockContainer'] h1").first
    assert top.bounding_box()["y"] < heading.bounding_box()["y"]  # seen without scrolling
    assert_no_exception(page)
    assert page.console_errors == []
    screenshot(page, f"warning-bad-link-{lang}")
