"""Our font subsets embedded in one HarfBuzz pass instead of WeasyPrint's two.

WeasyPrint embeds each font a document uses by subsetting it twice with
HarfBuzz: once keeping the glyph numbers of the glyphs used, once more keeping
every glyph up to the highest of them, to drop what the first pass may have
added beyond it (glyphs reached through GSUB or composite glyphs) and the
hinting. Our faces (``fontcache``: ``huodong-…``) have neither: GSUB is
dropped in the first pass, CFF has no composite glyphs, and their hinting was
removed when they were cut. For them the second pass gives back the first
pass's font byte for byte and costs more than it (1.1 ms against 0.8 ms for a
document's 120 glyphs of a base face, measured): ``install`` makes WeasyPrint
keep the first pass's font whenever it already ends at the highest glyph used,
and subset as before in every other case.
"""

from __future__ import annotations

FAMILY_PREFIX = "huodong-"
DROP_TABLES = (b"BASE", b"DSIG", b"EBDT", b"EBLC", b"EBSC", b"GPOS", b"GSUB", b"JSTF", b"LTSH", b"PCLT", b"SVG ")


def _tag(name: bytes) -> int:
    return int.from_bytes(name, "big")


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
        drop.add(_tag(name))
    try:
        subset = hb.subset(hb.Face(content, index), options)
    except Exception:  # noqa: BLE001 — WeasyPrint's own two passes decide
        return None
    if subset.glyph_count != max(glyphs) + 1:
        return None  # the first pass kept more (or fewer) glyphs: the second pass is needed
    return subset.blob.data


def install() -> None:
    """Give WeasyPrint's Font the one-pass subset for our faces (once per process)."""
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
