"""How WeasyPrint embeds our font subsets: one HarfBuzz pass instead of two, each face's bytes copied once.

WeasyPrint embeds each font a document uses by subsetting it twice with
HarfBuzz: once keeping the glyph numbers of the glyphs used, once more keeping
every glyph up to the highest of them, to drop what the first pass may have
added beyond it (glyphs reached through GSUB or composite glyphs) and the
hinting. Our faces (``fontcache``: ``huodong-…``) have neither: GSUB is
dropped in the first pass, CFF has no composite glyphs, and their hinting was
removed when they were cut. For them the second pass gives back the first
pass's glyphs and costs more than it (1.1 ms against 0.8 ms for a document's
120 glyphs of a base face, measured): ``install`` makes WeasyPrint keep the
first pass's font whenever it already ends at the highest glyph used, and
subset as before in every other case. That pass reuses one HarfBuzz face per
face and process (``_face``: HarfBuzz keeps what it parsed of the tables).

Before subsetting, WeasyPrint's ``Font`` copies its face's whole file out of
HarfBuzz, for every document: 2.3 MB for a base face, about as long as the
subsetting itself. ``install`` makes that copy once per face and process
(``_data``).
"""

from __future__ import annotations

import threading

from .fontcache import table_tag

FAMILY_PREFIX = "huodong-"
MAX_REMEMBERED = 16   # faces (and face bytes) kept per process: a build's documents use a dozen at most
LARGEST = 8 << 20     # bytes: our subsets are 1–3 MB; a whole system font (20 MB and more) is copied as before
# the tables WeasyPrint's own subsetting drops (weasyprint/pdf/fonts.py: Font._harfbuzz_subset)
DROP_TABLES = ("BASE", "DSIG", "EBDT", "EBLC", "EBSC", "GPOS", "GSUB", "JSTF", "LTSH", "PCLT", "SVG ")


def one_pass(content: bytes, index: int, glyphs: list[int], hinting: bool, missing: bool) -> bytes | None:
    """The subset WeasyPrint's two passes make, made in one; None when one pass cannot give the same font."""
    import uharfbuzz as hb

    options = hb.SubsetInput()
    for glyph in glyphs:
        options.glyph_set.add(glyph)
    flags = hb.SubsetFlags.RETAIN_GIDS | hb.SubsetFlags.PASSTHROUGH_UNRECOGNIZED | hb.SubsetFlags.DESUBROUTINIZE
    if not hinting:
        flags |= hb.SubsetFlags.NO_HINTING
    if missing:
        flags |= hb.SubsetFlags.NOTDEF_OUTLINE
    options.flags = flags
    drop = options.sets(hb.SubsetInputSets.DROP_TABLE_TAG)
    for name in DROP_TABLES:
        drop.add(table_tag(name))
    try:
        subset = hb.subset(_face(content, index), options)
    except Exception:  # noqa: BLE001 — WeasyPrint's own two passes decide
        return None
    if subset.glyph_count != max(glyphs) + 1:
        return None  # the first pass kept more (or fewer) glyphs: the second pass is needed
    return subset.blob.data


_FACES: dict[tuple[bytes, int], object] = {}  # a face's bytes (the same object each time: _data) → HarfBuzz face


def _face(content: bytes, index: int):
    """The HarfBuzz face of ``content``, made once per process: HarfBuzz keeps what it has parsed of a face's
    tables (the cmap's map, CFF's index) with the face, and every document subsets the same few faces."""
    import uharfbuzz as hb

    key = (content, index)
    face = _FACES.get(key)
    if face is None:
        if len(_FACES) >= MAX_REMEMBERED:
            _FACES.clear()
        face = _FACES[key] = hb.Face(content, index)
    return face


_DATA: dict[tuple[int, int], tuple[bytes, object]] = {}  # (address, length) of a face's blob → bytes, the blob
_FONT = threading.local()  # .init: WeasyPrint's Font is being made (it copies its face's file)


def _data(original):
    """weasyprint.text.fonts.get_hb_object_data, except that when a Font copies its face's whole file (2.3 MB
    for a base face, for every document, to subset it), the bytes are copied out of HarfBuzz once per process.
    The blob is kept referenced while its bytes are remembered, so its memory cannot be freed and reused by
    another face at the same address. Other uses (the subsets WeasyPrint makes, colour glyphs) are as before."""
    from weasyprint.text.ffi import ffi, harfbuzz

    def get_hb_object_data(hb_object, ot_color=None, glyph=None):
        if ot_color is not None or not getattr(_FONT, "init", False):
            return original(hb_object, ot_color, glyph)
        blob = harfbuzz.hb_face_reference_blob(hb_object)
        length = ffi.new("unsigned int *")
        pointer = harfbuzz.hb_blob_get_data(blob, length)
        key = (int(ffi.cast("uintptr_t", pointer)), int(length[0]))
        if pointer == ffi.NULL or key[1] > LARGEST:
            harfbuzz.hb_blob_destroy(blob)
            return original(hb_object)
        remembered = _DATA.get(key)
        if remembered is not None:
            harfbuzz.hb_blob_destroy(blob)
            return remembered[0]
        if len(_DATA) >= MAX_REMEMBERED:
            for _, kept in _DATA.values():
                harfbuzz.hb_blob_destroy(kept)
            _DATA.clear()
        data = ffi.unpack(pointer, key[1])
        _DATA[key] = (data, blob)  # the reference taken above is released only when forgotten
        return data

    return get_hb_object_data


def install() -> None:
    """Give WeasyPrint's Font the one-pass subset for our faces and the face bytes copied once (once per process)."""
    from weasyprint.pdf.fonts import Font

    original = Font._harfbuzz_subset
    if getattr(original, "one_pass", False):
        return

    def subset(self, to_unicode, hinting):
        if self.family.startswith(FAMILY_PREFIX) and to_unicode:
            data = one_pass(self.file_content, self.index, sorted(to_unicode), hinting, bool(self.missing))
            if data:
                self.file_content = data
                return
        original(self, to_unicode, hinting)

    subset.one_pass, subset.original = True, original
    Font._harfbuzz_subset = subset
    from weasyprint.pdf import fonts

    fonts.get_hb_object_data = _data(fonts.get_hb_object_data)
    made = Font.__init__

    def __init__(self, *args, **kwargs):
        _FONT.init = True
        try:
            made(self, *args, **kwargs)
        finally:
            _FONT.init = False

    Font.__init__ = __init__
