"""Fixed-length C array types for WeasyPrint without re-parsing C for each new length.

When WeasyPrint embeds a font it subsets it with HarfBuzz and builds its glyph
lists with ``ffi.new(f'hb_codepoint_t[{n}]', ...)``. cffi caches parsed types
by their string, so every new ``n`` is a cache miss that runs pycparser over
all of WeasyPrint's declarations: about 14 ms, two or three times for every
font of every document (a fifth of a demo plan's PDF writing). ``install``
lets cffi's type cache answer ``T[n]`` from the already parsed ``T *`` with
cffi's own ``new_array_type``, which is exactly the type parsing would make.
"""

from __future__ import annotations

import re

_ARRAY = re.compile(r"\s*([A-Za-z_][\w ]*?)\s*\[\s*(\d+)\s*\]\s*")


class _ArrayTypes(dict):
    """cffi's dict of parsed types (string → (ctype, is_function)) that makes sized arrays itself."""

    def __init__(self, ffi, parsed: dict) -> None:
        super().__init__(parsed)
        self.ffi = ffi

    def __missing__(self, cdecl):
        match = _ARRAY.fullmatch(cdecl) if isinstance(cdecl, str) else None
        if match is None:
            raise KeyError(cdecl)  # cffi parses it, as always
        pointer = self.ffi._typeof(f"{match[1]} *")
        result = self[cdecl] = (self.ffi._backend.new_array_type(pointer, int(match[2])), False)
        return result


def install() -> None:
    """Give WeasyPrint's FFI the array-aware type cache (once per process)."""
    from weasyprint.text.ffi import ffi

    parsed = getattr(ffi, "_parsed_types", None)
    if isinstance(parsed, dict) and not isinstance(parsed, _ArrayTypes) and hasattr(ffi, "_backend"):
        ffi._parsed_types = _ArrayTypes(ffi, parsed)
