"""`huodong build`: every printable that changed, then the site if anything it shows changed."""

from __future__ import annotations

from pathlib import Path

from ..console import out
from ..content.project import Project, load_project
from ..templates import template_dirs
from .cache import Manifest, digest, environment_digest, tree_digest

SITE_MANIFEST = "site"


def build_all(root: Path, force: bool = False) -> None:
    from ..printing.run import print_project

    project = load_project(root)
    print_project(project, force=force)
    build_site_if_changed(project, force=force)


def build_site_if_changed(project: Project, force: bool = False) -> bool:
    """Build the site unless its inputs are exactly those of the site already in place."""
    from ..website.build import build_site

    root = Path(project.root)
    manifest = Manifest.load(root, SITE_MANIFEST)
    fingerprint = site_fingerprint(project)
    if not force and manifest.fresh(root, "site", fingerprint):
        out.print("网站没有变化，未重新生成。")
        return False
    build_site(root, project=project)
    manifest.entries = {"site": fingerprint}
    manifest.save()
    out.print("已生成网站到 site/，打开 site/index.html 即可浏览。")
    return True


def site_fingerprint(project: Project) -> str:
    """Everything the site is made from: content, site templates, mkdocs.yml, the sign-up sheets it offers."""
    root = Path(project.root)
    config = root / "mkdocs.yml"
    printed = Manifest.load(root, "plans").entries
    sheets = sorted(f"{path}={fp}" for path, fp in printed.items() if path.endswith("/signup.pdf"))
    return digest(environment_digest(), tree_digest(root / "content", *template_dirs(root, "site")),
                  config.read_bytes() if config.is_file() else b"", *sheets)
