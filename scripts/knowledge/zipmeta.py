"""A wheel's METADATA without downloading the wheel: HTTP range reads of the zip's end record, of the part of the
central directory that names `*.dist-info/METADATA`, and of that one member.

Wheels put their .dist-info either at the end of the central directory (setuptools' bdist_wheel) or at its start
(TensorFlow's own builder since 2.x), so the tail read (end record + the directory's last entries) is tried first,
then the directory's head, and only then the whole directory (still a range read, a few MB at most).
"""
import re
import struct
import zlib

TAIL = 8 * 1024
HEAD = 16 * 1024
_EOCD = b"PK\x05\x06"
_CDIR = b"PK\x01\x02"
_METADATA = re.compile(r"^[^/]+\.dist-info/METADATA$")


class ZipError(Exception):
    pass


def read_metadata(client, url, stats):
    """The METADATA text of the wheel at url. stats counts where the entry was found (tail/head/directory)."""
    status, headers, tail = client.get(url, byte_range="-%d" % TAIL)
    total = _total_size(status, headers, tail)
    start = total - len(tail)
    cd_off, cd_size = _end_record(client, url, tail, start)
    entry = _find_entry(tail, start, cd_off, cd_size, scan=cd_off < start)
    where = "tail"
    if entry is None and cd_off < start:
        head = _fetch(client, url, cd_off, min(cd_off + cd_size, cd_off + HEAD) - 1)
        entry, where = _find_entry(head, cd_off, cd_off, len(head), scan=False), "head"
        if entry is None and cd_size > len(head):
            whole = _fetch(client, url, cd_off, cd_off + cd_size - 1)
            entry, where = _find_entry(whole, cd_off, cd_off, cd_size, scan=False), "directory"
    if entry is None:
        raise ZipError("no .dist-info/METADATA in " + url)
    stats[where] = stats.get(where, 0) + 1
    return _member(client, url, entry, tail, start)


def _total_size(status, headers, body):
    if status == 200:
        return len(body)
    if status != 206:
        raise ZipError("HTTP %d" % status)
    return int(headers["content-range"].rsplit("/", 1)[1])


def _fetch(client, url, first, last):
    status, _, body = client.get(url, byte_range="%d-%d" % (first, last))
    if status == 200:  # the server ignored the range: cut what was asked for out of the whole file
        return body[first:last + 1]
    return body


def _end_record(client, url, tail, start):
    i = tail.rfind(_EOCD)
    if i < 0 or i + 22 > len(tail):
        raise ZipError("no end of central directory record")
    cd_size, cd_off = struct.unpack("<II", tail[i + 12:i + 20])
    if cd_off == 0xFFFFFFFF or cd_size == 0xFFFFFFFF:
        return _zip64_end_record(client, url, tail, start, i)
    return cd_off, cd_size


def _zip64_end_record(client, url, tail, start, eocd):
    locator = tail[eocd - 20:eocd]
    if locator[:4] != b"PK\x06\x07":
        raise ZipError("zip64 locator missing")
    (record_off,) = struct.unpack("<Q", locator[8:16])
    record = tail[record_off - start:] if record_off >= start else _fetch(client, url, record_off, record_off + 55)
    if record[:4] != b"PK\x06\x06":
        raise ZipError("zip64 end record missing")
    cd_size, cd_off = struct.unpack("<QQ", record[40:56])
    return cd_off, cd_size


def _find_entry(buf, buf_start, cd_off, cd_size, scan):
    """The METADATA entry among the directory entries in buf. scan: buf starts mid-directory, so look for entry
    signatures instead of walking from the first entry."""
    pos = cd_off - buf_start if not scan else buf.find(_CDIR)
    end = min(len(buf), cd_off + cd_size - buf_start)
    while 0 <= pos and pos + 46 <= end:
        if buf[pos:pos + 4] != _CDIR:
            if not scan:
                return None
            pos = buf.find(_CDIR, pos + 1)
            continue
        fields = struct.unpack("<IHHHHHHIIIHHHHHII", buf[pos:pos + 46])
        method, csize, usize = fields[4], fields[8], fields[9]
        name_len, extra_len, comment_len, offset = fields[10], fields[11], fields[12], fields[16]
        name = buf[pos + 46:pos + 46 + name_len].decode("utf-8", "replace")
        extra = buf[pos + 46 + name_len:pos + 46 + name_len + extra_len]
        if _METADATA.match(name):
            csize, offset = _zip64_sizes(extra, usize, csize, offset)
            return {"name": name, "method": method, "csize": csize, "offset": offset}
        # Scanning, a signature inside a name must not make the walk skip real entries: step to the next signature.
        pos = buf.find(_CDIR, pos + 4) if scan else pos + 46 + name_len + extra_len + comment_len
    return None


def _zip64_sizes(extra, usize, csize, offset):
    """The real compressed size and header offset when the directory entry defers them to its zip64 extra field."""
    i = 0
    while i + 4 <= len(extra):
        tag, size = struct.unpack("<HH", extra[i:i + 4])
        if tag == 1:
            values = list(struct.unpack("<%dQ" % (size // 8), extra[i + 4:i + 4 + size - size % 8]))
            if usize == 0xFFFFFFFF:
                values.pop(0)
            if csize == 0xFFFFFFFF:
                csize = values.pop(0)
            if offset == 0xFFFFFFFF:
                offset = values.pop(0)
        i += 4 + size
    return csize, offset


def _member(client, url, entry, tail, start):
    first = entry["offset"]
    want = 30 + len(entry["name"].encode()) + 256 + entry["csize"]
    local = tail[first - start:first - start + want] if first >= start else _fetch(client, url, first, first + want - 1)
    if local[:4] != b"PK\x03\x04":
        raise ZipError("no local header for " + entry["name"])
    name_len, extra_len = struct.unpack("<HH", local[26:30])
    begin = 30 + name_len + extra_len
    if begin + entry["csize"] > len(local):
        local = _fetch(client, url, first, first + begin + entry["csize"] - 1)
    data = local[begin:begin + entry["csize"]]
    if entry["method"] == 8:
        data = zlib.decompress(data, -15)
    elif entry["method"] != 0:
        raise ZipError("compression method %d" % entry["method"])
    return data.decode("utf-8", "replace")
