"""The hours export: a spreadsheet an organiser batch-enters (团体录入) into the national system.

One row per service with the fields 民政部令第67号 asks a record to hold (the
person, the date, the hours, the content and the place), then a sheet of totals.
Column names follow the common import templates; a local template that names a
column differently only needs that header renamed.
"""

from __future__ import annotations

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


def hours_workbook(records: Records, done: list[Service], rows: list[Total], issuer: str) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "服务记录"
    _header(sheet, SERVICE_COLUMNS)
    for number, service in enumerate(done, 1):
        person = records.volunteers[service.volunteer]
        sheet.append([
            number, person.name, "居民身份证" if person.id_number else None, person.id_number, person.phone,
            service.day, _time(service.start), _time(service.end), service.hours,
            service.content, service.place, issuer,
        ])
        sheet.cell(sheet.max_row, 6).number_format = "yyyy-mm-dd"
    summary = book.create_sheet("时长汇总")
    _header(summary, TOTAL_COLUMNS)
    for row in rows:
        summary.append([row.volunteer.id, row.volunteer.name, row.volunteer.unit, row.services, row.hours])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


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
