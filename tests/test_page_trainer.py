"""AppTest of the trainer and prediction pages: real (small) runs of both engines, stop, evaluation."""
import re
import urllib.parse

import numpy as np
import pytest
from sklearn.metrics import confusion_matrix
from streamlit.testing.v1 import AppTest

from core.data.datasets import load_digits, one_hot
from core.text.i18n import t
from core.runs.config import SETTINGS, TrainConfig
from core.runs.training import make_estimator
from tests.widgets import (chart, component_data, named, open_trainer, plotly_array as decode, status, table_text,
                           wait_until)


def shown_matrix(at) -> np.ndarray:
    """The confusion matrix the page shows: the counts its matrix component was sent."""
    return np.array(component_data(at, "cp_confusion")["text"], dtype=int)


@pytest.mark.parametrize("engine", ["numpy", "keras"])
def test_small_run_completes_with_one_point_per_epoch(app_path, engine):
    """Check that a 3-epoch run of each engine finishes and draws one point per epoch per curve."""
    fast = dict(learning_rate=0.5) if engine == "numpy" else dict(optimizer="adam", learning_rate=0.01)
    at = open_trainer(app_path, engine=engine, epochs=3, batch_size=64, **fast)
    at.button(key="tr_start").click().run()
    wait_until(at, lambda a: "Finished" in status(a))
    spec = chart(at, "history")
    curves = {t["meta"]: decode(t["y"]) for t in spec["data"]}
    assert set(curves) == {"loss", "val_loss", "accuracy", "val_accuracy"}
    assert all(len(v) == 3 for v in curves.values())
    assert curves["val_accuracy"][-1] > 0.5  # digits: far above the 0.1 of guessing
    assert not at.exception


def test_stop_keeps_the_finished_epochs(app_path):
    """Check that Stop ends a long run at once and keeps the epochs finished before it."""
    at = open_trainer(app_path, epochs=200, batch_size=1, learning_rate=0.01)
    at.button(key="tr_start").click().run()
    wait_until(at, lambda a: "epoch 1/" not in status(a) and "epoch 0/" not in status(a))
    at.button(key="tr_stop").click().run()
    assert "Stopped" in status(at)
    done = int(status(at).split("epoch ")[1].split("/")[0])
    assert 1 <= done < 200
    assert all(len(decode(t["y"])) == done for t in chart(at, "history")["data"])


PERCENT = r"(\d{1,3}\.\d)%"  # one format for an accuracy on every page: "88.3%"


def test_accuracy_reads_as_a_percentage_wherever_it_shows(app_path):
    """Check that a finished run's accuracy reads as a percentage with one decimal, within half a tenth of a
    point of the run's history, in both languages (switched in the sidebar): in the status line, the runs
    table (where the run's settings read as words), the chart's hover text and axis, and the prediction
    page's summary."""
    at = open_trainer(app_path, epochs=2, batch_size=32, learning_rate=0.5)
    at.button(key="tr_start").click().run()
    wait_until(at, lambda a: t("train.state.finished", "en") in status(a))
    for lang in ("en", "ko"):
        at.button_group(key="lang").set_value(lang).run()
        history = chart(at, "history")
        val = decode(next(tr["y"] for tr in history["data"] if tr["meta"] == "val_accuracy"))
        best = re.escape(t("trainer.best", lang, acc="@", epoch=int(np.argmax(val)) + 1)).replace("@", PERCENT)
        (shown,) = re.findall(best, status(at))
        assert abs(float(shown) - 100 * max(val)) <= 0.05, status(at)

        cells = table_text(at, 0, t("trainer.table.val_acc", lang))
        assert re.fullmatch(PERCENT, cells[-1]) and abs(float(cells[-1][:-1]) - 100 * max(val)) <= 0.05, cells
        assert table_text(at, 0, t("trainer.table.settings", lang))[-1].startswith(
            {"en": "100 hidden units · sigmoid · learning rate 0.5", "ko": "은닉 유닛 100개 · 시그모이드 · 학습률 0.5"}[lang])
        for trace in history["data"]:  # Plotly's d3-format ".1%" writes 0.8834 as "88.3%"
            assert trace["hovertemplate"].endswith("%{y:.1%}" if "accuracy" in trace["meta"] else "%{y:.4f}")
        assert history["layout"]["yaxis2"]["tickformat"] == ".1~%"

    at.button_group(key="lang").set_value("en").run()
    at.switch_page("views/predictions.py").run()
    for lang in ("en", "ko"):  # in this order: AppTest formats that page's boxes in English outside a run
        at.button_group(key="lang").set_value(lang).run()
        summary = re.escape(t("pred.summary", lang, n=len(load_digits().y_val), acc="@")).replace("@", PERCENT)
        (caption,) = [m for c in at.caption if (m := re.match(summary, c.value))]
        assert abs(float(caption.group(1)) - 100 * val[-1]) <= 0.05, caption.string


def test_each_number_box_takes_the_tables_highest_and_refuses_one_step_more(app_path):
    """Check that every number box of the page accepts the highest value of the settings table and refuses
    one step above it with the table's range under the box, and Start waits for it."""
    at = open_trainer(app_path)
    boxes = [s for s in SETTINGS.values() if s.choices is None and s.name != "subset"]  # subset: a slider
    assert {b.name for b in boxes} == {n.key.removeprefix("tr_") for n in at.number_input}
    for s in boxes:
        box = at.number_input(key=f"tr_{s.name}")
        before = box.value
        refusal = t("trainer.range", "en", lo=f"{s.low:,}" if s.integer else f"{s.low:g}",
                    hi=f"{s.high:,}" if s.integer else f"{s.high:g}")
        box.set_value(s.high).run()
        assert not at.exception and refusal not in [e.value for e in at.error], s.name
        at.number_input(key=f"tr_{s.name}").set_value(s.high + s.step).run()
        assert refusal in [e.value for e in at.error], s.name
        assert at.button(key="tr_start").disabled, s.name
        at.number_input(key=f"tr_{s.name}").set_value(before).run()
        assert not at.error, [e.value for e in at.error]


def test_predictions_page_confusion_matches_sklearn(app_path):
    """Check the page's confusion matrix sums to the validation count and equals sklearn's matrix of an
    independently trained twin (same config and seed, so the same predictions)."""
    at = open_trainer(app_path, epochs=2, batch_size=32, learning_rate=0.5)
    at.button(key="tr_start").click().run()
    wait_until(at, lambda a: "Finished" in status(a))
    at.switch_page("views/predictions.py").run()
    assert not at.exception
    cm = shown_matrix(at)

    digits = load_digits()
    config = TrainConfig(dataset="digits", epochs=2, batch_size=32, learning_rate=0.5)
    twin = make_estimator(config).fit(digits.x_train, one_hot(digits.y_train, 10), epochs=2)
    np.testing.assert_array_equal(cm, confusion_matrix(digits.y_val, twin.predict(digits.x_val)))
    assert cm.sum() == len(digits.y_val)

    # It opens on the largest error, not an empty cell, and the view is in the URL.
    errors = np.where(np.eye(10, dtype=bool), -1, cm)
    worst = divmod(int(np.argmax(errors)), 10)
    assert (at.session_state["pr.true"], at.session_state["pr.pred"]) == worst
    assert component_data(at, "cp_confusion")["selected"] == list(worst)  # the cell is marked
    assert (at.query_params["true"], at.query_params["pred"]) == (str(worst[0]), str(worst[1]))
    assert at.query_params["split"] == "val" and at.query_params["tab"] == "confusion"

    # An image picked in the cell's gallery shows up close, and "Open in the softmax explorer" sends its real
    # logits (the twin's pre-softmax outputs); its bars show the same logits and the page's softmax of them.
    pick = component_data(at, "cp_gallery")["items"][1]["index"]
    at.session_state["pr.img"] = pick  # as the gallery's tap does
    at.run()
    assert at.query_params["img"] == str(pick)
    bars = chart(at, f"pr_bars_{pick}")
    np.testing.assert_allclose(decode(bars["data"][0]["x"]), twin.decision_function(digits.x_val[pick:pick + 1])[0],
                               rtol=1e-9)
    np.testing.assert_allclose(decode(bars["data"][1]["x"]), twin.predict_proba(digits.x_val[pick:pick + 1])[0],
                               rtol=1e-5)  # the run keeps its probabilities in float32
    link = next(el.proto for el in at.page_link if el.proto.page == "softmax")
    query = urllib.parse.parse_qs(link.query_string)
    sent = [float(query[f"z{i}"][0]) for i in range(10)]
    np.testing.assert_allclose(sent, twin.decision_function(digits.x_val[pick:pick + 1])[0], atol=1e-3)
    assert query["n"] == ["10"] and query["y"] == [str(digits.y_val[pick])]
    # The scrubber shows epoch 1's matrix: that of a twin trained for one epoch.
    at.slider(key="pr.epoch").set_value(1).run()
    assert at.query_params["epoch"] == "1"
    twin1 = make_estimator(config).fit(digits.x_train, one_hot(digits.y_train, 10), epochs=1)
    np.testing.assert_array_equal(shown_matrix(at),
                                  confusion_matrix(digits.y_val, twin1.predict(digits.x_val)))
    assert not np.array_equal(twin1.predict(digits.x_val), twin.predict(digits.x_val))  # epochs differ
    # Row fractions, in the URL too: each row of that matrix over its class's count (scikit-learn's "true").
    at.toggle(key="pr.norm").set_value(True).run()
    assert at.query_params["norm"] == "1"
    fractions = confusion_matrix(digits.y_val, twin1.predict(digits.x_val), normalize="true")
    assert component_data(at, "cp_confusion")["text"] == [[f"{v:.2f}" for v in row] for row in fractions]


def test_predictions_link_sets_split_tab_class_and_cell(app_path):
    """Check that ?run=&split=&tab=&class=&true=&pred= open that run and view in another tab (workspace)."""
    at = open_trainer(app_path, epochs=1, batch_size=32, learning_rate=0.5)
    at.button(key="tr_start").click().run()
    wait_until(at, lambda a: "Finished" in status(a))
    at.switch_page("views/predictions.py").run()
    run_id = at.query_params["run"]
    assert run_id and not run_id.startswith("#")
    link = AppTest.from_file(app_path, default_timeout=60)
    for k, v in dict(run=run_id, split="test", tab="browse", **{"class": "4"}, true="3", pred="8").items():
        link.query_params[k] = v
    link.run()
    link.switch_page("views/predictions.py").run()
    assert not link.exception and not link.warning
    assert named(link, "pr_run").value == run_id and link.button_group(key="pr.split").value == "test"
    assert named(link, "pr.class").value == 4
    # The confusion tab is closed (only the open tab runs): its cell waits in the URL for it.
    assert (link.query_params["true"], link.query_params["pred"]) == ("3", "8")


def test_predictions_page_empty_state(app_path):
    """Check that with no finished run the page explains what to do instead of failing."""
    at = AppTest.from_file(app_path).run()
    at.switch_page("views/predictions.py").run()
    assert not at.exception
    # AppTest instances in one process share the session-scoped run list: after the other tests' runs
    # the page shows those (it once passed here by the info of an empty default cell).
    if not at.tabs:
        assert [i.value for i in at.info] == [t("pred.empty", "en")]
