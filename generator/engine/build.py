"""`huodong build`: every printable that changed and, alongside, the site if anything it shows changed.

The site does not wait for printing: it is built in a forked process into a
hidden folder while the documents render, and the blank sign-up sheets it
offers for download are copied in only when printing has finished, just
before the new site is swapped into place.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ..console import out, report_problems
from ..content.project import Project, load_project
from ..templates import template_dirs
from .background import Background
from .cache import Manifest, digest, environment_digest, tree_digest
from .workers import Job, run_jobs

SITE_MANIFEST = "site"
PUBLIC_MANIFEST = "public-sheets"


def build_all(root: Path, force: bool = False) -> None:
    """Print what changed and, at the same time in a second process, build the site if what it shows changed."""
    from ..printing.run import plan_print, run_print
    from ..privacy import masking_warnings
    from ..website.build import stage_site, staging_folder
    from ..website.media import PUBLIC_SHEETS

    project = load_project(root)
    report_problems(masking_warnings(project))  # what the site will show masked, located
    plan = plan_print(project)
    root = Path(project.root)
    public = public_sheet_jobs(project, plan.sheets)
    sheets = {activity_id: root / job.output for activity_id, job in public.items()}
    manifest = Manifest.load(root, SITE_MANIFEST)
    fingerprint = site_fingerprint(project, [job.fingerprint for job in public.values()])
    site, staging = None, staging_folder(root / "site")
    if force or not manifest.fresh(root, "site", fingerprint):
        site = Background(stage_site, root, project=project, sheets=sheets, into=staging, force=force)
    try:
        run_print(plan, force=force)
        run_jobs(root, list(public.values()), manifest_name=PUBLIC_MANIFEST, force=force,
                 prune_under=PUBLIC_SHEETS + "/", label="生成网站上的报名表")
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


def public_sheet_jobs(project: Project, printed: dict[str, Job]) -> dict[str, Job]:
    """Activity id → the job of the sign-up sheet the site offers: rendered from the public view
    (an elder's name typed into the title or place is masked), never the internal copy under plans/."""
    from ..printing.catalogue import Document
    from ..printing.render import render
    from ..privacy import public_project
    from ..website.media import public_sheet

    root = Path(project.root)
    people = tree_digest(root / "content" / "people")
    public: Project | None = None

    def job(activity_id: str, internal: Job) -> Job:
        def made() -> bytes:
            nonlocal public
            public = public or public_project(project)
            return render(public, Document(activity_id, "signup", f"{activity_id}/signup.pdf", "pdf"))

        return Job(public_sheet(activity_id), digest(internal.fingerprint, "public", people), made)

    return {activity_id: job(activity_id, internal) for activity_id, internal in printed.items()}


def site_fingerprint(project: Project, sheets: list[str]) -> str:
    """Everything the site is made from: content, site templates, mkdocs.yml, the sign-up sheets it offers."""
    root = Path(project.root)
    config = root / "mkdocs.yml"
    return digest(environment_digest(), tree_digest(root / "content", *template_dirs(root, "site")),
                  config.read_bytes() if config.is_file() else b"", *sorted(sheets))
