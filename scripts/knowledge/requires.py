"""Requires-Dist per release, compact: every distinct requirement line once (`lines`), every distinct set of lines
once (`blocks`, lists of line numbers), and per release a reference `r`:

- a number: every wheel of the release has that block;
- an object when wheels differ: "*" is the block of most wheels, "<platform>" the block of most wheels for that
  platform, "<platform>@<coverage>" the block of the wheels for those CPythons on that platform (coverage grammar
  of coverage.py). src/knowledge/index-data.ts looks up platform@coverage, then platform, then any, then "*".
"""
from collections import Counter

from coverage import compact


class Interner:
    """Lines and blocks numbered in order of first use, releases walked oldest first: a new release appends, so a
    refresh's diff stays small."""

    def __init__(self):
        self.lines, self.blocks = [], []
        self._line_ids, self._block_ids = {}, {}

    def block(self, lines):
        # Lines in one order whatever path gave them (a wheel read, or a committed block), so numbering is stable.
        ids = tuple(sorted(self._line(line) for line in sorted(set(lines), key=line_order)))
        if ids not in self._block_ids:
            self._block_ids[ids] = len(self.blocks)
            self.blocks.append(list(ids))
        return self._block_ids[ids]

    def _line(self, line):
        if line not in self._line_ids:
            self._line_ids[line] = len(self.lines)
            self.lines.append(line)
        return self._line_ids[line]


def assignments(wheels, requires_by_file, conflicts):
    """{(platform, token): requirement lines} over a release's wheels. Two wheels for the same platform and Python
    that disagree are reported; the later upload wins (it is what a fixed re-upload looks like)."""
    out, seen = {}, {}
    for file, coverage in sorted(wheels, key=lambda w: w[0].get("upload-time") or ""):
        lines = requires_by_file.get(file["filename"])
        if lines is None:
            continue
        for platform, tokens in coverage.items():
            for token in tokens:
                key = (platform, token)
                if key in out and out[key] != lines:
                    conflicts.append("%s vs %s" % (seen[key], file["filename"]))
                out[key], seen[key] = lines, file["filename"]
    return out


def condense(by_key, interner):
    """The release's reference. Blocks are numbered in the order the reference lists them ("*" first), the same
    order remap() walks, so a release read again and a release reused give the same numbers."""
    blocks = {key: tuple(sorted(set(lines))) for key, lines in by_key.items()}
    if not blocks:
        return None
    default = _most_common(blocks.values())
    if all(b == default for b in blocks.values()):
        return interner.block(default)
    out = {"*": default}
    for platform in sorted({p for p, _ in blocks}):
        mine = {token: b for (p, token), b in blocks.items() if p == platform}
        main = _most_common(mine.values(), prefer=default)
        if main != default:
            out[platform] = main
        for other in sorted(set(mine.values()) - {main}):
            out["%s@%s" % (platform, compact([t for t, b in mine.items() if b == other]))] = other
    return {key: interner.block(block) for key, block in out.items()}


def _most_common(values, prefer=None):
    counts = Counter(values)
    top = max(counts.values())
    tied = sorted(v for v, c in counts.items() if c == top)
    return prefer if prefer in tied else tied[0]


def line_order(line):
    return (line.split(";")[0], line)


def remap(reference, old_lines_of_block, interner):
    """A committed reference re-numbered into this run's interner (a release whose files did not change)."""
    if isinstance(reference, int):
        return interner.block(old_lines_of_block(reference))
    return {key: interner.block(old_lines_of_block(i)) for key, i in reference.items()}
