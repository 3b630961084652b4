"""Reads requirement files with pip's own parser and prints what pip makes of each line, as JSON.

Input (stdin): {"cases": [{"id": ..., "cwd": DIR, "file": TOP_LEVEL_FILE}, ...]}. For each case this runs
pip._internal.req.req_file.parse_requirements on the file, then turns each parsed line into an InstallRequirement
the way `pip install -r` does (install_req_from_parsed_requirement), and records name, specifiers, marker, URL,
extras, editable and constraint with the file and line. pip stops at the first error; the error is recorded with
the file and line pip was reading (its own messages do not always say), or, for a file it cannot decode, the line
of the first byte it could not decode. Environment variables for ${VAR} come from this process's environment.
"""

import json
import os
import re
import sys

from pip._internal.req import req_file
from pip._internal.req.constructors import install_req_from_parsed_requirement

state = {"pending": None, "pos": None, "decode": None, "reading": None}

original_get = req_file.get_file_content
original_preprocess = req_file.preprocess
# pip 25 decodes in req_file._decode_req_file; older pips call utils.encoding.auto_decode from req_file.
DECODER = "_decode_req_file" if hasattr(req_file, "_decode_req_file") else "auto_decode"
original_decode = getattr(req_file, DECODER)
CODING = re.compile(rb"coding[:=]\s*([-\w.]+)")


def get_file_content(url, session, **kwargs):
    state["reading"] = url
    result = original_get(url, session, **kwargs)
    state["pending"] = url
    return result


def preprocess(content):
    filename = state["pending"]
    for number, line in original_preprocess(content):
        state["pos"] = (filename, number)
        yield number, line


ASCII_BREAKS = re.compile(rb"\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e]")


def count_lines(text):
    return len((text + "x").splitlines())


def declaration_line(data):
    """The line of a PEP 263 declaration pip obeys, counting ASCII line breaks before it."""
    start = 0
    for line in data.split(b"\n")[:2]:
        if line[0:1] == b"#":
            match = CODING.search(line)
            if match:
                return len(ASCII_BREAKS.findall(data[: start + match.start()])) + 1
        start += len(line) + 1
    return 1


def decode(data, url=None):
    try:
        return original_decode(data, url) if DECODER == "_decode_req_file" else original_decode(data)
    except UnicodeDecodeError as error:
        try:
            line = count_lines(error.object[: error.start].decode(error.encoding))
        except Exception:
            line = len(ASCII_BREAKS.findall(error.object[: error.start])) + 1
        state["decode"] = {"file": url or state["reading"], "line": line, "message": str(error)}
        raise
    except Exception as error:
        state["decode"] = {"file": url or state["reading"], "line": declaration_line(data), "message": repr(error)}
        raise


req_file.get_file_content = get_file_content
req_file.preprocess = preprocess
setattr(req_file, DECODER, decode)

COMES_FROM = re.compile(r"^-[rc] (.*) \(line (\d+)\)$", re.S)


def describe(ireq, parsed):
    match = COMES_FROM.match(parsed.comes_from)
    return {
        "file": match.group(1),
        "line": int(match.group(2)),
        "constraint": bool(ireq.constraint),
        "editable": bool(ireq.editable),
        "name": ireq.req.name if ireq.req else None,
        "specifier": sorted({str(s) for s in ireq.req.specifier}) if ireq.req else [],
        "marker": str(ireq.markers) if ireq.markers else None,
        "url": ireq.link.url if ireq.link else None,
        "extras": sorted(ireq.extras),
    }


def run(case):
    os.chdir(case["cwd"])
    state.update(pending=None, pos=None, decode=None)
    items = []
    current = None
    try:
        for parsed in req_file.parse_requirements(case["file"], session=None):
            current = parsed
            items.append(describe(install_req_from_parsed_requirement(parsed), parsed))
            current = None
    except BaseException as error:  # RecursionError and friends count: pip fails on them too.
        if isinstance(error, KeyboardInterrupt):
            raise
        where = None
        if state["decode"]:
            where = {"file": state["decode"]["file"], "line": state["decode"]["line"]}
        elif current is not None:
            match = COMES_FROM.match(current.comes_from)
            where = {"file": match.group(1), "line": int(match.group(2))}
        elif state["pos"]:
            where = {"file": state["pos"][0], "line": state["pos"][1]}
        message = f"{type(error).__name__}: {str(error)[:300]}"
        return {"id": case["id"], "items": items, "error": {"where": where, "message": message}}
    return {"id": case["id"], "items": items, "error": None}


def main():
    sys.setrecursionlimit(1000)
    manifest = json.load(sys.stdin)
    results = [run(case) for case in manifest["cases"]]
    json.dump({"pip": __import__("pip").__version__, "results": results}, sys.stdout)


main()
