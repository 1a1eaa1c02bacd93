"""Where the project is: light to import, so the CLI knows the folder before it loads the heavy parts."""

from __future__ import annotations

from pathlib import Path


def find_root(start: Path | None = None) -> Path:
    """The project folder: the nearest folder upwards that has content/."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "content").is_dir():
            return folder
    return here
