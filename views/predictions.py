"""Predictions: confusion matrix, per-class browser and scores of one finished run of this browser's, or
(opened from the class board with ``?run=``) of anyone's, read only; a run the teacher hid only for the
teacher."""
import streamlit as st

from core.data.datasets import DatasetError
from core.pages import board
from core.text.i18n import class_names
from core.runs.run import Run
from core.runs.stored_job import StoredJob
from ui.lang import current_lang, plain, tr
from ui.lesson import shown_unnamed
from ui.questions import question_box
from core.questions import predictions as qpred
from ui.state import choice_parser, keep, named_select, publish, seed, seeded_from_url, write_url
from ui.training import run_service
from ui.workspace import current_workspace, is_teacher, session_runs
from views.parts.predictions import IMAGE, KEYS, WIDGET_KEYS, browse_view, confusion_view, scores_view


def _opened_elsewhere() -> tuple[str, str, StoredJob, str] | None:
    """The finished run of another workspace named by ``?run=`` (opened from the class board, or shown by
    the teacher leading a lesson: named by its nickname only if the teacher chose so), if any: its id, its
    name in the picker, the run, and the line saying whose it is."""
    run_id = st.query_params.get("run")
    job, hidden = run_service().shared_run(run_id, current_workspace(), is_teacher())
    if hidden:
        st.info(tr("pred.hidden"), icon=":material/visibility_off:")
    if job is None:
        return None
    record, lang = job.record, current_lang()
    if shown_unnamed(run_id):
        return run_id, tr("lesson.shown.pick", number=record.number), job, tr("lesson.shown", number=record.number)
    return (run_id, board.short_name(record, board.run_labels([record], lang)[record.id], lang), job,
            tr("pred.readonly", nick=plain(record.nickname_in(lang)), number=record.number))


st.title(tr("pred.title"))
# done first: a job publishes its probabilities as it ends, never before.
lang = current_lang()
options: dict[str, tuple[str, Run]] = {f"#{r.number}": (r.name(lang), r.job) for r in session_runs()
                                       if r.job.done and r.job.val_proba is not None}
other = _opened_elsewhere()
if other is not None:  # someone else's run first: it is what the link opened
    options = {other[0]: other[1:3], **dict(reversed(options.items()))}
else:
    options = dict(reversed(options.items()))
if not options:
    training = any(not r.job.done for r in session_runs())
    st.info(tr("pred.training" if training else "pred.empty"), icon=":material/hourglass_empty:")
    st.page_link("views/trainer.py", label=tr("pred.to_trainer"), icon=":material/model_training:")
    st.stop()

c1, c2 = st.columns([2, 1])
seeded_from_url(["pr_run"])  # following a lesson: the run the address names is chosen anew
if st.session_state.get("pr_run") not in options:
    st.session_state.pop("pr_run", None)
key = named_select(c1, tr("pred.run"), list(options), "pr_run", format_func=lambda k: options[k][0])
seed("pr.split", "val", choice_parser(["val", "test"]))
split = c2.segmented_control(tr("pred.split"), ["val", "test"], required=True,
                             format_func=lambda s: tr(f"pred.split.{s}"), key="pr.split",
                             on_change=lambda: st.session_state.pop(IMAGE, None))  # an index means another image
job = options[key][1]
# The run by its stored id, so a shared link opens it for a student too (as the class board's links do).
run_id = key if other is not None and key == other[0] else run_service().run_id(current_workspace(), int(key[1:]))
write_url({"run": run_id})
if other is not None and key == other[0]:
    st.caption(other[3])
try:
    ds = job.dataset  # a stored run's data set loads now: it may have gone since the run trained
except DatasetError as exc:
    st.error(exc.text(current_lang()), icon=":material/error:")
    st.stop()
names = class_names(current_lang()) if ds.name == "fashion_mnist" else ds.class_names["en"]
if split == "val":
    x, y, proba, by_epoch = ds.x_val, ds.y_val, job.val_proba, job.val_pred_by_epoch
else:
    x, y, proba, by_epoch = ds.x_test, ds.y_test, job.test_proba, None

TABS = ["confusion", "browse", "scores"]
tab_names = [tr(f"pred.tab.{k}") for k in TABS]
st.session_state["pr.tab__tab"] = tab_names[TABS.index(seed("pr.tab", TABS[0], choice_parser(TABS)))]
keep(WIDGET_KEYS)  # a closed tab's widgets are not drawn: their values wait for them
tab_cm, tab_browse, tab_scores = st.tabs(tab_names, key="pr.tab__tab", on_change=lambda: st.session_state.update(
    {"pr.tab": TABS[tab_names.index(st.session_state["pr.tab__tab"])]}))
logits_of = job.model.decision_function if job.model is not None else None
if tab_cm.open:
    with tab_cm:
        confusion_view(y, proba, names, by_epoch, ds, x, logits_of)
if tab_browse.open:
    with tab_browse:
        browse_view(y, proba, names, ds, x, logits_of)
if tab_scores.open:
    with tab_scores:
        scores_view(y, proba, names)
question_box("predictions", qpred.context(y, proba, dataset=ds.name, split=split, names=names,
                                            epochs=len(by_epoch or ())))
publish(["pr.split", "pr.tab", *KEYS])
write_url({"img": st.session_state.get(IMAGE)})
