"""Which printable documents an activity yields, and why some are skipped.

Every document kind is declared once in ``KINDS``: its Chinese name, where it
is written under ``plans/``, its format, the template it is drawn from, and
the rule that says whether the activity has anything to put in it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..content.models import Activity


@dataclass(frozen=True)
class Kind:
    name: str            # what --only accepts
    label: str           # what the user reads
    filename: str        # path under plans/<id>/
    format: str          # "pdf" or "docx"
    template: str | None  # print template it is drawn from (None: built in code)
    missing: Callable[[Activity], str | None]  # why there is nothing to print, or None
    cost: float = 1.0    # render time relative to a one-page form (measured on the demo): longest start first
    stylesheets: tuple[str, ...] = ()  # print stylesheets loaded after print.css for this kind only


def _always(activity: Activity) -> str | None:
    return None


def _no_schedule(activity: Activity) -> str | None:
    return None if activity.tracks else "没有填写活动流程（schedule）"


def _no_signup(activity: Activity) -> str | None:
    return None if activity.signup else "没有填写报名信息（signup）"


def _nothing_to_check(activity: Activity) -> str | None:
    if activity.supplies or activity.checklist or activity.requirements or activity.safety:
        return None
    return "没有物资、现场清单、注意事项或安全预案"


def _no_beneficiaries(activity: Activity) -> str | None:
    return None if activity.beneficiaries else "没有慰问对象（beneficiaries）"


BLANK_ROWS = "blank-rows.css"  # the sheets' blank rows (_macros.html: blank_rows)
KINDS: tuple[Kind, ...] = (
    Kind("plan", "活动方案", "plan.pdf", "pdf", "plan.html", _always, cost=4),
    Kind("docx", "活动方案（Word）", "plan.docx", "docx", None, _always, cost=0.6),
    Kind("schedule", "活动流程表", "schedule.pdf", "pdf", "schedule.html", _no_schedule),
    Kind("signup", "报名表", "signup.pdf", "pdf", "signup.html", _no_signup, cost=1.8, stylesheets=(BLANK_ROWS,)),
    Kind("signup-fillable", "报名表（可填写）", "signup-fillable.pdf", "pdf", "signup.html", _no_signup, cost=1.9,
         stylesheets=(BLANK_ROWS,)),
    Kind("signin", "签到表", "signin.pdf", "pdf", "signin.html", _always, cost=2.4, stylesheets=(BLANK_ROWS,)),
    Kind("checklist", "现场清单", "checklist.pdf", "pdf", "checklist.html", _nothing_to_check),
    Kind("assignments", "慰问对象分组表", "internal/assignments.pdf", "pdf", "assignments.html",
         _no_beneficiaries),
)
BY_NAME: dict[str, Kind] = {kind.name: kind for kind in KINDS}
ALIASES = {"plan.docx": "docx", "word": "docx", "fillable": "signup-fillable"}
# --only in the organiser's words: each label, and the short names people say
CHINESE_NAMES: dict[str, str] = {
    **{kind.label: kind.name for kind in KINDS},
    "方案": "plan", "word": "docx", "方案word": "docx", "流程表": "schedule", "流程": "schedule",
    "可填写报名表": "signup-fillable", "签到": "signin", "清单": "checklist", "分组表": "assignments",
}


@dataclass(frozen=True)
class Document:
    """One file to print: ``plans/<path>``."""

    activity_id: str
    kind: str
    path: str    # relative to plans/, always with forward slashes
    format: str

    @property
    def label(self) -> str:
        return BY_NAME[self.kind].label


@dataclass(frozen=True)
class Skipped:
    activity_id: str
    kind: str
    reason: str

    @property
    def label(self) -> str:
        return BY_NAME[self.kind].label


def kind_name(text: str) -> str | None:
    """The kind a --only value means, or None when it names none."""
    text = text.strip().lower()
    text = ALIASES.get(text, text)
    return text if text in BY_NAME else None


def documents_for(activity: Activity, only: frozenset[str] | None = None) -> list[Document]:
    return [
        Document(activity.id, kind.name, f"{activity.id}/{kind.filename}", kind.format)
        for kind in _selected(only)
        if kind.missing(activity) is None
    ]


def skipped_for(activity: Activity, only: frozenset[str] | None = None) -> list[Skipped]:
    return [
        Skipped(activity.id, kind.name, reason)
        for kind in _selected(only)
        if (reason := kind.missing(activity)) is not None
    ]


def _selected(only: frozenset[str] | None) -> tuple[Kind, ...]:
    return KINDS if only is None else tuple(kind for kind in KINDS if kind.name in only)
