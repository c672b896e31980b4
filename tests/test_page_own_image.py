"""AppTest of "Try your own picture": the empty state's one-click training, then a test image classified
by that run, the bars against the network itself, and the settings in the URL; a picture prepared once
per picture and options, and a damaged one's message."""
import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

import views.parts.own_image as ui_own_image
from core.pages import own_image as oi
from core.text.i18n import class_names, t
from tests.conftest import PICTURES as FIXTURES
from tests.widgets import chart, plotly_array as decode, status, wait_until


@pytest.mark.slow
def test_no_run_offers_the_fast_preset_which_then_classifies_a_test_image(app_path):
    """Check that without a run the page says so and its button starts the fast preset on the trainer
    page (the fast preset: 8 epochs on all of Fashion-MNIST); once it finished, a test image shows the
    verdict in both languages: ten bars summing to 1, the top class first in the top 3, the link to the
    softmax explorer, and the settings kept in the URL after the round trip through the trainer."""
    at = AppTest.from_file(app_path, default_timeout=120)
    lang = "en"
    at.query_params.update(lang=lang, src="test", test="7")
    at.run()
    at.switch_page("views/own_image.py").run()
    assert not at.exception
    assert any(t("own.no_run", lang) == i.value for i in at.info)
    at.button(key="own.train_fast").click().run()
    assert not at.exception
    assert at.session_state["tr_preset"] == "fast" and at.session_state["tr_batch_size"] == 32
    at.switch_page("views/trainer.py").run()
    wait_until(at, lambda a: t("train.state.finished", lang) in status(a), timeout=180)

    at.switch_page("views/own_image.py").run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    bars = chart(at, "own.bars")
    p = np.array(decode(bars["data"][0]["x"]))
    assert p.shape == (10,) and abs(p.sum() - 1) < 1e-5
    for lang in ("en", "ko"):
        at.session_state["lang"] = lang
        at.run()
        assert not at.exception and not at.error
        p = np.array(decode(chart(at, "own.bars")["data"][0]["x"]))
        top = t("own.top.row", lang, rank=1, name=class_names(lang)[int(np.argmax(p))], p=float(p.max()))
        assert any(md.value.startswith(top) for md in at.markdown), top
        assert [el for el in at.get("page_link") if el.proto.label == t("own.open_softmax", lang)]
    assert at.query_params["src"] == "test" and at.query_params["test"] == "7"


def test_a_rerun_does_not_prepare_the_picture_again(app_path, monkeypatch):
    """Check that the page prepares a picture once per picture and options: reruns (another language
    too) reuse it, a new margin prepares it again, and so does another test image."""
    calls = []
    prepare = oi.prepare
    monkeypatch.setattr(oi, "prepare", lambda *a, **kw: calls.append(a[1:]) or prepare(*a, **kw))
    at = AppTest.from_file(app_path, default_timeout=60)
    at.query_params.update(lang="en", src="test", test="7")
    at.run()
    at.switch_page("views/own_image.py").run()
    assert not at.exception and not at.error and len(calls) == 1
    at.run()
    at.session_state["lang"] = "ko"
    at.run()
    assert not at.exception and len(calls) == 1
    at.slider(key="own.margin").set_value(0.2).run()
    assert len(calls) == 2 and calls[-1][1].margin == 0.2
    at.button(key="own.another").click().run()
    assert not at.exception and len(calls) == 3


@pytest.mark.filterwarnings("ignore::UserWarning")  # Pillow's warning about the damaged EXIF block
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_damaged_picture_gives_the_message_in_the_page_language_once(app_path, monkeypatch, lang):
    """Check that a WebP whose EXIF block is damaged (it once escaped as a bare TypeError box) gives the
    friendly message in the page's language, and that a rerun does not decode it again."""
    data = (FIXTURES / "webp-exif.webp").read_bytes()
    monkeypatch.setattr(ui_own_image, "picture_input", lambda source, test_set: (data, None))
    calls = []
    prepare = oi.prepare
    monkeypatch.setattr(oi, "prepare", lambda *a, **kw: calls.append(a[1:]) or prepare(*a, **kw))
    at = AppTest.from_file(app_path, default_timeout=60)
    at.query_params.update(lang=lang)
    at.run()
    at.switch_page("views/own_image.py").run()
    at.run()
    assert not at.exception
    expected = t("own.error.damaged", lang, error="")[:20]
    assert [e.value for e in at.error if e.value.startswith(expected)], [e.value for e in at.error]
    assert len(calls) == 1
