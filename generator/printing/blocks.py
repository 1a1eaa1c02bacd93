"""The pieces a plan is made of, shared by the PDF template and the Word writer.

A plan is a flat list of blocks; each block says what it is (``kind``) and
carries ready-made text, so the template and ``word.py`` only lay them out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..fonts import SERIF
from .fontcache import families


@dataclass(frozen=True)
class Heading:
    """A heading on a line of its own: level 1 一、 (黑体) or level 2 （一） (楷体)."""

    level: int
    number: str
    text: str
    kind: str = "heading"


@dataclass(frozen=True)
class Para:
    """A body paragraph, optionally opened by a number and a run-in lead (（一）党政办：…)."""

    text: str
    number: str = ""
    lead: str = ""
    level: int = 0
    kind: str = "para"


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[int, ...]                  # percent of the text block
    numeric: frozenset[int] = frozenset()    # columns set flush right
    foot: tuple[str, ...] | None = None      # a totals row
    nowrap: frozenset[int] = frozenset()     # columns whose cells never break (times, names, places)
    kind: str = "table"


SHORT_CELL = 8   # cells up to this many em (刘老师, 活动室, 08:30—11:30) stay on one line


def text_width(text: str) -> float:
    """Width in em: a Chinese character (and the dash of a time range) is one, a digit or Latin letter about half."""
    return sum(1 if ord(char) > 0x2E7F or char in "—…" else 0.55 for char in text)


def content_widths(columns: tuple[str, ...], rows: tuple[tuple[str, ...], ...],
                   line: float = 34) -> tuple[tuple[int, ...], frozenset[int]]:
    """Column widths in percent from their content, and the columns set unbroken.

    A column of short cells gets its longest cell's width (it never wraps); the
    long-text columns share what is left in proportion to their text. ``line``
    is how many em of table text fit the block's width (12 pt in 156 mm ≈ 34).
    """
    cells = [[columns[c], *(row[c] for row in rows)] for c in range(len(columns))]
    longest = [max(text_width(t) for t in column) + 1.2 for column in cells]   # + the cell's padding
    short = frozenset(c for c, column in enumerate(cells)
                      if max(text_width(t) for t in column[1:] or [""]) <= SHORT_CELL)
    fixed = sum(longest[c] for c in short)
    if fixed >= line or len(short) == len(columns):
        total = sum(longest)
        return tuple(round(100 * w / total) for w in longest), short
    rest = [c for c in range(len(columns)) if c not in short]
    weights = {c: min(longest[c], line * 0.6) for c in rest}   # a long cell wraps; no column starves
    room = line - fixed
    widths = [100 * longest[c] / line if c in short else 100 * room / line * weights[c] / sum(weights.values())
              for c in range(len(columns))]
    return tuple(round(w) for w in widths), short


@dataclass(frozen=True)
class Bar:
    label: str
    dates: str
    x: float
    width: float
    y: float
    dates_x: float        # where the dates are written: after, inside or before the bar
    dates_anchor: str     # SVG text-anchor: "start" or "end"
    dates_inside: bool


@dataclass(frozen=True)
class Tick:
    label: str
    x: float


@dataclass(frozen=True)
class Timeline:
    """A Gantt-like chart of the phases, geometry in millimetres."""

    width: float
    height: float
    label_width: float
    row_height: float
    bars: tuple[Bar, ...]
    ticks: tuple[Tick, ...] = field(default_factory=tuple)
    # unquoted: WeasyPrint hands an SVG's font-family to Pango as it is; our subsets first, as print.css's --serif
    fonts: str = ",".join((*families("huodong-serif"), *SERIF))
    kind: str = "timeline"


Block = Heading | Para | Table | Timeline
