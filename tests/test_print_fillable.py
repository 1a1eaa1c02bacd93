"""The fillable sign-up sheet: a field in each blank cell of each page, inside the rules drawn there, and
Chinese typed into a field shows (filled with pypdf, drawn by poppler)."""

from __future__ import annotations

import io
import shutil
import subprocess

import pdfplumber
import pypdf
import pytest
from PIL import Image

from generator.content.project import load_project
from generator.printing.catalogue import Document
from generator.printing.render import render

from . import test_print_rows as rows

DPI = 200
NAME = "张三丰"

pytestmark = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils is not installed")


@pytest.fixture(scope="module")
def sheet(repo):
    project = load_project(repo)
    activity = next(a for a in project.activities if a.signup)
    return render(project, Document(activity.id, "signup-fillable", f"{activity.id}/signup-fillable.pdf", "pdf"))


def filled(data: bytes, value: str | None) -> tuple[bytes, list[float]]:
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(data)))
    field = next(a.get_object() for a in writer.pages[0]["/Annots"] if a.get_object().get("/T") == "r1-f1")
    if value is not None:
        writer.update_page_form_field_values(writer.pages[0], {"r1-f1": value}, auto_regenerate=False)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue(), [float(v) for v in field["/Rect"]]


def field_pixels(data: bytes, rect: list[float], height_pt: float, folder) -> Image.Image:
    (folder / "in.pdf").write_bytes(data)
    subprocess.run(["pdftoppm", "-png", "-r", str(DPI), "-f", "1", "-l", "1", "-singlefile",
                    str(folder / "in.pdf"), str(folder / "page")], capture_output=True, check=True)
    page = Image.open(folder / "page.png").convert("L")
    scale = DPI / 72
    x0, x1 = sorted((rect[0], rect[2]))
    y0, y1 = sorted((rect[1], rect[3]))
    return page.crop((round(x0 * scale) + 2, round((height_pt - y1) * scale) + 2,
                      round(x1 * scale) - 2, round((height_pt - y0) * scale) - 2))


def ink(image: Image.Image) -> list[tuple[int, int]]:
    return [(x, y) for y in range(image.height) for x in range(image.width) if image.getpixel((x, y)) < 128]


def test_fields_use_a_non_embedded_chinese_font(sheet):
    reader = pypdf.PdfReader(io.BytesIO(sheet))
    form = reader.trailer["/Root"]["/AcroForm"]
    font = form["/DR"]["/Font"]["/HuodongSong"].get_object()
    assert font["/Encoding"] == "/UniGB-UCS2-H"
    assert "/FontFile" not in font["/DescendantFonts"][0].get_object()["/FontDescriptor"]   # not embedded
    assert all(f.get_object()["/DA"].startswith("/HuodongSong ") for f in form["/Fields"])
    assert len(sheet) < 2_000_000


def test_typed_chinese_is_drawn_as_chinese_not_blank_not_tofu(sheet, tmp_path):
    height = float(pypdf.PdfReader(io.BytesIO(sheet)).pages[0].mediabox.height)
    empty_pdf, rect = filled(sheet, None)
    name_pdf, _ = filled(sheet, NAME)
    empty = field_pixels(empty_pdf, rect, height, tmp_path)
    typed = field_pixels(name_pdf, rect, height, tmp_path)
    assert not ink(empty)
    dots = ink(typed)
    assert len(dots) > 150, "the typed name is blank"
    # three glyphs side by side: cut the inked box into three cells
    left, right = min(x for x, _ in dots), max(x for x, _ in dots)
    top, bottom = min(y for _, y in dots), max(y for _, y in dots)
    width = (right - left + 1) / 3
    cells = []
    for i in range(3):
        a, b = left + i * width, left + (i + 1) * width
        cells.append({(round(x - a), y - top) for x, y in dots if a <= x < b})
    # a tofu box is a hollow rectangle, the same for every character; Chinese glyphs differ
    # and have strokes inside their square
    assert len({frozenset(c) for c in cells}) == 3
    for cell in cells:
        inner = [(x, y) for x, y in cell if width * 0.25 < x < width * 0.75
                 and (bottom - top) * 0.25 < y < (bottom - top) * 0.75]
        assert inner, "a glyph with nothing inside: tofu"
    # 三 is three horizontal strokes: in its middle column, ink comes in three separate runs
    column = sorted(y for x, y in cells[1] if abs(x - width / 2) < 1)
    runs = 1 + sum(1 for a, b in zip(column, column[1:]) if b - a > 1)
    assert runs == 3


def fields_on(page: pypdf.PageObject) -> list[tuple[str, str, tuple[float, float, float, float]]]:
    """Name, tooltip and rectangle (left, top, right, bottom in pt from the page's top-left, as pdfplumber
    measures) of each field the page lists, after checking it names this page as its own."""
    height = float(page.mediabox.height)
    found = []
    for reference in page.get("/Annots", []):
        field = reference.get_object()
        assert field.raw_get("/P").idnum == page.indirect_reference.idnum
        x0, y0, x1, y1 = (float(v) for v in field["/Rect"])
        rect = (min(x0, x1), height - max(y0, y1), max(x0, x1), height - min(y0, y1))
        found.append((field["/T"], field["/TU"], rect))
    return found


def test_each_blank_cell_on_each_page_has_one_field_inside_its_rules(scratch, tmp_path):
    """The cells are measured from what is printed: the header's borders across, the lines a pen crosses
    down each field column, the number written in each row."""
    data = rows.sheet(scratch, "signup-fillable", 100)
    labels = rows.HEADERS["signup"].split()[1:]
    (tmp_path / "sheet.pdf").write_bytes(data)
    subprocess.run(["pdftoppm", "-r", str(rows.DPI), "-gray", str(tmp_path / "sheet.pdf"), str(tmp_path / "page")],
                   check=True)
    reader = pypdf.PdfReader(io.BytesIO(data))
    named = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) >= 4
        for page, listed, picture in zip(pdf.pages, reader.pages, sorted(tmp_path.glob("page-*.pgm")), strict=True):
            borders, header_foot = rows.header_borders(page)
            table_foot = rows.vertical_rules(page, header_foot)[0][2]
            image = Image.open(picture)
            fields = fields_on(listed)
            printed = rows.numbers(page.extract_text())
            assert len(fields) == len(printed) * len(labels)
            for column, (left, right) in enumerate(zip(borders[1:], borders[2:]), 1):
                # the header's line and each row's, crossed in the middle of this column
                lines = rows.dark_runs(image, (left + right) / 2, header_foot - 0.3, table_foot + 1)
                assert len(lines) == len(printed) + 1
                for (_, top), (bottom, _), number in zip(lines, lines[1:], printed):
                    inside = [(name, tip) for name, tip, (x0, y0, x1, y1) in fields
                              if left + 0.3 < x0 < x1 < right - 0.3 and top < y0 < y1 < bottom]
                    assert inside == [(f"r{number}-f{column}", f"第{number}行 {labels[column - 1]}")]
                    named.append(inside[0][0])
    assert len(named) == len(set(named)) == 100 * len(labels)
    assert len(reader.trailer["/Root"]["/AcroForm"]["/Fields"]) == len(named)


# signup.html as projects may have copied it into their own templates/print/: before the blank rows were lines
# in one cell (a table row each, <input>s when `fillable`), and before the fields were added over the rows
_OLD_HEAD = """{% extends "base.html" %}
{% from "_macros.html" import form_head, blank_rows %}
{% block title %}{{ header.activity }} {{ header.document }}{% endblock %}
{% block body %}
{{ form_head(header, qr, qr_caption) }}
<table class="rows">
  <colgroup>{% for w in widths %}<col style="width: {{ w }}%">{% endfor %}</colgroup>
  <thead><tr>{% for c in columns %}<th>{{ c }}</th>{% endfor %}</tr></thead>
  <tbody>
"""
_OLD_FOOT = """  </tbody>
</table>
{% endblock %}
"""
_INPUT = '<input type="text" name="r{{ n }}-{{ field }}" title="第{{ n }}行 {{ columns[loop.index] }}">'
OLD_SIGNUP = {
    "table rows": _OLD_HEAD + """  {% for n in rows %}
    <tr><td>{{ n }}</td>{% for field in field_names %}<td>{% if fillable %}""" + _INPUT + """{% endif %}</td>{% endfor %}</tr>
  {% endfor %}
""" + _OLD_FOOT,
    "inputs": _OLD_HEAD + """  {% if fillable %}
  {% for n in rows %}
    <tr><td>{{ n }}</td>{% for field in field_names %}<td>""" + _INPUT + """</td>{% endfor %}</tr>
  {% endfor %}
  {% else %}{{ blank_rows(columns, rows, grid_style) }}{% endif %}
""" + _OLD_FOOT,
}


@pytest.mark.parametrize("vintage", sorted(OLD_SIGNUP))
def test_a_projects_older_copy_of_signup_html_still_gets_a_field_per_blank_cell(scratch, vintage):
    (scratch.root / "templates/print").mkdir(parents=True, exist_ok=True)
    (scratch.root / "templates/print/signup.html").write_text(OLD_SIGNUP[vintage], encoding="utf-8")
    data = rows.sheet(scratch, "signup-fillable", 40)
    reader = pypdf.PdfReader(io.BytesIO(data))
    fields = [field for page in reader.pages for field in fields_on(page)]
    assert sorted(name for name, _, _ in fields) == sorted(f"r{n}-f{c}" for n in range(1, 41) for c in (1, 2, 3))
    assert len(reader.pages) >= 2 and all(fields_on(page) for page in reader.pages)
    for page in reader.pages:  # each field within its row: the row's number printed left of it, level with it
        words = pdfplumber.open(io.BytesIO(data)).pages[reader.pages.index(page)].extract_words()
        numbers = {int(w["text"]): (w["top"] + w["bottom"]) / 2 for w in words if w["text"].isdigit() and w["x0"] < 120}
        for name, _, (x0, top, x1, bottom) in fields_on(page):
            assert top < numbers[int(name[1:].split("-")[0])] < bottom, name
