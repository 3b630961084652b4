"""Refreshes the index-derived parts of knowledge/tensorflow.json from the gathered history in knowledge/index/:

    python3 scripts/knowledge/gather.py
    python3 scripts/knowledge/build.py

Index-derived (rewritten): tensorflow.releases, tfKeras, released. Curated (kept as they are, each with its
source): tensorflow.minors, companions, bringsTfKeras, sources. A release whose minor has no curated row is
reported, so a new TensorFlow minor cannot slip in without someone writing down what tf.keras is for it.

The table keeps the meaning it had when pip was asked directly: "released" is what pip offers on each package's
own platform to CPython 3.8 and later, and a release's requirements are those of its Linux x86-64 wheel.
"""
import datetime
import json
import os
import re
import sys

sys.dont_write_bytecode = True  # no __pycache__ left in the repository
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from coverage import expand  # noqa: E402
from releases import sort_key  # noqa: E402

try:
    from packaging.requirements import Requirement
    from packaging.specifiers import InvalidSpecifier, SpecifierSet
except ImportError:
    from pip._vendor.packaging.requirements import Requirement
    from pip._vendor.packaging.specifiers import InvalidSpecifier, SpecifierSet

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TABLE = os.path.join(ROOT, "knowledge", "tensorflow.json")
INDEX_DIR = os.path.join(ROOT, "knowledge", "index")
# Each platform package on the platform it exists for.
TARGETS = {
    "tensorflow": "linux-x86_64",
    "tensorflow-cpu": "linux-x86_64",
    "tensorflow-intel": "windows-x86_64",
    "tensorflow-macos": "macos-arm64",
    "tensorflow-cpu-aws": "linux-aarch64",
    "tensorflow-aarch64": "linux-aarch64",
    "tensorflow-gpu": "linux-x86_64",
    "keras": "linux-x86_64",
    "tf-keras": "linux-x86_64",
    "tensorflow-probability": "linux-x86_64",
    "tensorflow-hub": "linux-x86_64",
    "tensorflow-addons": "linux-x86_64",
    "tensorflow-io": "linux-x86_64",
}
PLATFORM_PACKAGES = ["tensorflow", "tensorflow-cpu", "tensorflow-intel", "tensorflow-macos", "tensorflow-cpu-aws",
                     "tensorflow-aarch64", "tensorflow-gpu"]
REQUIRES_OF_INTEREST = ["keras", "numpy", "protobuf", "ml-dtypes", "h5py", "tensorboard"]
FIRST_MINOR = 10
OLDEST_PYTHON = (3, 8)


class Package:
    def __init__(self, name):
        with open(os.path.join(INDEX_DIR, name + ".json")) as f:
            self.data = json.load(f)
        with open(os.path.join(INDEX_DIR, "manifest.json")) as f:
            known = json.load(f)["pythons"]
        self.pythons = [p for p in known if tuple(map(int, p.split("."))) >= OLDEST_PYTHON]

    def offered(self, version, platform):
        """CPython minors (3.8 and later) with a wheel of version on platform, Requires-Python applied."""
        release = self.data["releases"].get(version, {})
        wheels = release.get("w", {})
        named = set()
        for key in (platform, "any"):
            if key in wheels:
                named |= expand(wheels[key], self.pythons) & set(self.pythons)
        return sorted((p for p in named if allows(release.get("rp"), p)), key=lambda p: int(p.split(".")[1]))

    def versions_offered(self, platform):
        return [v for v in self.data["releases"] if self.offered(v, platform)]

    def requires_dist(self, version, platform, python):
        """The Requires-Dist lines of the wheel pip would pick (see src/knowledge/dist-requires.ts)."""
        ref = self.data["releases"].get(version, {}).get("r")
        if ref is None:
            return None
        block = ref if isinstance(ref, int) else pick(ref, platform, python)
        return [self.data["lines"][i] for i in self.data["blocks"][block]]


def pick(ref, platform, python):
    for target in (platform, "any"):
        for key, block in ref.items():
            if key.startswith(target + "@") and python in expand(key.split("@", 1)[1], [python]):
                return block
        if target in ref:
            return ref[target]
    return ref["*"]


def allows(requires_python, python):
    if not requires_python:
        return True
    try:
        spec = SpecifierSet(requires_python)
    except InvalidSpecifier:
        return True
    return any(spec.contains(python + patch, prereleases=True) for patch in (".0", ".99"))


ORDER = {">=": 0, ">": 0, "~=": 0, "==": 1, "===": 1, "<": 2, "<=": 2, "!=": 3}


def tidy(specifier):
    """Lower bounds first, then upper bounds, then exclusions: `>=2.15.0,<2.16` reads as a range."""
    clauses = [c for c in specifier.split(",") if c]
    op = lambda c: re.match(r"[<>=!~]+", c).group(0)  # noqa: E731
    return ",".join(sorted(clauses, key=lambda c: (ORDER.get(op(c), 4), clauses.index(c))))


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


def final(v):
    return re.fullmatch(r"\d+\.\d+\.\d+(\.post\d+)?", v) is not None


def tensorflow_release(version, packages, curated):
    minor = ".".join(version.split(".")[:2])
    if minor not in curated:
        print("no curated row for TensorFlow %s: add it to tensorflow.minors" % minor, file=sys.stderr)
    tf, cpu = packages["tensorflow"], packages["tensorflow-cpu"]
    pythons = tf.offered(version, "linux-x86_64") or cpu.offered(version, "linux-x86_64")
    source = next((p for p in ("tensorflow-cpu", "tensorflow") if pythons and
                   packages[p].requires_dist(version, "linux-x86_64", pythons[-1]) is not None), None)
    dist = packages[source].requires_dist(version, "linux-x86_64", pythons[-1]) if source else []
    # The requirements on the oldest supported Python, and where a newer Python differs (markers), the difference.
    per_python = {p: {k: v for k, v in parse_requires(dist, p).items() if k in REQUIRES_OF_INTEREST} for p in pythons}
    base = per_python[pythons[0]] if pythons else {}
    by_python = {p: {k: v for k, v in r.items() if base.get(k) != v} for p, r in per_python.items()}
    return {
        "version": version,
        "minor": minor,
        "python": pythons,
        "packages": [p for p in PLATFORM_PACKAGES if packages[p].offered(version, TARGETS[p])],
        "requires": {k: base[k] for k in REQUIRES_OF_INTEREST if k in base},
        "requiresByPython": {p: r for p, r in by_python.items() if r},
        "source": "index: %s METADATA; versions offered per Python" % ("%s==%s" % (source, version) if source
                                                                        else "no metadata"),
    }


def main():
    with open(TABLE) as f:
        table = json.load(f)
    packages = {name: Package(name) for name in TARGETS}
    curated = {m["minor"] for m in table["tensorflow"]["minors"]}
    versions = set(packages["tensorflow"].versions_offered("linux-x86_64")) | set(
        packages["tensorflow-cpu"].versions_offered("linux-x86_64"))
    chosen = [v for v in sorted(versions, key=sort_key) if final(v) and int(v.split(".")[1]) >= FIRST_MINOR
              and v.startswith("2.")]
    releases = [tensorflow_release(v, packages, curated) for v in chosen]
    tf_keras = []
    for version in (v for v in packages["tf-keras"].versions_offered("linux-x86_64") if final(v)):
        dist = packages["tf-keras"].requires_dist(version, "linux-x86_64", "3.11")
        tf_keras.append({"version": version, "tensorflow": parse_requires(dist).get("tensorflow", ""),
                         "source": "index: tf-keras==%s METADATA" % version})
    derived = {
        "releases": releases,
        "tfKeras": tf_keras,
        # Wheels only: tensorflow-gpu 2.12.0 exists as an sdist (the deprecation banner), so its list would mislead
        # "never released"; its own rule (tensorflow-gpu-deprecated) speaks for it.
        "released": {p: packages[p].versions_offered(TARGETS[p]) for p in sorted(TARGETS) if p != "tensorflow-gpu"},
    }
    write(table, derived)
    print("%d TensorFlow releases, %d tf-keras releases, %d packages" % (len(releases), len(tf_keras),
                                                                        len(derived["released"])), file=sys.stderr)


def write(table, derived):
    """Rewrites the table; `updated` moves only when an index-derived row changed."""
    before = (table["tensorflow"]["releases"], table["tfKeras"], table["released"])
    table["tensorflow"]["releases"] = derived["releases"]
    table["tfKeras"] = derived["tfKeras"]
    table["released"] = derived["released"]
    if before != (derived["releases"], derived["tfKeras"], derived["released"]):
        table["updated"] = datetime.date.today().isoformat()
    with open(TABLE, "w") as f:
        json.dump(table, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
