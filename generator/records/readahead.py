"""Reading the roster spreadsheet in a thread while `check` starts up.

python-calamine parses a sheet without holding the GIL (and zlib inflates without it), so a thread that
reads content/people/volunteers.xlsx runs beside the imports, the project's loading and the activities'
validation: a roster of 100,000 rows is then read in about the time those take anyway.

``read_ahead`` starts the thread and, when its block ends, waits for it: no thread outlives the command.
``sheets.read_sheet`` asks ``take`` for the rows; it gets them only for the same file, unchanged since
(device, inode, size and modification time), read for the same shown name. What it gets is what the
direct read gives: the rows and warnings, or the very exception (a SheetError with its located message).
Nothing is kept across runs. Imports only the standard library at the top: the CLI starts the thread
before it imports the rest.
"""

from __future__ import annotations

import os
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

SOURCES = ("volunteers.yaml", "volunteers.yml", "volunteers.xlsx", "volunteers.csv")


def roster_path(people: Path) -> Path | None:
    """The roster file in content/people: the first of SOURCES that exists."""
    found = [people / name for name in SOURCES if (people / name).exists()]
    return found[0] if found else None


class _Read:
    """One sheet read in a thread: ``_xlsx_rows``'s result, or what it raised."""

    def __init__(self, path: Path, shown: str, stamp: tuple[int, ...]):
        self.path, self.shown, self.stamp = path, shown, stamp
        self.result: Any = None
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="huodong-roster-read-ahead", daemon=True)

    def _run(self) -> None:
        try:
            from .sheets import _xlsx_rows

            self.result = _xlsx_rows(self.path, self.shown)
        except BaseException as error:  # given to the reader as the direct read would raise it
            self.error = error


_pending: _Read | None = None


def _stamp(path: Path) -> tuple[int, ...] | None:
    try:
        status = os.stat(path)
    except (OSError, ValueError):
        return None
    return status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns


@contextmanager
def read_ahead(root: Path | None) -> Iterator[None]:
    """Within the block, the project's volunteers.xlsx (if that is its roster) is being read in a thread.

    ``root`` None: nothing is read ahead. The block's end waits for the thread, taken or not.
    """
    global _pending
    started = _start(root) if root is not None and _pending is None else None
    try:
        yield
    finally:
        if started is not None:
            started.thread.join()
            if _pending is started:
                _pending = None


def _start(root: Path) -> _Read | None:
    global _pending
    from ..content.errors import display_path  # light: dataclasses and pathlib

    try:
        path = roster_path(root / "content" / "people")
    except (OSError, ValueError):  # an unreadable folder: the direct read reports it where it always did
        return None
    stamp = _stamp(path) if path is not None and path.suffix.lower() == ".xlsx" else None
    if path is None or stamp is None:
        return None
    _pending = _Read(path, display_path(path, root), stamp)
    _pending.thread.start()
    return _pending


def take(path: Path, shown: str) -> Any:
    """The read-ahead rows of ``path`` as ``_xlsx_rows(path, shown)`` gives them (raising what it raises),
    or None when this file was not read ahead (or has changed since)."""
    global _pending
    read = _pending
    if read is None or read.shown != shown or read.stamp != _stamp(path):
        return None
    _pending = None
    read.thread.join()
    (result, read.result), (error, read.error) = (read.result, None), (read.error, None)  # held by the caller alone
    if error is not None:
        raise error
    return result
