"""keras-compat probe: import-and-build smoke tests for tf.keras and standalone keras.

Run with the interpreter of the throwaway venv:  python probe.py CONFIG_JSON
with a nonce as the first line of standard input and a results pipe on file descriptor 3.

Every step writes one JSON line to the results pipe as soon as it ends, preceded by a "start" line, so that a
process killed by a signal or a time limit still leaves the steps it finished and names the one it was in.
Before anything is imported, the probe reads the nonce, closes its standard input and moves the pipe to a
descriptor of its own that child processes do not inherit; every record carries the nonce. So a package cannot
truncate what was written, and a record it writes without the nonce is garbage, never a result.
Nothing is printed to stdout on purpose: packages print there, and their output is only a log.

Beside the toy model, the probe checks what the repository itself uses (its helpers sit beside this file, named
kc_*.py so that no module of the repository can shadow them, and this folder leaves sys.path once they are in):
the names its code uses (from kc_codescan.py's scan, resolved by kc_names.py), a one-layer model with each installed
companion's layer (kc_companions.py), and each of its model files loaded through every Keras in play (kc_models.py).

Record shapes (the contract read by src/probe/contract.ts), each with "nonce": NONCE:
  {"event": "hello", "protocol": 1, "pid": INT}
  {"event": "start", "step": NAME}
  {"event": "step", "step": NAME, "status": "ok" | "error" | "skipped" | "incompatible",
   "seconds": FLOAT, "data": {...}, "error": {"type", "module", "message", "traceback"}, "reason": STR}
  {"event": "done", "seconds": FLOAT}
"""

import contextlib
import gc
import json
import os
import sys
import time
import traceback

PROTOCOL = 1
STARTED = time.perf_counter()
CONFIG = json.loads(sys.argv[1]) if len(sys.argv) > 1 else {}
SCRATCH = CONFIG.get("scratch") or os.getcwd()
DONE = {}


def open_channel():
    """The nonce from stdin, then the results pipe moved off descriptor 3 (which imports might guess at)."""
    nonce = sys.stdin.readline().strip()
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    sys.stdin = open(os.devnull)
    try:
        import fcntl
        fd = fcntl.fcntl(3, fcntl.F_DUPFD_CLOEXEC, 100)
    except ImportError:  # Windows: os.dup's descriptor is not inheritable either
        fd = os.dup(3)
    os.close(3)
    stream = os.fdopen(fd, "w", encoding="utf-8")

    def write(record):
        record["nonce"] = nonce
        stream.write(json.dumps(record, default=str) + "\n")
        stream.flush()

    return write, stream


WRITE, RESULTS = open_channel()

# The helpers beside this file; then this folder leaves sys.path, so the repository's modules cannot be shadowed
# by ours, nor ours by theirs.
# No bytecode is written beside them either (dist/ is the action's own folder).
HERE = os.path.dirname(os.path.abspath(__file__))
_WRITES_BYTECODE, sys.dont_write_bytecode = sys.dont_write_bytecode, True
import kc_companions  # noqa: E402
import kc_models  # noqa: E402
import kc_names  # noqa: E402

sys.dont_write_bytecode = _WRITES_BYTECODE
sys.path[:] = [p for p in sys.path if os.path.abspath(p or os.curdir) != HERE]

# The packages whose versions are reported: given by keras-compat (src/core/packages.ts), the one list.
PACKAGES = CONFIG.get("packages") or ["tensorflow", "keras"]


def emit(record):
    WRITE(dict(record))


def error_record(exc):
    tb = traceback.format_exception(type(exc), exc, exc.__traceback__)
    return {
        "type": type(exc).__name__,
        "module": type(exc).__module__,
        "message": str(exc)[:4000],
        "traceback": "".join(tb)[-3000:],
    }


def step(name, fn, needs=()):
    """Runs one step; a step whose prerequisites did not pass is recorded as skipped, never as passed."""
    missing = [n for n in needs if DONE.get(n, {}).get("status") != "ok"]
    if missing:
        record = {"event": "step", "step": name, "status": "skipped", "seconds": 0.0,
                  "reason": "%s did not pass" % ", ".join(missing)}
        DONE[name] = record
        emit(record)
        return record
    emit({"event": "start", "step": name})
    began = time.perf_counter()
    record = {"event": "step", "step": name}
    try:
        data = fn()
        status = "ok"
        if isinstance(data, tuple) and len(data) == 3:
            # ("error", what was seen, the exception that ended it) or ("skipped", what was seen, the reason)
            status, data, why = data
            if status == "error":
                record["error"] = error_record(why)
            else:
                record["reason"] = str(why)
        elif isinstance(data, tuple):
            status, data = data
        record.update(status=status, data=data or {})
    except BaseException as exc:  # SystemExit and friends from a package's import are failures too
        record.update(status="error", error=error_record(exc))
    record["seconds"] = round(time.perf_counter() - began, 3)
    DONE[name] = record
    emit(record)
    return record


def alias(name, of):
    """Records a step as the result of an identical one: same classes, same code, nothing new to learn."""
    source = DONE[of]
    record = {"event": "step", "step": name, "status": source["status"], "seconds": 0.0,
              "data": {"same_as": of}}
    for key in ("error", "reason"):
        if key in source:
            record[key] = source[key]
    DONE[name] = record
    emit(record)
    return record


def same_keras():
    """True when tf.keras and keras are one implementation (Keras 3 through TF 2.16+, or TF 2.15 with keras 2.15)."""
    try:
        import tensorflow as tf
        import keras
        return DONE.get("tf.keras.attribute", {}).get("status") == "ok" and tf.keras.layers.Dense is keras.layers.Dense
    except Exception:
        return False


def skip(name, reason):
    record = {"event": "step", "step": name, "status": "skipped", "seconds": 0.0, "reason": reason}
    DONE[name] = record
    emit(record)


# ---- environment ------------------------------------------------------------------------------------------

def python_info():
    import platform
    return {
        "version": platform.python_version(),
        "implementation": platform.python_implementation(),
        "executable": sys.executable,
        "platform": sys.platform,
        "machine": platform.machine(),
    }


def package_versions():
    from importlib import metadata
    found = {}
    for dist in metadata.distributions():
        name = (dist.metadata["Name"] or "").lower().replace("_", "-").replace(".", "-")
        if name:
            found[name] = dist.version
    return {
        "key": {name: found.get(name) for name in PACKAGES},
        "all": found,
        "env": {k: os.environ.get(k) for k in ("TF_USE_LEGACY_KERAS", "KERAS_BACKEND", "KERAS_HOME")},
    }


# ---- what tf.keras and keras are --------------------------------------------------------------------------

def describe(layer_class):
    """Names the Keras that owns a layer class: keras3, keras2 or tf_keras, from the package that defines it."""
    module = layer_class.__module__
    top = module.split(".")[0]
    owner = sys.modules.get(top)
    version = getattr(owner, "__version__", None)
    if top == "tf_keras":
        kind = "tf_keras"
    elif top == "keras":
        kind = "keras3" if str(version).startswith("3.") else "keras2"
    elif top == "tensorflow":  # TF <= 2.5 shipped Keras 2 inside tensorflow.python.keras
        kind = "keras2"
    else:
        kind = top
    return {"kind": kind, "module": module, "version": version}


def tf_keras_by_attribute():
    import tensorflow as tf
    return describe(tf.keras.layers.Dense)


def tf_keras_by_import():
    from tensorflow.keras import layers  # noqa: the statement itself is what is tested
    return describe(layers.Dense)


def keras_import():
    import keras
    backend = None
    try:
        backend = keras.backend.backend()
    except Exception:
        pass
    return {"version": getattr(keras, "__version__", None), "backend": backend, "dense": describe(keras.layers.Dense)}


# ---- build, fit, save per API -----------------------------------------------------------------------------

MODELS = {}


def api_module(api):
    if api == "tf.keras":
        import tensorflow as tf
        return tf.keras
    import keras
    return keras


def training_data():
    import numpy as np
    rng = np.random.RandomState(0)
    return rng.rand(16, 4).astype("float32"), rng.rand(16, 1).astype("float32")


def build(api):
    K = api_module(api)
    model = K.Sequential([K.Input(shape=(4,)), K.layers.Dense(8, activation="relu"), K.layers.Dense(1)])
    model.compile(optimizer="adam", loss="mse")
    MODELS[api] = model
    return {"parameters": int(model.count_params())}


def fit(api):
    import math
    x, y = training_data()
    history = MODELS[api].fit(x, y, epochs=1, batch_size=16, verbose=0)
    loss = float(history.history["loss"][-1])
    if not math.isfinite(loss):
        raise ValueError("training produced a non-finite loss: %r" % loss)
    return {"loss": loss}


def outputs(K, model, x):
    """The model's outputs as numpy, from a direct call: the weights and the layers are what a reload must keep, and
    predict() would trace a function of its own for each model (0.1 s of the step) that fit already exercised."""
    import numpy as np
    y = model(x, training=False)
    ops = getattr(K, "ops", None)  # Keras 3: whatever the backend's tensor type is
    return ops.convert_to_numpy(y) if hasattr(ops, "convert_to_numpy") else np.asarray(y)


def save_and_load(api):
    import numpy as np
    K = api_module(api)
    target = os.path.join(SCRATCH, "model-%s.keras" % api.replace(".", "_"))
    model = MODELS[api]
    model.save(target)
    loaded = K.models.load_model(target)
    x, _ = training_data()
    same = bool(np.allclose(outputs(K, model, x), outputs(K, loaded, x), atol=1e-5))
    if not same:
        raise ValueError("the loaded model predicts differently from the saved one")
    return {"path_suffix": ".keras"}


def mixing():
    """Can a layer of one API go into a model of the other? Under Keras 3 both names share classes."""
    import tensorflow as tf
    import keras
    shared = tf.keras.layers.Dense is keras.layers.Dense
    outcome = {"shared_classes": shared}
    for label, model_api, layer_api in (("tf_keras_layer_in_keras_model", keras, tf.keras),
                                        ("keras_layer_in_tf_keras_model", tf.keras, keras)):
        try:
            model_api.Sequential([model_api.Input(shape=(4,)), layer_api.layers.Dense(2)])
            outcome[label] = "ok"
        except Exception as exc:
            outcome[label] = "%s: %s" % (type(exc).__name__, str(exc)[:500])
    both = all(outcome[k] == "ok" for k in ("tf_keras_layer_in_keras_model", "keras_layer_in_tf_keras_model"))
    return ("ok" if both else "incompatible"), outcome


# ---- what the repository uses ------------------------------------------------------------------------------

def keras_in_play():
    """(api, module, kind) for each distinct Keras: keras, and tf.keras when it is another implementation."""
    found = []
    if DONE.get("keras.import", {}).get("status") == "ok":
        import keras
        found.append(("keras", keras, describe(keras.layers.Dense)["kind"]))
    if DONE.get("tf.keras.attribute", {}).get("status") == "ok" and not (found and same_keras()):
        import tensorflow as tf
        found.append(("tf.keras", tf.keras, describe(tf.keras.layers.Dense)["kind"]))
    return found


def wait_for_scan(path, seconds):
    """The code scan runs beside the probe and writes its file in one move when it ends: wait for it, bounded."""
    deadline = time.perf_counter() + seconds
    while True:
        try:
            with open(path, encoding="utf-8") as f:
                return json.load(f)
        except FileNotFoundError:
            if time.perf_counter() > deadline:
                return {"failed": "the code scan did not finish within %.0f s" % seconds}
            time.sleep(0.05)


def check_code():
    scan = wait_for_scan(CONFIG["code_scan"], float(CONFIG.get("code_wait_seconds", 90)))
    if "failed" in scan:
        return "skipped", {}, scan["failed"]
    budget = float(CONFIG.get("code_seconds", 60))
    began = time.perf_counter()
    status, data = kc_names.check_names(scan, lambda: budget - (time.perf_counter() - began))
    data["scan_seconds"] = scan.get("seconds")
    return status, data


def repository_checks():
    loaders = keras_in_play()
    no_keras = "neither keras nor tf.keras imported"
    for package in ("tensorflow_hub", "tensorflow_probability"):
        name = "companion:" + package
        if not installed(package):
            skip(name, "%s is not installed" % package)
        elif not loaders:
            skip(name, no_keras)
        else:
            step(name, lambda package=package: kc_companions.build_with(package, SCRATCH, loaders, error_record))
    budget = float(CONFIG.get("models_seconds", 300))
    began = time.perf_counter()
    for target in CONFIG.get("models", []):
        name = "model:" + target["id"]
        left = budget - (time.perf_counter() - began)
        if not loaders:
            skip(name, no_keras)
        elif left <= 0:
            skip(name, "the time for loading models (%.0f s) was spent" % budget)
        else:
            limit = min(float(CONFIG.get("model_seconds", 120)), left)
            step(name, lambda target=target, limit=limit: kc_models.load_model(target, loaders, limit, error_record))
    # Last: resolving names imports modules of the packages, which nothing above should see.
    if CONFIG.get("code_scan"):
        step("code", check_code)
    else:
        skip("code", CONFIG.get("code_skip_reason") or "no code scan")


def smoke_import(name):
    import importlib
    module = importlib.import_module(name)
    return {"version": getattr(module, "__version__", None), "file": getattr(module, "__file__", None)}


# ---- the run ----------------------------------------------------------------------------------------------

@contextlib.contextmanager
def collector_paused():
    """TensorFlow's import makes hundreds of thousands of objects that live as long as the process, and the cyclic
    collector walked them over and over while they were made: a sixth of the import's time, measured. It is
    paused for the imports only; what they made is then frozen (never walked again: nothing of it is ever freed
    before the probe exits) and the collector resumes for every step after them, the repository's models and code
    included. Whatever an import raises, the collector comes back."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        freeze = getattr(gc, "freeze", None)  # Python 3.7+
        if freeze is not None:
            freeze()
        if was_enabled:
            gc.enable()


def installed(module):
    import importlib.util
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def main():
    emit({"event": "hello", "protocol": PROTOCOL, "pid": os.getpid()})
    step("python", python_info)
    step("packages", package_versions)

    with collector_paused():
        if installed("tensorflow"):
            step("tensorflow.import", lambda: {"version": __import__("tensorflow").__version__})
            step("tf.keras.attribute", tf_keras_by_attribute, needs=("tensorflow.import",))
            step("tf.keras.import", tf_keras_by_import, needs=("tensorflow.import",))
        else:
            for name in ("tensorflow.import", "tf.keras.attribute", "tf.keras.import"):
                skip(name, "tensorflow is not installed")

        if installed("keras"):
            step("keras.import", keras_import)
        else:
            skip("keras.import", "keras is not installed")

    for api, gate in (("tf.keras", "tf.keras.attribute"), ("keras", "keras.import")):
        if api == "keras" and DONE.get(gate, {}).get("status") == "ok" and same_keras():
            for what in ("build", "fit", "save"):
                alias("keras." + what, "tf.keras." + what)
            continue
        step(api + ".build", lambda api=api: build(api), needs=(gate,))
        step(api + ".fit", lambda api=api: fit(api), needs=(api + ".build",))
        step(api + ".save", lambda api=api: save_and_load(api), needs=(api + ".fit",))

    step("mixing", mixing, needs=("tf.keras.attribute", "keras.import"))
    repository_checks()

    # The repository's own modules may live beside the requirements without being installed.
    workdir = CONFIG.get("workdir")
    if workdir and workdir not in sys.path:
        sys.path.append(workdir)
    for name in CONFIG.get("smoke_imports", []):
        step("import:" + name, lambda name=name: smoke_import(name))

    emit({"event": "done", "seconds": round(time.perf_counter() - STARTED, 3)})


if __name__ == "__main__":
    try:
        main()
    finally:
        RESULTS.close()
        sys.stdout.flush()
        sys.stderr.flush()
        # Skip TensorFlow's interpreter teardown: it costs seconds and can crash after all the work is done.
        os._exit(0)
