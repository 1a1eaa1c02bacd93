"""The 活动方案: its sections in the order the seeds use, numbered, and the 通知 around it.

``plan_view`` is the single source of the plan's content; ``plan.html`` lays it
out for PDF and ``word.py`` writes the same blocks to a .docx.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from ..content.dates import LATE_LUNAR_FESTIVALS, LUNAR_FESTIVALS, WEEKDAYS, cn_date, lunar_label
from ..content.models import Activity, Track
from ..numbering import doc_number, number
from . import text as tx
from .blocks import Block, Heading, Para, Table, content_widths
from .timeline import timeline
from .titles import title_lines


BLANK_DATE = "\u3000\u3000年\u3000\u3000月\u3000\u3000日"  # 成文日期 left for hand-filling


@dataclass(frozen=True)
class AttachmentView:
    label: str      # 附件 alone, or 附件1, 附件2 … when there are several (GB/T 9704 8)
    title: str      # as in 附件说明, without its number
    listed: str     # the line in 附件说明: 1.空巢老人需求登记表


@dataclass(frozen=True)
class NoticeView:
    issuer_lines: tuple[str, ...]   # one line per issuing organ (联合发文)
    number: str
    title: str
    title_lines: tuple[str, ...]    # the title broken between words
    to: str
    intro: tuple[str, ...]
    attachments: tuple[AttachmentView, ...]
    signatory_lines: tuple[str, ...]
    date: str
    cc: str                         # 版记: 抄送机关, joined by ，
    printed_by: str                 # 版记: 印发机关
    printed_on: str                 # 版记: 2026年2月26日印发


@dataclass(frozen=True)
class PlanView:
    title: str
    title_lines: tuple[str, ...]
    notice: NoticeView | None
    blocks: tuple[Block, ...]
    contact: str
    signatory: str
    issued: str                     # 成文日期 under the signature, or BLANK_DATE


def plan_title(activity: Activity) -> str:
    """活动名称 + 方案: …活动 → …活动方案; …行动 → …行动实施方案; …公园 → …公园活动方案."""
    title = tx.tidy(activity.title)
    if title.endswith("方案"):
        return title
    if title.endswith("活动"):
        return title + "方案"
    return title + ("实施方案" if title.endswith(("行动", "工程", "计划", "项目", "工作")) else "活动方案")


def plan_view(activity: Activity) -> PlanView:
    blocks: list[Block] = []
    n = 0
    for name, build in SECTIONS:
        body = build(activity)
        if body:
            n += 1
            blocks.append(Heading(1, number(1, n), name))
            blocks.extend(body)
    title = plan_title(activity)
    return PlanView(
        title=title,
        title_lines=title_lines(title),
        notice=notice_view(activity),
        blocks=tuple(blocks),
        contact=f"联系人：{tx.tidy(activity.contact)}" if activity.contact else "",
        signatory=tx.tidy(activity.organiser),
        issued=cn_date(activity.issued) if activity.issued else BLANK_DATE,
    )


# ---- the sections ----------------------------------------------------------------

def _items(texts: list[str], level: int = 2) -> list[Block]:
    """Numbered list items; a short first sentence becomes the run-in lead (（一）以人为本。…).
    One item alone is a paragraph: a （一） with no （二） is not written in a 公文."""
    if len(texts) == 1:
        return [_item(level, 0, texts[0])]
    return [_item(level, i, text) for i, text in enumerate(texts, 1)]


_LEAD = re.compile(r"^([^。：:；]{2,12}[。：:])(.+)$")


def _item(level: int, n: int, text: str) -> Para:
    """Item ``n`` (0: unnumbered)."""
    text = tx.sentence(text)
    numbered = number(level, n) if n else ""
    match = _LEAD.match(text)
    if match:
        return Para(match[2], number=numbered, lead=match[1], level=level)
    return Para(text, number=numbered, level=level)


def _background(a: Activity) -> list[Block]:
    return [Para(p) for p in tx.paragraphs(a.background)]


def _purpose(a: Activity) -> list[Block]:
    if len(a.purpose) == 1:
        return [Para(tx.sentence(a.purpose[0]))]
    return _items(a.purpose)


def _principles(a: Activity) -> list[Block]:
    return _items(a.principles)


def _theme(a: Activity) -> list[Block]:
    if not a.theme:
        return []
    theme = tx.tidy(a.theme).replace(" ", "\u3000")  # a slogan's halves apart by one full space
    return [Para(theme if theme.startswith("“") else f"“{theme}”")]


def _organisers(a: Activity) -> list[Block]:
    lines = [Para(f"主办单位：{tx.tidy(a.organiser)}")]
    if a.co_organisers:
        lines.append(Para(f"协办单位：{'、'.join(tx.tidy(c) for c in a.co_organisers)}"))
    return lines


def when(a: Activity) -> str:
    """2026年10月18日（星期日，农历九月初九重阳节）14:00—16:30."""
    notes = [f"星期{WEEKDAYS[a.day.weekday()]}"]
    if a.festival:
        lunar = a.festival in LUNAR_FESTIVALS or a.festival in LATE_LUNAR_FESTIVALS
        notes.append(f"{lunar_label(a.day)}{a.festival}" if lunar else a.festival)
    text = f"{cn_date(a.day)}（{'，'.join(notes)}）"
    if a.end_date:
        text += f"至{cn_date(a.end_date)}"
    if a.time:
        text += str(a.time)
    return text


def _time(a: Activity) -> list[Block]:
    return [Para(when(a) + "。")]


def _place(a: Activity) -> list[Block]:
    return [Para(tx.sentence(a.location))]


def _audience(a: Activity) -> list[Block]:
    return [Para(tx.sentence(tx.prose(a.audience)))] if a.audience else []


def _participants(a: Activity) -> list[Block]:
    if not a.participants:
        return []
    parts = [f"{tx.tidy(p.group)}{p.count}人" if p.count else tx.tidy(p.group) for p in a.participants]
    total = f"，共{a.volunteer_count}人" if len(parts) > 1 and a.volunteer_count else ""
    return [Para("、".join(parts) + total + "。")]


def _duties(a: Activity) -> list[Block]:
    duties = [f"{tx.clause(r.unit)}：{r.duties}" for r in a.responsibilities]
    groups = [_group_line(g) for g in a.groups]
    if duties and groups:
        return [Heading(2, number(2, 1), "职责分工"), *_items(duties, 3),
                Heading(2, number(2, 2), "分组安排"), *_items(groups, 3)]
    return _items(duties or groups)


def _group_line(group) -> str:
    parts = [f"组长 {tx.tidy(group.leader)}"] if group.leader else []
    if group.members:
        parts.append(f"组员 {'、'.join(tx.tidy(m) for m in group.members)}")
    return f"{tx.clause(group.name)}：{'；'.join(parts) or '成员待定'}"


def schedule_table(track: Track) -> Table:
    """时间 / 内容 / 地点 / 负责人, leaving out place and owner when no row has them."""
    with_place = any(item.place for item in track.items)
    with_owner = any(item.owner for item in track.items)
    columns = ("时间", "内容") + ("地点",) * with_place + ("负责人",) * with_owner
    rows = tuple(
        (str(item.time), tx.tidy(item.item))
        + (tx.tidy(item.place),) * with_place + (tx.tidy(item.owner),) * with_owner
        for item in track.items
    )
    widths, short = content_widths(columns, rows)
    return Table(columns, rows, widths, nowrap=short | {0})  # a time range never breaks


def _schedule(a: Activity) -> list[Block]:
    tracks = a.tracks
    if len(tracks) == 1:
        return [schedule_table(tracks[0])]
    blocks: list[Block] = []
    for i, track in enumerate(tracks, 1):
        blocks += [Heading(2, number(2, i), tx.tidy(track.name) or f"第{i}条流程"), schedule_table(track)]
    return blocks


def _phases(a: Activity) -> list[Block]:
    chart = timeline(a.phases)
    if chart is None:
        return []
    blocks: list[Block] = [chart]
    for i, (phase, bar) in enumerate(zip(a.phases, chart.bars), 1):
        blocks.append(Heading(2, number(2, i), f"{tx.tidy(phase.name)}（{bar.dates}）"))
        blocks.extend(_items(phase.tasks, 3))
    return blocks


def budget_table(a: Activity) -> Table | None:
    if not a.supplies:
        return None
    rows = tuple(
        (str(i), tx.tidy(s.item), tx.quantity(s.qty), tx.tidy(s.unit), tx.amount(s.unit_price), tx.amount(s.amount))
        for i, s in enumerate(a.supplies, 1)
    )
    total = a.supplies_total
    foot = ("合计", "", "", "", "", tx.amount(total)) if total is not None else None
    columns = ("序号", "物品", "数量", "单位", "单价（元）", "金额（元）")
    widths, short = content_widths(columns, rows)
    return Table(columns, rows, widths, numeric=frozenset({2, 4, 5}), foot=foot, nowrap=short)


def _budget(a: Activity) -> list[Block]:
    blocks: list[Block] = []
    table = budget_table(a)
    if table:
        blocks.append(table)
    budget = a.budget
    if budget and budget.total is not None:
        blocks.append(Para(f"预算总额：{tx.amount(budget.total)}元。"))
    if budget and budget.source:
        blocks.append(Para(f"经费来源：{tx.sentence(budget.source)}"))
    if budget and budget.notes:
        blocks.append(Para(f"说明：{tx.sentence(budget.notes)}"))
    return blocks


def _requirements(a: Activity) -> list[Block]:
    return _items(a.requirements)


def _safety(a: Activity) -> list[Block]:
    return _items(a.safety)


SECTIONS: tuple[tuple[str, Callable[[Activity], list[Block]]], ...] = (
    ("活动背景", _background),
    ("活动目的", _purpose),
    ("活动原则", _principles),
    ("活动主题", _theme),
    ("组织单位", _organisers),
    ("活动时间", _time),
    ("活动地点", _place),
    ("活动对象", _audience),
    ("参与人员", _participants),
    ("组织分工", _duties),
    ("活动流程", _schedule),
    ("实施步骤", _phases),
    ("物资与预算", _budget),
    ("注意事项", _requirements),
    ("安全预案", _safety),
)


# ---- the notice ------------------------------------------------------------------

def notice_view(activity: Activity) -> NoticeView | None:
    notice = activity.notice
    if notice is None:
        return None
    title = plan_title(activity)
    names = [tx.tidy(a) for a in notice.attachments]
    several = len(names) > 1
    attachments = tuple(AttachmentView(f"附件{i}" if several else "附件", name, f"{i}.{name}" if several else name)
                        for i, name in enumerate(names, 1))
    notice_title = f"关于印发《{title}》的通知"
    return NoticeView(
        issuer_lines=_organs(notice.issuer),
        number=doc_number(notice.number) if notice.number else "",
        title=notice_title,
        title_lines=title_lines(notice_title),
        to=f"{tx.clause(notice.to)}：" if notice.to else "",
        intro=tuple(tx.paragraphs(notice.intro)) or (_default_intro(activity, title),),
        attachments=attachments,
        signatory_lines=_organs(notice.signatory or notice.issuer),
        date=cn_date(notice.date),
        cc="，".join(tx.tidy(c) for c in notice.cc),
        printed_by=tx.tidy(notice.printed_by) if notice.printed_by else "".join(_organs(notice.issuer)[:1]),
        printed_on=f"{cn_date(notice.printed_on or notice.date)}印发" if (notice.printed_on or notice.date) else "",
    )


def _organs(names: str) -> tuple[str, ...]:
    """Joint issuers written on one line (中共X镇委员会　X镇人民政府), one per line."""
    return tuple(part for part in re.split(r"[\s\u3000、]+", names.strip()) if part)


def _default_intro(activity: Activity, title: str) -> str:
    why = f"为{tx.clause(activity.purpose[0])}，" if activity.purpose else ""
    return (f"{why}经研究，决定于{cn_date(activity.day)}在{tx.clause(activity.location)}开展"
            f"{tx.clause(activity.title)}。现将《{title}》印发给你们，请结合实际认真组织实施。")
