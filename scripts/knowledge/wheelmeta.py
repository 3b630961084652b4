"""One wheel's Requires-Dist and Requires-Python: from the index's PEP 658 metadata file when it serves one, else by
range reads of the wheel (zipmeta). Cached by the file's sha256 (a file on the index never changes)."""
import email.parser
import hashlib
import json
import os
import re

from zipmeta import read_metadata

try:
    from packaging.requirements import InvalidRequirement, Requirement
except ImportError:  # pip's vendored copy: a bare Python with pip has it
    from pip._vendor.packaging.requirements import InvalidRequirement, Requirement


def requires_of(client, file, cache_dir, stats):
    digest = file.get("hashes", {}).get("sha256")
    path = os.path.join(cache_dir, digest + ".json") if digest else None
    if path and os.path.exists(path):
        stats["cached"] = stats.get("cached", 0) + 1
        with open(path) as f:
            return json.load(f)
    text = _pep658(client, file, stats) or read_metadata(client, file["url"], stats)
    result = parse_metadata(text)
    if path:
        tmp = path + ".%d.tmp" % os.getpid()
        with open(tmp, "w") as f:
            json.dump(result, f)
        os.replace(tmp, path)
    return result


def _pep658(client, file, stats):
    served = file.get("core-metadata") or file.get("data-dist-info-metadata")
    if not served:
        return None
    status, _, body = client.get(file["url"] + ".metadata")
    if status != 200:
        return None
    expected = served.get("sha256") if isinstance(served, dict) else None
    if expected and hashlib.sha256(body).hexdigest() != expected:
        return None  # a metadata file that does not match its hash: read the wheel instead
    stats["pep658"] = stats.get("pep658", 0) + 1
    return body.decode("utf-8", "replace")


def parse_metadata(text):
    message = email.parser.Parser().parsestr(text, headersonly=True)
    requires = []
    for entry in message.get_all("Requires-Dist") or []:
        requires.append(normalize_requirement(entry))
    return {"requires_dist": sorted(set(requires), key=_order), "requires_python": message.get("Requires-Python")}


def normalize_requirement(entry):
    """PEP 508 in one spelling (old METADATA writes `numpy (<2.0,>=1.14.5)`): names lower-case with dashes,
    specifier clauses sorted, markers as packaging prints them."""
    try:
        req = Requirement(entry)
    except InvalidRequirement:
        return entry.strip()
    name = re.sub(r"[-_.]+", "-", req.name).lower()
    extras = "[%s]" % ",".join(sorted(req.extras)) if req.extras else ""
    spec = ",".join(sorted((str(s) for s in req.specifier), key=_clause_order))
    target = " @ " + req.url if req.url else spec
    marker = (" ; " if req.url else "; ") + str(req.marker) if req.marker else ""
    return name + extras + target + marker


# Lower bounds, then pins, then upper bounds, then exclusions: `>=2.15.0,<2.16` reads as a range.
_OPERATOR_ORDER = {">=": 0, ">": 0, "~=": 0, "==": 1, "===": 1, "<": 2, "<=": 2, "!=": 3}


def _clause_order(clause):
    operator = re.match(r"[<>=!~]*", clause).group(0)
    return _OPERATOR_ORDER.get(operator, 4), clause


def _order(line):
    return (line.split(";")[0], line)
