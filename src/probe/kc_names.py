"""keras-compat: resolves the names the repository's code uses against the packages installed in the venv.

Imported by probe.py. Names come from kc_codescan.py (the code was parsed, never run). Resolving a name imports the
INSTALLED packages' modules (keras, tensorflow, tf_keras, tensorflow_hub, tensorflow_probability and their
submodules) and looks attributes up; nothing found is called. Each root is resolved as it really is in the venv:
`tensorflow.keras` through TensorFlow (Keras 3, Keras 2 or tf_keras, whatever TensorFlow serves), never as `keras`.
"""

import ast
import importlib
import inspect
import sys
import textwrap
import types

ROOTS = ("keras", "tensorflow", "tf_keras", "tensorflow_hub", "tensorflow_probability")
# Exceptions a stub raises to say "this name is gone" (NotImplementedError is an abstract method, not a stub).
STUB_ERRORS = {"ImportError", "ModuleNotFoundError", "AttributeError", "RuntimeError", "ValueError", "TypeError"}


def stub_message(obj):
    """The message of a name kept only to raise when used (Keras 3's tf.keras.optimizers.legacy.*), else None.

    A class whose own __init__ or __new__, or a function whose body, is a lone `raise SomeError(...)`.
    """
    if isinstance(obj, type):
        fn = obj.__dict__.get("__init__") or obj.__dict__.get("__new__")
        if isinstance(fn, staticmethod):
            fn = fn.__func__
    elif isinstance(obj, types.FunctionType):
        fn = obj
    else:
        return None
    if not isinstance(fn, types.FunctionType):
        return None
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(fn)))
    except (OSError, TypeError, SyntaxError, IndentationError):
        return None
    body = tree.body[0].body if tree.body and hasattr(tree.body[0], "body") else []
    if body and isinstance(body[0], ast.Expr) and isinstance(getattr(body[0], "value", None), ast.Constant):
        body = body[1:]  # a docstring
    if len(body) != 1 or not isinstance(body[0], ast.Raise) or body[0].exc is None:
        return None
    exc = body[0].exc
    kind = exc.func if isinstance(exc, ast.Call) else exc
    name = kind.id if isinstance(kind, ast.Name) else getattr(kind, "attr", "")
    if name not in STUB_ERRORS:
        return None
    message = ""
    if isinstance(exc, ast.Call) and exc.args:
        try:
            message = str(ast.literal_eval(exc.args[0]))
        except (ValueError, SyntaxError, TypeError):
            message = ""
    return "%s: %s" % (name, message) if message else name


def _missing(status, detail, where):
    return {"status": status, "detail": detail, "at": where}


def _step_import(obj, path, part):
    """`import path.part` semantics, falling back to an attribute of the module (`from path import part`)."""
    full = path + "." + part
    if isinstance(obj, types.ModuleType):
        try:
            return importlib.import_module(full)
        except ModuleNotFoundError as exc:
            if exc.name != full:
                raise
    return getattr(obj, part)


def _step_attribute(obj, path, part):
    """Attribute access, as the code does it; a submodule not imported yet may still be importable."""
    try:
        return getattr(obj, part)
    except AttributeError:
        if not isinstance(obj, types.ModuleType):
            raise
        try:
            return importlib.import_module(path + "." + part)
        except ModuleNotFoundError:
            raise AttributeError("module %r has no attribute %r" % (path, part)) from None


def resolve(name, form):
    """{"status": "ok"} or {"status": "missing" | "stub" | "broken" | "root-failed", "detail", "at"}.

    The packages are left as they were found: importing `tensorflow.keras.x` makes Python set `tensorflow.keras` to
    the imported module, replacing TensorFlow's lazy loader (which decides what tf.keras is), so every attribute an
    import changes on a module that was already loaded is put back, and no name's answer depends on another's.
    """
    parts = name.split(".")
    loaded = [(sys.modules.get(".".join(parts[:i])), parts[i]) for i in range(1, len(parts))]
    before = [(module, attr, module.__dict__.get(attr, _ABSENT)) for module, attr in loaded if module is not None]
    try:
        return _resolve(parts, form)
    finally:
        for module, attr, value in before:
            if value is not _ABSENT and module.__dict__.get(attr, _ABSENT) is not value:
                setattr(module, attr, value)


_ABSENT = object()


def _resolve(parts, form):
    name = ".".join(parts)
    if parts[0] not in ROOTS or not all(p.isidentifier() for p in parts):
        return _missing("broken", "not a name keras-compat resolves", name)
    try:
        obj = importlib.import_module(parts[0])
    except ModuleNotFoundError as exc:
        if exc.name == parts[0]:
            return _missing("missing", "%s is not installed" % parts[0], parts[0])
        return _missing("root-failed", "%s: %s" % (type(exc).__name__, exc), parts[0])
    except BaseException as exc:  # noqa: a package's import can raise anything
        return _missing("root-failed", "%s: %s" % (type(exc).__name__, exc), parts[0])
    path = parts[0]
    move = _step_import if form == "import" else _step_attribute
    for part in parts[1:]:
        try:
            obj = move(obj, path, part)
        except (AttributeError, ModuleNotFoundError) as exc:
            return _missing("missing", "%s: %s" % (type(exc).__name__, exc), path + "." + part)
        except BaseException as exc:  # noqa: the name exists but fails when reached (an import that raises)
            return _missing("broken", "%s: %s" % (type(exc).__name__, str(exc)[:500]), path + "." + part)
        path = path + "." + part
    stub = stub_message(obj)
    if stub:
        return _missing("stub", stub[:500], name)
    return {"status": "ok"}


def tf_keras_alternative(name, form):
    """For a Keras name that is missing: does tf_keras (Keras 2) have it? None when tf_keras is not installed."""
    parts = name.split(".")
    rest = parts[2:] if parts[:2] == ["tensorflow", "keras"] else parts[1:] if parts[0] == "keras" else None
    if rest is None or not _installed("tf_keras"):
        return None
    return resolve(".".join(["tf_keras"] + rest), form)["status"] == "ok"


def _installed(module):
    if module in sys.modules:
        return True
    import importlib.util
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False



def check_names(scan, seconds_left):
    """The probe's `code` step: every name of the scan resolved, the problems with the places that use them."""
    problems = []
    checked = 0
    unresolved = 0
    # Attribute chains first: they read the packages as the code finds them after its own imports.
    entries = sorted(scan.get("names", []), key=lambda e: e.get("form") != "attribute")
    for entry in entries:
        if not entry.get("locations"):
            continue  # used only where the code handles its absence
        if seconds_left() <= 0:
            unresolved += 1
            continue
        checked += 1
        found = resolve(entry["name"], entry["form"])
        if found["status"] == "ok":
            continue
        found.update(name=entry["name"], form=entry["form"], locations=entry["locations"])
        if found["status"] in ("missing", "stub"):
            found["tf_keras_has_it"] = tf_keras_alternative(entry["name"], entry["form"])
        problems.append(found)
    data = {
        "files": scan.get("files", 0),
        "parsed": scan.get("parsed", 0),
        "skipped": scan.get("skipped", {}),
        "names": len(scan.get("names", [])),
        "checked": checked,
        "not_checked_for_time": unresolved,
        "guarded": sum(e.get("guarded", 0) for e in scan.get("names", [])),
        "problems": problems,
    }
    reportable = [p for p in problems if p["status"] != "root-failed"]
    return ("incompatible" if reportable else "ok"), data
