"""Reading a table from a spreadsheet (.xlsx) or .csv into rows located by row and column.

A sign-up export from an online form often has a title row above the header
and extra columns; both are tolerated. Row and column numbers are the ones the
user sees in Excel (1-based), so a problem can say ``volunteers.xlsx:7:3``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from itertools import repeat
from operator import itemgetter
from pathlib import Path
from typing import Any

from ..content.errors import WARNING, Problem
from ..content.loader import Loc, Located, YamlError, read_text
from ..content.loader import CONTROL, CONTROL_MESSAGE
from . import readahead

HEADER_SEARCH_ROWS = 5
MAX_COLUMNS = 200  # a form export has a few dozen; values further right are stray
MAX_EMPTY_RUN = 1000  # a streamed sheet ends after this many empty rows
MAX_DENSE_CELLS = 3_000_000  # used area calamine may hold in memory (100,000 rows × 30 columns: a few hundred MB)
MAX_SHEET_XML_BYTES = 500_000_000
# The used-area scan's chunk of sheet XML: big, so that a scan in check's read-ahead thread (records/readahead.py)
# hands the GIL back and forth a few times, not hundreds (each time may wait for the main thread's switch interval).
CHUNK = 1 << 22

_WORKSHEET_PART = re.compile(r"^xl/worksheets/[^/]+\.xml$")
# Row numbers from <row r="12"> and <c r="B12">; columns only from cells beyond Z (<c r="AB12">), which are few.
# (Only <row> and <c> have an attribute named r in a worksheet; a plain search is several times faster.)
_ROW_REF = re.compile(rb' r="[A-Z]{0,3}([0-9]{1,7})"')
_LONG_ROW_REF = re.compile(rb' r="[A-Z]{0,3}([0-9]{6,7})"')  # row 100000 and beyond
SHORT_ROWS = 99_999  # the largest row number _LONG_ROW_REF does not find
_WIDE_CELL = re.compile(rb' r="([A-Z]{2,3})[0-9]')

DAMAGED = "无法打开这个 Excel 文件：它可能已损坏，或其实是旧的 .xls 格式。请用 Excel/WPS 打开后“另存为” .xlsx 格式"
NO_WORKSHEET = "这个 Excel 文件里没有可以读取的工作表（可能只有图表），请把名单放在第一个工作表里"
TOO_BIG = "这个 Excel 文件太大，无法读取：请只保留名单所在的工作表，删掉多余的行和列后再保存"


@dataclass
class Sheet:
    """A table: its header row and, for each data row, its number and its filled cells by column key."""

    header_row: int
    headers: dict[int, str]  # column number → the header text as written
    columns: dict[str, int]  # key → the column it is read from
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)  # and errors found while reading the cells


@dataclass
class SheetDocument(Located):
    """A sheet as a Located document ``{name: [row, row, …]}``; positions come from the rows and columns.

    Computed, not stored per cell, so a sheet of 100,000 rows costs no position table.
    """

    sheet: Sheet | None = None

    def position(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        sheet = self.sheet
        if sheet is None or len(loc) < 2 or not isinstance(loc[1], int) or not 0 <= loc[1] < len(sheet.rows):
            return (sheet.header_row if sheet and loc else 1), 1
        row = sheet.rows[loc[1]][0]
        column = sheet.columns.get(loc[2], 1) if len(loc) > 2 and isinstance(loc[2], str) else 1
        return row, column

    def column_label(self, problem: Problem) -> str | None:
        """The header of the cell a problem is in, so a message can name the column the way the user wrote it."""
        if self.sheet is None or problem.path != self.path or problem.line <= self.sheet.header_row:
            return None
        return self.sheet.headers.get(problem.column) if problem.column in self.sheet.columns.values() else None


def sheet_document(sheet: Sheet, shown: str, name: str, rows: list[Any]) -> SheetDocument:
    return SheetDocument(shown, {name: rows}, warnings=sheet.warnings, sheet=sheet)


class SheetError(Exception):
    """A sheet that cannot be read; ``problems`` as YamlError's, so callers treat both alike."""

    def __init__(self, problem: Problem):
        self.problem = problem
        self.problems = [problem]
        super().__init__(str(problem))


def read_sheet(path: Path, shown: str, columns: dict[str, str], *, spare: dict[str, str] | None = None,
               ignore: frozenset[str] = frozenset()) -> Sheet:
    """Rows of ``path`` keyed by ``columns`` (normalised header text → key).

    ``spare`` columns are used only when no column of ``columns`` gives their key
    (a form's 序号 as the id); ``ignore`` columns (a form's submission time, IP…)
    are skipped without a warning.
    """
    if path.suffix.lower() == ".xlsx":
        rows, warnings = readahead.take(path, shown) or _xlsx_rows(path, shown)
    else:
        rows, warnings = _csv_rows(path, shown)
    header_row = _find_header(rows, columns)
    if header_row is None:
        first: dict[str, str] = {}  # the first header text of each key
        for text, key in columns.items():
            first.setdefault(key, text)
        known = "、".join(text for text in first.values() if not text.isascii())
        raise SheetError(Problem(shown, 1, 1, f"找不到表头行：前 {HEADER_SEARCH_ROWS} 行里没有认识的列名。"
                                              f"请在第一行写列名，可以用：{known}"))
    number, header_values = rows[header_row]
    headers = {col: str(v).strip() for col, v in enumerate(header_values, 1) if _present(v)}
    sheet = Sheet(number, headers, _columns(headers, columns, spare or {}, shown, number, warnings), warnings=warnings)
    expected = ignore | columns.keys() | (spare or {}).keys()
    ignored = [text for col, text in headers.items() if col not in sheet.columns.values() and normalise(text) not in expected]
    if ignored:
        warnings.append(Problem(shown, number, 1, f"这些列不认识，已忽略：{'、'.join(ignored)}", WARNING))
    # Column by column (a roster has 100,000 rows and a handful of columns), then one dict per filled row.
    data = rows[header_row + 1:]
    keys = list(sheet.columns)
    lines = [values for _, values in data]
    width = min(map(len, lines), default=0)
    columns = [_column(lines, sheet.columns[key] - 1, width) for key in keys]
    if keys and not any(None in column or "" in column for column in columns):  # every cell filled: no test per cell
        sheet.rows = list(zip([number for number, _ in data], map(dict, map(zip, repeat(keys), zip(*columns)))))
    else:
        for (row_number, _), values in zip(data, zip(*columns)):
            cells = {key: value for key, value in zip(keys, values) if value is not None and value != ""}
            if cells:
                sheet.rows.append((row_number, cells))
    if any(CONTROL.search("".join([v for v in column if type(v) is str])) for column in columns):  # cells are plain str
        for row_number, cells in sheet.rows:
            _control_characters(sheet, row_number, cells, shown)
    return sheet


def _column(lines: list[list[Any]], index: int, width: int) -> list[Any]:
    """One column's values as ``_plain`` gives them; None where a row is shorter (``width``: the shortest)."""
    if index < width:
        values = list(map(itemgetter(index), lines))
    else:
        values = [line[index] if index < len(line) else None for line in lines]
    kinds = set(map(type, values))
    if kinds == {float} and all(map(float.is_integer, values)):  # a column of numbers: 13812345678.0 → 13812345678
        return list(map(int, values))
    if kinds == {str}:
        return list(map(str.strip, values))
    return [v.strip() if type(v) is str else _plain(v) for v in values]  # most cells are text: no call for them


def _control_characters(sheet: Sheet, row: int, cells: dict[str, Any], shown: str) -> None:
    """A cell with an invisible control character is an error (printed and published names cannot carry one)."""
    for key, value in cells.items():
        if isinstance(value, str) and (found := CONTROL.search(value)):
            column = sheet.columns[key]
            message = CONTROL_MESSAGE.format(code=f"{ord(found[0]):04X}")
            sheet.warnings.append(Problem(shown, row, column, f"“{sheet.headers[column]}”一栏：{message}"))


def _columns(headers: dict[int, str], columns: dict[str, str], spare: dict[str, str],
             shown: str, row: int, warnings: list[Problem]) -> dict[str, int]:
    """Which column each key is read from: the first that names it; a repeat is a warning."""
    found: dict[str, int] = {}
    for col, text in headers.items():
        key = columns.get(normalise(text))
        if key is None:
            continue
        if key in found:
            warnings.append(Problem(shown, row, col, f"“{headers[found[key]]}”和“{text}”是同一项，只读取了前一列", WARNING))
        else:
            found[key] = col
    for col, text in headers.items():
        key = spare.get(normalise(text))
        if key is not None and key not in found:
            found[key] = col
    return found


# A question's number in a form export: "1、姓名", "2.姓名", "Q3：", "（4）"; and a trailing colon or mark.
_QUESTION_NUMBER = re.compile(r"^(?:[QqＱ]?[0-9０-９]+\s*[、.．:：)）_-]|[(（][0-9０-９]+[)）])\s*")
_QUESTION_LEAD = re.compile(r"^(?:请(?:填写|输入|选择)(?:您|你)?的?|您的|你的)")
_QUESTION_END = re.compile(r"(?:[(（](?:必填|选填|必答|单选题?|填空题?)[)）]|[:：?？]|\*)+$")


def normalise(header: Any) -> str:
    """Header text compared loosely: no question number, 请填写/您的, spaces, * marks or colon; ASCII brackets; lower case."""
    text = "".join(str(header).split())
    text = _QUESTION_END.sub("", _QUESTION_LEAD.sub("", _QUESTION_NUMBER.sub("", text))).replace("*", "")
    return text.replace("（", "(").replace("）", ")").lower()


def _find_header(rows: list[tuple[int, list[Any]]], columns: dict[str, str]) -> int | None:
    for index, (_, values) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        if sum(normalise(v) in columns for v in values if _present(v)) >= 2:
            return index
    return None


def _present(value: Any) -> bool:
    return value is not None and str(value).strip() != ""


def _plain(value: Any) -> Any:
    """Spreadsheet values as YAML would give them: dates as dates, 13812345678.0 as an integer."""
    kind = type(value)
    if kind is str:
        return value.strip()
    if kind is float and value.is_integer():
        return int(value)
    if isinstance(value, dt.datetime):
        return value.date()
    return value


def _xlsx_rows(path: Path, shown: str) -> tuple[list[tuple[int, list[Any]]], list[Problem]]:
    """The first worksheet's rows, read with calamine (fast) unless its cells spread too far.

    calamine builds the whole used area in memory, so one stray value in XFD1048576
    would ask for hundreds of gigabytes; such a sheet is streamed by openpyxl instead,
    bounded to the first MAX_COLUMNS columns.
    """
    from python_calamine import CalamineWorkbook, SheetTypeEnum

    if _xlsx_extent(path, shown) > MAX_DENSE_CELLS:
        return _bounded_rows(path, shown)
    try:
        book = CalamineWorkbook.from_path(str(path))
        try:
            sheets = [m.name for m in book.sheets_metadata if m.typ == SheetTypeEnum.WorkSheet]
            if not sheets:
                raise SheetError(Problem(shown, 1, 1, NO_WORKSHEET))
            sheet = book.get_sheet_by_name(sheets[0])
            row0, column0 = sheet.start or (0, 0)
            values = sheet.to_python()
            if column0:
                values = [[None] * column0 + row for row in values]
            rows = list(zip(range(row0 + 1, row0 + 1 + len(values)), values))
        finally:
            book.close()
    except (SheetError, KeyboardInterrupt, SystemExit):
        raise
    except BaseException:  # calamine's CalamineError, XmlError, ZipError; a Rust panic derives from BaseException
        raise SheetError(Problem(shown, 1, 1, DAMAGED)) from None
    return rows, _other_sheets(shown, sheets)


def _xlsx_extent(path: Path, shown: str) -> int:
    """How many cells the largest worksheet's used area spans, from the cell references in its XML:
    exactly, or (when that cannot pass MAX_DENSE_CELLS) the bound SHORT_ROWS × its columns.

    A worksheet is first scanned for long row numbers only (most sheets have none: a full scan costs
    three times as much); a wide one without them again for every row number. Read in chunks, so a
    sheet of any size (or a zip bomb) is scanned in bounded memory.
    """
    biggest = 0
    try:
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                if not _WORKSHEET_PART.match(info.filename):
                    continue
                rows, columns = _references(archive, info, _LONG_ROW_REF, shown)
                if rows <= SHORT_ROWS:  # every row number is shorter: the rows are at most SHORT_ROWS
                    rows = SHORT_ROWS
                    if rows * columns > MAX_DENSE_CELLS:  # too wide to tell without counting them
                        rows, columns = _references(archive, info, _ROW_REF, shown)
                biggest = max(biggest, rows * columns)
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error, NotImplementedError, RuntimeError):
        raise SheetError(Problem(shown, 1, 1, DAMAGED)) from None
    return biggest


def _references(archive: zipfile.ZipFile, info: zipfile.ZipInfo, row_refs: re.Pattern[bytes],
                shown: str) -> tuple[int, int]:
    """The largest row number ``row_refs`` finds in a worksheet part, and its largest column (at least 26)."""
    rows, columns, read = 0, 26, 0  # columns A–Z are not counted one by one
    carry = b""
    with archive.open(info) as part:
        while chunk := part.read(CHUNK):
            read += len(chunk)
            if read > MAX_SHEET_XML_BYTES:
                raise SheetError(Problem(shown, 1, 1, TOO_BIG))
            text = carry + chunk
            rows = max(rows, max(map(int, row_refs.findall(text)), default=0))
            columns = max(columns, max(map(_column_number, _WIDE_CELL.findall(text)), default=0))
            carry = text[-64:]
    return rows, columns


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _bounded_rows(path: Path, shown: str) -> tuple[list[tuple[int, list[Any]]], list[Problem]]:
    """Rows streamed by openpyxl: at most MAX_COLUMNS columns, ending at a long run of empty rows."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # zipfile, XML and KeyError failures of a damaged file
        raise SheetError(Problem(shown, 1, 1, DAMAGED)) from None
    try:
        if not book.worksheets:
            raise SheetError(Problem(shown, 1, 1, NO_WORKSHEET))
        rows = []
        empty_run = 0
        for number, values in enumerate(book.worksheets[0].iter_rows(max_col=MAX_COLUMNS, values_only=True), 1):
            if any(_present(v) for v in values):
                rows.append((number, list(values)))
                empty_run = 0
            elif (empty_run := empty_run + 1) > MAX_EMPTY_RUN:
                break  # what follows so many empty rows is stray, not part of the list
        names = [sheet.title for sheet in book.worksheets]
    except SheetError:
        raise
    except Exception:
        raise SheetError(Problem(shown, 1, 1, DAMAGED)) from None
    finally:
        book.close()
    return rows, _other_sheets(shown, names)


def _other_sheets(shown: str, names: list[str]) -> list[Problem]:
    if len(names) <= 1:
        return []
    return [Problem(shown, 1, 1, f"文件里有 {len(names)} 个工作表，只读取了第一个“{names[0]}”", WARNING)]


def _csv_rows(path: Path, shown: str) -> tuple[list[tuple[int, list[Any]]], list[Problem]]:
    try:
        text, warnings = read_text(path, shown)
    except YamlError as error:
        raise SheetError(error.problem) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    rows = []
    try:
        for values in reader:
            rows.append((reader.line_num, values))
    except csv.Error:  # a field longer than csv.field_size_limit(), or a stray NUL
        raise SheetError(Problem(shown, reader.line_num, 1, "这一行的内容太长或含有无法识别的字符（可能是引号没有配对），"
                                                 "请用 Excel/WPS 打开检查这一行")) from None
    return rows, warnings
