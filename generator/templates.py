"""Jinja2 environments: a project's own templates/ overrides the defaults file by file.

Autoescape is on and undefined variables fail loudly, so no user text is ever
live HTML and a misspelt variable never prints blank.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from .content import dates

DEFAULTS = Path(__file__).resolve().parent.parent / "templates"


def template_dirs(root: Path | None, part: str) -> list[Path]:
    """Where templates for ``part`` ("print" or "site") are looked up, in order."""
    dirs = []
    if root is not None and (Path(root) / "templates" / part).is_dir():
        own = (Path(root) / "templates" / part).resolve()
        if own != (DEFAULTS / part).resolve():
            dirs.append(own)
    dirs.append(DEFAULTS / part)
    return dirs


def make_env(root: Path | None, part: str) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in template_dirs(root, part)]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        cn_date=dates.cn_date,
        cn_date_weekday=dates.cn_date_weekday,
        cn_month_day=dates.cn_month_day,
    )
    return env
