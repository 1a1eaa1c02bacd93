"""The pieces a plan is made of, shared by the PDF template and the Word writer.

A plan is a flat list of blocks; each block says what it is (``kind``) and
carries ready-made text, so the template and ``word.py`` only lay them out.
"""

from __future__ import annotations

from dataclasses import dataclass, field


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
    kind: str = "table"


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
    fonts: str = "FangSong, 仿宋, FangSong_GB2312, 'Noto Serif CJK SC', 'Source Han Serif SC', SimSun, 宋体, serif"
    kind: str = "timeline"


Block = Heading | Para | Table | Timeline
