"""`huodong build`: every printable, then the site."""

from __future__ import annotations

from pathlib import Path

from ..content.project import load_project


def build_all(root: Path, force: bool = False) -> None:
    from ..printing.run import print_project
    from ..website.build import build_site

    project = load_project(root)
    print_project(project, force=force)
    build_site(root)
