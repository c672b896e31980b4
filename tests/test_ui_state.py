"""Check the URL-state helpers through a tiny page run in AppTest."""
from pathlib import Path

from streamlit.testing.v1 import AppTest

SCRIPT = """
import streamlit as st
from ui.state import linked_number, publish, seed, choice_parser
x = linked_number("x", "x", default=1.0, slider=(-10.0, 10.0), limits=(-1e4, 1e4), step=0.1)
mode = seed("mode", "a", choice_parser(["a", "b"]))
st.radio("mode", ["a", "b"], key="mode")
publish(["x", "mode"])
st.text(repr(x))
"""


def run(tmp_path: Path, **params: str) -> AppTest:
    script = tmp_path / "page.py"
    script.write_text(SCRIPT)
    at = AppTest.from_file(str(script))
    at.query_params.update(params)
    return at.run()


def test_url_seeds_values(tmp_path):
    """Check that ?x=&mode= set the widgets on first load."""
    at = run(tmp_path, x="-3.5", mode="b")
    assert at.text[0].value == "-3.5" and at.radio[0].value == "b" and not at.warning


def test_typed_value_beyond_slider_range(tmp_path):
    """Check that typing 1000 keeps 1000 while the slider rests at its end."""
    at = run(tmp_path)
    at.number_input[0].set_value(1000.0).run()
    assert at.text[0].value == "1000.0" and at.slider[0].value == 10.0


def test_slider_moves_number(tmp_path):
    """Check that moving the slider updates the value and the number input."""
    at = run(tmp_path)
    at.slider[0].set_value(2.5).run()
    assert at.text[0].value == "2.5" and at.number_input[0].value == 2.5


def test_hostile_values_are_ignored_with_a_warning(tmp_path):
    """Check that NaN, script text and unknown choices fall back to defaults with one warning."""
    at = run(tmp_path, x="nan", mode="<script>alert(1)</script>")
    assert at.text[0].value == "1.0" and at.radio[0].value == "a"
    assert len(at.warning) == 1 and "mode" in at.warning[0].value and "x" in at.warning[0].value


def test_value_of_another_page_under_the_same_name_is_replaced(tmp_path):
    """Check that a session value the parser rejects (another page's 'x' = 'bin') falls back to the
    default instead of crashing the widget, and without a bad-link warning."""
    script = tmp_path / "page.py"
    script.write_text(SCRIPT)
    at = AppTest.from_file(str(script))
    at.session_state["x"] = "bin"
    at.session_state["mode"] = 7.5
    at.run()
    assert not at.exception
    assert at.text[0].value == "1.0" and at.radio[0].value == "a" and not at.warning
