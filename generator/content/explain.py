"""`huodong check --explain FILE`: what the content layer understood, so an organiser can confirm it."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from .dates import cn_date_weekday, lunar_label
from .errors import ContentError, Problem, UserError, display_path
from .forms import id_from_name
from .loader import YamlError, load_yaml
from .models import Activity, FestivalDate
from .validation import validate


def id_notes(derived: dict[str, str]) -> list[str]:
    """One line per file whose id was made from its Chinese name."""
    return [f"{shown} 的活动编号是 {activity_id}（打印文件在 plans/{activity_id}/，网页是 site/activities/{activity_id}.html）"
            for shown, activity_id in sorted(derived.items())]


def explain(root: Path, file: Path) -> list[str]:
    """The normalised values of one activity file, as lines of Chinese text; ContentError when it has errors."""
    path = Path(file) if Path(file).is_absolute() else Path.cwd() / file
    if not path.is_file():
        path = Path(root) / file
    if not path.is_file():
        raise UserError(f"找不到文件 {file}，请写活动文件的路径，例如 content/activities/2026-chongyang.yaml")
    shown = display_path(path, root)
    try:
        located = load_yaml(path, shown)
    except YamlError as error:
        raise ContentError(error.problems) from None
    if not isinstance(located.data, dict):
        raise ContentError([Problem(shown, 1, 1, "文件内容应该是“键: 值”形式（例如 title: 活动名称），现在不是")])
    if "id" not in located.data:
        located.data = {**located.data, "id": id_from_name(path.stem)}
    activity, problems = validate(Activity, located)
    if activity is None:
        raise ContentError(problems)
    return [f"{shown} 读到的内容：", *_lines(activity)]


def _lines(a: Activity) -> list[str]:
    lines = [f"  编号：{a.id}（打印文件在 plans/{a.id}/，网页是 site/activities/{a.id}.html）",
             f"  类别：{a.kind}（{a.kind_label}）"]
    festival = f"，{a.date.festival}" if isinstance(a.date, FestivalDate) else ""
    lines.append(f"  日期：{cn_date_weekday(a.day)}，{lunar_label(a.day)}{festival}")
    if a.end_date:
        lines.append(f"  结束日期：{cn_date_weekday(a.end_date)}")
    if a.time:
        hours = f"（{_number(Decimal(str(a.hours)))} 小时）" if a.hours else ""
        lines.append(f"  时间：{a.time}{hours}")
    for track in a.tracks:
        for item in track.items:
            lines.append(f"  流程：{track.name + ' ' if track.name else ''}{item.time} {item.item}")
    for p in a.participants:
        if p.count is not None:
            lines.append(f"  人数：{p.group} {p.count} 人")
    if a.participants:
        lines.append(f"  参与人员合计：{a.volunteer_count} 人")
    if a.signup:
        deadline = f"，截止 {cn_date_weekday(a.signup.deadline)}" if a.signup.deadline else ""
        lines.append(f"  报名名额：{a.signup.capacity} 人{deadline}")
    for s in a.supplies:
        price = f" × {_number(s.unit_price)} 元 = {_number(s.amount)} 元" if s.amount is not None else ""
        lines.append(f"  物资：{s.item} {_number(s.qty)}{s.unit or ''}{price}")
    if a.supplies_total is not None:
        lines.append(f"  物资合计：{_number(a.supplies_total)} 元")
    for phase in a.phases:
        lines.append(f"  阶段：{phase.name} {cn_date_weekday(phase.start)} 至 {cn_date_weekday(phase.end)}")
    for name, values in (("协办单位", a.co_organisers), ("标签", a.tags)):
        if values:
            lines.append(f"  {name}：{'、'.join(values)}")
    return lines


def _number(value: Decimal | None) -> str:
    if value is None:
        return ""
    text = format(value.normalize(), "f")
    return text
