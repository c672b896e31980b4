"""Check the join address (which server the class can reach, and at what address) and its QR code's SVG (the
browser test tests/e2e/test_join.py draws it in Chromium and reads it back with zxing-cpp)."""
import xml.etree.ElementTree as ET

import pytest

from core.classroom.join import join_url, qr_svg

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
