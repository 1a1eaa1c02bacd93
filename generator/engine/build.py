"""`huodong build`: every printable that changed and, alongside, the site if anything it shows changed.

The site does not wait for printing: it is built in a forked process into a
hidden folder while the documents render, and the blank sign-up sheets it
offers for download are copied in only when printing has finished, just
before the new site is swapped into place.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ..console import out
from ..content.project import Project, load_project
from ..templates import template_dirs
from .background import Background
from .cache import Manifest, digest, environment_digest, tree_digest

SITE_MANIFEST = "site"


def build_all(root: Path, force: bool = False) -> None:
    """Print what changed and, at the same time in a second process, build the site if what it shows changed."""
    from ..printing.run import plan_print, run_print
    from ..website.build import remove_leftovers, stage_site, staging_folder

    remove_leftovers(Path(root) / "site")  # a killed build's half-built site, even when this one builds none
    project = load_project(root)
    plan = plan_print(project)
    root = Path(project.root)
    sheets = {activity_id: root / job.output for activity_id, job in plan.sheets.items()}
    manifest = Manifest.load(root, SITE_MANIFEST)
    fingerprint = site_fingerprint(project, [job.fingerprint for job in plan.sheets.values()])
    site, staging = None, staging_folder(root / "site")
    if force or not manifest.fresh(root, "site", fingerprint):
        site = Background(stage_site, root, project=project, sheets=sheets, into=staging, force=force)
    try:
        run_print(plan, force=force)
    except BaseException:
        if site is not None:
            site.cancel()
            shutil.rmtree(staging, ignore_errors=True)
        raise
    if site is None:
        out.print("网站没有变化，未重新生成。")
        return
    site.result().publish()  # the sign-up sheets are printed now: copy them in and swap
    manifest.entries = {"site": fingerprint}
    manifest.save()
    out.print("已生成网站到 site/，打开 site/index.html 即可浏览。")


def site_fingerprint(project: Project, sheets: list[str]) -> str:
    """Everything the site is made from: content, site templates, mkdocs.yml, the sign-up sheets it offers."""
    root = Path(project.root)
    config = root / "mkdocs.yml"
    return digest(environment_digest(), tree_digest(root / "content", *template_dirs(root, "site")),
                  config.read_bytes() if config.is_file() else b"", *sorted(sheets))
