"""Class runs: every stored run of this server, sortable; overlay up to four; open one's predictions."""
import pandas as pd
import streamlit as st

from core.figures.training import history_figure
from core.pages import board
from core.text.formats import ACCURACY_TABLE
from ui.charts import plot
from ui.lang import current_lang, tr
from ui.state import choice_parser, named_select, publish, seed, seeded_from_url, write_url
from ui.trainer_live import chart_titles
from ui.training import run_service
from ui.workspace import current_workspace, is_teacher, store_notice

st.title(tr("board.title"))
st.caption(tr("board.intro"))
store_notice()
runs, ws, teacher = run_service(), current_workspace(), is_teacher()
records = runs.board(teacher)
done = st.session_state.pop("bd_done", None)  # the teacher's hide or clear, said once after its rerun


def say_done(action: str) -> None:
    """Say what the teacher's ``action`` ("hidden" or "cleared") did, if it was the last change."""
    if done and done[0].startswith(f"board.teacher.{action}"):
        st.success(tr(done[0], n=done[1]), icon=":material/check_circle:")


if not records:
    say_done("cleared")  # every run cleared: there is no teacher box left to say it in
    st.info(tr("board.empty"), icon=":material/groups:")
    st.page_link("views/trainer.py", label=tr("pred.to_trainer"), icon=":material/model_training:")
    st.stop()

lang = current_lang()  # bound in the run: a select box may format its options outside it (AppTest does)
seed("bd_sort", "best", choice_parser(list(board.SORTS)))
sort = st.segmented_control(tr("board.sort"), board.SORTS, key="bd_sort", required=True,
                            format_func=lambda k: tr(f"board.sort.{k}"))
records = board.sorted_runs(records, sort)
by_id = {r.id: r for r in records}
labels = board.run_labels(records, lang)


def short(i: str) -> str:
    return board.short_name(by_id[i], labels[i], lang)


columns = board.table_columns(records, labels, ws, lang, teacher=teacher)
table = pd.DataFrame({tr(f"board.col.{k}"): v for k, v in columns.items()})
# The table scrolls sideways inside itself on a phone; the run's name stays pinned at its left.
st.dataframe(table, hide_index=True, width="stretch", column_config={
    tr("board.col.run"): st.column_config.TextColumn(pinned=True),
    tr("board.col.best"): st.column_config.ProgressColumn(min_value=0, max_value=100, format=ACCURACY_TABLE),
    tr("board.col.seconds"): st.column_config.NumberColumn(format="%.2f"),
    tr("board.col.created"): st.column_config.DatetimeColumn(format="HH:mm"),
})

# The overlay picker lives in the URL (?pick=id,id) so a shared link shows the same comparison.
seeded_from_url(["bd_pick"])
if "bd_pick" not in st.session_state:
    st.session_state["bd_pick"] = board.picks_from_url(st.query_params.get("pick", ""), by_id)
st.session_state["bd_pick"] = [i for i in st.session_state["bd_pick"] if i in by_id]
picked = named_select(st, tr("board.overlay"), board.plottable(records), "bd_pick", multi=True,
                      max_selections=board.MAX_OVERLAY, format_func=short, placeholder=tr("board.overlay.placeholder"),
                      help=tr("board.overlay.help"))
publish(["bd_sort"])
write_url({"pick": ",".join(picked) or None})  # none picked: no ?pick=
if picked:
    fig = history_figure([(board.legend_name(by_id[i], labels[i], lang), runs.history(i)) for i in picked],
                         titles=chart_titles(), total_epochs=max(by_id[i].config.epochs for i in picked))
    plot(st, fig, key="bd_chart")
else:
    st.caption(tr("board.overlay.none"))

left, right = st.columns(2)
with left:
    if finished := board.openable(records):
        pick = named_select(st, tr("board.open"), finished, "bd_open", format_func=short)
        st.page_link("views/predictions.py", label=tr("board.open.button"), icon=":material/grid_view:",
                     query_params={"run": pick})
    else:
        st.caption(tr("board.open.none"))
with right:
    if mine := board.deletable(records, ws):
        gone = named_select(st, tr("board.delete"), mine, "bd_delete", format_func=short)
        if st.button(tr("board.delete.button"), icon=":material/delete:", key="bd_delete_go"):
            if runs.delete(ws, gone):
                st.toast(tr("board.deleted"))
                st.rerun()
    else:
        st.caption(tr("board.delete.none"))

if teacher:
    with st.expander(tr("board.teacher.title"), expanded=True, icon=":material/school:"):
        hidden = named_select(st, tr("board.teacher.hide"), [r.id for r in records], "bd_hidden", multi=True,
                              default=[r.id for r in records if r.hidden], format_func=short,
                              placeholder=tr("common.choose"))
        if st.button(tr("board.teacher.hide.button"), key="bd_hide_go"):
            if runs.set_hidden(teacher, hidden):
                st.session_state["bd_done"] = ("board.teacher.hidden", len(hidden)) if hidden else \
                    ("board.teacher.hidden.none", 0)
            st.rerun()
        say_done("hidden")
        sure = st.checkbox(tr("board.teacher.clear.confirm"), key="bd_clear_sure")
        if st.button(tr("board.teacher.clear"), disabled=not sure, icon=":material/delete_sweep:", key="bd_clear_go"):
            st.session_state["bd_done"] = ("board.teacher.cleared", runs.clear(teacher))
            st.rerun()
        say_done("cleared")
        st.caption(tr("board.teacher.size", runs=len(records), mb=runs.store.size_bytes() / 1e6,
                                     path=str(runs.store.path)))
