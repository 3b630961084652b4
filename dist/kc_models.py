"""keras-compat: loads the repository's model files through every Keras in play. Imported by probe.py.

Each file was found by keras-compat (src/pipeline/models/) and copied into the work folder: `.keras` archives,
HDF5 files whose root has a `model_config` attribute, and Keras SavedModel folders (saved_model.pb with
keras_metadata.pb). An HDF5 file is opened with h5py and its root attributes read once more before anything loads
it: a data file is never handed to a loader.
"""

import json
import os
import re
import signal
import zipfile

VERSION_IN_METADATA = re.compile(rb'"keras_version":\s*"([^"]{1,40})"')


class LoadTimeout(Exception):
    pass


def bounded(seconds, fn):
    """Runs fn with a time limit where the platform has interval timers (POSIX); elsewhere the probe's own limit."""
    if not hasattr(signal, "setitimer") or seconds <= 0:
        return fn()

    def expire(signum, frame):
        raise LoadTimeout("gave up after %g s" % seconds)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        return fn()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def written_by(fmt, path):
    """The Keras version that wrote the file, as the file says it (None when it does not say)."""
    try:
        if fmt == "keras":
            with zipfile.ZipFile(path) as z:
                return str(json.loads(z.read("metadata.json")).get("keras_version") or "") or None
        if fmt == "h5":
            import h5py
            with h5py.File(path, "r") as f:
                value = f.attrs.get("keras_version")
            return value.decode() if isinstance(value, bytes) else (str(value) if value is not None else None)
        if fmt == "savedmodel":
            with open(os.path.join(path, "keras_metadata.pb"), "rb") as f:
                m = VERSION_IN_METADATA.search(f.read(4 * 1024 * 1024))
            return m.group(1).decode("utf-8", "replace") if m else "2"
    except Exception:  # noqa: an unreadable header is the loader's to report
        return None
    return None


def h5_is_model(path):
    import h5py
    with h5py.File(path, "r") as f:
        return "model_config" in f.attrs


def try_tfsm_layer(keras_module, path):
    """Keras 3's own answer for a SavedModel: an inference-only layer. Checked, so the fix is not a guess."""
    try:
        keras_module.layers.TFSMLayer(path, call_endpoint="serving_default")
        return "ok"
    except Exception as exc:  # noqa
        return "%s: %s" % (type(exc).__name__, str(exc)[:300])


def load_model(target, loaders, seconds, error_record):
    """The step for one model file: (status, data) or ("error", data, exception) when no loader read it."""
    fmt, path = target["format"], target["path"]
    data = {"format": fmt, "written_by": written_by(fmt, path), "loaders": []}
    if fmt == "h5" and not h5_is_model(path):
        data["model"] = False
        return "ok", data
    first_error = None
    for api, module, kind in loaders:
        entry = {"api": api, "kind": kind, "version": getattr(module, "__version__", None)}
        try:
            bounded(seconds, lambda: module.models.load_model(path, compile=False))
            entry["ok"] = True
        except BaseException as exc:  # noqa: a loader's failure is the evidence
            if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                raise
            entry["ok"] = False
            entry["error"] = error_record(exc)
            first_error = first_error or exc
            if fmt == "savedmodel" and kind == "keras3":
                data["tfsm_layer"] = try_tfsm_layer(module, path)
        data["loaders"].append(entry)
    data["read_by"] = [e["api"] for e in data["loaders"] if e["ok"]]
    if data["read_by"]:
        return "ok", data
    return "error", data, first_error
