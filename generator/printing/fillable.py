"""Fillable sign-up sheets: what a parent types in Chinese must show.

WeasyPrint gives each form field the page font of the ``<input>``, embedded;
embedding a whole CJK font would make the sheet 20 MB, and a subset cannot
hold what will be typed later. So the fields use the standard non-embedded
CID font ``STSong-Light`` (Adobe-GB1, ``UniGB-UCS2-H``), which Acrobat, WPS
and poppler resolve to a Chinese font on the reader's machine. A ToUnicode map
(identity over UCS-2) lets form fillers such as pypdf encode typed text and
lets readers copy it back out.
"""

from __future__ import annotations

import io

FIELD_FONT = "/HuodongSong"
FIELD_SIZE = 11


def _to_unicode() -> bytes:
    """UCS-2 codes are the characters themselves: one range per high byte, surrogates left out."""
    ranges = [f"<{hi:02X}00> <{hi:02X}FF> <{hi:02X}00>" for hi in range(0x100) if not 0xD8 <= hi <= 0xDF]
    body = "".join(f"{len(chunk)} beginbfrange\n" + "\n".join(chunk) + "\nendbfrange\n"
                   for chunk in (ranges[i:i + 100] for i in range(0, len(ranges), 100)))
    return ("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
            "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
            f"{body}endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n").encode()


def _song_font(writer):
    from pypdf.generic import (ArrayObject, DecodedStreamObject, DictionaryObject, NameObject, NumberObject,
                               TextStringObject)

    def name(value: str) -> NameObject:
        return NameObject(value)

    descriptor = DictionaryObject({
        name("/Type"): name("/FontDescriptor"), name("/FontName"): name("/STSong-Light"),
        name("/Flags"): NumberObject(6), name("/ItalicAngle"): NumberObject(0),
        name("/FontBBox"): ArrayObject([NumberObject(v) for v in (-25, -254, 1000, 880)]),
        name("/Ascent"): NumberObject(880), name("/Descent"): NumberObject(-120),
        name("/CapHeight"): NumberObject(880), name("/StemV"): NumberObject(93),
    })
    cid = DictionaryObject({
        name("/Type"): name("/Font"), name("/Subtype"): name("/CIDFontType0"),
        name("/BaseFont"): name("/STSong-Light"), name("/DW"): NumberObject(1000),
        name("/CIDSystemInfo"): DictionaryObject({
            name("/Registry"): TextStringObject("Adobe"), name("/Ordering"): TextStringObject("GB1"),
            name("/Supplement"): NumberObject(2)}),
        name("/FontDescriptor"): writer._add_object(descriptor),
    })
    to_unicode = DecodedStreamObject()
    to_unicode.set_data(_to_unicode())
    return writer._add_object(DictionaryObject({
        name("/Type"): name("/Font"), name("/Subtype"): name("/Type0"),
        name("/BaseFont"): name("/STSong-Light-UniGB-UCS2-H"), name("/Encoding"): name("/UniGB-UCS2-H"),
        name("/DescendantFonts"): ArrayObject([writer._add_object(cid)]),
        name("/ToUnicode"): writer._add_object(to_unicode),
    }))


def chinese_fields(data: bytes) -> bytes:
    """The PDF with every text field set in STSong-Light, so typed Chinese shows."""
    import pypdf
    from pypdf.generic import BooleanObject, DictionaryObject, NameObject, TextStringObject

    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(data)))
    form = writer._root_object.get("/AcroForm")
    if form is None:
        return data
    form = form.get_object()
    # WeasyPrint shares its page resources with the form's: the field font goes into copies of them,
    # so the pages keep naming only the fonts they embed
    resources = DictionaryObject(form.get("/DR", DictionaryObject()).get_object())
    fonts = DictionaryObject(resources.get("/Font", DictionaryObject()).get_object())
    fonts[NameObject(FIELD_FONT)] = _song_font(writer)
    resources[NameObject("/Font")] = fonts
    form[NameObject("/DR")] = resources
    appearance = TextStringObject(f"{FIELD_FONT} {FIELD_SIZE} Tf 0 g")
    form[NameObject("/DA")] = appearance
    form[NameObject("/NeedAppearances")] = BooleanObject(True)   # readers draw the typed text themselves
    for field in form.get("/Fields", []):
        field.get_object()[NameObject("/DA")] = appearance
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
