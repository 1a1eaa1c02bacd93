"""PDF streams deflated at zlib's default level rather than pydyf's level 9.

pydyf, which writes WeasyPrint's PDFs, compresses every stream (page content,
embedded fonts, images) with ``zlib.compressobj(level=9)``. On our documents
level 9 takes about twice as long as zlib's default level 6 and saves 0.3 % of
the bytes (the demo's first 40 documents: 0.199 s against 0.108 s of
compression, 3,710,180 against 3,721,986 bytes). ``install`` gives pydyf a
zlib whose ``compressobj`` uses level 6; everything else is zlib itself.
"""

from __future__ import annotations

import zlib

LEVEL = 6


class _Zlib:
    """zlib, except that compressobj ignores the level asked for and uses LEVEL."""

    def __getattr__(self, name: str):
        return getattr(zlib, name)

    @staticmethod
    def compressobj(level: int = LEVEL, *args, **kwargs):
        return zlib.compressobj(LEVEL, *args, **kwargs)


def install() -> None:
    """Give pydyf the level-6 zlib (once per process)."""
    import pydyf

    if getattr(pydyf, "zlib", None) is zlib:
        pydyf.zlib = _Zlib()
