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


def _song_font(pdf) -> bytes:
    """Add STSong-Light (Type0 over a non-embedded CIDFontType0) to the pydyf PDF; its reference."""
    import pydyf

    def added(obj):
        pdf.add_object(obj)
        return obj.reference

    descriptor = pydyf.Dictionary({
        "Type": "/FontDescriptor", "FontName": "/STSong-Light", "Flags": 6, "ItalicAngle": 0,
        "FontBBox": pydyf.Array([-25, -254, 1000, 880]), "Ascent": 880, "Descent": -120,
        "CapHeight": 880, "StemV": 93,
    })
    cid = pydyf.Dictionary({
        "Type": "/Font", "Subtype": "/CIDFontType0", "BaseFont": "/STSong-Light", "DW": 1000,
        "CIDSystemInfo": pydyf.Dictionary({
            "Registry": pydyf.String("Adobe"), "Ordering": pydyf.String("GB1"), "Supplement": 2}),
        "FontDescriptor": added(descriptor),
    })
    return added(pydyf.Dictionary({
        "Type": "/Font", "Subtype": "/Type0", "BaseFont": "/STSong-Light-UniGB-UCS2-H",
        "Encoding": "/UniGB-UCS2-H", "DescendantFonts": pydyf.Array([added(cid)]),
        "ToUnicode": added(pydyf.Stream([_to_unicode()], compress=True)),
    }))


def chinese_fields(document, pdf) -> None:
    """WeasyPrint finisher: every text field set in STSong-Light, so typed Chinese shows.

    Runs on WeasyPrint's own PDF objects before they are written (``write_pdf(finisher=...)``),
    so the PDF is not parsed and written a second time.
    """
    import pydyf

    form = pdf.catalog.get("AcroForm")
    if form is None:
        return
    # WeasyPrint shares its page resources with the form's: the field font goes into copies of them,
    # so the pages keep naming only the fonts they embed
    shared = _object(pdf, form["DR"])
    fonts = pydyf.Dictionary(_object(pdf, shared.get("Font", pydyf.Dictionary())))
    fonts[FIELD_FONT[1:]] = _song_font(pdf)
    resources = pydyf.Dictionary({**shared, "Font": fonts})
    pdf.add_object(resources)
    form["DR"] = resources.reference
    appearance = pydyf.String(f"{FIELD_FONT} {FIELD_SIZE} Tf 0 g")
    form["DA"] = appearance
    form["NeedAppearances"] = "true"   # readers draw the typed text themselves
    for field in form.get("Fields", []):
        _object(pdf, field)["DA"] = appearance


def _object(pdf, value):
    """A pydyf object itself, given it or its reference (b"12 0 R")."""
    if isinstance(value, bytes) and value.endswith(b" R"):
        return pdf.objects[int(value.split()[0])]
    return value
