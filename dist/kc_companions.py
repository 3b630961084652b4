"""keras-compat: a one-layer model made with a companion package's layer, through every Keras in play.

Imported by probe.py. tensorflow-hub and tensorflow-probability build their layers on Keras 2 (tf_keras); whether
such a layer goes into a model of each Keras the venv has is shown by doing it, not inferred from versions.
"""

import os


def _tiny_hub_module(scratch):
    """A SavedModel of the probe's own (x -> 2x), for hub.KerasLayer to wrap: nothing is downloaded."""
    import tensorflow as tf

    path = os.path.join(scratch, "kc-hub-module")
    if not os.path.exists(os.path.join(path, "saved_model.pb")):

        class Doubler(tf.Module):
            @tf.function(input_signature=[tf.TensorSpec([None, 4], tf.float32)])
            def __call__(self, x):
                return x * 2.0

        tf.saved_model.save(Doubler(), path)
    return path


def hub_layer(scratch):
    import tensorflow_hub as hub

    path = _tiny_hub_module(scratch)
    return lambda: hub.KerasLayer(path)


def tfp_layer(scratch):
    import tensorflow_probability as tfp

    return lambda: tfp.layers.DenseFlipout(2)


LAYERS = {"tensorflow_hub": hub_layer, "tensorflow_probability": tfp_layer}


def build_with(package, scratch, loaders, error_record):
    """(status, data) or ("error", data, exception): ok when every Keras took the layer, incompatible when some did."""
    import numpy as np

    make = LAYERS[package](scratch)  # the package's import failing is the step's error, as it would be for the user
    data = {"builds": []}
    first_error = None
    for api, K, kind in loaders:
        entry = {"api": api, "kind": kind}
        try:
            model = K.Sequential([K.Input(shape=(4,)), make()])
            model(np.zeros((1, 4), dtype="float32"))
            entry["ok"] = True
        except Exception as exc:  # noqa: the refusal is the evidence
            entry["ok"] = False
            entry["error"] = error_record(exc)
            first_error = first_error or exc
        data["builds"].append(entry)
    accepted = [b["api"] for b in data["builds"] if b["ok"]]
    data["accepted_by"] = accepted
    if len(accepted) == len(data["builds"]):
        return "ok", data
    if accepted:
        return "incompatible", data
    return "error", data, first_error
