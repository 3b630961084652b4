"""The packages the knowledge covers. For the TensorFlow ecosystem every wheel's Requires-Dist is read; for the base
packages the rules only need releases, yanked state, wheel coverage and Requires-Python."""

ECOSYSTEM = [
    "tensorflow",
    "tensorflow-cpu",
    "tensorflow-gpu",
    "tensorflow-intel",
    "tensorflow-macos",
    "tensorflow-metal",
    "tensorflow-aarch64",
    "tensorflow-cpu-aws",
    "keras",
    "tf-keras",
    "tensorflow-probability",
    "tensorflow-hub",
    "tensorflow-addons",
    "tensorflow-io",
    "tensorflow-io-gcs-filesystem",
    "tensorflow-text",
    "tensorflow-estimator",
    "tensorboard",
]
BASE = ["numpy", "protobuf", "ml-dtypes", "h5py"]
ALL = ECOSYSTEM + BASE
