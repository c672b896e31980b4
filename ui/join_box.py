"""The join box on the teacher's screen: the address students type, large, and its QR code; or, when the
server listens on this machine only, that it does and the classroom command that opens it to the class."""
import streamlit as st
from streamlit import net_util

from core.classroom.join import CLASSROOM_COMMAND, join_url, qr_svg
from ui.lang import tr

# The address in type a class reads from the back of the room (our own constant style, no input in it).
_STYLE = """<style>
.st-key-cp_join_url [data-testid="stText"] {
  font-size: clamp(1.6rem, 3.4vw, 3.6rem); font-weight: 700; line-height: 1.15; overflow-wrap: anywhere;
  user-select: text;
}
</style>"""


def server_join_url() -> str | None:
    """The address students type for this server, as Streamlit printed it at start ("Network URL"), or None
    when it listens on this machine only (see core.classroom.join.join_url)."""
    return join_url(st.get_option("server.address"), st.get_option("server.port"), net_util.get_internal_ip(),
                    https=bool(st.get_option("server.sslCertFile")), base_path=st.get_option("server.baseUrlPath"))


def join_box() -> None:
    """Draw the join box in the current container: the QR code beside the address and how to join, or the
    note that students cannot reach this server and the command that lets them."""
    url = server_join_url()
    if url is None:
        st.warning(tr("join.local"), icon=":material/wifi_off:")
        st.code(CLASSROOM_COMMAND, language="bash")
        st.caption(tr("join.local.then"))
        return
    st.html(_STYLE)
    code, words = st.columns([2, 3], vertical_alignment="center", gap="large")
    # An SVG becomes an <img> (a data: address): nothing in it runs, and it stays sharp at any size.
    code.image(qr_svg(url), width="stretch", alt=tr("join.qr", url=url))
    with words:
        st.container(key="cp_join_url").text(url)
        st.markdown(tr("join.how"))


def join_button() -> None:
    """A button that opens the join box in a large dialog, for the projector."""
    if st.button(tr("join.button"), key="cp_join_open", icon=":material/qr_code_2:"):
        st.dialog(tr("join.title"), width="large", icon=":material/groups:")(join_box)()
