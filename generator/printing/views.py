"""Ready-made values for the print templates: one function per document kind.

Templates only lay these out; every date, number, row and total is decided
here (the plan's content lives in ``plan.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import accumulate
from typing import Any
from urllib.parse import quote

import segno
from markupsafe import Markup

from ..content.dates import cn_date
from ..content.models import Activity, SiteConfig
from ..content.project import Project, media_path
from ..numbering import number
from . import text as tx
from .blocks import Table
from .plan import plan_view, schedule_table, when

QR_SIZE_MM = 26
DEFAULT_ROWS = 20       # a sign-in sheet when neither capacity nor participant counts are known
SIDE_BY_SIDE_ROWS = 14  # two tracks fit side by side on a landscape page up to this many items each
HALF_RULE_PX = 0.4      # half a 0.6 pt table border in SVG user units (CSS px of 0.75 pt)


@dataclass(frozen=True)
class Header:
    """The top of every form: who, what, when, where."""

    organisation: str
    logo: str | None          # file URL under content/media/, or None
    activity: str
    document: str
    facts: tuple[tuple[str, str], ...]


def header(project: Project, activity: Activity, document: str, *extra: tuple[str, str]) -> Header:
    logo = media_path(project.root, project.site.logo)
    facts = (("时间", when(activity)), ("地点", tx.tidy(activity.location)), *extra)
    return Header(
        organisation=tx.tidy(project.site.name),
        logo=logo.as_uri() if logo else None,
        activity=tx.tidy(activity.title),
        document=document,
        facts=tuple((label, value) for label, value in facts if value),
    )


def view_for(kind: str, project: Project, activity: Activity) -> dict[str, Any]:
    """The template context of one document kind."""
    builders = {
        "plan": lambda: {"plan": plan_view(activity), "attachments": (), "tight": False,
                         "banji_page": False, "notice_only": False},
        "schedule": lambda: schedule_view(project, activity),
        "signup": lambda: signup_view(project, activity, fillable=False),
        "signup-fillable": lambda: signup_view(project, activity, fillable=True),
        "signin": lambda: signin_view(project, activity),
        "checklist": lambda: checklist_view(project, activity),
        "assignments": lambda: assignments_view(project, activity),
    }
    return builders[kind]()


# ---- 活动流程表 --------------------------------------------------------------------

def schedule_view(project: Project, activity: Activity) -> dict[str, Any]:
    tracks = [(tx.tidy(t.name), schedule_table(t)) for t in activity.tracks]
    side_by_side = len(tracks) == 2 and all(len(t.rows) <= SIDE_BY_SIDE_ROWS for _, t in tracks)
    return {
        "header": header(project, activity, "活动流程表", ("联系人", tx.tidy(activity.contact))),
        "tracks": tracks,
        "side_by_side": side_by_side,
    }


# ---- 报名表 ------------------------------------------------------------------------

def signup_view(project: Project, activity: Activity, fillable: bool) -> dict[str, Any]:
    signup = activity.signup
    assert signup is not None, "the catalogue prints sign-up sheets only for activities with signup"
    fields = tuple(tx.tidy(f) for f in signup.fields)
    widths = _form_widths(len(fields))
    target, caption = qr_target(activity, project.site)  # no url: `check` says so once (content/project.py)
    return {
        "header": header(project, activity, "报名表" if not fillable else "报名表（可填写）",
                         ("名额", f"{signup.capacity}人"),
                         ("报名截止", cn_date(signup.deadline)),
                         ("报名联系人", tx.tidy(signup.contact))),
        "columns": ("序号", *fields),
        "widths": widths,
        "rows": tuple(range(1, signup.capacity + 1)),
        "field_names": tuple(f"f{i}" for i in range(1, len(fields) + 1)),  # its form fields' (printing/fillable.py)
        # a project's copy of signup.html made before the fields were added over the rows draws <input>s when
        # this is true; false, it draws blank rows, which get the fields as ours do
        "fillable": False,
        "grid_style": grid_style(widths),
        "qr": qr_svg(target) if target else None,
        "qr_caption": caption,
    }


def qr_target(activity: Activity, site: SiteConfig) -> tuple[str | None, str]:
    """Where the sign-up QR code leads, and the words printed under it."""
    if activity.signup and activity.signup.form_url:
        return activity.signup.form_url, "扫码在线报名"
    if site.url:
        return f"{site.url}activities/{activity.id}.html", "扫码查看活动详情"  # the site has use_directory_urls: false
    return None, ""


def qr_svg(url: str) -> Markup:
    """An inline SVG QR code about 26 mm wide, whatever the length of the link."""
    code = segno.make(url, error="m")
    modules = code.symbol_size(scale=1, border=0)[0]
    return Markup(code.svg_inline(scale=round(QR_SIZE_MM / (modules + 4), 3), unit="mm", border=2))


def _form_widths(n_fields: int) -> tuple[float, ...]:
    """序号 narrow, the fields share the rest: 100 in all, so the columns stand where ``grid_style`` draws their rules."""
    share = round(92 / max(n_fields, 1), 3)
    return (8, *(share,) * n_fields)


def grid_style(widths: tuple[float, ...]) -> str:
    """The style of the box that holds a form's blank rows (_macros.html: blank_rows; blank-rows.css: ``.rows .lines``).

    Its background is an SVG with a vertical line at each column edge, 0.6 pt wide as the table's borders. The
    box reaches 0.3 pt beyond the columns on either side (half the outer border), so a line at the fraction
    ``f`` of the columns stands at ``f`` of the box shifted by 0.3 pt × (1 − 2f): exact whatever the page width.
    Each row's number is centred in the first column by padding the rest of the row (``--beside-number``).
    """
    total = sum(widths)
    edges = [edge / total for edge in (0, *accumulate(widths))]
    lines = "".join(f'<line x1="{100 * f:.4f}%" x2="{100 * f:.4f}%" y1="0" y2="100%" '
                    f'transform="translate({HALF_RULE_PX * (1 - 2 * f):.4f})"/>' for f in edges)
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" stroke="#000" stroke-width="0.6pt">{lines}</svg>'
    return f"background-image: url(data:image/svg+xml,{quote(svg)}); --beside-number: {100 * (1 - edges[1]):.4f}%"


# ---- 签到表 ------------------------------------------------------------------------

SIGNIN_COLUMNS = ("序号", "姓名", "单位（班级）", "联系电话", "签到时间", "本人签名")
SIGNIN_WIDTHS = (8, 16, 22, 20, 14, 20)


def signin_rows(activity: Activity) -> int:
    if activity.signup:
        return activity.signup.capacity
    return activity.volunteer_count or DEFAULT_ROWS


def signin_view(project: Project, activity: Activity) -> dict[str, Any]:
    rows = signin_rows(activity)
    return {
        "header": header(project, activity, "签到表", ("应到", f"{rows}人")),
        "columns": SIGNIN_COLUMNS,
        "widths": SIGNIN_WIDTHS,
        "grid_style": grid_style(SIGNIN_WIDTHS),
        "rows": tuple(range(1, rows + 1)),
    }


# ---- 现场清单 ----------------------------------------------------------------------

def supply_line(supply) -> str:
    """血压计　2台; with no quantity written, the item alone (the count is filled in by hand)."""
    count = tx.quantity(supply.qty) + tx.tidy(supply.unit) if supply.qty is not None else ""
    return "　".join(filter(None, (tx.tidy(supply.item), count)))


def checklist_view(project: Project, activity: Activity) -> dict[str, Any]:
    supplies = [supply_line(s) for s in activity.supplies]
    parts = [
        ("物资", supplies),
        ("现场清单", [tx.tidy(c) for c in activity.checklist]),
        ("注意事项", [tx.tidy(r) for r in activity.requirements]),
        ("安全预案", [tx.tidy(s) for s in activity.safety]),
    ]
    sections = [(f"{number(1, i)}{title}", items) for i, (title, items) in
                enumerate([p for p in parts if p[1]], 1)]
    expected = activity.volunteer_count
    return {
        "header": header(project, activity, "现场清单", ("参与人数", f"{expected}人" if expected else "")),
        "sections": sections,
        "count_title": f"{number(1, len(sections) + 1)}人数清点",
        "expected": str(expected) if expected else "",
        "groups": [(tx.tidy(g.name), tx.tidy(g.leader), len(g.members) + bool(g.leader))
                   for g in activity.groups],
    }


# ---- 慰问对象分组表（内部）--------------------------------------------------------

def assignments_view(project: Project, activity: Activity) -> dict[str, Any]:
    leaders = {g.name: tx.tidy(g.leader) for g in activity.groups}
    order = {g.name: i for i, g in enumerate(activity.groups)}
    people = sorted(activity.beneficiaries, key=lambda b: (order.get(b.group or "", len(order)), b.group or ""))
    rows = tuple(
        (str(i), tx.tidy(b.name), tx.tidy(b.address), tx.tidy(b.phone), tx.tidy(b.group),
         leaders.get(b.group or "", ""), "、".join(tx.tidy(n) for n in b.needs), b.risk or "", tx.prose(b.notes))
        for i, b in enumerate(people, 1)
    )
    table = Table(("序号", "姓名", "住址", "电话", "小组", "组长", "需求", "风险", "备注"), rows,
                  (5, 7, 17, 10, 10, 10, 12, 5, 24))
    return {
        "header": header(project, activity, "慰问对象分组表",
                         ("对象", f"{len(rows)}人"), ("小组", f"{len(activity.groups)}个" if activity.groups else "")),
        "table": table,
    }
