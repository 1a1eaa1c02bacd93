"""Fillable sign-up sheets: a form field over each blank cell, and what a parent types in Chinese must show.

The fillable sheet is laid out as the plain one (_macros.html: blank_rows: a line per row, the column rules
one background), so it costs what the plain sheet costs; its fields are added as the PDF is written
(``form_fields``), from the laid-out boxes of each page: a field is a row's line (``div.r``), between its rules,
times a field column's header cell (``th``), inside the cell's padding as the header's text is.

A form field's font would be embedded, and a subset cannot hold what will be typed later. So the fields
use the standard non-embedded CID font ``STSong-Light`` (Adobe-GB1, ``UniGB-UCS2-H``), which Acrobat, WPS
and poppler resolve to a Chinese font on the reader's machine. A ToUnicode map (identity over UCS-2) lets
form fillers such as pypdf encode typed text and lets readers copy it back out.
"""

from __future__ import annotations

from typing import Iterator, Sequence

from .libraries import quick_lookup

with quick_lookup():
    from weasyprint.formatting_structure import boxes

FIELD_FONT = "/HuodongSong"
FIELD_SIZE = 11                 # pt
FIELD_HEIGHT = 7 / 25.4 * 96    # CSS px: 7 mm, in a row of 9 mm
PT = 0.75                       # CSS px → PDF points
PRINT = 1 << 2                  # annotation flag: printed with the page


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


def form_fields(rows: Sequence[int], names: Sequence[str], labels: Sequence[str]):
    """WeasyPrint finisher (``write_pdf(finisher=...)``) for a sheet of blank ``rows``: a text field in each
    row for each field column, named ``r{row}-{name}``, its tooltip ``第{row}行 {label}``, set in STSong-Light
    and listed on the page it is drawn on, as WeasyPrint lists an ``<input>``'s (weasyprint/pdf/anchors.py).

    It works on WeasyPrint's own PDF objects before they are written, so the PDF is not parsed and written
    a second time.
    """
    def finish(document, pdf) -> None:
        import pydyf

        appearance = pydyf.String(f"{FIELD_FONT} {FIELD_SIZE} Tf 0 g")
        resources = pydyf.Dictionary({"Font": pydyf.Dictionary({FIELD_FONT[1:]: _song_font(pdf)})})
        pdf.add_object(resources)
        fields = pydyf.Array()
        numbers = iter(rows)
        for page, pdf_page in zip(document.pages, _pages(pdf)):
            annotations = pdf_page.setdefault("Annots", pydyf.Array())
            for cells, n in zip(_blank_cells(page), numbers):
                for name, label, cell in zip(names, labels, cells):
                    field = pydyf.Dictionary({
                        "Type": "/Annot", "Subtype": "/Widget", "FT": "/Tx", "F": PRINT,
                        "Rect": pydyf.Array(_rect(page, *cell)), "P": pdf_page.reference,
                        "T": pydyf.String(f"r{n}-{name}"), "TU": pydyf.String(f"第{n}行 {label}"),
                        "DA": appearance, "V": pydyf.String(""),
                    })
                    pdf.add_object(field)
                    annotations.append(field.reference)
                    fields.append(field.reference)
        pdf.catalog["AcroForm"] = pydyf.Dictionary({
            "Fields": fields, "DR": resources.reference, "DA": appearance,
            "NeedAppearances": "true",   # readers draw the typed text themselves
        })

    return finish


def _blank_cells(page) -> Iterator[list[tuple[float, float, float, float]]]:
    """The blank rows of the sheet's table (``table.rows``) on a laid-out page, each as its cells after the 序号
    column (left, top, right, bottom in CSS px from the page's top-left): across, the header cells' content
    boxes; down, FIELD_HEIGHT centred between the row's rules."""
    columns, middles = [], []
    for box in _rows_tables(page._page_box):
        for inner in box.descendants():
            if isinstance(inner, boxes.TableCellBox) and inner.element_tag == "th":
                columns.append((inner.content_box_x(), inner.content_box_x() + inner.width))
            elif _is_row(inner):
                top = inner.border_box_y()   # just below the rule above: the header's, or the previous row's
                bottom = top + inner.border_height() - inner.border_bottom_width   # just above its own rule
                middles.append((top + bottom) / 2)
            elif _is_table_row(inner):  # a project's signup.html from before December 2026: a table row each
                middles.append(inner.position_y + inner.height / 2)
    for middle in middles:
        yield [(left, middle - FIELD_HEIGHT / 2, right, middle + FIELD_HEIGHT / 2) for left, right in columns[1:]]


def _rows_tables(page_box) -> Iterator:
    return (box for box in page_box.descendants()
            if isinstance(box, boxes.TableBox) and "rows" in _classes(box))


def _classes(box) -> list[str]:
    return box.element.get("class", "").split() if box.element is not None else []


def _is_row(box) -> bool:
    """A blank row's box (``div.r``), not the line and text boxes inside it."""
    return isinstance(box, boxes.BlockBox) and box.element_tag == "div" and "r" in _classes(box)


def _is_table_row(box) -> bool:
    """A blank row that is a row of the table's body, not its header row and not ours that holds the ``div.r``."""
    return (isinstance(box, boxes.TableRowBox) and "grid" not in _classes(box)
            and not any(cell.element_tag == "th" for cell in box.children))


def _rect(page, left: float, top: float, right: float, bottom: float) -> list[float]:
    """A box in CSS px from the page's top-left as a PDF rectangle, in points from the bottom-left (what
    WeasyPrint's page matrix does to its own form fields)."""
    return [left * PT, (page.height - bottom) * PT, right * PT, (page.height - top) * PT]


def _pages(pdf) -> list:
    """The pydyf PDF's page dictionaries, in order (its page tree lists them as ``n 0 R``)."""
    return [pdf.objects[number] for number in pdf.pages["Kids"][::3]]
