"""Jinja2 environments: a project's own templates/ overrides the defaults file by file.

Autoescape is on and undefined variables fail loudly, so no user text is ever
live HTML and a misspelt variable never prints blank.
"""

from __future__ import annotations

from pathlib import Path

import jinja2

from .content import dates
from .engine.cache import CACHE_DIR

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


def bytecode_cache(root: Path | None) -> jinja2.BytecodeCache | None:
    """Compiled templates kept in .huodong-cache/jinja/ between builds (compiling is a third of a small rebuild).

    Jinja keys each entry by template name and source checksum and writes it
    atomically, so an edited template is never served from a stale entry.
    """
    if root is None:
        return None
    folder = Path(root) / CACHE_DIR / "jinja"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None  # a read-only project still builds, only without the cache
    return jinja2.FileSystemBytecodeCache(str(folder))


def make_env(root: Path | None, part: str) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in template_dirs(root, part)]),
        bytecode_cache=bytecode_cache(root),
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
