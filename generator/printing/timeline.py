"""The 实施步骤 chart: phases as bars along a calendar, laid out in millimetres."""

from __future__ import annotations

import datetime as dt

from ..content.dates import cn_month_day
from ..content.models import Phase
from .blocks import Bar, Tick, Timeline

WIDTH = 156.0        # the text block of a GB/T 9704 page
LABEL_WIDTH = 40.0
ROW_HEIGHT = 9.0
AXIS_HEIGHT = 8.0
DATE_CHAR_MM = 2.4   # rough width of one character of the 3-unit date labels


def timeline(phases: list[Phase]) -> Timeline | None:
    """Bars for the phases; None when there are none to draw."""
    if not phases:
        return None
    first = min(p.start for p in phases)
    last = max(p.end for p in phases) + dt.timedelta(days=1)
    span = (last - first).days
    scale = (WIDTH - LABEL_WIDTH) / span

    def x(day: dt.date) -> float:
        return round(LABEL_WIDTH + (day - first).days * scale, 2)

    bars = tuple(
        _bar(phase, x(phase.start), max(round(((phase.end - phase.start).days + 1) * scale, 2), 1.5),
             AXIS_HEIGHT + i * ROW_HEIGHT)
        for i, phase in enumerate(phases)
    )
    ticks = tuple(Tick(label, x(day)) for day, label in _ticks(first, last))
    return Timeline(width=WIDTH, height=AXIS_HEIGHT + len(phases) * ROW_HEIGHT + 2,
                    label_width=LABEL_WIDTH, row_height=ROW_HEIGHT, bars=bars, ticks=ticks)


def _bar(phase: Phase, x: float, width: float, y: float) -> Bar:
    """A bar with its dates after it if there is room, else inside it, else before it."""
    dates = _dates(phase)
    room = len(dates) * DATE_CHAR_MM + 2
    if WIDTH - (x + width) >= room:
        place = (round(x + width + 1.2, 2), "start", False)
    elif width >= room:
        place = (round(x + width - 1.2, 2), "end", True)
    else:
        place = (round(x - 1.2, 2), "end", False)
    return Bar(phase.name, dates, x, width, y, *place)


def _dates(phase: Phase) -> str:
    if phase.start == phase.end:
        return cn_month_day(phase.start)
    return f"{cn_month_day(phase.start)}—{cn_month_day(phase.end)}"


def _ticks(first: dt.date, last: dt.date) -> list[tuple[dt.date, str]]:
    """Month starts for spans over two months (every month labelled), else weeks."""
    if (last - first).days > 62:
        months = [first] if first.day != 1 else []   # the first month is labelled where the chart starts
        day = first.replace(day=1)
        while day < last:
            if day >= first:
                months.append(day)
            day = (day + dt.timedelta(days=32)).replace(day=1)
        return [(d, f"{d.month}月") for d in months]
    days = [first + dt.timedelta(days=n) for n in range(0, (last - first).days, 7)]
    return [(d, cn_month_day(d)) for d in days]
