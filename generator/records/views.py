"""Ready-made values for the records printables: certificates, visit plans, service cards, forms.

Templates in ``templates/print/records/`` only lay these out; every name,
date, number and row is decided here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from markupsafe import Markup

from ..content.dates import cn_date
from ..content.models import SiteConfig
from ..printing.views import qr_svg
from .cadence import Birthday, VisitStatus, birthdays, plan
from .hours import Service, format_hours
from .load import Records
from .models import NEEDS, RESIDENT_ID, Commendation, Elder, LunarBirth, Volunteer
from .verify import honour_numbers, issued_on, proof_number, short_address, stamp

CARD_ROWS = 16  # rows of the service card's log: the visits so far, then blank lines to fill in


@dataclass(frozen=True)
class ServiceLine:
    date: str
    content: str
    place: str
    hours: str


@dataclass(frozen=True)
class Verify:
    """How a certificate is checked: number, 核验码, and (with a site url) the page's address and QR code."""

    number: str
    code: str
    url: str | None
    address: str  # the url as printed, without https://
    qr: Markup | None


@dataclass(frozen=True)
class ServiceProof:
    """志愿服务记录证明 (民政部令第67号): who served, what, when, how long, who certifies it.

    A field not known is "" and prints as a blank line to fill in by hand.
    """

    number: str
    name: str
    gender: str
    id_type: str
    id_number: str
    national_id: str
    unit: str
    period: str  # 于2026年9月25日, or 于…至…期间
    total: str
    count: int
    lines: tuple[ServiceLine, ...]
    issuer: str
    handler: str
    phone: str
    issued: str
    verify: Verify
    honours: tuple[str, ...] = ()  # 表彰 on record (民政部令第67号 第七条): 2025年度“优秀志愿者”（竹志〔2025〕3号）


@dataclass(frozen=True)
class Honour:
    """荣誉证书 for one person or unit of a commendation."""

    number: str
    name: str
    title: str
    year: int
    reason: str
    issuer: str
    issued: str
    document: str
    verify: Verify


def verify_view(number: str, key: str | None, site: SiteConfig) -> Verify:
    """Without verify_salt (``key`` None) only the number is printed: no code, no page, no QR code."""
    if not key:
        return Verify(number, "", None, "", None)
    mark = stamp(number, key)
    url = mark.url(site.url)
    return Verify(number, mark.code, url, short_address(url) if url else "", qr_svg(url) if url else None)


def period(first: dt.date, last: dt.date) -> str:
    """One day: 于2026年9月25日; several: 于2025年10月29日至2026年3月12日期间."""
    return f"于{cn_date(first)}" if first == last else f"于{cn_date(first)}至{cn_date(last)}期间"


def service_proof(volunteer: Volunteer, done: list[Service], records: Records, today: dt.date,
                  key: str | None, site: SiteConfig) -> ServiceProof:
    """The proof of one volunteer's services (``done``: theirs, by date), issued ``today``."""
    lines = tuple(ServiceLine(cn_date(s.day), s.content, s.place, format_hours(s.hours)) for s in done)
    total = sum((s.hours for s in done), Decimal(0))
    number = proof_number(records, volunteer.id, done)
    settings = records.settings
    return ServiceProof(
        number=number, name=volunteer.name, gender=volunteer.gender or "",
        id_type=volunteer.id_type or (RESIDENT_ID if volunteer.id_number else ""),
        id_number=volunteer.id_number or "", national_id=volunteer.national_id or "",
        unit=volunteer.unit or "", period=period(done[0].day, done[-1].day),
        total=format_hours(total), count=len(done), lines=lines,
        issuer=records.issuer, handler=settings.handler or site.contact.name or "",
        phone=settings.phone or site.contact.phone or "", issued=cn_date(issued_on(records, today)),
        verify=verify_view(number, key, site),
        honours=tuple(f"{c.year}年度“{c.title}”" + (f"（{c.document}）" if c.document else "")
                      for c in records.commendations if volunteer.id in c.people),
    )


def honours(commendation: Commendation, records: Records, key: str | None, site: SiteConfig) -> list[Honour]:
    """One certificate per person and per unit; numbers get -01, -02 … when there are several."""
    names = [records.name_of(p) for p in commendation.people] + list(commendation.units)
    return [
        Honour(
            number=number, name=name, title=commendation.title, year=commendation.year,
            reason=commendation.reason or "", issuer=commendation.issuer or records.issuer,
            issued=cn_date(commendation.date), document=commendation.document or "",
            verify=verify_view(number, key, site),
        )
        for number, name in zip(honour_numbers(commendation, len(names)), names)
    ]


@dataclass(frozen=True)
class PlanRow:
    status: str
    risk: str
    name: str
    community: str
    address: str
    phone: str
    volunteers: str
    rule: str
    done: str
    note: str


def visit_plan(records: Records, year: int, month: int) -> dict:
    rows = [_plan_row(s, records) for s in plan(records.elders, records.cadence, year, month)]
    return {
        "title": f"{year}年{month}月走访计划表",
        "rows": rows,
        "birthdays": [_birthday(b) for b in birthdays(records.elders, year, month)],
        "counts": {status: sum(r.status == status for r in rows) for status in ("逾期", "待走访", "已完成")},
    }


def _plan_row(status: VisitStatus, records: Records) -> PlanRow:
    elder = status.elder
    note = status.missed or (f"还需 {status.remaining} 次" if status.remaining else "")
    return PlanRow(
        status=status.status, risk=elder.risk, name=elder.name, community=elder.community or "",
        address=elder.address or "", phone=elder.phone or "", volunteers=pairs(elder, records),
        rule=status.rule, done=f"{status.done} 次", note=note,
    )


def _birthday(found: Birthday) -> dict:
    age = f"{found.age} 岁" if found.age else ""
    return {"name": found.elder.name, "community": found.elder.community or "", "day": found.label, "age": age}


def pairs(elder: Elder, records: Records) -> str:
    return "、".join(records.name_of(v) for v in elder.volunteers)


def service_card(elder: Elder, records: Records) -> dict:
    """居家养老服务卡: the elder's basic facts, then the visit log with blank lines to fill in."""
    log = [
        {"date": cn_date(v.date), "volunteers": "、".join(records.name_of(p) for p in v.volunteers),
         "notes": v.notes or "", "hours": format_hours(v.hours) if v.hours else ""}
        for v in elder.visits
    ]
    blank = max(CARD_ROWS - len(log), 4)
    paired = [records.volunteers[v] for v in elder.volunteers if v in records.volunteers]
    return {
        "elder": elder,
        "birth": birth_text(elder),
        "needs": [(need, need in elder.needs) for need in NEEDS],
        "risk_rule": records.cadence[elder.risk],
        "paired": [{"name": v.name, "unit": v.unit or "", "phone": v.phone or ""} for v in paired],
        "log": log,
        "blank": range(blank),
    }


def birth_text(elder: Elder) -> str:
    birth = elder.birth
    if birth is None:
        return ""
    if isinstance(birth, LunarBirth):
        year = f"{birth.year}年 " if birth.year else ""
        leap = "闰" if birth.leap else ""
        return f"{year}农历{leap}{_lunar_month_day(birth)}"
    return cn_date(birth)


def _lunar_month_day(birth: LunarBirth) -> str:
    from lunar_python.util import LunarUtil

    return f"{LunarUtil.MONTH[birth.lunar_month]}月{LunarUtil.DAY[birth.lunar_day]}"


def blank_forms() -> dict:
    """What the blank forms fill in: the fixed list of needs."""
    return {"needs": NEEDS}

