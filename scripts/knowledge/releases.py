"""From a project's simple-index page (PEP 691 JSON) to its releases: yanked state, Requires-Python, CPython and
platform coverage of its wheels, whether an sdist exists.

A file belongs to the version its own name carries, as pip sees it (numpy's release "1.10.0" holds the sdist
numpy-1.10.0.post2.tar.gz, which pip offers as 1.10.0.post2). A version the index lists without any file keeps an
empty record: it was released, but nothing of it can be installed any more. One whose only files are formats pip
does not install from an index (eggs, Windows installers) or wheels for platforms the knowledge does not judge
is marked "o".
"""
import hashlib
from collections import Counter

from coverage import compact
from wheeltags import other_version, parse_wheel, sdist_version

try:
    from packaging.version import InvalidVersion, Version
except ImportError:
    from pip._vendor.packaging.version import InvalidVersion, Version


def canonical(version):
    try:
        return str(Version(version))
    except InvalidVersion:
        return version


def sort_key(version):
    try:
        return (1, Version(version))
    except InvalidVersion:
        return (0, version)


def group_files(project, page):
    """{canonical version: {"version", "wheels": [(file, coverage)], "sdists": [file]}} over every version the page
    lists and every version a file name carries."""
    groups = {}

    def group(version):
        key = canonical(version)
        return groups.setdefault(key, {"version": key, "wheels": [], "sdists": [], "files": []})

    for version in page.get("versions", []):
        group(version)["version"] = version  # the index's own spelling
    for file in page["files"]:
        wheel = parse_wheel(file["filename"])
        if wheel:
            g = group(wheel[0])
            g["wheels"].append((file, wheel[1]))
        elif sdist_version(file["filename"], project) is not None:
            g = group(sdist_version(file["filename"], project))
            g["sdists"].append(file)
        else:  # .egg, .exe, .msi: formats pip does not install from an index
            version = other_version(file["filename"], project, page.get("versions", []))
            if version is None:
                continue
            g = group(version)
        g["files"].append(file)
    return groups


def installable(files):
    """Files pip may pick: a release whose every file is yanked stays installable by an exact pin (PEP 592), but
    when only some files are yanked, the yanked ones are out."""
    live = [f for f in files if not f.get("yanked")]
    return live if live else files


def release_record(group, with_fingerprint):
    files = group["files"]
    record = {}
    if not files:
        return record
    requires_python = Counter(f.get("requires-python") for f in files if f.get("requires-python"))
    if requires_python:
        record["rp"] = requires_python.most_common(1)[0][0]
    if all(f.get("yanked") for f in files):
        reason = next((f["yanked"] for f in files if isinstance(f["yanked"], str) and f["yanked"].strip()), "")
        record["y"] = reason.strip() or True
    live = {id(f) for f in installable(files)}
    coverage = {}
    for file, cov in group["wheels"]:
        if id(file) in live:
            for platform, tokens in cov.items():
                coverage.setdefault(platform, set()).update(tokens)
    if coverage:
        record["w"] = {p: compact(tokens) for p, tokens in sorted(coverage.items())}
    if any(id(f) in live for f in group["sdists"]):
        record["sd"] = 1
    if "w" not in record and "sd" not in record:
        record["o"] = 1  # released, but nothing pip installs on the judged platforms
    if with_fingerprint:
        record["fp"] = fingerprint(files)
    return record


def fingerprint(files):
    """A short hash of the release's file names and yanked states: when it is unchanged, so is every Requires-Dist
    (a file on the index never changes), and a refresh reuses the committed ones instead of reading wheels again."""
    text = "\n".join(sorted("%s %s" % (f["filename"], bool(f.get("yanked"))) for f in files))
    return hashlib.sha256(text.encode()).hexdigest()[:10]
