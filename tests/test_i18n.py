"""Check the string catalogue: both languages complete, no page renders a missing key, and the errors that
carry its messages."""
import io
import re

import pytest
from PIL import Image
from streamlit.testing.v1 import AppTest

from core.data.datasets import DatasetError, read_idx
from core.pages.own_image import OwnImageError, prepare
from core.text import i18n
from ui.nav import HOME, PAGES


def test_both_languages_have_the_same_keys():
    """Check that every English key has a Korean twin and vice versa."""
    en, ko = i18n.CATALOGUE["en"], i18n.CATALOGUE["ko"]
    assert sorted(en.keys() - ko.keys()) == [] and sorted(ko.keys() - en.keys()) == []


def test_placeholders_agree_between_languages():
    """Check that a string's {placeholders} are the same in both languages (else .format fails)."""
    field = re.compile(r"\{(\w+)")
    for key, text in i18n.CATALOGUE["en"].items():
        assert set(field.findall(text)) == set(field.findall(i18n.CATALOGUE["ko"][key])), key


PROPER_NAMES = {"trainer.optimizer.adam", "train.run.engine.numpy"}  # written the same in Korean texts


def test_korean_strings_are_translated():
    """Check that Korean strings are not English left in place (each holds Hangul or is math/code)."""
    hangul = re.compile(r"[\uac00-\ud7a3]")
    untranslated = [k for k, v in i18n.CATALOGUE["ko"].items()
                    if not hangul.search(v) and re.search(r"[A-Za-z]{4,}", re.sub(r"\{[^}]*\}", "", v))
                    and v == i18n.CATALOGUE["en"][k] and not k.endswith((".latex", ".symbol"))
                    and k not in PROPER_NAMES]
    assert untranslated == []


def test_unknown_key_is_marked_and_recorded():
    """Check that an unknown key renders as a visible marker and is remembered for tests."""
    assert i18n.t("no.such.key", "en") == "⟦no.such.key⟧"
    assert ("en", "no.such.key") in i18n.MISSING
    i18n.MISSING.discard(("en", "no.such.key"))


def tiny_png() -> bytes:
    """A 4 × 4 white PNG: below the own-picture page's smallest side."""
    buf = io.BytesIO()
    Image.new("L", (4, 4), 255).save(buf, format="PNG")
    return buf.getvalue()


@pytest.mark.parametrize("cls, make, key", [
    (DatasetError, lambda tmp: read_idx(tmp / "short.idx"), "data.too_short"),
    (OwnImageError, lambda tmp: prepare(tiny_png()), "own.error.too_small"),
])
def test_message_errors_are_caught_by_their_own_name_and_the_shared_base(tmp_path, cls, make, key):
    """Check that a damaged data file and a too-small picture raise their own error, which the shared
    MessageError also catches, each speaking both languages from the catalogue and English through str()."""
    (tmp_path / "short.idx").write_bytes(b"\x00\x00")
    with pytest.raises(cls) as own:
        make(tmp_path)
    with pytest.raises(i18n.MessageError) as shared:
        make(tmp_path)
    assert isinstance(shared.value, cls)
    assert not issubclass(DatasetError, OwnImageError) and not issubclass(OwnImageError, DatasetError)  # apart
    error = own.value
    assert error.message.key == key
    for lang in ("en", "ko"):
        assert error.text(lang) == i18n.t(key, lang, **error.message.params) and "⟦" not in error.text(lang)
    assert str(error) == error.text("en") != error.text("ko")


def test_class_names_in_both_languages():
    """Check the ten Fashion-MNIST names, Korean as the textbook prints them."""
    assert i18n.class_names("en")[9] == "Ankle boot" and i18n.class_names("ko")[9] == "앵클부츠"
    assert len(i18n.class_names("ko")) == 10


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("page", [HOME.path] + [p.path for p in PAGES])
def test_no_page_renders_a_missing_key(page, lang):
    """Check that rendering each page in each language looks up only existing keys."""
    i18n.MISSING.clear()
    at = AppTest.from_file("../app.py", default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    assert sorted(i18n.MISSING) == []
