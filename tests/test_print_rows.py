"""The blank rows of the sign-in and sign-up sheets, read back from the PDF as someone holding the paper would.

The rows are lines in one cell under a repeated header, the column rules one background per page
(views.py: grid_style); these tests check what that must still look like: every number once, the
header on every page, the rules on the header's column borders, and no page holding the first or
the last row alone.
"""

from __future__ import annotations

import io
import shutil
import subprocess

import pdfplumber
import pytest
from PIL import Image

from generator.content.project import load_project
from generator.locations import DEFAULTS
from generator.printing.catalogue import Document
from generator.printing.render import render

from .conftest import MINIMAL_ACTIVITY

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")

SIGNUP = "signup:\n  capacity: {rows}\n  fields: [姓名, 班级, 家长联系电话]\n"
HEADERS = {"signin": "序号 姓名 单位（班级） 联系电话 签到时间 本人签名", "signup": "序号 姓名 班级 家长联系电话",
           "signup-fillable": "序号 姓名 班级 家长联系电话"}   # the same rows, fields added (test_print_fillable.py)
TOLERANCE = 0.5  # pt
DPI = 300


def sheet(scratch, kind: str, rows: int, title: str = "情暖重阳·走进敬老院志愿服务活动") -> bytes:
    name = f"{kind}-{rows}-{len(title)}"
    scratch.activity(name, MINIMAL_ACTIVITY.replace("情暖重阳·走进敬老院志愿服务活动", title) + SIGNUP.format(rows=rows))
    return render(load_project(scratch.root), Document(name, kind, f"{name}/{kind}.pdf", "pdf"))


def page_texts(data: bytes) -> list[str]:
    out = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout
    return out.decode("utf-8").split("\f")[:-1]


def numbers(text: str) -> list[int]:
    return [int(line) for line in text.splitlines() if line.strip().isdigit()]


def rows_by_page(data: bytes) -> list[list[int]]:
    return [numbers(text) for text in page_texts(data)]


@pytest.mark.parametrize("kind", ["signin", "signup", "signup-fillable"])
def test_every_row_is_numbered_once_under_the_header_on_every_page(scratch, kind):
    pages = page_texts(sheet(scratch, kind, 100))
    assert len(pages) >= 4
    assert [n for text in pages for n in numbers(text)] == list(range(1, 101))   # each once, in order
    assert all(set(HEADERS[kind].split()) <= set(text.split()) for text in pages)
    if kind == "signin":  # the foot line follows the last row
        assert "应到＿＿＿人" in pages[-1] and pages[-1].index("应到") > pages[-1].index("100")


def header_borders(page) -> tuple[list[float], float]:
    """The x of the header row's vertical borders, and the y of its foot."""
    cell = next(w for w in page.extract_words() if w["text"] == "序号")
    borders = [line for line in page.lines
               if line["x0"] == line["x1"] and line["top"] < cell["top"] and line["bottom"] > cell["bottom"]]
    return sorted(line["x0"] for line in borders), max(line["bottom"] for line in borders)


def vertical_rules(page, top: float) -> list[tuple[float, float, float, float]]:
    """The vertical lines below ``top``, pieces that meet joined: (x, top, bottom, width) from left to right."""
    rules: list[list[float]] = []
    pieces = sorted((line["x0"], max(line["top"], top), line["bottom"], line["linewidth"]) for line in page.lines
                    if line["x0"] == line["x1"] and line["bottom"] > top + TOLERANCE)
    for x, start, end, width in pieces:
        if rules and abs(rules[-1][0] - x) <= TOLERANCE and start <= rules[-1][2] + TOLERANCE:
            rules[-1][2] = max(rules[-1][2], end)
        else:
            rules.append([x, start, end, width])
    return [tuple(rule) for rule in rules]


def dark_runs(image: Image.Image, x: float, top: float, bottom: float) -> list[tuple[float, float]]:
    """The dark stretches (top, bottom in pt) at ``x`` from ``top`` down to ``bottom``: the lines a pen would cross."""
    scale = DPI / 72
    runs, start = [], None
    for y in range(round(top * scale), round(bottom * scale)):
        dark = image.getpixel((round(x * scale), y)) < 128
        if dark and start is None:
            start = y
        elif not dark and start is not None:
            runs.append((start / scale, y / scale))
            start = None
    return runs


def dark_width(image: Image.Image, x: float, y: float) -> int:
    """How many dark pixels wide the vertical line near ``x`` (pt) is at height ``y`` (pt)."""
    scale = DPI / 72
    row, centre = round(y * scale), round(x * scale)
    dark = [px for px in range(centre - 4, centre + 5) if image.getpixel((px, row)) < 128]
    return len(dark)


@pytest.mark.parametrize("kind", ["signin", "signup", "signup-fillable"])
def test_the_column_rules_meet_the_header_borders_and_close_each_page(scratch, kind, tmp_path):
    data = sheet(scratch, kind, 100)
    (tmp_path / "sheet.pdf").write_bytes(data)
    subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", str(tmp_path / "sheet.pdf"), str(tmp_path / "page")], check=True)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page, picture in zip(pdf.pages, sorted(tmp_path.glob("page-*.pgm"))):
            borders, header_foot = header_borders(page)
            assert len(borders) == len(HEADERS[kind].split()) + 1
            rules = vertical_rules(page, header_foot)
            assert [x for x, _, _, _ in rules] == pytest.approx(borders, abs=TOLERANCE)
            assert all(top == pytest.approx(header_foot, abs=TOLERANCE) for _, top, _, _ in rules)
            # as thick as the header's borders (0.6 pt), as printed: pdfminer's line widths vary by version
            image = Image.open(picture)
            in_header, in_rows = header_foot - 4, header_foot + 12
            assert all(abs(dark_width(image, x, in_rows) - dark_width(image, x, in_header)) <= 1 for x in borders)
            assert all(0 < dark_width(image, x, in_rows) <= 0.6 * DPI / 72 + 2 for x in borders)
            # one line under each row, across every column, the last where the rules end
            rows_here = len(numbers(page.extract_text()))
            table_foot = rules[0][2] + 2  # the sign-in sheet's foot line is written below
            crossings = [dark_runs(image, x + 2, header_foot + 1, table_foot) for x in borders[:-1]]
            assert all(len(runs) == rows_here for runs in crossings)
            assert all(runs[-1][1] == pytest.approx(bottom, abs=TOLERANCE + 72 / DPI)
                       for runs in crossings for _, _, bottom, _ in rules)


def test_no_page_ends_with_the_header_and_the_first_row_alone(scratch):
    """A longer title moves the table down by less than a row at a time, so on its way off page 1 there is a
    step where only the header and the first row would fit: the table leaves from two rows straight to none."""
    first_pages = [len(rows_by_page(sheet(scratch, "signin", 10, "走进敬老院" * 5 * steps))[0]) for steps in range(24, 34)]
    assert 1 not in first_pages
    assert any(before >= 2 and after == 0 for before, after in zip(first_pages, first_pages[1:]))


def test_no_page_starts_with_the_last_row_alone(scratch):
    pages = rows_by_page(sheet(scratch, "signin", 100))
    just_over = len(pages[0]) + len(pages[1]) + 1   # one row more than two pages hold
    pages = [rows for rows in rows_by_page(sheet(scratch, "signin", just_over)) if rows]
    assert [n for rows in pages for n in rows] == list(range(1, just_over + 1))
    assert len(pages) == 3 and len(pages[-1]) >= 2


def test_a_projects_own_print_css_without_the_row_rules_still_prints_ruled_rows(scratch):
    """The rows' rules are blank-rows.css, loaded after whichever print.css the project uses: a project that
    copied print.css before the rows changed (without their rules) still gets 9 mm rows with lines."""
    own = scratch.root / "templates/print/print.css"
    own.parent.mkdir(parents=True)
    shutil.copy(DEFAULTS / "print/print.css", own)
    assert ".lines" not in own.read_text(encoding="utf-8")
    data = sheet(scratch, "signin", 60)
    assert [n for text in page_texts(data) for n in numbers(text)] == list(range(1, 61))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        borders, header_foot = header_borders(pdf.pages[0])
        assert [x for x, _, _, _ in vertical_rules(pdf.pages[0], header_foot)] == pytest.approx(borders, abs=TOLERANCE)
