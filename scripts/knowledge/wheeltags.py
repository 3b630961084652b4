"""What a distribution file name says: its version, and for a wheel, which CPythons and platforms it installs on.

Only the platforms keras-compat judges are kept, and only CPython (PyPy, free-threaded `t` and debug `d` ABIs are
other interpreters). Linux means glibc: manylinux1/2010/2014/_2_X and plain linux_* (pip accepts plain tags on
Linux); musllinux wheels do not install on the glibc Linux that CI runners and most images use, so they are left
out. macOS "intel"/"universal"/"fat*" wheels carry x86_64 code; "universal2" carries both x86_64 and arm64.
"""
import re

PLATFORMS = ("linux-x86_64", "linux-aarch64", "macos-x86_64", "macos-arm64", "windows-x86_64")
# A pure wheel (platform tag `any`) installs everywhere: it gets its own key instead of five copies.
ANY = "any"

_MAC_X86 = ("x86_64", "intel", "universal", "fat3", "fat64", "fat32")
_SDIST = re.compile(r"\.(tar\.gz|tar\.bz2|tar\.xz|tgz|zip)$")


def normalize_name(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def platforms_of(tag):
    """The judged platforms a single platform tag installs on (empty when none)."""
    if tag == "any":
        return [ANY]
    if tag.startswith(("manylinux", "linux_")):
        arch = _linux_arch(tag)
        return ["linux-" + arch] if arch in ("x86_64", "aarch64") else []
    if tag.startswith("macosx_"):
        arch = tag.split("_", 3)[-1]
        if arch == "universal2":
            return ["macos-x86_64", "macos-arm64"]
        if arch == "arm64":
            return ["macos-arm64"]
        return ["macos-x86_64"] if arch in _MAC_X86 else []
    return ["windows-x86_64"] if tag == "win_amd64" else []


def _linux_arch(tag):
    if tag.startswith("manylinux_"):  # manylinux_2_17_x86_64
        return tag.split("_", 3)[-1]
    return tag.split("_", 1)[-1]  # manylinux2014_x86_64, manylinux1_x86_64, linux_x86_64


def python_token(py, abi):
    """One interpreter/ABI pair as a CPython token: "3.9" (that minor), "3.9+" (that minor and later, abi3 or pyXY),
    "py3" (any 3.x), "py2"; None for other interpreters."""
    if abi.endswith(("t", "d")) and abi.startswith("cp"):
        return None  # free-threaded or debug CPython: a different ABI from the interpreter a run uses
    m = re.fullmatch(r"(cp|py)(\d)(\d*)", py)
    if not m:
        return None  # pp, ip, jy: not CPython
    kind, major, minor = m.groups()
    if not minor:
        return "py" + major if kind == "py" else None
    version = "%s.%s" % (major, minor)
    if kind == "cp" and abi == "abi3":
        return version + "+"
    if kind == "py" and abi == "none":
        return version + "+"  # pip offers pyXY tags to every later minor of the same major
    return version


def parse_wheel(filename):
    """(version, {platform: set(tokens)}) for a wheel file name, or None when it is not one."""
    if not filename.endswith(".whl"):
        return None
    parts = filename[:-4].split("-")
    if len(parts) not in (5, 6):
        return None
    version, (pys, abis, plats) = parts[1], parts[-3:]
    coverage = {}
    for plat in plats.split("."):
        for target in platforms_of(plat):
            for py in pys.split("."):
                for abi in abis.split("."):
                    token = python_token(py, abi)
                    if token:
                        coverage.setdefault(target, set()).add(token)
    return version, coverage


def sdist_version(filename, project):
    """The version in an sdist's file name (`tf_keras-2.16.0.tar.gz`), or None when it is not an sdist of project."""
    m = _SDIST.search(filename)
    if not m:
        return None
    stem = filename[: m.start()]
    # The project part may spell the name with other separators: try every dash from the left.
    for i, ch in enumerate(stem):
        if ch == "-" and normalize_name(stem[:i]) == normalize_name(project):
            return stem[i + 1:]
    return None


def other_version(filename, project, versions):
    """The listed version an egg or Windows installer belongs to (numpy-1.0b1.win32-py2.5.exe): the longest listed
    version its name carries right after the project name. None when no listed version fits."""
    for i, ch in enumerate(filename):
        if ch == "-" and normalize_name(filename[:i]) == normalize_name(project):
            rest = filename[i + 1:]
            fits = [v for v in versions if rest.startswith(v) and rest[len(v):len(v) + 1] in ("-", ".")]
            return max(fits, key=len) if fits else None
    return None
