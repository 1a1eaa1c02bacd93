"""Visit cadence: who is overdue, who is due this month, whose birthday falls in it.

The rules come from the seeds' 红黄绿 three-colour management: 红 at least twice
a month, 黄 once a month, 绿 once a quarter (configurable in elders.yaml).
A period is a calendar month or quarter. An elder is "overdue" when the period
being planned is not yet covered and the period before it ended with fewer
visits than required; "due" when it is not yet covered; "done" when it is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..content.dates import DateProblem, lunar_label, lunar_to_solar
from .models import Cadence, Elder, LunarBirth

RISK_ORDER = {"红": 0, "黄": 1, "绿": 2}
OVERDUE, DUE, DONE = "逾期", "待走访", "已完成"


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date  # inclusive

    @property
    def label(self) -> str:
        if self.start.month == self.end.month:
            return f"{self.start.year}年{self.start.month}月"
        return f"{self.start.year}年第{(self.start.month - 1) // 3 + 1}季度"


@dataclass(frozen=True)
class VisitStatus:
    elder: Elder
    cadence: Cadence
    period: Period
    done: int
    status: str  # 逾期 / 待走访 / 已完成
    missed: str | None  # why it is overdue: 2026年10月只走访 1 次（应至少 2 次）; None unless overdue
    last_visit: dt.date | None

    @property
    def remaining(self) -> int:
        return max(self.cadence.times - self.done, 0)

    @property
    def rule(self) -> str:
        return f"每{'月' if self.cadence.per == 'month' else '季度'}至少 {self.cadence.times} 次"


@dataclass(frozen=True)
class Birthday:
    elder: Elder
    day: dt.date
    lunar: bool
    age: int | None

    @property
    def label(self) -> str:
        return f"{lunar_label(self.day)}（{self.day.month}月{self.day.day}日）" if self.lunar else f"{self.day.month}月{self.day.day}日"


def month_period(year: int, month: int) -> Period:
    start = dt.date(year, month, 1)
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return Period(start, following - dt.timedelta(days=1))


def period_of(day: dt.date, per: str) -> Period:
    if per == "month":
        return month_period(day.year, day.month)
    first = (day.month - 1) // 3 * 3 + 1
    return Period(dt.date(day.year, first, 1), month_period(day.year, first + 2).end)


def previous(period: Period, per: str) -> Period:
    return period_of(period.start - dt.timedelta(days=1), per)


def visit_status(elder: Elder, cadence: Cadence, year: int, month: int) -> VisitStatus:
    """Where one elder stands for the month being planned."""
    current = period_of(dt.date(year, month, 1), cadence.per)
    before = previous(current, cadence.per)
    done = _count(elder, current)
    done_before = _count(elder, before)
    started = elder.registered or min((v.date for v in elder.visits), default=None)
    missed = None
    if done < cadence.times and started is not None and started <= before.start and done_before < cadence.times:
        missed = f"{before.label}只走访 {done_before} 次（应至少 {cadence.times} 次）"
    status = DONE if done >= cadence.times else OVERDUE if missed else DUE
    last = max((v.date for v in elder.visits if v.date <= current.end), default=None)
    return VisitStatus(elder, cadence, current, done, status, missed, last)


def _count(elder: Elder, period: Period) -> int:
    return sum(period.start <= v.date <= period.end for v in elder.visits)


def plan(elders: list[Elder], cadence: dict[str, Cadence], year: int, month: int) -> list[VisitStatus]:
    """Every elder's status, overdue first, then due, then done; red before yellow before green."""
    order = {OVERDUE: 0, DUE: 1, DONE: 2}
    rows = [visit_status(e, cadence[e.risk], year, month) for e in elders]
    return sorted(rows, key=lambda s: (order[s.status], RISK_ORDER[s.elder.risk], s.elder.id))


def birthdays(elders: list[Elder], year: int, month: int) -> list[Birthday]:
    """Birthdays (solar or lunar) that fall in the given Gregorian month."""
    period = month_period(year, month)
    found = []
    for elder in elders:
        for day, lunar, born in _birthdays_near(elder, year):
            if period.start <= day <= period.end:
                found.append(Birthday(elder, day, lunar, day.year - born if born else None))
    return sorted(found, key=lambda b: (b.day, b.elder.id))


def _birthdays_near(elder: Elder, year: int):
    birth = elder.birth
    if birth is None:
        return
    if isinstance(birth, LunarBirth):
        # a lunar year starts in Jan/Feb, so a Gregorian month may hold the
        # birthday of the lunar year before (e.g. 腊月 in January)
        for lunar_year in (year - 1, year):
            try:
                yield lunar_to_solar(lunar_year, birth.lunar_month, birth.lunar_day, birth.leap), True, birth.year
            except DateProblem:
                continue
        return
    try:
        day = birth.replace(year=year)
    except ValueError:  # born on 29 February
        day = dt.date(year, 2, 28)
    yield day, False, birth.year
