"""One build at a time in a project: a second `huodong build` (or `print`) waits for the first.

The lock is an advisory file lock (flock) on .huodong-cache/build.lock, held
for the whole build. The kernel drops it when the holder dies, so a killed
build never leaves the project locked. Where file locks are unavailable
(Windows) or the project is read-only, builds are not serialised.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from .cache import CACHE_DIR

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

LOCK_NAME = "build.lock"


@contextmanager
def project_lock(root: Path, waiting: Callable[[str], None]) -> Iterator[None]:
    """Hold the project's build lock; ``waiting`` is told (with the holder's pid) when another build has it."""
    path = Path(root) / CACHE_DIR / LOCK_NAME
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(path, "a+", encoding="utf-8")
    except OSError:
        yield  # read-only project: writing outputs will fail and say so
        return
    with handle:
        if fcntl is not None:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.seek(0)
                waiting(handle.read().strip())
                fcntl.flock(handle, fcntl.LOCK_EX)
            handle.seek(0)
            handle.truncate()
            handle.write(str(os.getpid()))
            handle.flush()
        yield
