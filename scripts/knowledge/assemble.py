"""One package's data file from its grouped files and the wheels' Requires-Dist; the manifest over all packages."""
import os

from output import read_json
from packages import ECOSYSTEM
from releases import canonical, fingerprint, installable, release_record, sort_key
from requires import Interner, assignments, condense, remap
from wheeltags import PLATFORMS

SOURCE = (
    "https://pypi.org/simple/%s/ (PEP 691 JSON): versions, file names (wheel tags), yanked, requires-python;"
    " Requires-Dist from each wheel's METADATA (PEP 658 file, else HTTP range reads of the wheel)"
)
INDEX_SOURCE = (
    "The PyPI simple API (PEP 691 JSON) read by scripts/knowledge/gather.py on the date in `gathered`."
    " Coverage comes from wheel file names: CPython only; Linux is glibc (manylinux, plain linux), musllinux left out."
)


def reusable(group, old):
    """The committed record still holds: the release's files (names, yanked) are the ones it was read from."""
    if not old or not group["files"] or old.get("fp") != fingerprint(group["files"]):
        return False
    return "r" in old or not any(cov for _, cov in group["wheels"])


def package(name, groups, requires, seed, conflicts):
    with_requires = name in ECOSYSTEM
    interner = Interner()
    old_releases = (seed or {}).get("releases", {})

    def old_block(i):
        return [seed["lines"][j] for j in seed["blocks"][i]]

    releases = {}
    for key in sorted(groups, key=sort_key):
        group = groups[key]
        record = release_record(group, with_requires)
        fp = record.pop("fp", None)
        if with_requires and group["files"]:
            old = old_releases.get(group["version"])
            if reusable(group, old):
                reference = remap(old["r"], old_block, interner) if "r" in old else None
            else:
                live = {id(f) for f in installable(group["files"])}
                wheels = [(f, cov) for f, cov in group["wheels"] if id(f) in live]
                reference = condense(assignments(wheels, requires, conflicts), interner)
            if reference is not None:
                record["r"] = reference
            record["fp"] = fp
        releases[group["version"]] = record
    data = {"schemaVersion": 1, "name": name, "source": SOURCE % name}
    if with_requires:
        data["lines"], data["blocks"] = interner.lines, interner.blocks
    data["releases"] = releases
    return data


def manifest(names, index_dir):
    packages, minors = {}, set()
    for name in names:
        data = read_json(os.path.join(index_dir, name + ".json"))
        packages[name] = {"requires": "lines" in data, "releases": len(data["releases"])}
        for record in data["releases"].values():
            for cov in record.get("w", {}).values():
                minors |= _minors_named(cov)
    return {
        "schemaVersion": 1,
        "gathered": None,
        "source": INDEX_SOURCE,
        "platforms": list(PLATFORMS),
        "pythons": _contiguous(minors),
        "packages": packages,
    }


def _minors_named(cov):
    out = set()
    for item in cov.split(","):
        if item[:1].isdigit():
            for end in item.rstrip("+").split("-"):
                major, minor = end.split(".")
                out.add((int(major), int(minor)))
    return out


def _contiguous(minors):
    """Every CPython minor from the oldest to the newest any wheel names, per major: the versions a "3.7+" or
    "py3" coverage item stands for."""
    out = []
    for major in sorted({m for m, _ in minors}):
        seen = [n for m, n in minors if m == major]
        out += ["%d.%d" % (major, n) for n in range(min(seen), max(seen) + 1)]
    return out


def removed_but_listed(path, pages):
    curated = read_json(path) or {"entries": []}
    for entry in curated["entries"]:
        page = pages.get(entry["package"])
        if page is None:
            continue
        listed = {canonical(v) for v in page.get("versions", [])}
        for version in entry["versions"]:
            if canonical(version) in listed:
                yield "%s %s (%s)" % (entry["package"], version, entry["source"])
