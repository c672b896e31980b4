"""How students join this server: the address they type, and that address as a QR code.

The address is the one Streamlit prints as "Network URL" at start (``streamlit/web/bootstrap.py``
``_print_url``): a server bound to every interface (``0.0.0.0``, ``::`` or no address set) is reached at
the machine's address on the classroom network, one bound to a single address at that address. A
server bound to this machine's loopback (``.streamlit/config.toml`` sets ``127.0.0.1``) or to a Unix
socket cannot be reached by students at all, and neither can one on a machine with no network address.
"""
from __future__ import annotations

import io
import ipaddress

import segno

CLASSROOM_COMMAND = "bash scripts/classroom.sh"  # the README's classroom command (listens on the network)
_EVERY_INTERFACE = {"", "0.0.0.0", "::"}  # noqa: S104 (names the wildcard binds, binds nothing)


def _ip(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None


def _loopback(host: str) -> bool:
    ip = _ip(host)
    return ip.is_loopback if ip is not None else host.lower().rstrip(".") in ("localhost", "localhost.localdomain")


def join_url(server_address: str | None, port: int, network_ip: str | None, *, https: bool = False,
             base_path: str = "") -> str | None:
    """The address students type to open this server (``http://192.168.1.23:8501``), or None when it
    listens on this machine only.

    ``server_address`` is Streamlit's ``server.address`` option, ``port`` its ``server.port``,
    ``network_ip`` the machine's address on the classroom network (``streamlit.net_util.get_internal_ip()``,
    which answers 127.0.0.1 when it finds none); ``https`` when the server has a certificate, ``base_path``
    its ``server.baseUrlPath``.
    """
    host = (server_address or "").strip().strip("[]")
    if host.startswith("unix://"):
        return None
    if host in _EVERY_INTERFACE:
        host = (network_ip or "").strip()
    if not host or host in _EVERY_INTERFACE or _loopback(host):
        return None
    ip = _ip(host)
    shown = f"[{host}]" if ip is not None and ip.version == 6 else host  # a URL brackets an IPv6 address
    path = base_path.strip("/")
    return f"{'https' if https else 'http'}://{shown}:{port}" + (f"/{path}" if path else "")


def qr_svg(url: str) -> str:
    """``url`` as a QR code in SVG text: dark modules on white with the standard four-module quiet zone, sized
    by its viewBox only (it scales to any width), no XML declaration. Made here, nothing fetched."""
    code = segno.make(url, error="m", micro=False)  # segno raises the error level as far as the size allows
    out = io.BytesIO()
    code.save(out, kind="svg", xmldecl=False, svgns=True, nl=False, omitsize=True, border=4, dark="#000",
              light="#fff", svgclass=None, lineclass=None)
    return out.getvalue().decode()
