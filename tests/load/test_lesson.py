"""The lesson under load: 30 tabs follow a teacher across two server processes on one data folder (see
tests/load/lesson.py). Asserts what must hold: every change reaches every follower, nothing raises; the
speed figures (propagation p50/p95, the idle server's CPU) are reported below the results and in
artifacts/lesson-load-report.txt, as bench/lesson_load.py prints them."""
import asyncio
import concurrent.futures

import pytest

from tests.e2e.conftest import ROOT
from tests.load.conftest import REPORTS
from tests.load.lesson import lesson_class, lesson_servers

pytestmark = pytest.mark.load


def test_thirty_followers_on_two_processes(tmp_path):
    """Check that a lesson led on one server process takes 30 tabs along, half of them on a second process
    over the same data folder: each of the teacher's moves reaches every follower's address; each of two
    questions gets 30 answers sent at once, all stored, and its reveal reaches every follower; and no
    page, client or server raises."""
    with lesson_servers(tmp_path, processes=2) as servers, concurrent.futures.ThreadPoolExecutor(1) as pool:
        report = pool.submit(asyncio.run, lesson_class(servers, followers=30, changes=6, idle_s=10, questions=2,
                                                       data_dir=tmp_path)).result()
    text = report.format()
    (ROOT / "artifacts" / "lesson-load-report.txt").write_text(text + "\n")
    REPORTS.append(text)
    assert report.missed == 0 and len(report.delays) == 30 * 6, text
    assert report.questions == 2 and report.answers_lost == 0 and len(report.reveals) == 30 * 2, text
    assert report.exceptions == [] and report.client_errors == [], text
