"""The lesson scenario: a teacher leads, a class of tabs follows (Streamlit's own protocol, no Chromium).

Measured: the server's CPU while the followers sit on an idle page, without a lesson and with one (each
tab's lesson fragment reads the lesson's row once a second); how long each teacher change (a slider on
the softmax page) takes to reach each follower's address; with ``questions``, how long the answers of
every follower, sent at the same moment, take to be stored, and the reveal to reach every follower; and,
with ``processes=2``, the same with the followers on a second server process on the same data folder. Used by tests/load/test_lesson.py and
bench/lesson_load.py.
"""
from __future__ import annotations

import asyncio
import contextlib
import os
import random
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs

from streamlit.proto.WidgetStates_pb2 import WidgetState

from core.runs.asks import Asks
from core.runs.store import RunStore
from tests.e2e.conftest import free_port, start_app, stop_app
from tests.load.client import RunResult, Tab

TEACHER_KEY = "load-test-teacher"
_TICKS = os.sysconf("SC_CLK_TCK")


@contextlib.contextmanager
def lesson_servers(data_dir: Path, processes: int = 1):
    """``processes`` app servers on one data folder with a teacher key; yields [(base URL, pid)]."""
    procs = []
    try:
        for _ in range(processes):
            port = free_port()
            proc = start_app(port, env={"PLAYGROUND_DATA_DIR": str(data_dir), "PLAYGROUND_TEACHER_KEY": TEACHER_KEY,
                                        "FASHION_MNIST_OFFLINE": "1"})
            procs.append((f"http://127.0.0.1:{port}", proc))
        yield [(base, proc.pid) for base, proc in procs]
    finally:
        for _, proc in procs:
            stop_app(proc, 15)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time the process has used so far (from /proc/<pid>/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / _TICKS


async def cpu_share(pids: list[int], seconds: float) -> float:
    """The processes' CPU use over the next ``seconds``, as a fraction of one core."""
    before = sum(map(cpu_seconds, pids))
    await asyncio.sleep(seconds)
    return (sum(map(cpu_seconds, pids)) - before) / seconds


@dataclass
class LessonReport:
    followers: int
    processes: int
    idle_cpu_alone: float         # fraction of one core: the followers' tabs open, no lesson
    idle_cpu_lesson: float        # the same tabs following an idle lesson
    delays: list[float] = field(default_factory=list)  # each follower's delay for each change, seconds
    missed: int = 0               # follower-changes never seen
    questions: int = 0            # questions asked, each answered by every follower at once
    answered: list[float] = field(default_factory=list)  # per question: seconds until all answers were stored
    confirmed: list[float] = field(default_factory=list)  # per answer: seconds until its sender's run ended
    reveals: list[float] = field(default_factory=list)   # per follower and question: the reveal's delay
    answers_lost: int = 0         # answers never stored, reveals never seen
    exceptions: list[str] = field(default_factory=list)
    client_errors: list[str] = field(default_factory=list)

    @staticmethod
    def percentile(values: list[float], q: float) -> float:
        return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]

    def format(self) -> str:
        d = sorted(self.delays)
        lines = [f"lesson: {self.followers} followers on {self.processes} server process(es)",
                 f"  idle CPU, tabs open without a lesson: {self.idle_cpu_alone:.1%} of one core",
                 f"  idle CPU, the same tabs following an idle lesson: {self.idle_cpu_lesson:.1%} of one core"]
        if d:
            lines.append(f"  a teacher's change reached a follower: p50 {self.percentile(d, 50):.2f} s, "
                         f"p95 {self.percentile(d, 95):.2f} s, max {d[-1]:.2f} s ({len(d)} deliveries, "
                         f"{self.missed} missed)")
        if self.questions:
            c, r = sorted(self.confirmed), sorted(self.reveals)
            lines += [f"  {self.questions} questions, {self.followers} answers each sent at once: all stored after "
                      + ", ".join(f"{a:.2f}" for a in self.answered) + " s; each sender's confirmation p50 "
                      f"{self.percentile(c, 50):.2f} s, p95 {self.percentile(c, 95):.2f} s",
                      f"  the reveal reached a follower: p50 {self.percentile(r, 50):.2f} s, p95 "
                      f"{self.percentile(r, 95):.2f} s, max {r[-1]:.2f} s ({len(r)} deliveries, "
                      f"{self.answers_lost} answers or reveals lost)"]
        lines.append(f"  exceptions: {len(self.exceptions)}, client errors: {len(self.client_errors)}")
        return "\n".join(lines)


def _key_of(tab: Tab, prefix: str) -> str:
    return next(k for k in tab.widgets if k and k.startswith(prefix))


async def lead(base: str) -> Tab:
    """A teacher's tab on the softmax page: types the key, turns on "Lead the class"."""
    teacher = Tab(base, "softmax", "lang=en")
    await teacher.open()
    await teacher.rerun(WidgetState(id=teacher.widgets["ws_key_box"].id, string_value=TEACHER_KEY))
    await teacher.rerun(WidgetState(id=teacher.widgets["ls_lead"].id, bool_value=True))
    return teacher


async def open_alone(tab: Tab) -> RunResult:
    """Open ``tab``; while a lesson is on (which takes every new tab along), leave it and go back to the
    tab's own page: a student exploring alone. Returns the first run's result."""
    page, query = tab.page, tab.query
    first = await tab.open()
    if "ls_follow_box" in tab.widgets:
        await tab.rerun(WidgetState(id=tab.widgets["ls_follow_box"].id, bool_value=False))
        await tab.goto(page, query)
    return first


async def wait_for(tab: Tab, name: str, value: str | None, limit_s: float) -> float | None:
    """Seconds until ``tab``'s address holds ``name=value`` (any value when None), or None."""
    t0 = time.monotonic()
    while time.monotonic() - t0 < limit_s:
        got = parse_qs(tab.query).get(name)
        if got is not None and (value is None or got == [value]):
            return time.monotonic() - t0
        await asyncio.sleep(0.01)
    return None


async def teacher_moves(teacher: Tab, followers: list[Tab], rng: random.Random,
                        limit_s: float = 10.0) -> list[float | None]:
    """The teacher moves z₂ on the softmax page; the seconds until each follower's address shows the new
    value (None: not within ``limit_s``), counted from the end of the teacher's run, which publishes it."""
    value = round(rng.uniform(-4, 4), 1)
    await teacher.set_slider(_key_of(teacher, "sm.z1__s"), value)
    return list(await asyncio.gather(*(wait_for(tab, "z1", f"{value:g}", limit_s) for tab in followers)))


async def until_shown(tab: Tab, test, limit_s: float) -> float | None:
    """Seconds until ``test(tab)`` holds (the tab's last run drew it), or None after ``limit_s``."""
    t0 = time.monotonic()
    while time.monotonic() - t0 < limit_s:
        if test(tab):
            return time.monotonic() - t0
        await asyncio.sleep(0.01)
    return None


def _revealed(tab: Tab) -> bool:
    return any(text.startswith(("The answer:", "정답:")) for text in tab.texts("markdown"))


async def ask_and_reveal(teacher: Tab, followers: list[Tab], asks, report: LessonReport, rng: random.Random,
                         limit_s: float) -> None:
    """The teacher asks "what is p₁?" (the first question of the softmax page); every follower answers at
    the same moment; the teacher reveals, and closes the question."""
    await teacher.rerun(WidgetState(id=teacher.widgets["qs_pop"].id, bool_value=True))
    await teacher.click("qs_ask")
    shown = await asyncio.gather(*(until_shown(t, lambda t: "qa_send" in t.widgets, limit_s) for t in followers))
    report.answers_lost += sum(d is None for d in shown)
    ask = asks.store.read(lambda c: c.execute("SELECT ask FROM lesson").fetchone()[0])
    values = [round(rng.uniform(0, 1), 3) for _ in followers]

    async def send(tab: Tab, value: float) -> float:
        send = tab.widgets["qa_send"]  # in the answer card's fragment: the browser reruns that alone
        result = await tab.rerun(WidgetState(id=tab.widgets["qa_num"].id, double_value=value),
                                 WidgetState(id=send.id, trigger_value=True), fragment_id=send.fragment,
                                 auto=False)
        return result.seconds

    t0 = time.monotonic()
    sending = asyncio.gather(*(send(t, v) for t, v in zip(followers, values) if "qa_send" in t.widgets))
    while asks.count(ask) < len(followers) and time.monotonic() - t0 < limit_s:
        await asyncio.sleep(0.005)
    report.answered.append(time.monotonic() - t0)
    report.confirmed += await sending
    report.answers_lost += len(followers) - asks.count(ask)
    click = asyncio.create_task(teacher.click("qs_reveal"))  # counted from the click: the reveal is written
    reveals = await asyncio.gather(*(until_shown(t, _revealed, limit_s) for t in followers))  # as its run starts
    await click
    report.reveals += [d for d in reveals if d is not None]
    report.answers_lost += sum(d is None for d in reveals)
    report.questions += 1
    await teacher.click("qs_close")
    await asyncio.gather(*(until_shown(t, lambda t: not _revealed(t), limit_s) for t in followers))


async def lesson_class(servers: list[tuple[str, int]], *, followers: int = 30, changes: int = 10,
                       idle_s: float = 20.0, gap_s: tuple[float, float] = (2.0, 4.0), seed: int = 0,
                       limit_s: float = 10.0, questions: int = 0, data_dir: Path | None = None) -> LessonReport:
    """The teacher on the first server; ``followers`` tabs spread over the servers, on the home page.
    Measures idle CPU without and with a lesson, then ``changes`` slider moves of the teacher, then
    ``questions`` questions every follower answers at once (read back from the run store in ``data_dir``)."""
    rng = random.Random(seed)
    pids = [pid for _, pid in servers]
    tabs = [Tab(servers[i % len(servers)][0], "", f"lang={'ko' if i % 2 else 'en'}") for i in range(followers)]
    for tab in tabs:
        await tab.open()
    await asyncio.sleep(3)  # every tab's first runs are over
    alone = await cpu_share(pids, idle_s)
    teacher = await lead(servers[0][0])
    report = LessonReport(followers, len(servers), alone, 0.0)
    # Every follower arrives on the teacher's page (the lesson's start), then the class sits still.
    first = await asyncio.gather(*(wait_for(tab, "z0", None, 30) for tab in tabs))
    report.missed += sum(d is None for d in first)
    await asyncio.sleep(3)
    report.idle_cpu_lesson = await cpu_share(pids, idle_s)
    for _ in range(changes):
        sent = time.monotonic()
        delays = await teacher_moves(teacher, tabs, rng, limit_s)
        report.delays += [d for d in delays if d is not None]
        report.missed += sum(d is None for d in delays)
        await asyncio.sleep(max(0.0, rng.uniform(*gap_s) - (time.monotonic() - sent)))
    if questions:
        store = RunStore(data_dir)
        try:
            for _ in range(questions):
                await ask_and_reveal(teacher, tabs, Asks(store), report, rng, limit_s)
        finally:
            store.close()
    for tab in [teacher, *tabs]:
        report.exceptions += tab.exceptions
        report.client_errors += tab.errors
    await asyncio.gather(*(tab.close() for tab in [teacher, *tabs]))
    return report
