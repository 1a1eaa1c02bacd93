"""The volunteer roster: content/people/volunteers.yaml, .xlsx or .csv, validated and located."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from ..content.errors import WARNING, Problem, display_path
from ..content.loader import Located, YamlError, load_yaml
from ..content.validation import validate
from .models import Volunteer, VolunteerFile
from .quick import quick_volunteers
from .readahead import SOURCES, roster_path
from .sheets import SheetDocument, SheetError, normalise, read_sheet, sheet_document

# Header text an organiser (or an online form) may use → model field.
COLUMNS: dict[str, str] = {normalise(text): key for key, texts in {
    "id": ("编号", "志愿者编号", "id"),
    "name": ("姓名", "名字", "真实姓名", "志愿者姓名", "学生姓名", "name"),
    "unit": ("单位", "学校", "班级", "学校/班级/单位", "学校班级", "班级/单位", "单位/班级", "所在单位", "所在班级",
             "工作单位", "所在学校", "unit"),
    "phone": ("手机号", "手机", "手机号码", "联系电话", "联系方式", "电话", "家长手机号", "家长手机号码", "家长电话",
              "家长联系电话", "phone"),
    "id_number": ("身份证号", "身份证号码", "证件号码", "id_number"),
    "id_type": ("证件类型", "id_type"),
    "national_id": ("全国志愿者编号", "志愿中国编号", "全国志愿服务信息系统编号", "national_id"),
    "gender": ("性别", "gender"),
    "publish_name": ("同意公开姓名", "公开姓名", "是否公开姓名", "是否同意公开姓名", "publish_name"),
    "joined": ("加入日期", "入队日期", "注册日期", "joined"),
}.items() for text in texts}
REQUIRED = {"id": "编号", "name": "姓名"}
# 序号, the row number of a questionnaire export, serves as the id when there is no 编号 column.
SPARE_COLUMNS = {normalise("序号"): "id"}
# Columns that questionnaire tools (问卷星, 腾讯问卷, 金数据, WeChat forms) add to every export.
FORM_METADATA = frozenset(normalise(text) for text in (
    "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP", "来自ip", "IP", "IP地址", "提交时间", "填写时间",
    "开始答题时间", "结束答题时间", "答题时长", "提交人", "填写人", "微信昵称", "昵称", "填写设备", "操作系统",
    "浏览器", "地理位置", "总分", "答卷编号", "用户ID", "openid"))


def load_volunteers(path: Path, root: Path) -> tuple[list[Volunteer], list[Problem]]:
    """The roster (empty when it has errors) and every problem in it."""
    shown = display_path(path, root)
    problems = _also_present(path, root)
    try:
        located = load_yaml(path, shown) if path.suffix in (".yaml", ".yml") else _from_sheet(path, shown)
    except (YamlError, SheetError) as error:
        return [], problems + error.problems
    problems += located.warnings
    if not isinstance(located.data, dict):
        return [], problems + [Problem(shown, 1, 1, "文件应以“volunteers:”开头，下面每位志愿者一项")]
    roster, found = _validate_sheet(located) if isinstance(located, SheetDocument) else validate(VolunteerFile, located)
    problems += [_with_column(p, located) for p in found] + duplicate_ids(located, "volunteers", "志愿者")
    problems.sort()
    if roster is None or any(p.is_error for p in problems):
        return [], problems
    return roster.volunteers, problems


def _validate_sheet(located: SheetDocument) -> tuple[VolunteerFile | None, list[Problem]]:
    """``validate(VolunteerFile, located)`` for a sheet, quicker: plain rows are made without pydantic
    (see quick.py) and only the others are validated, positioned at their own rows."""
    rows = located.data["volunteers"]
    if any(p.is_error for p in located.warnings):  # a control character (or lone surrogate) in a cell
        return validate(VolunteerFile, located)
    made = quick_volunteers(rows)
    rest = [i for i, volunteer in enumerate(made) if volunteer is None]
    if rest:
        sheet = located.sheet
        part = sheet_document(replace(sheet, rows=[sheet.rows[i] for i in rest]), located.path, "volunteers",
                              [rows[i] for i in rest])
        roster, problems = validate(VolunteerFile, part)
        if roster is None:
            return None, problems
        for i, volunteer in zip(rest, roster.volunteers):
            made[i] = volunteer
    return VolunteerFile.model_construct(volunteers=made), []


def duplicate_ids(located: Located, key: str, what: str) -> list[Problem]:
    """One error per repeated id, at the repeat, naming the line of the first.

    Read from the raw data, so a repeat is reported even when other rows have errors.
    """
    items = located.data.get(key) if isinstance(located.data, dict) else None
    seen: dict[str, int] = {}  # id → index of its first item
    problems = []
    for i, item in enumerate(items if isinstance(items, list) else []):
        if not isinstance(item, dict) or item.get("id") in (None, ""):
            continue
        ident = str(item["id"]).strip()
        if ident not in seen:
            seen[ident] = i
            continue
        line, column = located.position((key, i, "id"))
        first = located.position((key, seen[ident], "id"))[0]
        problems.append(Problem(located.path, line, column, f"{what}编号“{ident}”与第 {first} 行重复，请改成不同的编号"))
    return problems


def _also_present(path: Path, root: Path) -> list[Problem]:
    others = [name for name in SOURCES if (path.parent / name).exists() and name != path.name]
    if not others:
        return []
    return [Problem(display_path(path, root), 1, 1, f"同时有 {'、'.join(others)}，只读取了 {path.name}；"
                                                    "请只保留一个志愿者名册", WARNING)]


def _from_sheet(path: Path, shown: str) -> SheetDocument:
    """A spreadsheet as a Located document, each value positioned at its cell."""
    sheet = read_sheet(path, shown, COLUMNS, spare=SPARE_COLUMNS, ignore=FORM_METADATA)
    missing = [label for key, label in REQUIRED.items() if key not in sheet.columns]
    if missing:
        raise SheetError(Problem(shown, sheet.header_row, 1, f"表头里没有“{'”“'.join(missing)}”这一列，请在表头行加上"))
    # the filled cells; a required cell left empty stays as "" so the error points at it
    return sheet_document(sheet, shown, "volunteers", [_BLANK | cells for _, cells in sheet.rows])


_BLANK = dict.fromkeys(REQUIRED, "")


def _with_column(problem: Problem, located: Located) -> Problem:
    """In a spreadsheet, say which column a problem is in by its header text."""
    label = located.column_label(problem) if isinstance(located, SheetDocument) else None
    if label is None:
        return problem
    return Problem(problem.path, problem.line, problem.column, f"“{label}”一栏：{problem.message}", problem.level)
