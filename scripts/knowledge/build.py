"""Refreshes the index-derived parts of knowledge/tensorflow.json from gather.py's output.

    python3 scripts/knowledge/gather.py > .tmp/index-facts.json
    python3 scripts/knowledge/build.py .tmp/index-facts.json

Index-derived (rewritten): tensorflow.releases, tfKeras, released. Curated (kept as they are, each with its
source): tensorflow.minors, companions, bringsTfKeras, sources. A release whose minor has no curated row is
reported, so a new TensorFlow minor cannot slip in without someone writing down what tf.keras is for it.
"""
import datetime
import json
import re
import sys

from pip._vendor.packaging.requirements import Requirement
from pip._vendor.packaging.version import InvalidVersion, Version

TABLE = "knowledge/tensorflow.json"
PLATFORM_PACKAGES = ["tensorflow", "tensorflow-cpu", "tensorflow-intel", "tensorflow-macos", "tensorflow-cpu-aws",
                     "tensorflow-aarch64", "tensorflow-gpu"]
REQUIRES_OF_INTEREST = ["keras", "numpy", "protobuf", "ml-dtypes", "h5py", "tensorboard"]
FIRST_MINOR = 10


def key(version):
    try:
        return Version(version)
    except InvalidVersion:
        return Version("0")


def parse_requires(requires_dist, python="3.11"):
    """{name: specifier} as pip sees them on Linux x86-64 with this Python (extras and other platforms left out)."""
    env = {"python_version": python, "python_full_version": python + ".0", "platform_system": "Linux",
           "sys_platform": "linux", "platform_machine": "x86_64", "os_name": "posix", "extra": ""}
    out = {}
    for entry in requires_dist or []:
        req = Requirement(entry)
        if req.marker is not None and not req.marker.evaluate(env):
            continue
        out[re.sub(r"[-_.]+", "-", req.name.lower())] = tidy(str(req.specifier))
    return out


ORDER = {">=": 0, ">": 0, "~=": 0, "==": 1, "===": 1, "<": 2, "<=": 2, "!=": 3}


def tidy(specifier):
    """Lower bounds first, then upper bounds, then exclusions: `>=2.15.0,<2.16` reads as a range."""
    clauses = [c for c in specifier.split(",") if c]
    op = lambda c: re.match(r"[<>=!~]+", c).group(0)
    return ",".join(sorted(clauses, key=lambda c: (ORDER.get(op(c), 4), clauses.index(c))))


def offered_by(facts, package):
    """{version: [pythons]} across the package's targets."""
    out = {}
    for target, versions in facts["offered"].items():
        name, _, python = target.split("|")
        if name == package:
            for v in versions:
                out.setdefault(v, set()).add(python)
    return out


def final(v):
    return re.fullmatch(r"\d+\.\d+\.\d+(\.post\d+)?", v) is not None


def main(facts_file):
    facts = json.load(open(facts_file))
    table = json.load(open(TABLE))
    offered = {p: offered_by(facts, p) for p in {t.split("|")[0] for t in facts["offered"]}}
    curated = {m["minor"] for m in table["tensorflow"]["minors"]}
    releases = []
    versions = set(offered.get("tensorflow", {})) | set(offered.get("tensorflow-cpu", {}))
    for version in sorted((v for v in versions if final(v)), key=key):
        minor = ".".join(version.split(".")[:2])
        if int(minor.split(".")[1]) < FIRST_MINOR:
            continue
        if minor not in curated:
            print("no curated row for TensorFlow %s: add it to tensorflow.minors" % minor, file=sys.stderr)
        meta_key = next((k for k in ("tensorflow-cpu==" + version, "tensorflow==" + version)
                         if facts["metadata"].get(k)), None)
        pythons = offered.get("tensorflow", {}).get(version) or offered.get("tensorflow-cpu", {}).get(version) or set()
        pythons = sorted(pythons, key=lambda p: int(p.split(".")[1]))
        dist = facts["metadata"][meta_key]["requires_dist"] if meta_key else []
        # The requirements on the oldest supported Python, and where a newer Python differs (markers), the difference.
        per_python = {p: {k: v for k, v in parse_requires(dist, p).items() if k in REQUIRES_OF_INTEREST} for p in pythons}
        base = per_python[pythons[0]] if pythons else {}
        by_python = {p: {k: v for k, v in r.items() if base.get(k) != v} for p, r in per_python.items()}
        releases.append({
            "version": version,
            "minor": minor,
            "python": pythons,
            "packages": [p for p in PLATFORM_PACKAGES if version in offered.get(p, {})],
            "requires": {k: base[k] for k in REQUIRES_OF_INTEREST if k in base},
            "requiresByPython": {p: r for p, r in by_python.items() if r},
            "source": "index: %s METADATA; versions offered per Python" % (meta_key or "no metadata"),
        })
    tf_keras = []
    for version in sorted((v for v in offered.get("tf-keras", {}) if final(v)), key=key):
        meta = facts["metadata"].get("tf-keras==" + version) or {}
        tf_keras.append({"version": version, "tensorflow": parse_requires(meta.get("requires_dist")).get("tensorflow", ""),
                         "source": "index: tf-keras==%s METADATA" % version})
    table["tensorflow"]["releases"] = releases
    table["tfKeras"] = tf_keras
    # Wheels only: tensorflow-gpu 2.12.0 exists as an sdist (the deprecation banner), so its list would mislead
    # "never released"; its own rule (tensorflow-gpu-deprecated) speaks for it.
    table["released"] = {p: sorted(offered[p], key=key) for p in sorted(offered) if p != "tensorflow-gpu"}
    table["updated"] = datetime.date.today().isoformat()
    with open(TABLE, "w") as f:
        json.dump(table, f, indent=2)
        f.write("\n")
    print("%d TensorFlow releases, %d tf-keras releases, %d packages" % (len(releases), len(tf_keras), len(offered)),
          file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1])
