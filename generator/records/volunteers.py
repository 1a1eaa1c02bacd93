"""The volunteer roster: content/people/volunteers.yaml, .xlsx or .csv, validated and located."""

from __future__ import annotations

from pathlib import Path

from ..content.errors import WARNING, Problem, display_path
from ..content.loader import Located, YamlError, load_yaml
from ..content.validation import validate
from .models import Volunteer, VolunteerFile
from .sheets import Cell, SheetError, normalise, read_sheet

SOURCES = ("volunteers.yaml", "volunteers.yml", "volunteers.xlsx", "volunteers.csv")

# Header text an organiser (or an online form) may use → model field.
COLUMNS: dict[str, str] = {normalise(text): key for key, texts in {
    "id": ("编号", "志愿者编号", "id"),
    "name": ("姓名", "名字", "name"),
    "unit": ("单位", "学校", "班级", "学校/班级/单位", "学校班级", "所在单位", "工作单位", "unit"),
    "phone": ("手机号", "手机", "手机号码", "联系电话", "电话", "phone"),
    "id_number": ("身份证号", "身份证号码", "证件号码", "id_number"),
    "id_type": ("证件类型", "id_type"),
    "national_id": ("全国志愿者编号", "志愿中国编号", "全国志愿服务信息系统编号", "national_id"),
    "gender": ("性别", "gender"),
    "publish_name": ("同意公开姓名", "公开姓名", "是否公开姓名", "publish_name"),
    "joined": ("加入日期", "入队日期", "注册日期", "joined"),
}.items() for text in texts}
REQUIRED = {"id": "编号", "name": "姓名"}


def roster_path(people: Path) -> Path | None:
    found = [people / name for name in SOURCES if (people / name).exists()]
    return found[0] if found else None


def load_volunteers(path: Path, root: Path) -> tuple[list[Volunteer], list[Problem]]:
    """The roster (empty when it has errors) and every problem in it."""
    shown = display_path(path, root)
    problems = _also_present(path, root)
    try:
        located, labels = (load_yaml(path, shown), {}) if path.suffix in (".yaml", ".yml") else _from_sheet(path, shown)
    except (YamlError, SheetError) as error:
        return [], problems + [error.problem]
    problems += located.warnings
    if not isinstance(located.data, dict):
        return [], problems + [Problem(shown, 1, 1, "文件应以“volunteers:”开头，下面每位志愿者一项")]
    roster, found = validate(VolunteerFile, located)
    problems += [_with_column(p, labels) for p in found] + duplicate_ids(located, "volunteers", "志愿者")
    problems.sort()
    if roster is None or any(p.is_error for p in problems):
        return [], problems
    return roster.volunteers, problems


def duplicate_ids(located: Located, key: str, what: str) -> list[Problem]:
    """One error per repeated id, at the repeat, naming the line of the first.

    Read from the raw data, so a repeat is reported even when other rows have errors.
    """
    items = located.data.get(key) if isinstance(located.data, dict) else None
    seen: dict[str, int] = {}
    problems = []
    for i, item in enumerate(items if isinstance(items, list) else []):
        if not isinstance(item, dict) or item.get("id") in (None, ""):
            continue
        ident = str(item["id"]).strip()
        line, column = located.position((key, i, "id"))
        if ident in seen:
            problems.append(Problem(located.path, line, column,
                                    f"{what}编号“{ident}”与第 {seen[ident]} 行重复，请改成不同的编号"))
        else:
            seen[ident] = line
    return problems


def _also_present(path: Path, root: Path) -> list[Problem]:
    others = [name for name in SOURCES if (path.parent / name).exists() and name != path.name]
    if not others:
        return []
    return [Problem(display_path(path, root), 1, 1, f"同时有 {'、'.join(others)}，只读取了 {path.name}；"
                                                    "请只保留一个志愿者名册", WARNING)]


def _from_sheet(path: Path, shown: str) -> tuple[Located, dict[tuple[int, int], str]]:
    """A spreadsheet as a Located document, each value positioned at its cell.

    Also returns the header text of every cell position, so that problems can
    name the column the way the user wrote it.
    """
    sheet = read_sheet(path, shown, COLUMNS)
    present = {COLUMNS.get(normalise(text)) for text in sheet.headers.values()}
    missing = [label for key, label in REQUIRED.items() if key not in present]
    if missing:
        raise SheetError(Problem(shown, sheet.header_row, 1, f"表头里没有“{'”“'.join(missing)}”这一列，请在表头行加上"))
    located = Located(shown, {"volunteers": []}, warnings=sheet.warnings)
    located.values[()] = (1, 1)
    located.values[("volunteers",)] = (sheet.header_row, 1)
    labels: dict[tuple[int, int], str] = {}
    for i, (row, cells) in enumerate(sheet.rows):
        located.data["volunteers"].append(_row_data(cells))
        located.values[("volunteers", i)] = (row, 1)
        for key, cell in cells.items():
            located.values[("volunteers", i, key)] = located.keys[("volunteers", i, key)] = (cell.row, cell.column)
            labels[(cell.row, cell.column)] = sheet.headers[cell.column]
    return located, labels


def _row_data(cells: dict[str, Cell]) -> dict:
    """Present cells only; a required cell left empty stays as "" so the error points at it."""
    data = {key: cell.value for key, cell in cells.items() if cell.value is not None and cell.value != ""}
    return {key: "" for key in REQUIRED} | data


def _with_column(problem: Problem, labels: dict[tuple[int, int], str]) -> Problem:
    """In a spreadsheet, say which column a problem is in by its header text."""
    label = labels.get((problem.line, problem.column))
    if label is None:
        return problem
    return Problem(problem.path, problem.line, problem.column, f"“{label}”一栏：{problem.message}", problem.level)
