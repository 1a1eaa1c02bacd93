"""What the website may show of the records: commendations, the honour roll, totals.

Volunteers appear by full name only when they consented (``publish_name``),
otherwise masked (张明 → 张某某); phones and ID numbers never. Nothing about an
elder leaves this module except counts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from ..content.project import Project
from ..privacy import PublicCommendation, Scrubber, mask_name, scrubber_for
from .hours import format_hours, services, totals
from .load import Records, load_records


@dataclass(frozen=True)
class HonourRow:
    name: str  # as the volunteer consented
    unit: str | None
    hours: str  # formatted, e.g. "12.5"
    services: int


@dataclass(frozen=True)
class PublicTotals:
    elders: int  # elders in the archive (服务老人)
    visits: int  # home visits logged
    hours: str  # volunteer service hours, formatted
    volunteers: int  # volunteers with at least one service


FAMILY = "家庭"


def public_name(records: Records, person: str) -> str:
    """A volunteer id or a name, as it may be published: 张明 (consented), 李某某, 何某某家庭."""
    volunteer = records.volunteers.get(person)
    if volunteer is not None and volunteer.publish_name:
        return volunteer.name
    name = records.name_of(person)
    if name.endswith(FAMILY) and len(name) > len(FAMILY):
        return mask_name(name.removesuffix(FAMILY)) + FAMILY
    return mask_name(name)


def public_commendations(project: Project, records: Records | None = None,
                         clean: Scrubber | None = None) -> list[PublicCommendation]:
    """content/commendations/*.yaml as the site shows them (units in full, people as consented); an
    elder's name or a phone typed into any of their text is masked."""
    records = records or load_records(project)
    clean = clean or scrubber_for([], records)
    return [
        PublicCommendation(
            title=clean(c.title),
            names=tuple(clean(public_name(records, p)) for p in c.people) + tuple(clean(u) for u in c.units),
            reason=clean(c.reason),
            date=c.date,
            activity_id=None,
            activity_title=None,
        )
        for c in records.commendations
    ]


def honour_roll(project: Project, year: int | None = None, records: Records | None = None) -> list[HonourRow]:
    """Volunteers by hours served (most first), names as consented."""
    records = records or load_records(project)
    rows = totals(records, services(project, records, year))
    return [HonourRow(public_name(records, r.volunteer.id), r.volunteer.unit, format_hours(r.hours), r.services)
            for r in rows]


def public_totals(project: Project, year: int | None = None, records: Records | None = None) -> PublicTotals:
    """Counts only: how many elders are served, visits made, hours given."""
    records = records or load_records(project)
    done = services(project, records, year)
    visits = [v for e in records.elders for v in e.visits if year is None or v.date.year == year]
    served = [e for e in records.elders if year is None or _served_in(e, year)]
    hours = sum((s.hours for s in done), Decimal(0))
    return PublicTotals(len(served), len(visits), format_hours(hours), len({s.volunteer for s in done}))


def _served_in(elder, year: int) -> bool:
    started = elder.registered or dt.date.min
    return started.year <= year
