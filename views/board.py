"""Class runs: every stored run of this server, sortable; overlay up to four; open one's predictions."""
import datetime as dt
import html

import pandas as pd
import streamlit as st

from core.figures.training import history_figure
from core.text.i18n import t
from core.runs.run_list import run_name
from core.runs.store import ACTIVE_STATES
from ui.lang import current_lang, tr
from ui.state import choice_parser, named_select, publish, seed
from ui.trainer_live import chart_titles
from ui.training import run_service
from ui.workspace import current_workspace, is_teacher, session_runs, store_notice

SORTS = ("best", "created", "seconds", "nickname")
MAX_OVERLAY = 4

st.title(tr("board.title"))
st.caption(tr("board.intro"))
store_notice()
store, ws, teacher = run_service().store, current_workspace(), is_teacher()
records = run_service().board(teacher)
if not records:
    st.info(tr("board.empty"), icon=":material/groups:")
    st.page_link("views/trainer.py", label=tr("pred.to_trainer"), icon=":material/model_training:")
    st.stop()


LANG = current_lang()  # bound in the run: a select box may format its options outside it (AppTest does)


def _label(r) -> str:
    # Plotly reads tags in legend text (<a href>, <b>): a name stored by any means shows as typed.
    return t("board.chart.legend", LANG, nick=html.escape(r.nickname, quote=False),
             label=run_name(r.number, r.config, LANG))


def _short(r) -> str:
    """A run in a picker: the table's name, run number and engine (a select box shows one line; the
    whole name was cut on a phone)."""
    return t("board.pick", LANG, nick=r.nickname, n=r.number, engine=t(f"train.run.engine.{r.config.engine}", LANG))


def _settings(c) -> str:
    return f"{c.units}u {c.activation} · lr {c.learning_rate:g} · batch {c.batch_size} · {c.dataset}" + \
        (f" {c.subset:,}" if c.subset else "")


seed("bd_sort", "best", choice_parser(list(SORTS)))
sort = st.segmented_control(tr("board.sort"), SORTS, key="bd_sort", required=True,
                            format_func=lambda k: tr(f"board.sort.{k}"))
order = {"best": lambda r: -(r.best_val_accuracy or 0.0), "created": lambda r: -r.created,
         "seconds": lambda r: r.seconds if r.epochs else float("inf"), "nickname": lambda r: r.nickname.lower()}
records.sort(key=order[sort])
by_id = {r.id: r for r in records}

# What a class compares first comes first: on a phone the later columns scroll sideways.
table = pd.DataFrame({
    tr("board.col.nickname"): [r.nickname + (" " + tr("board.mine") if r.workspace == ws else "") for r in records],
    tr("board.col.best"): [r.best_val_accuracy for r in records],
    tr("board.col.epochs"): [f"{r.epochs}/{r.config.epochs}" for r in records],
    tr("board.col.seconds"): [r.seconds for r in records],
    tr("board.col.state"): [tr(f"train.state.{r.state}") for r in records],
    tr("board.col.engine"): [tr(f"train.run.engine.{r.config.engine}") for r in records],
    tr("board.col.settings"): [_settings(r.config) for r in records],
    tr("board.col.run"): [f"#{r.number}" for r in records],
    tr("board.col.created"): [dt.datetime.fromtimestamp(r.created) for r in records],
    **({tr("board.col.hidden"): [r.hidden for r in records]} if teacher else {}),
})
st.dataframe(table, hide_index=True, width="stretch", column_config={
    tr("board.col.best"): st.column_config.ProgressColumn(min_value=0.0, max_value=1.0, format="%.3f"),
    tr("board.col.seconds"): st.column_config.NumberColumn(format="%.2f"),
    tr("board.col.created"): st.column_config.DatetimeColumn(format="HH:mm"),
})

# The overlay picker lives in the URL (?pick=id,id) so a shared link shows the same comparison.
if "bd_pick" not in st.session_state:
    st.session_state["bd_pick"] = [i for i in st.query_params.get("pick", "").split(",") if i in by_id][:MAX_OVERLAY]
st.session_state["bd_pick"] = [i for i in st.session_state["bd_pick"] if i in by_id]
plottable = [r.id for r in records if r.epochs]
picked = named_select(st, tr("board.overlay"), plottable, "bd_pick", multi=True, max_selections=MAX_OVERLAY,
                      format_func=lambda i: _short(by_id[i]), placeholder=tr("board.overlay.placeholder"),
                      help=tr("board.overlay.help"))
publish(["bd_sort"])
if st.query_params.get("pick", "") != ",".join(picked):
    st.query_params["pick"] = ",".join(picked)
if picked:
    fig = history_figure([(_label(by_id[i]), store.history(i)) for i in picked], titles=chart_titles(),
                         total_epochs=max(by_id[i].config.epochs for i in picked))
    st.plotly_chart(fig, key="bd_chart")
else:
    st.caption(tr("board.overlay.none"))

left, right = st.columns(2)
with left:
    finished = [r.id for r in records if r.has_arrays]
    if finished:
        pick = named_select(st, tr("board.open"), finished, "bd_open", format_func=lambda i: _short(by_id[i]),
                            placeholder=tr("common.choose"))
        st.page_link("views/predictions.py", label=tr("board.open.button"), icon=":material/grid_view:",
                     query_params={"run": pick})
    else:
        st.caption(tr("board.open.none"))
with right:
    mine = [r.id for r in records if r.workspace == ws and r.state not in ACTIVE_STATES]
    if mine:
        gone = named_select(st, tr("board.delete"), mine, "bd_delete", format_func=lambda i: _short(by_id[i]),
                            placeholder=tr("common.choose"))
        if st.button(tr("board.delete.button"), icon=":material/delete:", key="bd_delete_go"):
            if store.delete_run(gone, ws):
                session_runs().forget(by_id[gone].number)
                st.toast(tr("board.deleted"))
                st.rerun()
    else:
        st.caption(tr("board.delete.none"))

if teacher:
    with st.expander(tr("board.teacher.title"), expanded=True, icon=":material/school:"):
        hidden = named_select(st, tr("board.teacher.hide"), [r.id for r in records], "bd_hidden", multi=True,
                              default=[r.id for r in records if r.hidden], format_func=lambda i: _short(by_id[i]),
                              placeholder=tr("common.choose"))
        if st.button(tr("board.teacher.hide.button"), key="bd_hide_go"):
            store.hide_runs([i for i in by_id if i not in hidden], hidden=False)
            store.hide_runs(hidden)
            st.rerun()
        sure = st.checkbox(tr("board.teacher.clear.confirm"), key="bd_clear_sure")
        if st.button(tr("board.teacher.clear"), disabled=not sure, icon=":material/delete_sweep:", key="bd_clear_go"):
            st.toast(tr("board.teacher.cleared", n=store.clear()))
            st.rerun()
        st.caption(tr("board.teacher.size", runs=len(records), mb=store.size_bytes() / 1e6, path=str(store.path)))
