"""Show the classroom load figures at the end of the pytest run (output is captured during tests)."""
from __future__ import annotations

REPORTS: list[str] = []


def pytest_terminal_summary(terminalreporter):
    """Print the figures of each load run below the test results."""
    for text in REPORTS:
        terminalreporter.write_sep("=", "classroom load figures")
        terminalreporter.write_line(text)
