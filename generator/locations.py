"""Where the default templates are and where a project's own override them; without Jinja, so that a build
that finds nothing changed can digest the template folders without loading the template machinery."""

from __future__ import annotations

from pathlib import Path

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
