"""Check the changes that keep one server quick for a class: no per-rerun full garbage collection over
TensorFlow's objects, and messages that carry their problems in the page's language. (Small, cheap
charts: tests/test_figures_style.py.)"""
import subprocess
import sys
import textwrap
from pathlib import Path

from core.text.i18n import Message

ROOT = Path(__file__).resolve().parents[1]


def test_keras_import_leaves_the_garbage_collector_little_to_scan():
    """Check, in a fresh interpreter, that importing Keras through core.engines.keras_model adds few objects for
    the garbage collector to track (TensorFlow's ~300,000 long-lived ones are frozen), while a plain
    import of the same module would add them all."""
    code = textwrap.dedent("""
        import gc, sys
        from core.engines import keras_model
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


def test_page_runs_leave_keras_alone_and_freeze_startup_objects():
    """Check, in a fresh interpreter with Keras loaded, that Streamlit's own after-run clean-up resets
    Keras (its layer-name counter restarts: the reset that ran a full garbage collection after every
    rerun), and that after the app's tune_once it no longer does, while the collector has the start-up
    objects frozen and collects young objects less often."""
    code = textwrap.dedent("""
        import gc
        from streamlit.runtime.scriptrunner import script_runner
        from core.engines import keras_model
        from ui.server_tuning import GC_THRESHOLD, tune_once
        keras = keras_model.keras_module()
        keras.layers.Dense(1); keras.layers.Dense(1)
        script_runner._clean_problem_modules()
        print(keras.layers.Dense(1).name)
        tune_once()
        keras.layers.Dense(1)
        script_runner._clean_problem_modules()
        print(keras.layers.Dense(1).name)
        print(gc.get_freeze_count() > 10_000, gc.get_threshold() == GC_THRESHOLD)
    """)
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    before, after, flags = out.stdout.split()[-4], out.stdout.split()[-3], out.stdout.split()[-2:]
    assert before == "dense"          # Streamlit's clean-up reset the counter
    assert after == "dense_2"         # ours keeps it: dense, dense_1, dense_2
    assert flags == ["True", "True"]
