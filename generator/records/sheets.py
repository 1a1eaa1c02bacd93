"""Reading a table from a spreadsheet (.xlsx) or .csv into rows located by row and column.

A sign-up export from an online form often has a title row above the header
and extra columns; both are tolerated. Row and column numbers are the ones the
user sees in Excel (1-based), so a problem can say ``volunteers.xlsx:7:3``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..content.errors import WARNING, Problem
from ..content.loader import YamlError, read_text

HEADER_SEARCH_ROWS = 5


@dataclass
class Cell:
    value: Any
    row: int
    column: int


@dataclass
class Sheet:
    """A table: its header row and, for each data row, the cells by column key."""

    header_row: int
    headers: dict[int, str]  # column number → the header text as written
    rows: list[tuple[int, dict[str, Cell]]] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


class SheetError(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(str(problem))


def read_sheet(path: Path, shown: str, columns: dict[str, str]) -> Sheet:
    """Rows of ``path`` keyed by ``columns`` (normalised header text → key)."""
    raw = _xlsx_rows(path, shown) if path.suffix.lower() == ".xlsx" else _csv_rows(path, shown)
    rows, warnings = raw
    header_row = _find_header(rows, columns)
    if header_row is None:
        known = "、".join(dict.fromkeys(h for h in columns if not h.isascii()))
        raise SheetError(Problem(shown, 1, 1, f"找不到表头行：前 {HEADER_SEARCH_ROWS} 行里没有认识的列名。"
                                              f"请在第一行写列名，可以用：{known}"))
    number, header_values = rows[header_row]
    headers = {col: str(v).strip() for col, v in enumerate(header_values, 1) if _present(v)}
    keys = {col: columns.get(normalise(text)) for col, text in headers.items()}
    ignored = [text for col, text in headers.items() if keys[col] is None]
    if ignored:
        warnings.append(Problem(shown, number, 1, f"这些列不认识，已忽略：{'、'.join(ignored)}", WARNING))
    sheet = Sheet(number, headers, warnings=warnings)
    for row_number, values in rows[header_row + 1:]:
        cells = {key: Cell(_plain(values[col - 1] if col <= len(values) else None), row_number, col)
                 for col, key in keys.items() if key}
        if any(_present(c.value) for c in cells.values()):
            sheet.rows.append((row_number, cells))
    return sheet


def normalise(header: str) -> str:
    """Header text compared loosely: no spaces, no * marks, ASCII brackets, lower case."""
    text = "".join(str(header).split()).replace("*", "").replace("（", "(").replace("）", ")")
    return text.lower()


def _find_header(rows: list[tuple[int, list[Any]]], columns: dict[str, str]) -> int | None:
    for index, (_, values) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if sum(normalise(v) in columns for v in values if _present(v)) >= 2:
            return index
    return None


def _present(value: Any) -> bool:
    return value is not None and str(value).strip() != ""


def _plain(value: Any) -> Any:
    """Spreadsheet values as YAML would give them: dates as dates, 13812345678.0 as an integer."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        return value.strip()
    return value


def _xlsx_rows(path: Path, shown: str) -> tuple[list[tuple[int, list[Any]]], list[Problem]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        raise SheetError(Problem(shown, 1, 1, "无法打开这个 Excel 文件：它可能已损坏，或其实是旧的 .xls 格式。"
                                              "请用 Excel/WPS 打开后“另存为” .xlsx 格式")) from None
    try:
        sheet = book.worksheets[0]
        rows = [(number, list(values)) for number, values in enumerate(sheet.iter_rows(values_only=True), 1)]
    finally:
        book.close()
    warnings = []
    if len(book.sheetnames) > 1:
        warnings.append(Problem(shown, 1, 1, f"文件里有 {len(book.sheetnames)} 个工作表，只读取了第一个“{book.sheetnames[0]}”", WARNING))
    return rows, warnings


def _csv_rows(path: Path, shown: str) -> tuple[list[tuple[int, list[Any]]], list[Problem]]:
    try:
        text, warnings = read_text(path, shown)
    except YamlError as error:
        raise SheetError(error.problem) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    rows = []
    for values in reader:
        rows.append((reader.line_num, values))
    return rows, warnings
