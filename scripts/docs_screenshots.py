"""Take the README's screenshots of every page (docs/screenshots/*.png), small enough to commit.

    .venv/bin/python scripts/docs_screenshots.py

Starts the app on a free loopback port, opens each page in headless Chromium (1280×800; the decision regions
playing the spiral), trains one
short Fashion-MNIST run (5,000 images, the "Fast and accurate" preset) so the trainer and prediction
pages have something to show, and saves each view shrunk to 960 px wide with a 96-colour palette.
"""
from __future__ import annotations

import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PIL import Image  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from core.text.i18n import t  # noqa: E402
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, free_port, start_app, stop_app, wait_ready  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
WIDTH, COLOURS = 960, 96


def save(page, name: str) -> None:
    """Shrink and palette-quantise a viewport screenshot into docs/screenshots/<name>.png."""
    img = Image.open(io.BytesIO(page.screenshot())).convert("RGB")
    img = img.resize((WIDTH, round(img.height * WIDTH / img.width)), Image.LANCZOS)
    img.quantize(COLOURS, method=Image.Quantize.MEDIANCUT).save(OUT / f"{name}.png", optimize=True)
    print(f"{name}.png  {(OUT / f'{name}.png').stat().st_size // 1024} KB")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    port = free_port()
    proc = start_app(port)
    base = f"http://127.0.0.1:{port}"
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            for name, url in [("home-ko", "/?lang=ko"), ("home", "/?lang=en"), ("softmax", "/softmax?lang=en"),
                              ("sigmoid", "/sigmoid?lang=en"), ("loss", "/loss?lang=en")]:
                page.goto(base + url)
                wait_ready(page)
                page.wait_for_timeout(1000)  # charts finish their first draw
                save(page, name)
            page.goto(f"{base}/regions?lang=en&rkind=spiral&rc=3&rnoise=0.1&rn=400&runits=16&ract=tanh&rlr=0.3"
                      "&rbatch=16")
            wait_ready(page)
            page.locator(".rg .rg-primary").click()  # Play: the browser trains the spiral
            page.wait_for_function("() => [...document.querySelectorAll('.st-key-rg_live *')].some(h => "
                                   "Number(h.shadowRoot?.querySelector('.rg')?.dataset.epoch) >= 400)")
            page.locator(".st-key-rg_live").evaluate(
                "e => { e.style.scrollMarginTop = '64px'; e.scrollIntoView({block: 'start'}); }")
            page.wait_for_timeout(300)
            save(page, "regions")
            page.goto(f"{base}/trainer?lang=en")
            wait_ready(page)
            main_area = page.locator("[data-testid='stMainBlockContainer']")
            main_area.get_by_role("radio", name=t("trainer.preset.fast", "en")).click()
            wait_ready(page)
            subset = main_area.locator("[data-testid='stSlider']").filter(has_text=t("trainer.subset", "en"))
            knob = subset.get_by_role("slider")
            knob.focus()
            knob.press("Home")
            knob.press("ArrowRight")  # 2,000 -> 5,000 images
            wait_ready(page)
            main_area.get_by_role("button", name=t("trainer.start", "en")).click()
            page.wait_for_function("document.querySelector('[data-testid=stMainBlockContainer] "
                                   "[data-testid=stProgress]')?.innerText.includes('Finished')", timeout=300_000)
            wait_ready(page)
            page.mouse.wheel(0, 420)  # the settings, the status line and the curves in one view
            page.wait_for_timeout(800)
            save(page, "trainer")
            page.locator("[data-testid='stSidebarNavLink']").filter(has_text=t("nav.predictions", "en")).click()
            wait_ready(page)
            page.wait_for_timeout(1000)
            save(page, "predictions")
            browser.close()
    finally:
        stop_app(proc)


if __name__ == "__main__":
    main()
