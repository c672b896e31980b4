"""The classroom scenario: one `streamlit run app.py`, thirty students at once.

Most students move sliders on the explorer pages (a few seconds of looking between moves, a new page
every few moves); a handful train on the trainer page at the same moment, so the concurrency limit makes
some of them wait. Meanwhile the server's memory and thread count are sampled from /proc. At the end
every tab closes while a second round of training runs, and the server's thread count must fall back to
where it was before the class arrived. Used by tests/load/test_classroom.py and bench/classroom_load.py.
"""
from __future__ import annotations

import asyncio
import contextlib
import random
import re
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

from core.data.datasets import DatasetError, _find_files, fashion_mnist_dirs
from core.text.i18n import t
from tests.e2e.conftest import ROOT, free_port, start_app, stop_app
from tests.load.client import Tab
from tests.load.lesson import TEACHER_KEY, lead, open_alone, teacher_moves
from ui.nav import PAGES

EXPLORER_URLS = ("softmax", "sigmoid", "loss")  # the explorer pages, when registered
TRAINER_URL = "trainer"
REGIONS_URL = "regions"  # the decision-regions page, where some students press Play
JOB_STATES = ("queued", "running", "stopped", "finished", "failed")
GRACE_S = 2.0  # the load server's PLAYGROUND_GRACE_S: how long a closed tab's run trains on (default 60 s)


# ------------------------------------------------------------------------------------------ server

@contextlib.contextmanager
def serve(slots: int = 2, data_dir: Path | None = None):
    """One `streamlit run app.py` on a free loopback port, as a class would use it (``slots`` training
    slots, no download attempts, the teacher's key set, its run store in ``data_dir`` when given); yields
    (base URL, pid, log path) and stops the server afterwards."""
    port = free_port()
    # A closed tab's run trains on for the grace period before it stops (a reload comes back in time).
    env = {"PLAYGROUND_MAX_JOBS": str(slots), "FASHION_MNIST_OFFLINE": "1", "PLAYGROUND_GRACE_S": str(GRACE_S),
           "PLAYGROUND_TEACHER_KEY": TEACHER_KEY}
    proc = start_app(port, env=env | ({"PLAYGROUND_DATA_DIR": str(data_dir)} if data_dir else {}))
    try:
        yield f"http://127.0.0.1:{port}", proc.pid, ROOT / "artifacts" / f"streamlit-{port}.log"
    finally:
        stop_app(proc, 15)


def fashion_mnist_installed() -> bool:
    """Whether one of the folders the app searches holds the four Fashion-MNIST files."""
    for folder in fashion_mnist_dirs():
        try:
            _find_files(folder)
            return True
        except DatasetError:
            continue
    return False


def proc_status(pid: int) -> dict[str, int]:
    """VmRSS / VmHWM (kB) and Threads of a process, from /proc/<pid>/status."""
    out = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM", "Threads"):
            out[name] = int(value.split()[0])
    return out


class Sampler:
    """Samples a process's RSS and thread count every ``every`` seconds in the background."""

    def __init__(self, pid: int, every: float = 0.25):
        self.pid, self.every = pid, every
        self.samples: list[tuple[float, int, int]] = []  # (time, rss kB, threads)
        self._task: asyncio.Task | None = None

    def sample(self) -> dict[str, int]:
        s = proc_status(self.pid)
        self.samples.append((time.monotonic(), s["VmRSS"], s["Threads"]))
        return s

    async def _loop(self) -> None:
        while True:
            self.sample()
            await asyncio.sleep(self.every)

    def start(self) -> None:
        self._task = asyncio.create_task(self._loop())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)


async def settled_threads(sampler: Sampler, *, quiet_s: float = 3.0, limit_s: float = 90.0) -> int:
    """Wait until the thread count has not changed for ``quiet_s`` seconds; return it."""
    deadline = time.monotonic() + limit_s
    last, since = sampler.sample()["Threads"], time.monotonic()
    while time.monotonic() < deadline:
        await asyncio.sleep(0.25)
        now = sampler.sample()["Threads"]
        if now != last:
            last, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet_s:
            break
    return last


# ---------------------------------------------------------------------------------------- students

@dataclass
class Move:
    """One slider move: when it was sent, on which page, and how long the rerun took."""
    sent: float
    page: str
    seconds: float


@dataclass
class Job:
    """What one training student saw of their run (through the page's status line)."""
    student: int
    clicked: float = 0.0
    states: list[str] = field(default_factory=list)  # distinct states in the order seen
    active: float | None = None                      # first seen past "waiting for a slot"
    ended: float | None = None
    reloaded: bool = False                           # the tab was reloaded once while the run trained

    def saw(self, state: str, now: float) -> None:
        if not self.states or self.states[-1] != state:
            self.states.append(state)
        if state != "queued" and self.active is None:
            self.active = now
        if state in ("stopped", "finished", "failed") and self.ended is None:
            self.ended = now

    @property
    def waited_s(self) -> float:
        """Seconds from Start to the first sign of training (slot wait plus the page's polling lag)."""
        return (self.active or self.clicked) - self.clicked


_STATE_TEXTS = {t(f"train.state.{s}", lang): s for s in JOB_STATES for lang in ("en", "ko")}


def job_state(progress_text: str) -> str | None:
    """The job state named in the trainer's progress line (either language)."""
    line = progress_text.split(" — ", 1)[-1]
    return next((s for text, s in _STATE_TEXTS.items() if line.startswith(text)), None)


def _sliders(tab: Tab) -> list:
    return [w for w in tab.widgets.values() if w.kind == "slider" and not w.proto.options
            and not w.proto.disabled]


def _random_value(rng: random.Random, p) -> float:
    steps = max(1, round((p.max - p.min) / p.step)) if p.step else 100
    value = p.min + rng.randint(0, steps) * (p.step or (p.max - p.min) / 100)
    return round(min(max(value, p.min), p.max), 10)


async def reload(tab: Tab, tabs: list, reloads: list) -> Tab:
    """Press F5: the tab's connection goes and a new session of the same browser (its cookie) opens the
    same address (and, in a lesson, leaves it again)."""
    await tab.close()
    again = Tab(tab.base_url, tab.page, tab.query, secret=tab.secret)
    tabs.append(again)
    result = await open_alone(again)
    reloads.append(result.seconds)
    return again


async def explorer_student(n: int, base: str, pages: list[str], rng: random.Random, until, moves: list,
                           tabs: list, think=(3.0, 8.0), moves_per_page=(3, 6), arrive_s: float = 0.0,
                           reloads: list | None = None) -> None:
    """Arrive within ``arrive_s`` seconds, then open the explorer pages one after another and move a
    random slider every few seconds; with ``reloads``, reload the tab once, after the first page."""
    lang = "ko" if n % 2 else "en"
    order = pages[n % len(pages):] + pages[:n % len(pages)]
    await asyncio.sleep(rng.uniform(0, arrive_s))
    tab = Tab(base, order[0], f"lang={lang}")
    tabs.append(tab)
    await open_alone(tab)
    i = 0
    while not until():
        for _ in range(rng.randint(*moves_per_page)):
            await asyncio.sleep(rng.uniform(*think))
            if until():
                return
            sliders = _sliders(tab)
            if not sliders:
                break
            w = rng.choice(sliders)
            sent = time.monotonic()
            result = await tab.set_slider(w.key, _random_value(rng, w.proto))
            moves.append(Move(sent, tab.page, result.seconds))
        i += 1
        if reloads is not None and i == 1:
            tab = await reload(tab, tabs, reloads)
        await tab.goto(order[i % len(order)], f"lang={lang}")


REGIONS_QUERY = "rkind=spiral&rc=3&rnoise=0.1&rn=400&runits=16&ract=tanh&rlr=0.3&rbatch=16"  # spiral, 16 tanh units
REGIONS_PLANE = "rg_live"  # the plane: the component that trains in the browser and reports back
REPORT_S = 10              # a playing plane reports its epoch and weights this often (views/parts/regions_live.py)
EPOCHS_PER_REPORT = 600    # one epoch per display frame, 60 a second


@dataclass
class Play:
    """What one decision-regions player's tab reported and saw: each report's round trip (seconds), the
    epochs it reported and the epochs the plane's data carried after each report's rerun."""
    student: int
    seconds: list[float] = field(default_factory=list)
    sent: list[int] = field(default_factory=list)
    adopted: list[int] = field(default_factory=list)

    @property
    def all_adopted(self) -> bool:
        """Whether the tab reported and the server continued from every report's epoch."""
        return bool(self.sent) and self.sent == self.adopted


async def report_plane(tab: Tab, play: Play, epoch: int, why: str, playing: bool) -> None:
    """Send the plane's report as its browser does (the token and weights it was given, reached ``epoch``);
    record the round trip and the epoch the server's rerun then sent back."""
    data = tab.component_data(REGIONS_PLANE)
    value = {"token": data["token"], "epoch": epoch, "weights": data["weights"], "playing": playing, "why": why,
             "curves": {"stride": 1, "epoch": [], "loss": [], "accuracy": []}, "diverged": None}
    result = await tab.component_event(REGIONS_PLANE, "report", value)
    play.seconds.append(result.seconds)
    play.sent.append(epoch)
    play.adopted.append(tab.component_data(REGIONS_PLANE)["epoch"])


async def regions_player(n: int, base: str, rng: random.Random, until, tabs: list, plays: list,
                         arrive_s: float = 0.0) -> None:
    """Arrive within ``arrive_s`` seconds, open the decision-regions page on the spiral with 16 tanh units and
    press Play. The browser trains (nothing reaches the server) and, as the plane does, reports its epoch and
    weights every ``REPORT_S`` seconds (``EPOCHS_PER_REPORT`` epochs on, up to the plane's cap), and once
    more on Pause when the class ends. Appends the tab's :class:`Play` to ``plays``."""
    lang = "ko" if n % 2 else "en"
    await asyncio.sleep(rng.uniform(0, arrive_s))
    tab = Tab(base, REGIONS_URL, f"lang={lang}&{REGIONS_QUERY}")
    tabs.append(tab)
    await open_alone(tab)
    play = Play(student=n)
    plays.append(play)
    data = tab.component_data(REGIONS_PLANE)
    epoch, cap = data["epoch"], data["cap"]
    last, playing = time.monotonic(), True  # Play pressed: the browser's own business
    while not until():
        await asyncio.sleep(0.5)
        if playing and time.monotonic() - last >= REPORT_S:
            epoch = min(epoch + EPOCHS_PER_REPORT, cap)
            playing = epoch < cap  # the plane stops by itself at the cap and says so
            await report_plane(tab, play, epoch, "tick" if playing else "cap", playing)
            last = time.monotonic()
    if playing:
        await report_plane(tab, play, epoch, "pause", False)


async def trainer_student(n: int, base: str, go: asyncio.Event, job: Job, tabs: list, *, epochs: int,
                          subset: int | None, ready: asyncio.Queue, timeout_s: float,
                          reloads: list | None = None) -> Tab:
    """Set up a small run (a Fashion-MNIST subset, or the digits when ``subset`` is None), press Start
    with the others, and follow the live status (the page's own polling fragment) to the end; with
    ``reloads``, reload the tab once while its run trains (the run must go on in the reloaded tab)."""
    lang = "ko" if n % 2 else "en"
    tab = Tab(base, TRAINER_URL, f"lang={lang}")
    tabs.append(tab)
    await open_alone(tab)
    if subset is None:
        await tab.choose("tr_dataset", t("trainer.dataset.digits", lang))
    else:
        await tab.choose("tr_subset", f"{subset:,}")
    await tab.set_number("tr_epochs", epochs)
    ready.put_nowait(n)
    await go.wait()
    job.clicked = time.monotonic()
    await tab.click("tr_start")
    deadline = job.clicked + timeout_s
    while time.monotonic() < deadline:
        progress = tab.texts("progress")
        state = job_state(progress[0]) if progress else None
        if state:
            job.saw(state, time.monotonic())
        if job.ended is not None:
            break
        if reloads is not None and state == "running" and not job.reloaded:
            job.reloaded = True
            tab = await reload(tab, tabs, reloads)
        await asyncio.sleep(0.25)  # the page's own fragment timer reruns it every 0.5 s
    return tab


# ----------------------------------------------------------------------------------------- the run

@dataclass
class Report:
    """The figures of one classroom run."""
    students: int
    trainers: int
    seconds: float
    moves: list[Move]
    training_window: tuple[float, float] | None
    jobs: list[Job]
    peak_rss_mb: float
    rss_before_mb: float
    threads_baseline: int
    threads_peak: int
    threads_after: int
    threads_back_s: float | None
    close_jobs_running: int
    exceptions: list[str]
    client_errors: list[str]
    server_errors: list[str]
    slots: int
    dataset: str
    think: tuple[float, float]
    players: int = 0                                        # students who pressed Play on the regions page
    plays: list[Play] = field(default_factory=list)         # what each of them reported
    reloads: list[float] = field(default_factory=list)      # seconds to the first run of each reloaded tab
    followers: int = 0                                      # more tabs, following the teacher's lesson
    lesson_delays: list[float] = field(default_factory=list)  # seconds from a teacher's change to each follower
    lesson_missed: int = 0                                  # follower-changes not seen within 10 s

    def latencies(self, during_training: bool = False) -> list[float]:
        """Slider-move rerun times (ms), all or only those sent while a job trained."""
        lo, hi = self.training_window or (0.0, 0.0)
        return [m.seconds * 1000 for m in self.moves if not during_training or lo <= m.sent <= hi]

    @staticmethod
    def percentile(values: list[float], q: float) -> float:
        """The q-th percentile (0–100) by linear interpolation; NaN-free: 0 for no values."""
        if not values:
            return 0.0
        if len(values) == 1:
            return values[0]
        return statistics.quantiles(values, n=100, method="inclusive")[round(q) - 1]

    @property
    def jobs_finished(self) -> int:
        return sum(j.states[-1:] == ["finished"] for j in self.jobs)

    @property
    def jobs_queued(self) -> int:
        """Jobs that waited for a slot: first seen training later than the quickest job by more than
        half that job's training time (the pages' polling lag is seconds; a slot wait is a whole run)."""
        seen = [j for j in self.jobs if j.active is not None]
        if not seen:
            return 0
        first = min(seen, key=lambda j: j.waited_s)
        run_s = (first.ended - first.active) if first.ended is not None else 0.0
        return sum(j.waited_s > first.waited_s + max(1.0, run_s / 2) for j in seen)

    @property
    def jobs_ok(self) -> bool:
        """Every job went running → finished or queued → (running →) finished, and nothing else."""
        allowed = (["running", "finished"], ["queued", "running", "finished"], ["queued", "finished"],
                   ["finished"])
        return bool(self.jobs) and all(j.states in allowed for j in self.jobs)

    def format(self) -> str:
        """The figures as a readable block."""
        all_ms, train_ms = self.latencies(), self.latencies(during_training=True)
        by_page = {}
        for m in self.moves:
            by_page.setdefault(m.page, []).append(m.seconds * 1000)
        lines = [
            f"Classroom load: {self.students} students ({self.students - self.trainers - self.players} on the "
            f"explorer pages, {self.players} playing the decision regions, {self.trainers} training "
            f"{self.dataset}), {self.seconds:.0f} s, training slots "
            f"{self.slots}, {self.think[0]:g}–{self.think[1]:g} s between slider moves",
            f"  explorer reruns while training: n={len(train_ms)}  p50 {self.percentile(train_ms, 50):.0f} ms"
            f"  p95 {self.percentile(train_ms, 95):.0f} ms  (target p95 <= 300 ms)",
            f"  explorer reruns overall:        n={len(all_ms)}  p50 {self.percentile(all_ms, 50):.0f} ms"
            f"  p95 {self.percentile(all_ms, 95):.0f} ms  max {max(all_ms, default=0):.0f} ms",
        ]
        for page, ms in sorted(by_page.items()):
            lines.append(f"    {page:<10} n={len(ms):<4} p50 {self.percentile(ms, 50):.0f} ms"
                         f"  p95 {self.percentile(ms, 95):.0f} ms")
        if self.followers:
            d = self.lesson_delays
            lines.append(f"  lesson: {self.followers} more tabs follow the teacher's slider moves; a change reached "
                         f"a follower p50 {self.percentile(d, 50):.2f} s  p95 {self.percentile(d, 95):.2f} s  max "
                         f"{max(d, default=0):.2f} s ({len(d)} deliveries, {self.lesson_missed} missed; target p95 <= 1.5 s)")
        if self.players:
            lines.append(plays_line(self.plays, self.players))
        lines += [
            f"  server RSS: {self.rss_before_mb:.0f} MB before the class, peak {self.peak_rss_mb:.0f} MB"
            " (VmHWM; target <= 2560 MB)",
            f"  jobs: {len(self.jobs)} started together, {self.jobs_queued} queued for a slot, "
            f"{self.jobs_finished} finished",
        ]
        for j in self.jobs:
            took = f"{j.ended - j.clicked:.1f} s" if j.ended else "did not end"
            lines.append(f"    student {j.student}: {' -> '.join(j.states)}  (training seen after "
                         f"{j.waited_s:.1f} s, ended after {took})")
        if self.reloads:
            ms = [r * 1000 for r in self.reloads]
            lines.append(f"  reloads: {len(ms)} tabs reloaded once (trainers mid-run, {sum(j.reloaded for j in self.jobs)}"
                         f"); first run after reload p50 {self.percentile(ms, 50):.0f} ms  p95 "
                         f"{self.percentile(ms, 95):.0f} ms  max {max(ms):.0f} ms")
        back = f"{self.threads_back_s:.2f} s" if self.threads_back_s is not None else "NOT within the limit"
        lines += [
            f"  threads: baseline {self.threads_baseline}, peak {self.threads_peak}, after closing "
            f"{self.threads_after}; back to baseline in {back} (limit 5 s; {self.close_jobs_running} "
            "runs were training or queued when the tabs closed)",
            f"  exceptions on pages: {len(self.exceptions)}  client errors: {len(self.client_errors)}  "
            f"server log tracebacks: {len(self.server_errors)}",
        ]
        lines += [f"    ! {e}" for e in (self.exceptions + self.client_errors + self.server_errors)[:10]]
        return "\n".join(lines)


def plays_line(plays: list[Play], players: int) -> str:
    """The decision-regions players' reports as a line: how many, how many adopted, their round trips."""
    ms = [s * 1000 for p in plays for s in p.seconds]
    sent = sum(len(p.sent) for p in plays)
    adopted = sum(a == e for p in plays for a, e in zip(p.adopted, p.sent))
    return (f"  decision-regions players: {len(plays)} of {players} pressed Play (the browser trains); {sent} "
            f"reports ({REPORT_S} s apart and on Pause), {adopted} adopted; round trip p50 "
            f"{Report.percentile(ms, 50):.0f} ms  p95 {Report.percentile(ms, 95):.0f} ms  max {max(ms, default=0):.0f} ms")


async def lesson_teacher(teacher: Tab, followers: list[Tab], rng: random.Random, until, delays: list) -> None:
    """Until the class ends, the teacher moves a slider every 3–6 s; each follower's delay is recorded."""
    while not until():
        await asyncio.sleep(rng.uniform(3.0, 6.0))
        delays += await teacher_moves(teacher, followers, rng)


def server_tracebacks(log_path: Path | None) -> list[str]:
    """The exception line ("ValueError: …") of every traceback in the server's log."""
    if log_path is None or not log_path.exists():
        return []
    text = re.sub(r"\x1b\[[0-9;]*m", "", log_path.read_text(errors="replace"))  # Rich's colours
    found = []
    for m in re.finditer("Traceback", text):
        last = re.search(r"^(\w[\w.]*(?:Error|Exception|Exit|Interrupt)\b.*)$", text[m.end():], re.M)
        found.append(last.group(1) if last else "Traceback")
    return found


def registered_explorers() -> list[str]:
    """URL paths of the explorer pages registered in ui/nav.py."""
    urls = {p.url for p in PAGES}
    return [u for u in EXPLORER_URLS if u in urls]


async def classroom(base: str, pid: int, *, students: int = 30, trainers: int = 4, min_seconds: float = 45,
                    max_seconds: float = 240, epochs: int = 40, subset: int | None = 48_000, seed: int = 0,
                    slots: int = 2, think: tuple[float, float] = (3.0, 8.0), arrive_s: float = 15.0,
                    log_path: Path | None = None, close_limit_s: float = 5.0, players: int = 0,
                    reload_once: bool = True, followers: int = 0) -> Report:
    """Run the class against the server at ``base`` (process ``pid``) and return the figures.

    ``think`` is how long a student looks at the page between slider moves (uniform, seconds), and the
    explorer students arrive spread over ``arrive_s`` seconds (as a class opening a shared link);
    trainers use a Fashion-MNIST ``subset`` (or the digits when None) for ``epochs`` epochs; ``players`` of
    the students press Play on the decision-regions page (when it is registered): their browsers train and
    report back every ten seconds.
    With ``reload_once`` every explorer and trainer tab reloads once mid-class (a trainer's while its
    run trains). With ``followers``, a teacher leads a lesson on the softmax page from before the class
    arrives, moving a slider every 3–6 s, and that many more tabs follow it (the class's other students
    leave the lesson as they arrive, to explore, play and train on their own).
    """
    rng = random.Random(seed)
    sampler = Sampler(pid)
    pages = registered_explorers()
    players = players if REGIONS_URL in {p.url for p in PAGES} else 0

    # Warm-up: one visitor opens every page (TensorFlow starts importing in the background on the
    # trainer page), then leaves; the settled thread count is the baseline a class must return to.
    warm = Tab(base, "", "lang=en")
    await warm.open()
    for url in [*pages, *([REGIONS_URL] if players else []), TRAINER_URL, "predictions"]:
        await warm.goto(url, "lang=en")
    await warm.close()
    baseline = await settled_threads(sampler)
    rss_before = sampler.sample()["VmRSS"] / 1024
    sampler.start()

    t0 = time.monotonic()
    tabs: list[Tab] = []
    moves: list[Move] = []
    jobs = [Job(student=i) for i in range(trainers)]
    go, ready = asyncio.Event(), asyncio.Queue()
    trainers_done = asyncio.Event()
    reloads: list[float] | None = [] if reload_once else None

    def until() -> bool:
        elapsed = time.monotonic() - t0
        return elapsed > max_seconds or (trainers_done.is_set() and elapsed > min_seconds)

    delays: list[float | None] = []
    lesson_task = None
    if followers:
        teacher = await lead(base)
        tabs.append(teacher)
        following = [Tab(base, "", f"lang={'ko' if i % 2 else 'en'}") for i in range(followers)]
        tabs.extend(following)
        await asyncio.gather(*(tab.open() for tab in following))
        lesson_task = asyncio.create_task(lesson_teacher(teacher, following, random.Random(rng.random()), until,
                                                         delays))

    explorer_tasks = [asyncio.create_task(explorer_student(i, base, pages, random.Random(rng.random()), until,
                                                           moves, tabs, think=think, arrive_s=arrive_s,
                                                           reloads=reloads))
                      for i in range(students - trainers - players)] if pages else []
    plays: list[Play] = []
    player_tasks = [asyncio.create_task(regions_player(i, base, random.Random(rng.random()), until, tabs,
                                                       plays, arrive_s=arrive_s)) for i in range(players)]
    trainer_tasks = [asyncio.create_task(trainer_student(i, base, go, jobs[i], tabs, epochs=epochs,
                                                         subset=subset, ready=ready, timeout_s=max_seconds,
                                                         reloads=reloads))
                     for i in range(trainers)]
    for _ in range(trainers):
        await asyncio.wait_for(ready.get(), max_seconds)
    await asyncio.sleep(max(5.0, arrive_s - (time.monotonic() - t0)))  # the whole class is busy by now
    go.set()
    trainer_tabs = await asyncio.gather(*trainer_tasks)
    trainers_done.set()
    ends = [j.ended for j in jobs if j.ended is not None]
    window = (min(j.clicked for j in jobs), max(ends)) if jobs and ends else None
    await asyncio.gather(*explorer_tasks, *player_tasks, *([lesson_task] if lesson_task else []))

    # Second round: every trainer starts a long run, then the whole class closes its tabs mid-run.
    for tab in trainer_tabs:
        await tab.set_number("tr_epochs", 200)
        await tab.click("tr_start")
    await asyncio.sleep(2)
    running = sum(job_state(tab.texts("progress")[0]) in ("queued", "running")
                  for tab in trainer_tabs if tab.texts("progress"))
    peak_threads = max(s[2] for s in sampler.samples)
    # The limit counts from the moment the tabs start closing plus the grace period, when their runs stop.
    closed_at = time.monotonic() + GRACE_S
    await asyncio.gather(*(tab.close() for tab in tabs))
    back_s = None
    while time.monotonic() - closed_at <= close_limit_s:
        if sampler.sample()["Threads"] <= baseline:
            back_s = max(0.0, time.monotonic() - closed_at)
            break
        await asyncio.sleep(0.05)
    after = sampler.sample()["Threads"]
    await sampler.stop()
    peak_rss = proc_status(pid)["VmHWM"] / 1024
    return Report(
        students=students, trainers=trainers, seconds=time.monotonic() - t0, moves=moves,
        training_window=window, jobs=jobs, peak_rss_mb=peak_rss, rss_before_mb=rss_before,
        threads_baseline=baseline, threads_peak=max(peak_threads, max(s[2] for s in sampler.samples)),
        threads_after=after, threads_back_s=back_s, close_jobs_running=running,
        exceptions=[e for tab in tabs + [warm] for e in tab.exceptions],
        client_errors=[e for tab in tabs + [warm] for e in tab.errors], server_errors=server_tracebacks(log_path),
        slots=slots, dataset="digits" if subset is None else f"Fashion-MNIST {subset:,}", think=think,
        players=players, plays=plays, reloads=reloads or [], followers=followers,
        lesson_delays=[d for d in delays if d is not None], lesson_missed=sum(d is None for d in delays))
