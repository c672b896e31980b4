"""Check the one-way dependencies (core never imports streamlit; only core/engines/keras_model.py imports TF),
that pages stay thin and that they never train an engine themselves."""
import ast
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXPLORER_PAGES = ["views/home.py", "views/softmax_explorer.py", "views/sigmoid_explorer.py",
                  "views/loss_viewer.py", "views/regions.py"]
APP_DIRS = {"core", "ui", "views"}  # the app's code: only core/engines/keras_model.py may import TensorFlow
# Code outside the app: tests and benchmarks hold the app against TensorFlow itself; scripts install it.
OTHER_DIRS = {"tests", "bench", "scripts"}


def code_dirs() -> set[str]:
    """Top-level folders of the repository that hold Python files."""
    return {p.relative_to(ROOT).parts[0] for p in ROOT.glob("[!.]*/**/*.py")}


def imported_roots(path: Path) -> set[str]:
    """Top-level package names that a Python file imports anywhere (functions included)."""
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


def run_python(code: str) -> str:
    """Run code in a fresh interpreter at the repo root; return its stdout."""
    out = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=ROOT, capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    return out.stdout


@pytest.mark.parametrize("path", sorted((ROOT / "core").rglob("*.py")), ids=lambda p: p.name)
def test_core_never_imports_streamlit(path):
    """Check that no core module imports streamlit."""
    assert "streamlit" not in imported_roots(path)


def test_every_code_folder_is_known():
    """Check that every folder holding Python is either app code (scanned below) or known other code, so
    a new folder (or a pages/ one) cannot slip past the import checks."""
    assert code_dirs() <= APP_DIRS | OTHER_DIRS, code_dirs() - APP_DIRS - OTHER_DIRS
    assert APP_DIRS <= code_dirs()


def test_only_keras_model_imports_tensorflow():
    """Check that TensorFlow/Keras appear in the imports of core/engines/keras_model.py alone (views/ included)."""
    offenders = [str(p.relative_to(ROOT)) for d in sorted(APP_DIRS) for p in (ROOT / d).rglob("*.py")
                 if {"tensorflow", "keras"} & imported_roots(p) and p != ROOT / "core" / "engines" / "keras_model.py"]
    offenders += [p for p in ["app.py"] if {"tensorflow", "keras"} & imported_roots(ROOT / p)]
    assert offenders == []


def test_core_maths_imports_neither_streamlit_nor_tensorflow():
    """Check, in a fresh interpreter, that the maths modules pull in neither library."""
    out = run_python("""
        import sys, core.maths.activations, core.maths.losses, core.text.i18n
        print(sorted(m for m in ("streamlit", "tensorflow", "keras") if m in sys.modules))
    """)
    assert out.strip() == "[]"


def test_app_and_explorer_pages_do_not_import_tensorflow():
    """Check, in a fresh interpreter, that running app.py and every explorer page never loads TF."""
    missing = [p for p in EXPLORER_PAGES if not (ROOT / p).exists()]
    assert missing == [], f"explorer pages not found (renamed? update EXPLORER_PAGES): {missing}"
    pages = EXPLORER_PAGES
    out = run_python(f"""
        import sys
        from streamlit.testing.v1 import AppTest
        at = AppTest.from_file("app.py", default_timeout=60).run()
        assert not at.exception, at.exception
        for page in {pages!r}:
            at.switch_page(page).run()
            assert not at.exception, (page, at.exception)
        print(sorted(m for m in ("tensorflow", "keras") if m in sys.modules))
    """)
    assert out.strip().splitlines()[-1] == "[]"


def test_the_numpy_reference_path_uses_the_explorers_maths():
    """Check that core/engines/network.py takes softmax and the clipped cross-entropy from core.maths.activations and
    core.maths.losses (the modules the explorers teach with) and computes no exp or log of its own; the compiled
    kernels are its twin, tested against it."""
    tree = ast.parse((ROOT / "core" / "engines" / "network.py").read_text())
    imported = {(node.module, alias.name) for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                for alias in node.names}
    assert {("core.maths.activations", "softmax"), ("core.maths.losses", "bce_terms")} <= imported
    own_maths = [f"np.{node.attr}" for node in ast.walk(tree) if isinstance(node, ast.Attribute)
                 and isinstance(node.value, ast.Name) and node.value.id == "np"
                 and node.attr in {"exp", "log", "log1p", "expm1"}]
    assert own_maths == []


# core's folders from the bottom up: a folder may import its own modules and the folders before it.
CORE_LAYERS = ["text", "maths", "data", "engines", "classroom", "runs", "figures", "pages", "questions"]


def core_imports(path: Path) -> set[str]:
    """The core folders (``core.<folder>``) a Python file imports."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
            [node.module] if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module else []
        found |= {n.split(".")[1] for n in names if n.startswith("core.")}
    return found


def test_core_is_grouped_in_its_layers():
    """Check that every module of core sits in one of the layer folders (none left loose at the top)."""
    assert {p.name for p in (ROOT / "core").iterdir() if p.suffix == ".py"} == {"__init__.py"}
    assert {p.name for p in (ROOT / "core").iterdir() if p.is_dir() and p.name != "__pycache__"} == set(CORE_LAYERS)


@pytest.mark.parametrize("layer", CORE_LAYERS)
def test_core_layers_import_only_downwards(layer):
    """Check that a core folder imports only itself and the folders below it (text at the bottom, each
    page's helpers at the top), so the layering is in the folders, not only in a picture."""
    allowed = set(CORE_LAYERS[:CORE_LAYERS.index(layer) + 1])
    upward = {str(p.relative_to(ROOT)): sorted(core_imports(p) - allowed)
              for p in (ROOT / "core" / layer).rglob("*.py") if core_imports(p) - allowed}
    assert upward == {}


def test_ui_never_imports_views():
    """Check that ui/ (what several pages share) never reaches into a page or a page's own parts."""
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "ui").rglob("*.py") if "views" in imported_roots(p)]
    assert offenders == []


def test_ui_keeps_only_what_several_pages_share():
    """Check that each module of ui/ serves at least two pages or page parts (or the router); one page's
    own widgets live beside it in views/parts/."""
    users: dict[str, set[str]] = {}
    for page in [ROOT / "app.py", *(ROOT / "views").rglob("*.py")]:
        for node in ast.walk(ast.parse(page.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("ui."):
                users.setdefault(node.module.split(".")[1], set()).add(page.name)
    lonely = {m: sorted(u) for m, u in users.items() if len(u) < 2 and "app.py" not in u}
    assert lonely == {}


MAX_PAGE_LINES = 120  # Streamlit's own hello pages run 40–120 lines; more belongs in core or views/parts/


def test_pages_stay_thin():
    """Check that every page in views/ is at most MAX_PAGE_LINES lines: read widgets, call core, render."""
    long = {p.name: n for p in sorted((ROOT / "views").glob("*.py"))
            if (n := len(p.read_text().splitlines())) > MAX_PAGE_LINES}
    assert long == {}


def training_methods() -> set[str]:
    """``fit``, ``partial_fit`` and the training-step methods (names with train, epoch or step) of the engines:
    the classes defined in core/engines/ and LogisticRegression1D."""
    methods: dict[str, set[str]] = {}
    for path in [*(ROOT / "core" / "engines").glob("*.py"), ROOT / "core" / "maths" / "logistic.py"]:
        for node in ast.parse(path.read_text()).body:
            if isinstance(node, ast.ClassDef) and (path.parent.name == "engines"
                                                   or node.name == "LogisticRegression1D"):
                methods[node.name] = {f.name for f in node.body if isinstance(f, ast.FunctionDef)}
    assert {"MultiClassNetwork", "KerasNetwork", "LogisticRegression1D"} <= set(methods)  # the scan finds them
    return {m for names in methods.values() for m in names
            if m in {"fit", "partial_fit"} or any(word in m for word in ("train", "epoch", "step"))}


def test_views_and_ui_never_train_an_engine():
    """Check that no code in ui/ or views/ (views/parts/ included) calls an engine's fit, partial_fit or a
    training step itself: training runs in core (a TrainJob, a page's core module), pages only show it."""
    forbidden = training_methods()
    assert {"fit", "partial_fit"} <= forbidden
    calls = [f"{p.relative_to(ROOT)}:{node.lineno} .{node.func.attr}(" for d in ("ui", "views")
             for p in sorted((ROOT / d).rglob("*.py")) for node in ast.walk(ast.parse(p.read_text()))
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in forbidden]
    assert calls == []


def numbers_written_in(path: Path) -> set[float]:
    """Every number a Python file writes: its numeric literals and the arithmetic of literals (``2**31 - 1``)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Constant) and type(node.value) in (int, float):
            found.add(node.value)
        elif isinstance(node, (ast.BinOp, ast.UnaryOp)) and all(
                isinstance(n, (ast.Constant, ast.BinOp, ast.UnaryOp, ast.operator, ast.unaryop))
                for n in ast.walk(node)):
            found.add(eval(compile(ast.Expression(node), str(path), "eval")))
    return found


def test_the_trainer_page_reads_its_limits_from_the_settings_table():
    """Check that the trainer's controls import the table of settings from core and that neither they nor the
    page write a number that is one of its limits or subset sizes (0 and 1 are too common to tell)."""
    from core.runs.config import SETTINGS, SUBSETS
    controls, page = ROOT / "ui" / "trainer_controls.py", ROOT / "views" / "trainer.py"
    imported = {(node.module, alias.name) for node in ast.walk(ast.parse(controls.read_text()))
                if isinstance(node, ast.ImportFrom) for alias in node.names}
    assert ("core.runs.config", "SETTINGS") in imported
    limits = {v for s in SETTINGS.values() if s.choices is None for v in (s.low, s.high)}
    limits |= {n for sizes in SUBSETS.values() for n in sizes}
    copies = {str(p.relative_to(ROOT)): sorted(numbers_written_in(p) & (limits - {0, 1}))
              for p in (controls, page)}
    assert copies == {str(p.relative_to(ROOT)): [] for p in (controls, page)}


def engine_classes() -> set[str]:
    """The names of the classes defined in core/engines/ (at any depth, e.g. Keras's callback adapter)."""
    return {node.name for p in (ROOT / "core" / "engines").rglob("*.py")
            for node in ast.walk(ast.parse(p.read_text(), str(p))) if isinstance(node, ast.ClassDef)}


def asks_what_it_holds(node: ast.AST, engines: set[str]) -> bool:
    """Whether ``node`` is a ``hasattr(...)`` call or an ``isinstance(x, ...)`` naming an engine class."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
        return False
    if node.func.id == "hasattr":
        return True
    if node.func.id != "isinstance" or len(node.args) != 2:
        return False
    kinds = node.args[1].elts if isinstance(node.args[1], ast.Tuple) else [node.args[1]]
    names = {k.id if isinstance(k, ast.Name) else k.attr if isinstance(k, ast.Attribute) else None for k in kinds}
    return bool(names & engines)


def test_only_the_engines_ask_what_an_object_is():
    """Check that outside core/engines/ no app code calls ``hasattr`` or ``isinstance(x, <engine class>)``:
    a run, an engine or a model is read through its declared interface, never by asking which kind it is."""
    engines = engine_classes()
    assert {"MultiClassNetwork", "KerasNetwork"} <= engines
    offenders = [f"{p.relative_to(ROOT)}:{node.lineno}" for d in sorted(APP_DIRS)
                 for p in sorted((ROOT / d).rglob("*.py")) if ROOT / "core" / "engines" not in p.parents
                 for node in ast.walk(ast.parse(p.read_text(), str(p))) if asks_what_it_holds(node, engines)]
    assert offenders == []
