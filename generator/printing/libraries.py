"""WeasyPrint's system libraries found with one look at the linker's cache, not a dozen.

WeasyPrint tries several names for each library (gobject-2.0-0, gobject-2.0, libgobject-2.0.so.0…) and
cffi asks ``ctypes.util.find_library`` about each it cannot open directly. On Linux every such question
runs ``ldconfig -p`` and, when that does not know the name, the C compiler and the linker: about twenty
processes and 0.3 s before the first page, in every build that prints something. While WeasyPrint
loads, ``quick_lookup`` answers the same questions from one ``ldconfig -p`` listing, read once, with
the standard library's own pattern; a name the listing lacks is simply not found (WeasyPrint then tries
its next name, which includes the plain file name the dynamic loader finds by itself).
"""

from __future__ import annotations

import ctypes.util
import os
import re
import struct
import subprocess
import sys
from contextlib import contextmanager
from functools import lru_cache
from typing import Iterator

LDCONFIG = "/sbin/ldconfig"
# The ABI tag ldconfig prints for this machine's libraries, as ctypes.util._findSoname_ldconfig reads it.
_ABI = {"x86_64-64": "libc6,x86-64", "ppc64-64": "libc6,64bit", "sparc64-64": "libc6,64bit",
        "s390x-64": "libc6,64bit", "ia64-64": "libc6,IA-64"}


@lru_cache(maxsize=1)
def _listing() -> bytes:
    try:
        done = subprocess.run([LDCONFIG, "-p"], stdin=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, env={"LC_ALL": "C", "LANG": "C"}, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return b""
    return done.stdout


def find_library(name: str) -> str | None:
    """``ctypes.util.find_library`` on Linux, from the linker cache's listing alone."""
    machine = os.uname().machine + ("-32" if struct.calcsize("l") == 4 else "-64")
    pattern = rf"\s+(lib{re.escape(name)}\.[^\s]+)\s+\({_ABI.get(machine, 'libc6')}"
    found = re.search(os.fsencode(pattern), _listing())
    return os.fsdecode(found[1]) if found else None


@contextmanager
def quick_lookup() -> Iterator[None]:
    """Within the block (WeasyPrint's first import), libraries are looked up in the cached listing."""
    if "weasyprint" in sys.modules or not sys.platform.startswith("linux") or not os.path.exists(LDCONFIG) \
            or not _listing():
        yield
        return
    original = ctypes.util.find_library
    ctypes.util.find_library = find_library
    try:
        yield
    finally:
        ctypes.util.find_library = original
