"""Faults and bad input a classroom throws at the app: broken data sets, diverging training, settings at
the ends of their ranges, extreme logits, hostile links. Each must give a clear message in the page's
language while the app keeps working — and nothing a student types may be rendered as HTML."""
from __future__ import annotations

import ast
import gzip
import itertools
import time
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from core.data.datasets import DatasetError, load_fashion_mnist
from core.text.i18n import CATALOGUE, MISSING, t
from tests.conftest import idx_bytes, write_fashion
from tests.widgets import chart, linked, named, open_page, open_trainer, plotly_array, status, wait_until
from ui.nav import HOME, PAGES
from ui.training import dataset

ROOT = Path(__file__).resolve().parents[1]
LANGS = ["en", "ko"]


def texts(at) -> list[str]:
    """Every piece of text the page shows: markdown, captions, alerts, headings, progress lines."""
    out = []
    for kind in ("markdown", "caption", "error", "warning", "info", "success", "title", "header",
                 "subheader", "text", "code", "latex"):
        out += [str(el.value) for el in at.get(kind)]
    out += [el.proto.text for el in at.get("progress")]
    return out


# ------------------------------------------------------------------------------------- data sets

@pytest.fixture
def data_dirs(monkeypatch, tmp_path):
    """Fashion-MNIST is looked for in tmp_path/fm only: the Keras folder and the Debian folder point at
    empty places, downloading is off, and the shared data-set cache is empty before and after."""
    monkeypatch.setenv("FASHION_MNIST_DIR", str(tmp_path / "fm"))
    monkeypatch.setenv("KERAS_HOME", str(tmp_path / "keras-home"))
    monkeypatch.setenv("FASHION_MNIST_SYSTEM_DIR", str(tmp_path / "no-system-copy"))
    monkeypatch.setenv("FASHION_MNIST_OFFLINE", "1")
    monkeypatch.setenv("PLAYGROUND_CACHE_DIR", str(tmp_path / "cache"))
    dataset.clear()
    yield tmp_path / "fm"
    dataset.clear()


def _truncate(folder: Path) -> None:
    path = folder / "train-images-idx3-ubyte.gz"
    raw = gzip.decompress(path.read_bytes())
    path.write_bytes(gzip.compress(raw[: len(raw) - 500]))


def _wrong_magic(folder: Path) -> None:
    path = folder / "train-labels-idx1-ubyte.gz"
    raw = gzip.decompress(path.read_bytes())
    path.write_bytes(gzip.compress(b"\x12\x34\x56\x78" + raw[4:]))


def _wrong_counts(folder: Path) -> None:
    (folder / "t10k-labels-idx1-ubyte.gz").write_bytes(gzip.compress(idx_bytes(np.zeros(7, np.uint8))))


def _cut_gzip(folder: Path) -> None:
    path = folder / "t10k-images-idx3-ubyte.gz"
    path.write_bytes(path.read_bytes()[:300])


def _missing(folder: Path) -> None:
    (folder / "train-images-idx3-ubyte.gz").unlink()


# damage -> (the problem's i18n key, its parameters apart from the path)
DAMAGE = {
    "missing": (_missing, "data.missing", {"files": "train-images-idx3-ubyte.gz"}),
    "truncated": (_truncate, "data.truncated", {"shape": "60×28×28", "expected": 47040, "found": 46540}),
    "wrong magic": (_wrong_magic, "data.magic", {"magic": "12345678"}),
    "wrong counts": (_wrong_counts, "data.count_mismatch", {"n_images": 20, "n_labels": 7}),
    "cut gzip": (_cut_gzip, "data.gzip", None),
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("damage", list(DAMAGE))
def test_damaged_data_set_is_explained_in_the_page_language(app_path, data_dirs, damage, lang):
    """Check that each kind of damaged Fashion-MNIST folder gives one error, in the page's language,
    naming the file, the problem and the fixes — and that the offline digits button then works."""
    write_fashion(data_dirs)
    DAMAGE[damage][0](data_dirs)
    MISSING.clear()
    at = open_page(app_path, "views/trainer.py", lang)
    assert len(at.error) == 1
    shown = at.error[0].value
    assert shown.startswith(t("data.not_loaded", lang, problems="", files="").split("\n")[0])
    assert str(data_dirs) in shown and "apt-get install dataset-fashion-mnist" in shown
    assert "FASHION_MNIST_DIR" in shown and t("data.download_off", lang) in shown
    key, params = DAMAGE[damage][1], DAMAGE[damage][2]
    if params is not None:  # the problem itself, worded in this language (paths are the only English)
        paths = {k: "" for k in ("path", "images", "labels")}
        pieces = [p for p in t(key, lang, **paths, **params).split("``") if len(p) > 3]
        assert pieces and all(p.strip(" :") in shown for p in pieces), (pieces, shown)
    if lang == "ko":  # no English sentence left over (file names and commands aside)
        assert "could not be loaded" not in shown and "How to get it" not in shown
    assert sorted(MISSING) == []
    # The way out: one click and the page trains on the offline digits instead. (AppTest formats
    # translated options outside the script, in English, so clicks are tried on English pages only.)
    if lang == "en":
        next(b for b in at.button if b.label == t("trainer.use_digits", lang)).click().run()
        assert not at.exception and not at.error
        assert named(at, "tr_dataset").value == "digits"


def test_data_set_errors_name_the_problem_in_both_languages(data_dirs):
    """Check the loader's error for a damaged folder: English str() for logs, Korean text() for pages,
    the same file named in both."""
    write_fashion(data_dirs)
    _truncate(data_dirs)
    with pytest.raises(DatasetError) as err:
        load_fashion_mnist()
    english, korean = str(err.value), err.value.text("ko")
    assert "truncated" in english and "파일이 잘렸습니다" in korean
    path = str(data_dirs / "train-images-idx3-ubyte.gz")
    assert path in english and path in korean
    assert err.value.message.key == "data.not_loaded"


def test_fault_fixture_controls_the_data_source(app_path, data_dirs):
    """Check that the fixture really decides where the data comes from: an intact tiny folder loads
    (so the damaged-folder tests above could fail)."""
    write_fashion(data_dirs)
    at = open_page(app_path, "views/trainer.py")
    assert [e.value for e in at.error if "Fashion-MNIST" in e.value] == []


@pytest.mark.parametrize("lang", LANGS)
def test_a_stored_run_whose_data_set_is_gone_is_explained(app_path, data_dirs, lang):
    """Check that a stored Fashion-MNIST run opened in the predictions page after its data set went missing
    says, in the page's language, which files are missing and how to fix it (it used to be a bare error)."""
    from core.classroom.identity import new_browser_secret, workspace_of
    from core.runs.store import RunStore
    from core.runs.config import TrainConfig
    secret = new_browser_secret()
    store = RunStore()
    rid = store.create_run(workspace_of(secret), 1, TrainConfig(epochs=1), "x")
    store.save_epoch(rid, 1, {"loss": 1, "accuracy": 0.5, "val_loss": 1, "val_accuracy": 0.5, "seconds": 1})
    store.end_run(rid, "finished", val_proba=np.full((10, 10), 0.1))
    at = open_page(app_path, "views/predictions.py", lang, session={"id_secret": secret})
    with pytest.raises(DatasetError) as missing:
        load_fashion_mnist()
    assert [e.value for e in at.error] == [missing.value.text(lang)]


@pytest.mark.parametrize("lang", LANGS)
def test_no_data_anywhere_offers_the_offline_digits(app_path, data_dirs, lang):
    """Check that with no folder at all the message lists every place tried and the digits button."""
    at = open_page(app_path, "views/trainer.py", lang)
    assert len(at.error) == 1
    shown = at.error[0].value
    for folder in (data_dirs, Path(data_dirs.parent / "no-system-copy")):
        assert t("data.no_folder", lang, path=folder) in shown
    assert at.button[0].label == t("trainer.use_digits", lang)


# ------------------------------------------------------------------------------------------ training

@pytest.mark.parametrize("lang", LANGS)
def test_diverging_run_fails_with_the_reason_and_keeps_its_epochs(app_path, lang):
    """Check that a learning rate of 10 with a strong L2 penalty (weights × (1 − lr·l2/batch) ≈ −1.05 per
    step) blows the network up in epoch 3: the run ends "failed", the reason is shown in the page's
    language, the app keeps working, and the two good epochs stay on the chart."""
    at = open_trainer(app_path, "en", learning_rate=10.0, batch_size=4, l2=0.82, epochs=5)
    at.button(key="tr_start").click().run()
    wait_until(at, lambda a: t("train.state.failed", "en") in status(a))
    if lang == "ko":  # the sidebar switch: the same failed run, explained in Korean
        at.button_group(key="lang").set_value("ko").run()
        assert t("train.state.failed", "ko") in status(at)
    assert not at.exception
    reasons = [e.value for e in at.error]
    assert t("train.reason.diverged", lang, epoch=3) in reasons
    curves = {tr["meta"]: plotly_array(tr["y"]) for tr in chart(at, "history")["data"]}
    assert all(len(v) == 2 for v in curves.values()), curves
    assert np.isfinite(curves["loss"]).all()
    if lang == "en":  # the page still works: a sensible run starts and finishes
        at.number_input(key="tr_l2").set_value(0.0).run()
        at.number_input(key="tr_learning_rate").set_value(0.5).run()
        at.number_input(key="tr_epochs").set_value(1).run()
        at.button(key="tr_start").click().run()
        wait_until(at, lambda a: t("train.state.finished", "en") in status(a))


# Each trainer number input at both ends of its range (the widget's own min and max).
EXTREMES = [("units", 0), ("units", 1024), ("learning_rate", 1e-5), ("learning_rate", 10.0),
            ("batch_size", 1), ("batch_size", 48000), ("epochs", 1), ("epochs", 200), ("l1", 0.0),
            ("l1", 1.0), ("l2", 0.0), ("l2", 1.0), ("seed", 0), ("seed", 2**31 - 1)]


def test_extremes_match_the_widget_ranges():
    """Check that EXTREMES are exactly the ranges the trainer page checks (so a changed range is noticed)."""
    from core.runs.config import SETTINGS
    from ui.trainer_controls import FIELDS
    ranges = {}
    for field, value in EXTREMES:
        ranges.setdefault(field, []).append(value)
    boxes = {f: SETTINGS[f] for f in FIELDS if SETTINGS[f].choices is None}  # the page's number boxes
    assert {f: (s.low, s.high) for f, s in boxes.items()} == {f: tuple(v) for f, v in ranges.items()}


@pytest.mark.parametrize("field, value", EXTREMES)
def test_settings_at_the_ends_of_their_ranges_run_or_explain(app_path, field, value):
    """Check that every trainer setting at its minimum and maximum either trains (a run starts and is
    stopped) or is explained by the settings check — never an exception."""
    lang = "en"  # AppTest formats translated options in English: interactions run on English pages
    at = open_trainer(app_path, lang)
    at.number_input(key=f"tr_{field}").set_value(value).run()
    assert not at.exception
    if at.button(key="tr_start").disabled:
        explained = [e.value for e in at.error]
        assert explained and explained[0].startswith(t("trainer.cannot_start", lang)), explained
        if (field, value) == ("batch_size", 48000):
            assert t("train.problem.batch_too_big", lang, batch_size=48000, n_train=1149) in explained[0]
        return
    at.button(key="tr_start").click().run()
    started = time.monotonic()
    wait_until(at, lambda a: t("train.state.queued", lang) not in status(a), timeout=60)
    if not at.button(key="tr_stop").disabled:  # still training (a 1-epoch run may be over already)
        at.button(key="tr_stop").click().run()
    assert not at.exception and time.monotonic() - started < 120
    done = [t(f"train.state.{s}", lang) for s in ("stopped", "finished")]
    assert any(s in status(at) for s in done), status(at)
    at.switch_page("views/predictions.py").run()  # and the run can be studied, however short
    assert not at.exception


# ------------------------------------------------------------------------------------------ explorers

@pytest.mark.parametrize("lang", LANGS)
def test_softmax_takes_logits_of_plus_minus_ten_thousand(app_path, lang):
    """Check that typing z₁ = 10⁴ and z₂ = −10⁴ keeps the numbers, draws finite probabilities summing
    to 1 (all mass on z₁) and raises nothing."""
    at = open_page(app_path, "views/softmax_explorer.py")
    linked(at, "sm.z0")[1].set_value(1e4).run()
    linked(at, "sm.z1")[1].set_value(-1e4).run()
    linked(at, "sm.c")[1].set_value(1e4).run()
    if lang == "ko":
        at.button_group(key="lang").set_value("ko").run()
    assert not at.exception and not at.error
    assert linked(at, "sm.z0")[1].value == 1e4 and linked(at, "sm.z1")[1].value == -1e4
    p = plotly_array(chart(at, "probs")["data"][0]["y"])
    assert np.isfinite(p).all() and abs(p.sum() - 1) < 1e-9 and p[0] == pytest.approx(1.0)
    assert at.query_params["z0"] == "10000"


def _page_keys(app_path, page: str) -> list[str]:
    """The query parameters a page publishes when opened clean (its URL state)."""
    at = open_page(app_path, page)
    # lang belongs to the app shell
    return sorted(k for k in at.query_params if k != "lang")


HOSTILE = ["nan", "<script>alert(1)</script>", "1e999", "99999", "-inf", "", "0x1p3", "１２",
           "' OR 1=1 --", "<img src=x onerror=alert(1)>", "[" + ",".join(["1"] * 5000) + "]"]
ALL_PAGES = [HOME.path] + [p.path for p in PAGES]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("page", ALL_PAGES)
def test_hostile_links_are_ignored_with_a_warning(app_path, page, lang):
    """Check that a link full of non-numbers, NaN, 1e999, script text and huge lists opens the page
    with defaults, one warning in the page's language naming the rejected values, and no value echoed."""
    keys = _page_keys(app_path, page)
    params = {k: HOSTILE[i % len(HOSTILE)] for i, k in enumerate(keys)}
    params.update(t="<script>alert(1)</script>", n="99999", y="1e999", z0="nan", x="<b>x</b>")
    at = open_page(app_path, page, lang, **params)
    shown = texts(at)
    assert not any("<script" in s or "<img" in s or "<b>x" in s for s in shown)
    if keys:
        prefix = CATALOGUE[lang]["common.bad_url"].split("{names}")[0]
        warnings = [w.value for w in at.warning if w.value.startswith(prefix)]
        assert len(warnings) == 1, [w.value for w in at.warning]
        for key in keys:  # the address bar now holds clean values only
            value = at.query_params.get(key, "")
            assert "<" not in value and value.lower() not in ("nan", "inf", "-inf", "1e999")


@pytest.mark.parametrize("page", ALL_PAGES)
def test_repeated_and_huge_parameters_keep_the_page_working(app_path, page):
    """Check that every parameter repeated 1,000 times, and a 100 kB value, leave the page working."""
    keys = _page_keys(app_path, page) or ["z0"]
    params = {k: [str(i % 7) for i in range(1000)] for k in keys}
    params["junk"] = ["x" * 100_000]
    at = open_page(app_path, page, **params)
    at.run()  # and once more, as a student's next click would
    assert not at.exception


def test_moving_between_explorer_pages_keeps_working(app_path):
    """Check one student's tour that goes from every explorer page straight to every other one, moving
    sliders on each: the pages share short URL names ("t", "z0" …) in one session, and none may break
    another (the loss viewer's tab "t" = "bin" once crashed the softmax temperature slider)."""
    explorers = [p.path for p in PAGES if p.url in ("softmax", "sigmoid", "loss")]
    tour = [page for a, b in itertools.permutations(explorers, 2) for page in (a, b)]
    at = AppTest.from_file(app_path, default_timeout=60).run()
    for page in tour:
        at.switch_page(page).run()
        assert not at.exception, (page, at.exception)
        for i in range(min(4, len(at.slider))):
            slider = at.slider[i]  # from this run's tree: a moved linked slider redraws its number box
            slider.set_value(slider.max).run()
            assert not at.exception, (page, slider.key, at.exception)


# ------------------------------------------------------------------------------------------ no HTML

def _html_calls(path: Path) -> list[str]:
    """Calls in a file that could render HTML: unsafe_allow_html=True, components.html/iframe, and st.html
    of anything but a string constant of the file's own or what a function of the file's own returns when
    called with no argument (the app's code and catalogue, which no one can type into)."""
    tree = ast.parse(path.read_text(), str(path))
    constants = {t.id for node in tree.body if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant)
                 and isinstance(node.value.value, str) for t in node.targets if isinstance(t, ast.Name)}
    builders = {node.name for node in tree.body if isinstance(node, ast.FunctionDef) and not node.args.args}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            for kw in node.keywords:
                if kw.arg == "unsafe_allow_html" and not (isinstance(kw.value, ast.Constant)
                                                          and kw.value.value is False):
                    found.append(f"{path.name}:{node.lineno} unsafe_allow_html")
            func = node.func
            arg = node.args[0] if len(node.args) == 1 else None
            own = (isinstance(arg, ast.Name) and arg.id in constants) or (
                isinstance(arg, ast.Call) and isinstance(arg.func, ast.Name) and arg.func.id in builders
                and not arg.args and not arg.keywords)
            if isinstance(func, ast.Attribute) and func.attr in ("html", "iframe") and not own:
                found.append(f"{path.name}:{node.lineno} .{func.attr}(")
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names = [a.name for a in node.names] + [getattr(node, "module", None) or ""]
            if any("components" in n for n in names):
                found.append(f"{path.name}:{node.lineno} imports streamlit components")
    return found


def test_nothing_is_rendered_as_html():
    """Check that app.py, views/ and ui/ never render raw HTML (no unsafe_allow_html, components, nor
    st.html but of the file's own constant), so nothing a student types or puts in a link can become markup."""
    files = [ROOT / "app.py", *sorted((ROOT / "views").glob("*.py")), *sorted((ROOT / "ui").glob("*.py"))]
    assert len(files) > 5
    offenders = [hit for f in files for hit in _html_calls(f)]
    assert offenders == []


def test_html_scan_finds_what_it_looks_for(tmp_path):
    """Check the scanner itself on a file with each forbidden pattern."""
    bad = tmp_path / "bad.py"
    bad.write_text("import streamlit as st\nimport streamlit.components.v1 as components\n"
                   "st.markdown(x, unsafe_allow_html=True)\nst.html(x)\ncomponents.html(x)\n"
                   "st.markdown(x, unsafe_allow_html=False)\nOWN = '<b>'\nst.html(OWN)\nst.html(OWN + x)\n"
                   "def style():\n    return OWN\ndef echo(x):\n    return x\nst.html(style())\nst.html(echo(x))\n"
                   "st.html(style(x))\n")
    assert len(_html_calls(bad)) == 7
