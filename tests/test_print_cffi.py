"""WeasyPrint's glyph lists get their C array types without a C parse for every new length."""

from __future__ import annotations

import cffi.cparser

import generator.printing.pdf  # noqa: F401  (installs the type cache, as printing does)


def test_a_new_array_length_is_made_without_parsing_c(monkeypatch):
    from weasyprint.text.ffi import ffi

    parses = []
    original = cffi.cparser.Parser.parse_type
    monkeypatch.setattr(cffi.cparser.Parser, "parse_type", lambda self, *a: parses.append(a) or original(self, *a))
    ffi.typeof("hb_codepoint_t *")  # the item type, parsed once per process
    parses.clear()
    for length in (9_871, 9_872, 23):
        array = ffi.new(f"hb_codepoint_t[{length}]", list(range(length)))
        assert ffi.typeof(array) is ffi.typeof(f"hb_codepoint_t[{length}]")
        assert ffi.sizeof(array) == 4 * length and array[length - 1] == length - 1
    assert ffi.typeof("hb_codepoint_t[23]").cname == "uint32_t[23]"
    assert parses == []


def test_other_types_are_still_parsed_by_cffi():
    from weasyprint.text.ffi import ffi

    assert ffi.typeof("hb_codepoint_t **").cname == "uint32_t * *"
    assert ffi.typeof("char[]").cname == "char[]"
