"""Deep recursion without CPython mapping and unmapping its frame stack over and over.

CPython (3.11 and later) keeps the frames of Python calls on a stack of 16 KB
chunks. A call that does not fit in the current chunk gets a new one from
``mmap``, and the chunk is unmapped as soon as that call returns. WeasyPrint
lays out and draws a document by recursing over its boxes, in and out around
the same depths, so a call near a chunk's end maps, faults in and unmaps a
chunk again and again: about 900 times per document of the demo (strace), a
system time of 2.3 s against 0.2 s over two passes of its 104 PDFs, and about
a tenth of a document's time.

``with_room(function)`` calls ``function`` from a frame that holds 33,000
empty local slots. CPython gives such a frame a chunk of its own, rounded up
to 512 KB, and the 248 KB left above the frame hold a whole render's calls:
no chunk is mapped while it runs (measured the same on CPython 3.11, 3.12 and
3.13: 8,000 page faults of an oscillating recursion without, about 80 with).
"""

from __future__ import annotations

import types
from functools import cache
from typing import Callable, TypeVar

T = TypeVar("T")
ROOM = 33_000  # local slots: 264 KB of frame, so the chunk is 512 KB (CPython doubles 16 KB until it fits)


def _call(function):
    return function()


@cache
def _roomy() -> Callable:
    """``_call`` with ROOM more local slots (made on first use: 6 ms)."""
    code = _call.__code__
    try:
        roomy = code.replace(co_varnames=code.co_varnames + tuple(f"_{i}" for i in range(ROOM)),
                             co_nlocals=code.co_nlocals + ROOM)
    except (TypeError, ValueError):  # a Python whose code objects cannot be widened so: calls as they are
        return _call
    return types.FunctionType(roomy, globals(), "with_room")


def with_room(function: Callable[[], T]) -> T:
    """``function()``, run with room on CPython's frame stack for deep recursion (see the module's docstring)."""
    return _roomy()(function)
