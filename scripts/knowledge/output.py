"""Writes the gathered data: one JSON file per package under knowledge/index/, one entry per line (a refresh's pull
request shows which releases changed), a manifest, and the snapshot of the index's version lists."""
import gzip
import json
import os


def _dump(value):
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def package_text(data):
    """{"schemaVersion":..,"name":..,"lines":[..],"blocks":[..],"releases":{..}} with one line, block or release
    per text line."""
    out = ["{"]
    keys = list(data)
    for n, key in enumerate(keys):
        value = data[key]
        comma = "," if n + 1 < len(keys) else ""
        if isinstance(value, list) and value:
            items = [" " + _dump(v) for v in value]
            out.append(" %s:[\n%s\n ]%s" % (_dump(key), ",\n".join(items), comma))
        elif isinstance(value, dict) and value and key == "releases":
            items = [" %s:%s" % (_dump(k), _dump(v)) for k, v in value.items()]
            out.append(" %s:{\n%s\n }%s" % (_dump(key), ",\n".join(items), comma))
        else:
            out.append(" %s:%s%s" % (_dump(key), _dump(value), comma))
    out.append("}")
    return "\n".join(out) + "\n"


def mapping_text(mapping):
    """An object with one key per text line."""
    items = [" %s:%s" % (_dump(k), _dump(v)) for k, v in mapping.items()]
    return "{\n" + ",\n".join(items) + "\n}\n"


def write_if_changed(path, text):
    """True when the file's content changed."""
    try:
        with open(path, encoding="utf-8") as f:
            if f.read() == text:
                return False
    except FileNotFoundError:
        pass
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return True


def sizes(paths):
    """(bytes, gzip bytes) of the files together."""
    raw = b"".join(open(p, "rb").read() for p in paths)
    return len(raw), len(gzip.compress(raw, 9))


def read_json(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except FileNotFoundError:
        return None
