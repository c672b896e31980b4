"""Check the changes that keep one server quick for a class: no per-rerun full garbage collection over
TensorFlow's objects, and messages that carry their problems in the page's language. (Small, cheap
charts: tests/test_figures_style.py.)"""
import subprocess
import sys
import textwrap
from pathlib import Path

from core.i18n import Message

ROOT = Path(__file__).resolve().parents[1]


def test_keras_import_leaves_the_garbage_collector_little_to_scan():
    """Check, in a fresh interpreter, that importing Keras through core.keras_model adds few objects for
    the garbage collector to track (TensorFlow's ~300,000 long-lived ones are frozen), while a plain
    import of the same module would add them all."""
    code = textwrap.dedent("""
        import gc, sys
        from core import keras_model
        before = len(gc.get_objects())
        keras_model.keras_module()
        after = len(gc.get_objects())
        gc.unfreeze()
        print(before, after, len(gc.get_objects()))
    """)
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    before, after, unfrozen = map(int, out.stdout.split()[-3:])
    assert after - before < 20_000
    assert unfrozen - before > 100_000  # what the collector would otherwise walk at every full pass


def test_message_renders_the_problems_it_carries_in_each_language():
    """Check that a Message whose parameter is a list of Messages renders them as bullets, each in the
    same language."""
    problems = [Message("data.no_folder", {"path": "/a"}), Message("data.download_off")]
    msg = Message("data.not_loaded", {"problems": problems, "files": "`x.gz`"})
    en, ko = msg.text("en"), msg.text("ko")
    assert "- `/a`: no such folder." in en and "- `/a`: 폴더가 없습니다." in ko
    assert "내려받기가 꺼져" in ko and "switched off" in en and "switched off" not in ko
    assert str(msg) == en
