"""Predictions: confusion matrix, per-class browser and scores of one finished run of this session."""
import streamlit as st

from core.i18n import class_names
from ui.lang import current_lang, tr
from ui.state import choice_parser, named_select, publish, seed
from ui.prediction_views import browse_view, confusion_view, scores_view
from ui.training import session_runs

st.title(tr("pred.title"))
# done first: a job publishes its probabilities as it ends, never before.
finished = [r for r in session_runs() if r.job.done and r.job.val_proba is not None]
if not finished:
    training = any(not r.job.done for r in session_runs())
    st.info(tr("pred.training" if training else "pred.empty"), icon=":material/hourglass_empty:")
    st.page_link("views/trainer.py", label=tr("pred.to_trainer"), icon=":material/model_training:")
    st.stop()

labels = {r.number: r.name(current_lang()) for r in finished}
c1, c2 = st.columns([2, 1])
number = named_select(c1, tr("pred.run"), list(labels)[::-1], "pr_run", format_func=labels.get,
                      placeholder=tr("common.choose"))
seed("pr.split", "val", choice_parser(["val", "test"]))
split = c2.segmented_control(tr("pred.split"), ["val", "test"], required=True,
                             format_func=lambda s: tr(f"pred.split.{s}"), key="pr.split")
job = next(r for r in finished if r.number == number).job
ds = job.dataset
names = class_names(current_lang()) if ds.name == "fashion_mnist" else ds.class_names["en"]
if split == "val":
    x, y, proba, by_epoch = ds.x_val, ds.y_val, job.val_proba, job.val_pred_by_epoch
else:
    x, y, proba, by_epoch = ds.x_test, ds.y_test, job.test_proba, None

TABS = ["confusion", "browse", "scores"]
tab_names = [tr(f"pred.tab.{k}") for k in TABS]
st.session_state["pr.tab__tab"] = tab_names[TABS.index(seed("pr.tab", TABS[0], choice_parser(TABS)))]
tab_cm, tab_browse, tab_scores = st.tabs(tab_names, key="pr.tab__tab", on_change=lambda: st.session_state.update(
    {"pr.tab": TABS[tab_names.index(st.session_state["pr.tab__tab"])]}))
with tab_cm:
    confusion_view(y, proba, names, by_epoch, ds, x)
with tab_browse:
    browse_view(y, proba, names, ds, x, job.model.decision_function)
with tab_scores:
    scores_view(y, proba, names)
publish(["pr.split", "pr.tab", "pr.true", "pr.pred", "pr.page", "pr.class"])
