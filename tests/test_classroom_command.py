"""Check the README's classroom command, scripts/classroom.sh, as a teacher runs it: it starts the server
with a teacher key (one it makes and prints, or the one set, kept and never printed), two training runs at
once, on the classroom network unless the extra arguments say otherwise."""
import os
import re
import subprocess
from pathlib import Path

from tests.conftest import need
from tests.e2e.conftest import free_port, stop_app, wait_healthy

ROOT = Path(__file__).resolve().parents[1]
KEY_LINE = re.compile(r"\| Teacher key for this session:\s+(\S+)\s+\|")


def run_classroom(tmp_path, **env: str) -> tuple[str, dict[str, str], list[str]]:
    """Run the script until its server answers (on 127.0.0.1 and a free port, by extra arguments, so a test
    never opens the network); return what it printed, and the environment and command line the server
    process started with (the script execs Streamlit, so its process is the server's)."""
    need(Path("/proc/self/environ").exists(), "reads the server's environment from /proc (Linux)")
    port = free_port()
    base = {k: v for k, v in os.environ.items() if k not in ("PLAYGROUND_TEACHER_KEY", "PLAYGROUND_MAX_JOBS")}
    out = tmp_path / "out.txt"
    with open(out, "w") as sink:  # .venv as it is: a test installs nothing
        proc = subprocess.Popen(["bash", "scripts/classroom.sh", "--server.address", "127.0.0.1",
                                 "--server.port", str(port)], cwd=ROOT, stdout=sink, stderr=subprocess.STDOUT,
                                env={**base, "PLAYGROUND_NO_INSTALL": "1", **env})
        try:
            wait_healthy(f"http://127.0.0.1:{port}", proc, timeout=120)
            environ = dict(item.split("=", 1) for item in
                           Path(f"/proc/{proc.pid}/environ").read_bytes().decode().split("\0") if "=" in item)
            argv = Path(f"/proc/{proc.pid}/cmdline").read_bytes().decode().split("\0")
        finally:
            stop_app(proc)
    return out.read_text(), environ, argv


def test_a_key_is_made_printed_and_given_to_the_server(tmp_path):
    """Check that without PLAYGROUND_TEACHER_KEY the command prints a new key of 10 characters with no
    look-alikes (0 o 1 l i: lower case only, so no O or I either) in a box, that the server has exactly that key, two runs at once, and listens
    on 0.0.0.0:8501 unless extra arguments (here: this machine, a free port) come after."""
    printed, environ, argv = run_classroom(tmp_path)
    keys = KEY_LINE.findall(printed)
    assert len(keys) == 1, printed
    assert re.fullmatch(r"[a-z0-9]{10}", keys[0]) and not set(keys[0]) & set("0o1li")
    assert environ["PLAYGROUND_TEACHER_KEY"] == keys[0]
    assert environ["PLAYGROUND_MAX_JOBS"] == "2"
    tail = argv[argv.index("app.py") + 1:]
    assert tail[:4] == ["--server.address", "0.0.0.0", "--server.port", "8501"]
    assert tail[4:6] == ["--server.address", "127.0.0.1"]  # the extra arguments, passed on after the defaults


def test_a_set_key_is_kept_and_never_printed(tmp_path):
    """Check that a key the teacher set reaches the server unchanged and appears nowhere in the output (no
    box either), and that a PLAYGROUND_MAX_JOBS the teacher set is kept too."""
    key = "chalk-and-talk"
    printed, environ, _ = run_classroom(tmp_path, PLAYGROUND_TEACHER_KEY=key, PLAYGROUND_MAX_JOBS="3")
    assert key not in printed and not KEY_LINE.search(printed) and "Teacher key" not in printed
    assert environ["PLAYGROUND_TEACHER_KEY"] == key and environ["PLAYGROUND_MAX_JOBS"] == "3"
