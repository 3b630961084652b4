"""Asks the package index (through pip, with pip's own configuration) what the knowledge table claims.

Prints JSON: for each package and target (platform, Python), the versions the index offers; and for each
TensorFlow release, the Requires-Dist and Requires-Python from its wheel metadata (read by pip's dry-run report,
which uses the index's metadata files and downloads no wheel). Run by hand when a TensorFlow release lands:

    python3 scripts/knowledge/gather.py > .tmp/index-facts.json

then compare with knowledge/tensorflow.json (the unit test only checks the table against its schema).
"""
import json
import re
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

PYTHONS = ["3.8", "3.9", "3.10", "3.11", "3.12", "3.13"]
# pip before 24 does not expand manylinux tags: name each one a wheel may carry (TF 2.21 is manylinux_2_27).
LINUX = "manylinux_2_28_x86_64,manylinux_2_27_x86_64,manylinux_2_17_x86_64,manylinux2014_x86_64"
ARM = "manylinux_2_28_aarch64,manylinux_2_27_aarch64,manylinux_2_17_aarch64,manylinux2014_aarch64"
TARGETS = {
    "tensorflow": [LINUX],
    "tensorflow-cpu": [LINUX],
    "tensorflow-intel": ["win_amd64"],
    "tensorflow-macos": ["macosx_12_0_arm64"],
    "tensorflow-cpu-aws": [ARM],
    "tensorflow-aarch64": [ARM],
    "tensorflow-gpu": [LINUX],
    "keras": [LINUX],
    "tf-keras": [LINUX],
    "tensorflow-probability": [LINUX],
    "tensorflow-hub": [LINUX],
    "tensorflow-addons": [LINUX],
    "tensorflow-io": [LINUX],
}


def platform_flags(platform):
    return [flag for tag in platform.split(",") for flag in ("--platform", tag)]


def offered(package, platform, python):
    """The versions pip lists for an impossible pin: exactly what the index offers for this target."""
    with tempfile.TemporaryDirectory() as dest:
        out = subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", *platform_flags(platform),
             "--python-version", python, "-d", dest, "%s==0.0.0.dev0" % package],
            capture_output=True, text=True,
        ).stderr
    m = re.search(r"\(from versions: ([^)]*)\)", out)
    return [] if not m or m.group(1) == "none" else [v.strip() for v in m.group(1).split(",")]


def metadata(package, version, python, platform=LINUX):
    with tempfile.TemporaryDirectory() as tmp:
        report = tmp + "/r.json"
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "--dry-run", "--no-deps", "--ignore-installed", "--quiet",
             "--report", report, "--python-version", python, *platform_flags(platform), "--only-binary=:all:",
             "--target", tmp + "/t", "%s==%s" % (package, version)],
            capture_output=True, text=True,
        )
        try:
            meta = json.load(open(report))["install"][0]["metadata"]
        except (OSError, KeyError, IndexError, ValueError):
            return None
    return {"requires_python": meta.get("requires_python"), "requires_dist": meta.get("requires_dist", [])}


def main():
    facts = {"offered": {}, "metadata": {}}
    keys = ["%s|%s|%s" % (p, plat, py) for p, plats in TARGETS.items() for plat in plats for py in PYTHONS]
    with ThreadPoolExecutor(8) as pool:
        for key, versions in zip(keys, pool.map(lambda k: offered(*k.split("|")), keys)):
            facts["offered"][key] = versions
    print("offered: %d targets" % len(keys), file=sys.stderr)
    # The newest patch of each TensorFlow minor, read on the newest Python it supports.
    newest = {}
    for key, versions in facts["offered"].items():
        package, platform, python = key.split("|")
        if package not in ("tensorflow", "tensorflow-cpu", "tf-keras") or platform != LINUX:
            continue
        for v in versions:
            if re.fullmatch(r"2\.\d+\.\d+(\.post\d+)?", v) and int(v.split(".")[1]) >= 10:
                newest.setdefault((package, v), python)
                newest[(package, v)] = max(newest[(package, v)], python, key=lambda p: int(p.split(".")[1]))
    items = sorted(newest.items())
    with ThreadPoolExecutor(8) as pool:
        results = pool.map(lambda item: metadata(item[0][0], item[0][1], item[1]), items)
        for ((package, version), _), meta in zip(items, results):
            facts["metadata"]["%s==%s" % (package, version)] = meta
    print("metadata: %d releases" % len(items), file=sys.stderr)
    json.dump(facts, sys.stdout, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
