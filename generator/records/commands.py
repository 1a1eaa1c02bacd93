"""`huodong hours` and `huodong visits`: load, compute, print a Chinese table, write files."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

from rich.table import Table

from ..console import err, out, report_problems
from ..content.project import load_project
from ..engine.atomic import write_bytes
from .cadence import OVERDUE, birthdays, plan
from .export import hours_csv, hours_workbook
from .hours import candidates, format_hours, services, totals, unit_totals
from .load import Records, load_records
from .views import pairs

STATUS_STYLE = {"逾期": "bold red", "待走访": "yellow", "已完成": "green"}
RISK_STYLE = {"红": "red", "黄": "yellow", "绿": "green"}


def hours(root: Path, year: int | None = None, export: str | None = None, force: bool = False) -> int:
    project = load_project(root)
    records = load_records(project)
    report_problems([p for p in records.problems if not p.is_error])
    if not records.volunteers:
        err.print("还没有志愿者名册。请新建 content/people/volunteers.yaml（或 .xlsx / .csv），"
                  "再在活动里用 attendance 记录出勤。", style="bold red")
        return 1
    done = services(project, records, year)
    rows = totals(records, done)
    span = f"{year}年" if year else "全部"
    if not rows:
        out.print(f"{span}还没有服务记录。请在活动文件里写 attendance（志愿者编号和时长）。")
    else:
        out.print(_volunteer_table(rows, span))
        out.print(_unit_table(unit_totals(rows), span))
    _print_candidates(project, records, year or dt.date.today().year)
    if export:
        return _export(project.root, records, done, rows, Path(export), force)
    return 0


def _volunteer_table(rows, span: str) -> Table:
    table = Table(title=f"志愿服务时长（{span}）")
    for name, justify in (("编号", "left"), ("姓名", "left"), ("单位", "left"), ("次数", "right"), ("时长（小时）", "right")):
        table.add_column(name, justify=justify)
    for row in rows:
        table.add_row(row.volunteer.id, row.volunteer.name, row.volunteer.unit or "", str(row.services), format_hours(row.hours))
    total = sum((r.hours for r in rows), Decimal(0))
    table.add_row("", "合计", f"{len(rows)} 人", str(sum(r.services for r in rows)), format_hours(total), style="bold")
    return table


def _unit_table(units, span: str) -> Table:
    table = Table(title=f"各单位服务时长（{span}）")
    for name, justify in (("单位", "left"), ("人数", "right"), ("时长（小时）", "right")):
        table.add_column(name, justify=justify)
    for unit in units:
        table.add_row(unit.unit, str(unit.volunteers), format_hours(unit.hours))
    return table


def _print_candidates(project, records: Records, year: int) -> None:
    found = candidates(records, totals(records, services(project, records, year)))
    awarded = {(c.title, p) for c in records.commendations if c.year == year for p in c.people}
    found = [c for c in found if (c.title, c.volunteer.id) not in awarded]
    if not found:
        return
    out.print(f"\n[bold]建议表彰（{year}年）[/]")
    for c in found:
        out.print(f"  {c.title}候选：{c.volunteer.name}（{c.volunteer.unit or '未填单位'}），"
                  f"服务 {format_hours(c.hours)} 小时，达到 {format_hours(c.min_hours)} 小时", markup=False)
    out.print("  确定后请在 content/commendations/ 新建表彰文件。", markup=False)


def _export(root: Path, records: Records, done, rows, target: Path, force: bool = False) -> int:
    target = target if target.is_absolute() else Path.cwd() / target
    if target.suffix.lower() not in (".xlsx", ".csv"):
        err.print(f"导出文件要以 .xlsx 或 .csv 结尾（现在是 {target.name}），例如 --export 服务时长.xlsx",
                  style="bold red", markup=False)
        return 1
    if target.resolve().is_relative_to((root / "content").resolve()):
        err.print("不能导出到 content/ 文件夹里（那里放的是您自己写的内容，会被覆盖）。请换一个位置，例如 --export 服务时长.xlsx",
                  style="bold red")
        return 1
    if target.exists() and not force:
        err.print(f"{target} 已经存在，为免覆盖原来的文件，这次没有导出。请换一个文件名；"
                  "确实要替换它，请加上 --force。", style="bold red", markup=False)
        return 1
    data = hours_csv(records, done, records.issuer) if target.suffix.lower() == ".csv" \
        else hours_workbook(records, done, rows, records.issuer)
    write_bytes(target, data)
    missing = sum(1 for r in rows if not r.volunteer.id_number)
    out.print(f"已导出 {len(done)} 条服务记录到 {target}")
    if missing:
        out.print(f"注意：{missing} 位志愿者没有填身份证号，导出表里“证件号码”是空的，批量录入前请补上。")
    return 0


def visits(root: Path, month: str | None = None) -> int:
    try:
        year, number = parse_month(month) if month else (dt.date.today().year, dt.date.today().month)
    except ValueError as problem:
        err.print(str(problem), style="bold red")
        return 1
    project = load_project(root)
    records = load_records(project)
    report_problems([p for p in records.problems if not p.is_error])
    if not records.elders:
        err.print("还没有服务对象档案。请新建 content/people/elders.yaml（每位老人一项）。", style="bold red")
        return 1
    rows = plan(records.elders, records.cadence, year, number)
    out.print(_visit_table(rows, records, f"{year}年{number}月"))
    _print_birthdays(birthdays(records.elders, year, number))
    from ..fonts import NoCJKFont
    from .printables import print_visit_plan

    try:
        written = print_visit_plan(project, records, year, number)
    except NoCJKFont as problem:
        err.print(str(problem), style="bold red", markup=False)
        return 1
    out.print(f"已生成走访计划表和 {len(written) - 1} 张居家养老服务卡：", markup=False)
    for path in written:
        out.print(f"  {path.relative_to(project.root).as_posix()}", markup=False)
    overdue = sum(r.status == OVERDUE for r in rows)
    if overdue:
        out.print(f"[bold red]{overdue} 位老人走访逾期，请优先安排。[/]")
    return 0


def parse_month(text: str) -> tuple[int, int]:
    """2026-11, 2026-1, 2026/11 or 2026年11月."""
    match = re.fullmatch(r"\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?\s*", text)
    if not match or not 1 <= int(match[2]) <= 12:
        raise ValueError(f"月份“{text}”看不懂，请写成 2026-11 这样的“年-月”")
    return int(match[1]), int(match[2])


def _visit_table(rows, records: Records, title: str) -> Table:
    table = Table(title=f"走访计划（{title}）")
    for name in ("状态", "风险", "姓名", "村（社区）", "已访/应访", "上次走访", "结对志愿者", "说明"):
        table.add_column(name)
    for row in rows:
        elder = row.elder
        table.add_row(
            f"[{STATUS_STYLE[row.status]}]{row.status}[/]", f"[{RISK_STYLE[elder.risk]}]{elder.risk}[/]",
            elder.name, elder.community or "", f"{row.done}/{row.cadence.times}（{row.period.label}）",
            row.last_visit.isoformat() if row.last_visit else "从未", pairs(elder, records), row.missed or "",
        )
    return table


def _print_birthdays(found) -> None:
    if not found:
        return
    out.print("\n[bold]本月过生日的老人[/]")
    for b in found:
        age = f"，{b.age} 岁" if b.age else ""
        out.print(f"  {b.elder.name}：{b.label}{age}", markup=False)
