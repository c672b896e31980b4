"""Predictions: confusion matrix, per-class browser and scores of one finished run of this session."""
import streamlit as st

from core.i18n import class_names
from ui.lang import current_lang, tr
from ui.prediction_views import browse_view, confusion_view, scores_view
from ui.training import session_runs

st.title(tr("pred.title"))
# done first: a job publishes its probabilities as it ends, never before.
finished = [r for r in session_runs() if r.job.done and r.job.val_proba is not None]
if not finished:
    st.info(tr("pred.empty"), icon=":material/hourglass_empty:")
    st.page_link("views/trainer.py", label=tr("pred.to_trainer"), icon=":material/model_training:")
    st.stop()

labels = {r.number: r.label for r in finished}
c1, c2 = st.columns([2, 1])
number = c1.selectbox(tr("pred.run"), list(labels)[::-1], format_func=labels.get, key="pr_run")
split = c2.segmented_control(tr("pred.split"), ["val", "test"], default="val", required=True,
                             format_func=lambda s: tr(f"pred.split.{s}"), key="pr_split")
job = next(r for r in finished if r.number == number).job
ds = job.dataset
names = class_names(current_lang()) if ds.name == "fashion_mnist" else ds.class_names["en"]
if split == "val":
    x, y, proba, by_epoch = ds.x_val, ds.y_val, job.val_proba, job.val_pred_by_epoch
else:
    x, y, proba, by_epoch = ds.x_test, ds.y_test, job.test_proba, None

tab_cm, tab_browse, tab_scores = st.tabs([tr(f"pred.tab.{k}") for k in ("confusion", "browse", "scores")])
with tab_cm:
    confusion_view(y, proba, names, by_epoch, ds, x)
with tab_browse:
    browse_view(y, proba, names, ds, x, job.model.decision_function)
with tab_scores:
    scores_view(y, proba, names)
