"""Service hours: each service a volunteer gave, and the totals per volunteer and per unit.

A service record follows 民政部令第67号: the person, the date, the place, the
content and the hours. Hours come from an activity's attendance (defaulting to
the activity's length) and from home visits whose hours were written down.
All arithmetic is Decimal, so 2.5 + 1.25 is exactly 3.75.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from ..content.models import Activity
from ..content.project import Project
from .load import Records
from .models import Volunteer

NO_UNIT = "（未填单位）"
VISIT_CONTENT = "结对帮扶入户走访"


@dataclass(frozen=True)
class Service:
    volunteer: str
    day: dt.date
    hours: Decimal
    content: str  # 服务内容: the activity's title, or 结对帮扶入户走访
    place: str
    start: dt.time | None = None
    end: dt.time | None = None
    activity: str | None = None


@dataclass(frozen=True)
class Total:
    volunteer: Volunteer
    hours: Decimal
    services: int


@dataclass(frozen=True)
class UnitTotal:
    unit: str
    hours: Decimal
    volunteers: int


@dataclass(frozen=True)
class Candidate:
    title: str
    volunteer: Volunteer
    hours: Decimal
    min_hours: Decimal


def activity_hours(activity: Activity) -> Decimal | None:
    """The length of an activity in hours, from its time range (14:00-16:30 → 2.5)."""
    if activity.time is None or activity.time.end is None:
        return None
    start, end = activity.time.start, activity.time.end
    minutes = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
    return (Decimal(minutes) / 60).quantize(Decimal("0.01")).normalize()


def services(project: Project, records: Records, year: int | None = None) -> list[Service]:
    """Every service of a known volunteer, by date; only ``year`` when given."""
    found = [*_attendance(project, records), *_visits(records)]
    if year is not None:
        found = [s for s in found if s.day.year == year]
    return sorted(found, key=lambda s: (s.day, s.start or dt.time(0), s.content, s.volunteer))


def _attendance(project: Project, records: Records):
    for activity in project.activities:
        if activity.example:  # `huodong init`'s example: no hours, no certificates until it is made real
            continue
        length = activity_hours(activity)
        for entry in activity.attendance:
            hours = entry.hours if entry.hours is not None else length
            person = records.volunteer_id(entry.volunteer)  # an id, or a name only one volunteer has
            if person is not None and hours is not None:
                yield Service(person, activity.day, hours, activity.title, activity.location,
                              activity.time.start if activity.time else None,
                              activity.time.end if activity.time else None, activity.id)


def _visits(records: Records):
    for elder in records.elders:
        for visit in elder.visits:
            if visit.hours is None:
                continue
            for person in visit.volunteers:
                if person in records.volunteers:
                    yield Service(person, visit.date, visit.hours, VISIT_CONTENT, elder.community or "—")


def totals(records: Records, done: list[Service]) -> list[Total]:
    """Hours per volunteer, most first; volunteers without service are left out."""
    hours: dict[str, Decimal] = defaultdict(Decimal)
    count: dict[str, int] = defaultdict(int)
    for service in done:
        hours[service.volunteer] += service.hours
        count[service.volunteer] += 1
    rows = [Total(records.volunteers[v], hours[v], count[v]) for v in hours]
    return sorted(rows, key=lambda t: (-t.hours, t.volunteer.id))


def unit_totals(rows: list[Total]) -> list[UnitTotal]:
    hours: dict[str, Decimal] = defaultdict(Decimal)
    people: dict[str, int] = defaultdict(int)
    for row in rows:
        unit = row.volunteer.unit or NO_UNIT
        hours[unit] += row.hours
        people[unit] += 1
    return sorted((UnitTotal(u, hours[u], people[u]) for u in hours), key=lambda u: (-u.hours, u.unit))


def candidates(records: Records, rows: list[Total]) -> list[Candidate]:
    """Volunteers whose hours in the year meet a rule in records.yaml (建议表彰)."""
    found = []
    for rule in records.settings.candidates:
        found += [Candidate(rule.title, row.volunteer, row.hours, rule.min_hours)
                  for row in rows if row.hours >= rule.min_hours]
    return found


def format_hours(hours: Decimal) -> str:
    """2.50 → 2.5, 3.00 → 3: how hours are written on a certificate."""
    return f"{hours.normalize():f}"
