"""Gathers the release history of the TensorFlow ecosystem (and numpy, protobuf, ml-dtypes, h5py) from the package
index into knowledge/index/:

    python3 scripts/knowledge/gather.py            # refresh; reuses the committed Requires-Dist of unchanged releases
    python3 scripts/knowledge/gather.py --no-seed  # read every wheel's metadata again

Per package, one request to the simple API (PEP 691 JSON: every file with its name, yanked state, requires-python,
and whether the PEP 658 metadata file exists). Per TensorFlow-ecosystem wheel, its Requires-Dist: from the PEP 658
file where the index serves one, else by HTTP range reads of the wheel's zip directory and METADATA member (never a
download of the wheel). A thread pool of 8, retries with backoff, and a cache under .tmp/knowledge-cache/ (simple
pages for an hour, wheel metadata by sha256 for good). Prints the time taken, the requests, the full downloads, and
the size of the data. Then run scripts/knowledge/build.py to refresh knowledge/tensorflow.json from it.
"""
import argparse
import datetime
import json
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor

sys.dont_write_bytecode = True  # no __pycache__ left in the repository
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from http_client import Client, Counters, HttpError  # noqa: E402
from output import mapping_text, package_text, read_json, sizes, write_if_changed  # noqa: E402
from packages import ALL, ECOSYSTEM  # noqa: E402
from releases import group_files, installable  # noqa: E402
from wheelmeta import requires_of  # noqa: E402
from zipmeta import ZipError  # noqa: E402
import assemble  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
INDEX_DIR = os.path.join(ROOT, "knowledge", "index")
SNAPSHOT = os.path.join(ROOT, "knowledge", "index-versions.json")
REMOVED = os.path.join(ROOT, "knowledge", "removed.json")
SIMPLE = "https://pypi.org/simple/%s/"
ACCEPT = "application/vnd.pypi.simple.v1+json"


def fetch_page(client, name, cache_dir, max_age):
    path = os.path.join(cache_dir, "pages", name + ".json")
    if os.path.exists(path) and time.time() - os.path.getmtime(path) < max_age:
        with open(path) as f:
            return json.load(f)
    status, _, body = client.get(SIMPLE % name, headers={"Accept": ACCEPT})
    if status != 200:
        raise HttpError("%s: HTTP %d" % (SIMPLE % name, status))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(body)
    return json.loads(body)


def plan(name, page, seed):
    """The package's releases, and the wheels whose metadata must be read (those of releases that are new or whose
    files changed since the committed data)."""
    groups = group_files(name, page)
    reads = []
    if name in ECOSYSTEM:
        old = (seed or {}).get("releases", {})
        for group in groups.values():
            if not assemble.reusable(group, old.get(group["version"])):
                live = {id(f) for f in installable(group["files"])}
                reads += [f for f, cov in group["wheels"] if cov and id(f) in live]
    return groups, reads


def read_all(pool, client, reads, cache_dir, stats):
    """{filename: requirement lines} for every wheel read; unreadable wheels are listed, network failures raise."""
    os.makedirs(cache_dir, exist_ok=True)
    unreadable = []

    def one(file):
        try:
            return file["filename"], requires_of(client, file, cache_dir, stats)["requires_dist"]
        except ZipError as error:
            unreadable.append("%s: %s" % (file["filename"], error))
            return file["filename"], None

    done = dict(pool.map(one, reads))
    return {k: v for k, v in done.items() if v is not None}, unreadable


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-seed", action="store_true", help="read every wheel, ignoring the committed data")
    parser.add_argument("--jobs", type=int, default=8, help="parallel requests (default 8)")
    parser.add_argument("--cache", default=os.path.join(ROOT, ".tmp", "knowledge-cache"))
    parser.add_argument("--page-max-age", type=float, default=3600, help="seconds a cached simple page is fresh")
    parser.add_argument("packages", nargs="*", default=ALL)
    return parser.parse_args()


def main():
    args = parse_args()
    started = time.time()
    counters = Counters()
    client = Client(counters)
    stats = {}
    with ThreadPoolExecutor(args.jobs) as pool:
        pages = dict(zip(args.packages, pool.map(lambda n: fetch_page(client, n, args.cache, args.page_max_age),
                                                  args.packages)))
        seeds = {n: None if args.no_seed else read_json(os.path.join(INDEX_DIR, n + ".json")) for n in args.packages}
        plans = {n: plan(n, pages[n], seeds[n]) for n in args.packages}
        reads = [f for _, files in plans.values() for f in files]
        requires, unreadable = read_all(pool, client, reads, os.path.join(args.cache, "metadata"), stats)
    conflicts = []
    changed = write_packages(args.packages, plans, requires, seeds, conflicts)
    write_manifest(pages, changed)
    report(started, counters, stats, reads, unreadable, conflicts, changed, pages)


def write_packages(names, plans, requires, seeds, conflicts):
    changed = []
    for name in names:
        data = assemble.package(name, plans[name][0], requires, seeds[name], conflicts)
        if write_if_changed(os.path.join(INDEX_DIR, name + ".json"), package_text(data)):
            changed.append(name)
    return changed


def write_manifest(pages, changed):
    """The manifest keeps its date when no package's data changed, so an idle week opens no pull request."""
    path = os.path.join(INDEX_DIR, "manifest.json")
    old = read_json(path) or {}
    names = sorted(set(old.get("packages", {})) | set(pages), key=lambda n: (ALL + [n]).index(n))
    present = [n for n in names if os.path.exists(os.path.join(INDEX_DIR, n + ".json"))]
    manifest = assemble.manifest(present, INDEX_DIR)
    manifest["gathered"] = datetime.date.today().isoformat() if changed or not old else old.get("gathered")
    write_if_changed(path, json.dumps(manifest, indent=1) + "\n")
    snapshot = read_json(SNAPSHOT) or {}
    snapshot.update({n: page.get("versions", []) for n, page in pages.items()})
    ordered = {n: snapshot[n] for n in sorted(snapshot, key=lambda n: (ALL + [n]).index(n))}
    write_if_changed(SNAPSHOT, mapping_text(ordered))


def report(started, counters, stats, reads, unreadable, conflicts, changed, pages):
    files = [os.path.join(INDEX_DIR, f) for f in sorted(os.listdir(INDEX_DIR)) if f.endswith(".json")]
    raw, packed = sizes(files)
    print("gathered %d packages in %.1f s" % (len(pages), time.time() - started))
    print("requests: %d (%.1f MB), retries: %d, full downloads: %d" % (
        counters.requests, counters.bytes / 1e6, counters.retries, counters.full_downloads))
    print("wheel metadata: %d wheels to read; found in %s" % (len(reads), json.dumps(stats, sort_keys=True)))
    print("data: %d files, %d bytes, %d bytes gzip; changed: %s" % (len(files), raw, packed, ", ".join(changed) or
                                                                    "nothing"))
    for line in assemble.removed_but_listed(REMOVED, pages):
        print("curated as removed but the index lists it: " + line)
    for line in conflicts:
        print("wheels of one platform and Python disagree: " + line)
    for line in unreadable:
        print("unreadable wheel: " + line)


if __name__ == "__main__":
    main()
