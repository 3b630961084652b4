"""keras-compat code scan: the Keras and TensorFlow names a repository's Python files use, read with ast.

Run as its own process, with nothing of the repository imported or run (the files are parsed, never executed):

    python -I -S kc_codescan.py CONFIG_JSON

CONFIG: {"root": DIR, "prefix": "DIR as the report names it ('' for the repository root)", "out": FILE (written whole,
         in one move, when the scan ends: the probe waits for it),
         "max_files": 2000, "max_file_bytes": 1000000, "budget_seconds": 20, "max_names": 3000}

Writes one JSON document to "out" (and nothing to stdout):
  {"files": N,            # .py files found under root (after the skipped folders)
   "parsed": N,           # files read and parsed (those that mention keras or tensorflow at all)
   "skipped": {"over_file_limit": N, "too_large": N, "syntax": N, "unreadable": N, "over_time": N},
   "skipped_dirs": [...], # folders not walked (virtual environments, .git, node_modules, ...)
   "names": [{"name": "tensorflow.keras.optimizers.legacy.Adam", "form": "attribute" | "import",
              "locations": [{"file": "src/train.py", "line": 12}], "guarded": N}],
   "seconds": FLOAT}

A name's "form" says how the code reaches it: "import" for `import a.b` and `from a.b import c` (resolved as import
statements resolve), "attribute" for a chain like `tf.keras.layers.Dense` (resolved by attribute access, as the code
runs it). "guarded" counts the places where the code already handles the name being absent: inside a `try` whose
handler catches ImportError, AttributeError or Exception, under an `if` on a version or `hasattr`, under
`if TYPE_CHECKING`, or on a line marked `# keras-compat: ignore`. Those places are not listed in "locations".
"""

import ast
import json
import os
import sys
import time

ROOTS = ("keras", "tensorflow", "tf_keras", "tensorflow_hub", "tensorflow_probability")
# A file that mentions none of these cannot reach the names (short of __import__ tricks): it is not parsed at all.
MARKERS = (b"keras", b"tensorflow")
SKIP_DIRS = {".git", ".hg", ".svn", "node_modules", "__pycache__", ".tox", ".nox", ".mypy_cache",
             ".pytest_cache", ".ruff_cache", "site-packages", ".venv", "venv", ".eggs"}
GUARD_EXCEPTIONS = {"ImportError", "ModuleNotFoundError", "AttributeError", "Exception", "BaseException"}
VERSION_WORDS = ("version", "VERSION", "hasattr", "TYPE_CHECKING", "TF_USE_LEGACY_KERAS")
IGNORE_MARK = "keras-compat: ignore"
MAX_CHAIN = 12
MAX_LOCATIONS = 50


def in_scope(name):
    """Names rooted at the packages the check is about; tensorflow only through tensorflow.keras."""
    parts = name.split(".")
    if parts[0] == "tensorflow":
        return len(parts) >= 2 and parts[1] == "keras"
    return parts[0] in ROOTS


# ---- which names a file binds to which modules --------------------------------------------------------------

class Bindings(ast.NodeVisitor):
    """Every way a file binds each local name; a name bound more than one way is ambiguous and not followed."""

    def __init__(self):
        self.targets = {}  # name -> set of dotted targets ("?" for anything not followed)

    def bind(self, name, target):
        self.targets.setdefault(name, set()).add(target)

    def visit_Import(self, node):
        for a in node.names:
            if a.asname:
                self.bind(a.asname, a.name)
            else:
                self.bind(a.name.split(".")[0], a.name.split(".")[0])

    def visit_ImportFrom(self, node):
        for a in node.names:
            if a.name == "*":
                continue
            target = "%s.%s" % (node.module, a.name) if node.module and not node.level else "?"
            self.bind(a.asname or a.name, target)

    def visit_Assign(self, node):
        chain = dotted(node.value)
        for t in node.targets:
            if isinstance(t, ast.Name):
                self.bind(t.id, ("=" + chain) if chain and len(node.targets) == 1 else "?")
            else:
                self.generic_visit(t)
        self.visit(node.value)

    def visit_Name(self, node):
        if isinstance(node.ctx, (ast.Store, ast.Del)):
            self.bind(node.id, "?")

    def visit_arg(self, node):
        self.bind(node.arg, "?")

    def _def(self, node):
        self.bind(node.name, "?")
        self.generic_visit(node)

    visit_FunctionDef = visit_AsyncFunctionDef = visit_ClassDef = _def


def dotted(node):
    """`a.b.c` as text when the node is a plain chain of names, else None."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name) or len(parts) >= MAX_CHAIN:
        return None
    parts.append(node.id)
    return ".".join(reversed(parts))


def aliases(tree):
    """Local name -> the module path it stands for, for names bound exactly one way to something followed."""
    b = Bindings()
    b.visit(tree)
    resolved = {}
    pending = {}
    for name, targets in b.targets.items():
        if len(targets) != 1 or "?" in targets:
            continue
        (target,) = targets
        if target.startswith("="):
            pending[name] = target[1:]
        else:
            resolved[name] = target
    # `K = tf.keras` (one level of assignment from a followed name); an assignment of an assignment is not followed.
    for name, chain in pending.items():
        head, _, rest = chain.partition(".")
        if head in resolved and head != name:
            resolved[name] = resolved[head] + ("." + rest if rest else "")
    return resolved


# ---- where the names are used ---------------------------------------------------------------------------------

def catches_absence(handler):
    """A handler for ImportError, AttributeError, Exception, or anything (bare except)."""
    if handler.type is None:
        return True
    kinds = handler.type.elts if isinstance(handler.type, ast.Tuple) else [handler.type]
    return any((dotted(k) or "").split(".")[-1] in GUARD_EXCEPTIONS for k in kinds)


def guarding_test(test):
    text = ast.dump(test)
    return any(word in text for word in VERSION_WORDS)


class Uses(ast.NodeVisitor):
    def __init__(self, alias, lines, record):
        self.alias = alias
        self.lines = lines
        self.record = record
        self.guard = 0

    def note(self, name, form, node):
        line = getattr(node, "lineno", 0)
        text = self.lines[line - 1] if 0 < line <= len(self.lines) else ""
        guarded = self.guard > 0 or IGNORE_MARK in text
        if in_scope(name):
            self.record(name, form, line, guarded)

    def visit_Import(self, node):
        for a in node.names:
            self.note(a.name, "import", node)

    def visit_ImportFrom(self, node):
        if node.level or not node.module:
            return
        for a in node.names:
            self.note(node.module if a.name == "*" else "%s.%s" % (node.module, a.name), "import", node)

    def visit_Attribute(self, node):
        chain = dotted(node)
        if chain is None:
            self.generic_visit(node)
            return
        head, _, rest = chain.partition(".")
        if head in self.alias and isinstance(node.ctx, ast.Load):
            self.note(self.alias[head] + "." + rest, "attribute", node)

    def guarded(self, nodes):
        self.guard += 1
        for n in nodes:
            self.visit(n)
        self.guard -= 1

    def visit_Try(self, node):
        if any(catches_absence(h) for h in node.handlers):
            self.guarded(node.body)
        else:
            for n in node.body:
                self.visit(n)
        for n in node.handlers + node.orelse + node.finalbody:
            self.visit(n)

    visit_TryStar = visit_Try

    def visit_If(self, node):
        if guarding_test(node.test):
            self.visit(node.test)
            self.guarded(node.body + node.orelse)
        else:
            self.generic_visit(node)


# ---- the walk -------------------------------------------------------------------------------------------------

def python_files(root, skipped_dirs):
    for here, dirs, files in os.walk(root):
        keep = []
        for d in sorted(dirs):
            full = os.path.join(here, d)
            if d in SKIP_DIRS or d.startswith(".") or os.path.exists(os.path.join(full, "pyvenv.cfg")):
                skipped_dirs.append(os.path.relpath(full, root).replace(os.sep, "/") + "/")
            else:
                keep.append(d)
        dirs[:] = keep
        for f in sorted(files):
            if f.endswith(".py") and not os.path.islink(os.path.join(here, f)):
                yield os.path.join(here, f)


def read_file(job):
    """One file's uses: (outcome, [(name, form, line, guarded)]).

    One process reads the files one after another: the scan runs beside the probe, whose TensorFlow import takes the
    other core, and measured on two cores, worker processes made it slower, not faster.
    """
    path, rel, max_bytes = job
    try:
        if os.path.getsize(path) > max_bytes:
            return "too_large", []
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        return "unreadable", []
    if not any(m in data for m in MARKERS):
        return "plain", []
    try:
        tree = ast.parse(data, filename=rel)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return "syntax", []
    found = []
    lines = data.decode("utf-8", "replace").splitlines()
    try:
        Uses(aliases(tree), lines, lambda *use: found.append(use)).visit(tree)
    except RecursionError:
        return "syntax", []
    return "parsed", found


class Names:
    """The distinct names, each with its first places of use and how often the code guards it."""

    def __init__(self, max_names):
        self.max_names = max_names
        self.entries = {}

    def add(self, shown, name, form, line, guarded):
        entry = self.entries.get((name, form))
        if entry is None:
            if len(self.entries) >= self.max_names:
                return
            entry = self.entries[(name, form)] = {"name": name, "form": form, "locations": [], "guarded": 0}
        if guarded:
            entry["guarded"] += 1
        elif len(entry["locations"]) < MAX_LOCATIONS:
            entry["locations"].append({"file": shown, "line": line})


def scan(config):
    started = time.perf_counter()
    root = config["root"]
    prefix = config.get("prefix", "").rstrip("/")
    max_files = int(config.get("max_files", 2000))
    max_bytes = int(config.get("max_file_bytes", 1000000))
    budget = float(config.get("budget_seconds", 20))
    skipped = {"over_file_limit": 0, "too_large": 0, "syntax": 0, "unreadable": 0, "over_time": 0}
    skipped_dirs = []
    paths = list(python_files(root, skipped_dirs))
    skipped["over_file_limit"] = max(0, len(paths) - max_files)
    rels = [os.path.relpath(p, root).replace(os.sep, "/") for p in paths[:max_files]]
    jobs = [(p, rel, max_bytes) for p, rel in zip(paths, rels)]
    names = Names(int(config.get("max_names", 3000)))
    parsed = 0
    for i, (outcome, uses) in enumerate(read_file(job) for job in jobs):
        if time.perf_counter() - started > budget:
            skipped["over_time"] = len(jobs) - i
            break
        parsed += outcome == "parsed"
        if outcome in skipped:
            skipped[outcome] += 1
        shown = prefix + "/" + rels[i] if prefix else rels[i]
        for use in uses:
            names.add(shown, *use)
    return {
        "files": len(paths),
        "parsed": parsed,
        "skipped": skipped,
        "skipped_dirs": skipped_dirs[:50],
        "names": list(names.entries.values()),
        "seconds": round(time.perf_counter() - started, 3),
    }


def main():
    config = json.loads(sys.argv[1])
    result = scan(config)
    # Written whole, then moved into place: the probe, which waits for this file, never reads half of it.
    partial = config["out"] + ".partial"
    with open(partial, "w", encoding="utf-8") as f:
        json.dump(result, f)
    os.replace(partial, config["out"])


if __name__ == "__main__":
    main()
