"""The hours export: a spreadsheet an organiser batch-enters (团体录入) into the national system.

One row per service with the fields 民政部令第67号 asks a record to hold (the
person, the date, the hours, the content and the place), then a sheet of totals.
Column names follow the common import templates; a local template that names a
column differently only needs that header renamed.
"""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from .hours import Service, Total
from .load import Records

SERVICE_COLUMNS = (
    ("序号", 6), ("姓名", 10), ("证件类型", 10), ("证件号码", 22), ("手机号码", 14),
    ("服务日期", 12), ("开始时间", 9), ("结束时间", 9), ("服务时长（小时）", 10),
    ("服务内容", 36), ("服务地点", 24), ("记录单位", 24),
)
TOTAL_COLUMNS = (("编号", 8), ("姓名", 10), ("单位", 24), ("服务次数", 10), ("服务时长（小时）", 12))


# A text cell starting with one of these is a formula to Excel, WPS and LibreOffice (OWASP: CSV injection).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def _service_rows(records: Records, done: list[Service], issuer: str):
    for number, service in enumerate(done, 1):
        person = records.volunteers[service.volunteer]
        yield [
            number, person.name, "居民身份证" if person.id_number else None, person.id_number, person.phone,
            service.day, _time(service.start), _time(service.end), service.hours,
            service.content, service.place, issuer,
        ]


def hours_workbook(records: Records, done: list[Service], rows: list[Total], issuer: str) -> bytes:
    """The export as .xlsx; every text cell is stored as text, never as a formula."""
    book = Workbook()
    sheet = book.active
    sheet.title = "服务记录"
    _header(sheet, SERVICE_COLUMNS)
    for values in _service_rows(records, done, issuer):
        _append_text(sheet, values)
        sheet.cell(sheet.max_row, 6).number_format = "yyyy-mm-dd"
    summary = book.create_sheet("时长汇总")
    _header(summary, TOTAL_COLUMNS)
    for row in rows:
        _append_text(summary, [row.volunteer.id, row.volunteer.name, row.volunteer.unit, row.services, row.hours])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def hours_csv(records: Records, done: list[Service], issuer: str) -> bytes:
    """The service records as .csv (UTF-8 with BOM, so Excel reads the Chinese); a text cell that a
    spreadsheet would take for a formula starts with ' (OWASP's advice), so it stays text."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([name for name, _ in SERVICE_COLUMNS])
    for values in _service_rows(records, done, issuer):
        writer.writerow([_csv_text(v) for v in values])
    return buffer.getvalue().encode("utf-8-sig")


def _append_text(sheet, values: list) -> None:
    """Append a row; openpyxl would store a string starting with = as a formula: store it as text."""
    sheet.append(values)
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"


def _csv_text(value) -> str:
    if value is None:
        return ""
    text = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return "'" + text if isinstance(value, str) and text.startswith(FORMULA_START) else text


def _header(sheet, columns: tuple[tuple[str, int], ...]) -> None:
    sheet.append([name for name, _ in columns])
    for index, (_, width) in enumerate(columns, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
        cell = sheet.cell(1, index)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
    sheet.freeze_panes = "A2"


def _time(value) -> str | None:
    return value.strftime("%H:%M") if value else None
