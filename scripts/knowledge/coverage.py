"""Compact CPython coverage strings: a set of tokens ("3.9", "3.9+", "py3") becomes "2.7,3.5-3.7" or "3.9+".

Grammar (read back by src/knowledge/index-data.ts): comma-separated items, each "M.N" (that minor), "M.N-M.K"
(every minor from N to K), "M.N+" (N and every later minor of major M: abi3 and pyMN wheels), or "pyM" (any
CPython M.x: py3 / py2 wheels).
"""


def _minor(token):
    major, minor = token.rstrip("+").split(".")
    return int(major), int(minor)


def compact(tokens):
    pure = {int(t[2:]) for t in tokens if t.startswith("py")}
    opens = {}  # major -> the lowest minor an open-ended token starts at
    exact = set()
    for t in tokens:
        if t.startswith("py") or _minor(t)[0] in pure:
            continue
        major, minor = _minor(t)
        if t.endswith("+"):
            opens[major] = min(opens.get(major, minor), minor)
        else:
            exact.add((major, minor))
    for major in opens:  # "3.6" beside "3.7+" reads "3.6+"
        while (major, opens[major] - 1) in exact:
            opens[major] -= 1
    exact = {(ma, mi) for ma, mi in exact if not (ma in opens and mi >= opens[ma])}
    items = _ranges(sorted(exact)) + ["%d.%d+" % kv for kv in sorted(opens.items())]
    return ",".join(sorted(items, key=_order) + ["py%d" % m for m in sorted(pure)])


def _ranges(exact):
    items = []
    for major, minor in exact:
        if items and items[-1][0] == major and items[-1][2] == minor - 1:
            items[-1][2] = minor
        else:
            items.append([major, minor, minor])
    return ["%d.%d" % (a, b) if b == c else "%d.%d-%d.%d" % (a, b, a, c) for a, b, c in items]


def _order(item):
    major, minor = item.split("-")[0].rstrip("+").split(".")
    return int(major), int(minor)


def expand(text, known):
    """The CPython minors ("3.9") of a coverage string, open ends and pure tokens cut to the known minors."""
    out = set()
    for item in filter(None, text.split(",")):
        if item.startswith("py"):
            out |= {k for k in known if k.split(".")[0] == item[2:]}
        elif item.endswith("+"):
            major, minor = _minor(item)
            out |= {k for k in known if _minor(k)[0] == major and _minor(k)[1] >= minor}
        elif "-" in item:
            low, high = item.split("-")
            (major, a), (_, b) = _minor(low), _minor(high)
            out |= {"%d.%d" % (major, m) for m in range(a, b + 1)}
        else:
            out.add(item)
    return out
