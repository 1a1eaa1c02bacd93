"""Jinja2 environments: a project's own templates/ overrides the defaults file by file.

Autoescape is on and undefined variables fail loudly, so no user text is ever
live HTML and a misspelt variable never prints blank.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import jinja2

from .content import dates
from . import __version__
from .engine.cache import CACHE_DIR, digest

_PACKAGED = Path(__file__).resolve().parent / "templates"          # installed from a wheel
_CHECKOUT = Path(__file__).resolve().parent.parent / "templates"    # a source checkout (editable install)
DEFAULTS = _PACKAGED if _PACKAGED.is_dir() else _CHECKOUT


def template_dirs(root: Path | None, part: str) -> list[Path]:
    """Where templates for ``part`` ("print" or "site") are looked up, in order."""
    dirs = []
    if root is not None and (Path(root) / "templates" / part).is_dir():
        own = (Path(root) / "templates" / part).resolve()
        if own != (DEFAULTS / part).resolve():
            dirs.append(own)
    dirs.append(DEFAULTS / part)
    return dirs


def use_bytecode_cache(env: jinja2.Environment, root: Path | None) -> None:
    """Keep ``env``'s compiled templates in .huodong-cache/jinja/ between builds (compiling is a third of a
    small rebuild). Call it once the environment's filters and tests are all set.

    Jinja keys each entry by template name and source checksum and writes it
    atomically, so an edited template is never served from a stale entry. But
    compiled code also depends on the environment: how each filter is called
    (with the context or not) and the versions of Jinja and huodong. Those
    name the cache's folder, so a changed filter never meets code compiled
    for the old one.
    """
    if root is None:
        return
    calls = sorted(f"{kind}:{name}:{getattr(function, 'jinja_pass_arg', '')}"
                   for kind, table in (("filter", env.filters), ("test", env.tests))
                   for name, function in table.items())
    shape = digest(__version__, jinja2.__version__, repr(env.autoescape), *calls)[:16]
    folder = Path(root) / CACHE_DIR / "jinja" / shape
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return  # a read-only project still builds, only without the cache
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))


def make_env(root: Path | None, part: str, filters: dict[str, Callable] | None = None) -> jinja2.Environment:
    """The environment for ``part``'s templates, with the date filters and any ``filters`` given."""
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
        **(filters or {}),
    )
    use_bytecode_cache(env, root)
    return env
