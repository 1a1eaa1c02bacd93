"""Damaged and oversized spreadsheets: each gets a located Chinese message, never an internal error."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference

from generator.records.sheets import DAMAGED, NO_WORKSHEET
from generator.records.volunteers import load_volunteers

ROSTER = [["编号", "姓名", "手机号"], ["v01", "张明", 13900001111], ["v02", "李华", 13900002222]]


def xlsx(path: Path, rows: list[list] = ROSTER) -> Path:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def rewrite(path: Path, change) -> Path:
    """Rewrite the parts of an .xlsx: ``change(name, data)`` returns new bytes, or None to drop the part."""
    source = path.with_suffix(".orig")
    path.rename(source)
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(path, "w") as new:
        for info in old.infolist():
            data = change(info.filename, old.read(info.filename))
            if data is not None:
                new.writestr(info, data)
    source.unlink()
    return path


def messages(path: Path, root: Path) -> list[str]:
    return [str(p) for p in load_volunteers(path, root)[1]]


def roster(scratch) -> Path:
    return xlsx(scratch.root / "content/people/volunteers.xlsx")


def with_stray(scratch, cell: str) -> Path:
    """The roster with one stray value far away, as a mistyped cell or an accidental paste leaves it."""
    book = Workbook()
    for row in ROSTER:
        book.active.append(row)
    book.active[cell] = "x"
    path = scratch.root / "content/people/volunteers.xlsx"
    path.parent.mkdir(parents=True)
    book.save(path)
    return path


@pytest.mark.parametrize("cell", ["XFD1048576", "XFD2", "A1048576"])
def test_a_stray_value_far_away_is_ignored_in_bounded_memory(scratch, cell):
    volunteers, problems = load_volunteers(with_stray(scratch, cell), scratch.root)
    assert [(v.id, v.name) for v in volunteers] == [("v01", "张明"), ("v02", "李华")]
    assert problems == []


@pytest.mark.parametrize("cell, dense", [
    ("AD99999", True),  # 30 columns × 99,999 rows: 2,999,970 cells, calamine may hold them
    ("AE99999", False),  # 31 columns: a wide sheet without long row numbers is counted row by row
    ("AN75000", True), ("AN75001", False),  # 40 × 75,000 = 3,000,000
    ("A115384", True), ("Z115385", False),  # columns A–Z count as 26
    ("AD100000", True), ("AD100001", False),
])
def test_the_used_area_is_measured_exactly_where_it_decides(scratch, cell, dense):
    from generator.records.sheets import MAX_DENSE_CELLS, _xlsx_extent

    assert (_xlsx_extent(with_stray(scratch, cell), "v.xlsx") <= MAX_DENSE_CELLS) is dense


def test_chartsheet_only(scratch):
    book = Workbook()
    data = book.active
    data.append([1])
    chart = BarChart()
    chart.add_data(Reference(data, min_col=1, min_row=1, max_row=1))
    book.create_chartsheet("图表").add_chart(chart)
    path = scratch.root / "content/people/volunteers.xlsx"
    path.parent.mkdir(parents=True)
    book.save(path)
    rewrite(path, lambda name, data: None if name.startswith("xl/worksheets/") else
            re.sub(rb'<sheet [^>]*r:id="rId1"/>', b"", data) if name == "xl/workbook.xml" else data)
    assert messages(path, scratch.root) == [f"content/people/volunteers.xlsx:1:1: {NO_WORKSHEET}"]


def test_malformed_workbook_xml(scratch):
    path = rewrite(roster(scratch), lambda name, data: data[:-20] if name == "xl/workbook.xml" else data)
    assert messages(path, scratch.root) == [f"content/people/volunteers.xlsx:1:1: {DAMAGED}"]


def test_malformed_sheet_xml(scratch):
    path = rewrite(roster(scratch), lambda name, data: data[:len(data) // 2] if name.startswith("xl/worksheets/") else data)
    assert messages(path, scratch.root) == [f"content/people/volunteers.xlsx:1:1: {DAMAGED}"]


def test_missing_sheet_part(scratch):
    path = rewrite(roster(scratch), lambda name, data: None if name.startswith("xl/worksheets/") else data)
    assert messages(path, scratch.root) == [f"content/people/volunteers.xlsx:1:1: {DAMAGED}"]


def test_dtd_entity_is_not_expanded(scratch):
    dtd = b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "AAAAAAAAAA"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'

    def change(name: str, data: bytes) -> bytes:
        if name.startswith("xl/worksheets/"):  # openpyxl writes 张明 inline, as character references
            data = dtd + re.sub(rb"^<\?xml[^>]*\?>", b"", data).replace(b"&#24352;&#26126;", b"&b;")
        return data

    path = rewrite(roster(scratch), change)
    assert messages(path, scratch.root) == [f"content/people/volunteers.xlsx:1:1: {DAMAGED}"]


def test_csv_field_over_the_csv_limit(scratch):
    path = scratch.write("content/people/volunteers.csv", "编号,姓名\nv01,张明\nv02,\"" + "长" * 140_000 + "\"\n")
    assert messages(path, scratch.root) == [
        "content/people/volunteers.csv:3:1: 这一行的内容太长或含有无法识别的字符（可能是引号没有配对），请用 Excel/WPS 打开检查这一行"]


def test_a_control_character_in_a_cell_is_located(scratch):
    path = scratch.write("content/people/volunteers.csv", "编号,姓名,手机号\nv01,张明,13900001111\nv02,王\x1b芳,13900003333\n")
    volunteers, problems = load_volunteers(path, scratch.root)
    assert volunteers == []
    assert [str(p) for p in problems] == [
        "content/people/volunteers.csv:3:2: “姓名”一栏：这里有一个看不见的控制字符（U+001B），通常是从网页、微信或 Word 复制时带进来的，请删掉它（可以把这段文字重新输入一遍）"]
