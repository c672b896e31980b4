"""Check the classroom-server settings Streamlit actually loads from .streamlit/config.toml."""
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

OPTIONS = ["server.enableXsrfProtection", "server.enableCORS", "browser.gatherUsageStats",
           "client.showErrorDetails", "client.toolbarMode", "server.maxUploadSize", "server.headless",
           "server.runOnSave", "server.fileWatcherType", "runner.postScriptGC", "server.address",
           "server.maxMessageSize"]


def loaded_options() -> dict:
    """The option values as Streamlit resolves them from the repo's config file (fresh process)."""
    code = ("import json, streamlit.config as c; c.get_config_options(force_reparse=True); "
            f"print(json.dumps({{k: c.get_option(k) for k in {OPTIONS!r}}}))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_classroom_server_settings():
    """Check XSRF and CORS protection on, no usage stats, no tracebacks, small uploads, viewer toolbar."""
    opts = loaded_options()
    assert opts["server.enableXsrfProtection"] is True
    assert opts["server.enableCORS"] is True
    assert opts["browser.gatherUsageStats"] is False
    assert opts["client.showErrorDetails"] == "type"
    assert opts["client.toolbarMode"] == "viewer"
    assert opts["server.maxUploadSize"] <= 10
    # What the app sends or receives in one message stays under 2 MB; Streamlit's default is 200 MB.
    assert 4 <= opts["server.maxMessageSize"] <= 16
    assert opts["server.headless"] is True and opts["server.runOnSave"] is False
    assert opts["server.fileWatcherType"] == "none"
    # A full garbage collection after every rerun costs ~0.2 s once TensorFlow is loaded: off.
    assert opts["runner.postScriptGC"] is False
    # A local `bash scripts/run.sh` listens on this machine only; the classroom opens 0.0.0.0 on purpose.
    assert opts["server.address"] == "127.0.0.1"
