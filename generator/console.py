"""What the user sees in the terminal: one console, Chinese messages, progress bars."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import TYPE_CHECKING, Iterator

from rich.console import Console

from .content.errors import Problem

if TYPE_CHECKING:
    from rich.progress import Progress

out = Console(highlight=False, soft_wrap=True, emoji=False)  # ":100:" in "x.yaml:100:1" is a location, not 💯
err = Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)


def report_problems(problems: list[Problem]) -> None:
    for problem in problems:
        style = "red" if problem.is_error else "yellow"
        err.print(str(problem), style=style, markup=False, emoji=False)
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    if errors or warnings:
        err.print(f"共 {errors} 个错误，{warnings} 个警告。", style="bold red" if errors else "yellow")


@contextmanager
def progress(total: int, label: str) -> Iterator["Tick"]:
    """A progress bar of documents done and left; nothing at all when not a terminal (rich 13.7 still
    wrote a line break for a disabled bar)."""
    if not sys.stderr.isatty():
        yield _silent
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn  # not for check

    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("剩余"),
        TimeRemainingColumn(),
        console=err,
        transient=True,
    )
    with bar:
        task = bar.add_task(label, total=total)
        yield Tick(bar, task)


def _silent(advance: int = 1) -> None:
    """The tick of a progress bar that is not drawn."""


class Tick:
    def __init__(self, bar: Progress, task) -> None:
        self.bar, self.task = bar, task

    def __call__(self, advance: int = 1) -> None:
        self.bar.advance(self.task, advance)
