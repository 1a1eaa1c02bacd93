"""`huodong report ID`: a first draft of a 新闻稿 for the organiser to edit.

The draft follows the shape of the news reports organisers write (why, when,
who, where, what was done, how many were served, what it meant) and is made
from the public view, so it holds no name, address or phone of an elder.
"""

from __future__ import annotations

import datetime as dt
import json

from pathlib import Path

from ..content.dates import cn_date, half_day
from ..content.errors import UserError
from ..content.models import Activity
from ..content.project import Project
from ..engine.atomic import create_new
from ..privacy import PublicActivity, public_activity

# A purpose that reads well after "为" (or already starts with 为/让) opens the report.
OPENERS = ("为", "让")
VERBS = ("弘扬", "营造", "帮助", "增强", "提高", "进一步", "关爱", "传承", "践行", "培养", "丰富", "推动", "深入", "切实")
NAMED_ALREADY = ("活动", "行动", "服务")
# What was done for the elders named, and what it meant, in each kind's own words.
SERVED = {
    "visit": "志愿者们走访慰问了{named}{n}位老人，帮老人做家务、陪老人聊天，送去了关心和温暖。",
    "festival": "志愿者们走访慰问了{named}{n}位老人，为他们送去了节日的问候。",
    "outing": "志愿者们陪伴{named}{n}位老人一同参加了活动。",
    "clinic": "医护人员和志愿者们为{named}{n}位老人测量血压、血糖，提供健康咨询。",
    "programme": "志愿者们与{named}{n}位老人结对，定期上门开展帮扶。",
}
MEANT = {
    "clinic": "把健康服务送到了老人家门口，增强了老人们的健康意识",
    "programme": "让结对老人的困难有人管、冷暖有人问",
}
MEANT_DEFAULT = "弘扬了尊老、敬老、爱老、助老的中华民族传统美德"


def draft_report(project: Project, activity: Activity, today: dt.date | None = None) -> str:
    """The draft as text; refused for an activity that has not happened yet (the report is in past tense)."""
    public = public_activity(activity)
    published = today or dt.date.today()
    last = public.end_day or public.day
    if last > published:
        raise UserError(f"活动“{public.title}”在{cn_date(public.day)}举行，还没有开展（今天是{cn_date(published)}）。"
                        f"新闻稿写的是已经开展的活动，请在活动结束后再运行 huodong report {public.id}")
    front = {
        "title": public.report.title if public.report else public.title,
        "date": published,
        "category": public.report.category if public.report else public.kind_label,
        "activity": public.id,
        "summary": f"{_when(public)}，{public.organiser}开展{_named(public)}。",
    }
    lines = ["---", *(f"{key}: {_yaml(value)}" for key, value in front.items()), "---", "", ""]
    paragraphs = [_opening(public), _what_was_done(public), _served(public), _closing(public)]
    return "\n".join(lines) + "\n\n".join(p for p in paragraphs if p) + "\n"


def save_report(project: Project, activity: Activity, today: dt.date | None = None) -> Path:
    """Write the draft to content/news/<today>-<id>.md (-2, -3… when taken; never overwriting); its path."""
    text = draft_report(project, activity, today)
    folder = Path(project.root) / "content" / "news"
    base = f"{(today or dt.date.today()).isoformat()}-{activity.id}"
    for n in range(1, 1000):
        path = folder / (f"{base}.md" if n == 1 else f"{base}-{n}.md")
        try:
            create_new(path, text)
            return path
        except FileExistsError:
            continue
    raise UserError(f"content/news/ 下 {base}*.md 已经太多了，请先整理一下")


def _yaml(value: object) -> str:
    """A front-matter value: dates bare, text as a JSON string (which YAML reads)."""
    return value.isoformat() if isinstance(value, dt.date) else json.dumps(value, ensure_ascii=False)


def _named(a: PublicActivity) -> str:
    """“…”志愿服务活动, unless the title already says what it is."""
    return f"“{a.title}”" + ("" if a.title.endswith(NAMED_ALREADY) else "志愿服务活动")


def _when(a: PublicActivity) -> str:
    """2026年10月18日下午"""
    return cn_date(a.day) + half_day(a.start)


def _opening(a: PublicActivity) -> str:
    why = f"{a.festival}来临之际，" if a.festival else ""
    reason = next((p.rstrip("。；;") for p in a.purpose if p.startswith(OPENERS + VERBS)), None)
    if reason:
        why += (reason if reason.startswith(OPENERS) else f"为{reason}") + "，"
    who = a.organiser + (f"联合{'、'.join(a.co_organisers)}" if a.co_organisers else "")
    people = "、".join(f"{p.group}{p.count}名" if p.count else p.group for p in a.participants)
    joined = f"，{people}参加了活动" if people else ""
    return f"{why}{_when(a)}，{who}在{a.location}开展了{_named(a)}{joined}。"


def _what_was_done(a: PublicActivity) -> str:
    if not a.tracks:
        return ""
    parts = []
    for track in a.tracks:
        done = "；".join(item.item.rstrip("。；;") for item in track.items)
        parts.append(f"{track.name}：{done}" if track.name else done)
    return "活动中，" + "。".join(parts) + "。"


def _served(a: PublicActivity) -> str:
    if a.report and a.report.served:
        volunteers = f"{a.report.volunteers}名志愿者" if a.report.volunteers else "志愿者们"
        return f"本次活动{volunteers}共服务老人{a.report.served}人次。"
    if a.beneficiary_count:
        named = "、".join(a.beneficiary_names[:3]) + ("等" if a.beneficiary_count > 3 else "")
        served = SERVED[a.kind]
        return served.format(named=named, n=a.beneficiary_count)
    return ""


def _closing(a: PublicActivity) -> str:
    theme = f"以“{a.theme}”为主题，" if a.theme else ""
    return (f"此次活动{theme}{MEANT.get(a.kind, MEANT_DEFAULT)}，让老人们感受到了社会的关爱和温暖。"
            f"今后，{a.organiser}将继续开展形式多样的志愿服务活动，让老人们老有所养、老有所依、老有所乐。")
