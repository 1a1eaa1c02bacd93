"""WeasyPrint's libraries are found from one linker-cache listing, as the standard library finds them."""

from __future__ import annotations

import ctypes.util
import sys

import pytest

from generator.printing import libraries

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux") or not libraries._listing(),
                                reason="只在有 ldconfig 的 Linux 上适用")


@pytest.mark.parametrize("name", ["c", "gobject-2.0", "pango-1.0", "harfbuzz", "fontconfig"])
def test_names_the_listing_knows_are_found_as_the_standard_library_finds_them(name):
    assert libraries.find_library(name) == ctypes.util.find_library(name) is not None


def test_a_name_the_listing_lacks_is_not_found_without_asking_compiler_or_linker(monkeypatch):
    ran = []
    monkeypatch.setattr(libraries.subprocess, "run", lambda *a, **k: ran.append(a))
    assert libraries.find_library("gobject-2.0-0") is None  # one of WeasyPrint's first guesses
    assert libraries.find_library("no-such-library-huodong") is None
    assert ran == []  # the listing was read once, before


def test_the_standard_lookup_is_back_after_the_block(monkeypatch):
    monkeypatch.delitem(sys.modules, "weasyprint", raising=False)  # as before WeasyPrint's first import
    original = ctypes.util.find_library
    with libraries.quick_lookup():
        assert ctypes.util.find_library is libraries.find_library
    assert ctypes.util.find_library is original
