"""Check the join address (which server the class can reach, and at what address) and its QR code: the SVG is
drawn by Chromium, as the teacher's browser draws it, and read back by zxing-cpp, a decoder of its own."""
import io
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from core.classroom.join import join_url, qr_svg
from tests.conftest import need
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS

LAN = "192.168.1.23"


@pytest.mark.parametrize("address, network_ip, want", [
    # every interface: the machine's address on the network, as Streamlit prints "Network URL"
    ("0.0.0.0", LAN, f"http://{LAN}:8501"),
    ("::", LAN, f"http://{LAN}:8501"),
    ("", LAN, f"http://{LAN}:8501"),
    (None, LAN, f"http://{LAN}:8501"),
    # ... but no network address found (Streamlit's finder answers 127.0.0.1 then, or nothing)
    ("0.0.0.0", "127.0.0.1", None),
    ("0.0.0.0", None, None),
    ("0.0.0.0", "", None),
    # this machine only, whatever the network is
    ("127.0.0.1", LAN, None),
    ("127.0.1.1", LAN, None),  # Debian's name for the machine itself
    ("localhost", LAN, None),
    ("LOCALHOST", LAN, None),
    ("::1", LAN, None),
    ("[::1]", LAN, None),
    ("unix:///run/playground.sock", LAN, None),
    # one address of the machine: students type that one
    ("10.0.0.7", LAN, "http://10.0.0.7:8501"),
    ("teacher-laptop.local", LAN, "http://teacher-laptop.local:8501"),
    ("fd00::7", LAN, "http://[fd00::7]:8501"),
])
def test_the_address_students_type(address, network_ip, want):
    """Check that the join address follows where the server listens: every interface gives the network
    address, one address gives itself (an IPv6 one in brackets), the loopback or a socket gives none."""
    assert join_url(address, 8501, network_ip) == want


def test_the_address_keeps_the_port_scheme_and_path():
    """Check that the address carries the server's port, https when it has a certificate, and its base path
    without doubled slashes."""
    assert join_url("0.0.0.0", 8080, LAN) == f"http://{LAN}:8080"
    assert join_url("0.0.0.0", 8443, LAN, https=True) == f"https://{LAN}:8443"
    assert join_url("0.0.0.0", 8501, LAN, base_path="/class/") == f"http://{LAN}:8501/class"
    assert join_url("0.0.0.0", 8501, LAN, base_path="") == f"http://{LAN}:8501"


def test_the_qr_code_is_plain_scalable_svg():
    """Check that the SVG has no XML declaration, declares the SVG namespace (an <img> needs it), sizes itself
    by a square viewBox only, paints a white square under black modules, and holds nothing but paths."""
    svg = qr_svg(f"http://{LAN}:8501")
    assert svg.startswith("<svg ") and "<?xml" not in svg
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert "width" not in root.attrib and "height" not in root.attrib
    x, y, w, h = (float(v) for v in root.attrib["viewBox"].split())
    assert (x, y) == (0, 0) and w == h
    paths = list(root)
    assert {p.tag for p in root.iter()} - {root.tag} == {"{http://www.w3.org/2000/svg}path"}
    assert paths[0].attrib["fill"].lower() in ("#fff", "#ffffff") and paths[0].attrib["d"] == f"M0 0h{w:g}v{h:g}h-{w:g}z"
    assert all(p.attrib.get("stroke", "#000") in ("#000", "#000000") for p in paths[1:])


def rasterised(svgs: list[str], px: int = 400) -> list[Image.Image]:
    """Each SVG as Chromium draws it in an <img> ``px`` pixels wide (as st.image shows it), in grey."""
    need(Path(CHROMIUM).exists(), f"{CHROMIUM} not found: apt-get install chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    images = []
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": px + 40, "height": px + 40})
        for svg in svgs:
            page.set_content("<body style='margin:0;background:#888'><img id=qr></body>")
            page.eval_on_selector("#qr", "(img, [svg, px]) => { img.width = px; "
                                  "img.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(svg); }", [svg, px])
            page.wait_for_function("() => document.querySelector('#qr').complete")
            shot = page.locator("#qr").screenshot()
            images.append(Image.open(io.BytesIO(shot)).convert("L"))
        browser.close()
    return images


URLS = [f"http://{LAN}:8501", "http://10.0.0.7:8080/class", "http://[fd00::7]:8501",
        "https://a-rather-long-teacher-laptop-name.school-network.example.org:8443/playground"]


def test_the_qr_code_reads_back_as_the_address():
    """Check that each address's code, drawn by Chromium, decodes (zxing-cpp) to exactly that address, and
    keeps a white quiet zone of at least four modules around the dark ones."""
    zxingcpp = pytest.importorskip("zxingcpp")
    svgs = [qr_svg(url) for url in URLS]
    for url, svg, image in zip(URLS, svgs, rasterised(svgs)):
        assert [c.text for c in zxingcpp.read_barcodes(image)] == [url]
        modules = float(ET.fromstring(svg).attrib["viewBox"].split()[2])  # the code's side and its border
        dark = np.argwhere(np.asarray(image) < 128)
        module_px = image.width / modules
        assert dark.min() >= 4 * module_px - 1 and dark.max() <= image.width - 4 * module_px, url
