"""`huodong build`: every printable that changed and, alongside, the site if anything it shows changed.

The site does not wait for printing: it is built in a forked process into a
hidden folder while the documents render, and the blank sign-up sheets it
offers for download are copied in only when printing has finished, just
before the new site is swapped into place.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
from fnmatch import fnmatch
from pathlib import Path

from typing import TYPE_CHECKING

from ..console import out, report_problems
from ..content.errors import Problem
from ..locations import template_dirs
from . import unchanged
from .atomic import write_text
from .cache import CACHE_DIR, Manifest, digest, environment_digest, tree_digest

if TYPE_CHECKING:  # loaded only when something may have changed (engine/unchanged.py)
    from ..content.project import Project
    from .workers import Job

SITE_MANIFEST = "site"
MASKING = "masking.json"  # the last build's masking warnings and what they were found in
PUBLIC_MANIFEST = "public-sheets"
SITE_UNCHANGED = "网站没有变化，未重新生成。"
# What organisers put into site/ by hand for hosting; kept, never deleted by a build
OWN_FILES = ("CNAME", "robots.txt", "ads.txt", "google*.html", "baidu_verify_*.html", "MP_verify_*.txt",
             "*verify*.txt", "*verify*.html")


def build_all(root: Path, force: bool = False) -> None:
    """Print what changed and, at the same time in a second process, build the site if what it shows changed."""
    from ..website.build import remove_leftovers

    remove_leftovers(Path(root) / "site")  # a killed build's half-built site, even when this one builds none
    if not force and unchanged.replayed(root):
        return
    unchanged.forget(root)
    inputs = unchanged.inputs_key(root)  # before anything is read: an edit made during the build is seen next time
    problems, lines = _build(root, force)
    from ..printing.fontcache import source_files

    unchanged.remember(root, inputs, source_files(), problems, lines)


def _build(root: Path, force: bool) -> tuple[list[Problem], list[str]]:
    """The build, output by output; returns what a build of the same inputs that changes nothing says."""
    from ..content.project import load_project
    from ..printing.run import plan_print, run_print, summary
    from ..website.build import stage_site, staging_folder
    from ..website.media import PUBLIC_SHEETS
    from .background import Background
    from .workers import run_jobs

    project = load_project(root)
    content = tree_digest(Path(project.root) / "content")  # read once: the warnings' and the site's key
    masked = masking_report(project, content)
    report_problems(masked)  # what the site will show masked, located
    plan = plan_print(project)
    root = Path(project.root)
    public = public_sheet_jobs(project, plan.sheets)
    sheets = {activity_id: root / job.output for activity_id, job in public.items()}
    manifest = Manifest.load(root, SITE_MANIFEST)
    fingerprint = site_fingerprint(project, [job.fingerprint for job in public.values()], content)
    site, staging = None, staging_folder(root / "site")
    if force or not manifest.fresh(root, "site", fingerprint):
        site = Background(stage_site, root, project=project, sheets=sheets, into=staging, force=force)
    try:
        printed = run_print(plan, force=force)
        run_jobs(root, list(public.values()), manifest_name=PUBLIC_MANIFEST, force=force,
                 prune_under=PUBLIC_SHEETS + "/", label="生成网站上的报名表")
    except BaseException:
        if site is not None:
            site.cancel()
            shutil.rmtree(staging, ignore_errors=True)
        raise
    unchanged_summary = summary(dataclasses.replace(printed, written=[], unchanged=printed.written + printed.unchanged,
                                                    removed=[]))
    if site is None:
        out.print(SITE_UNCHANGED)
        return masked, [unchanged_summary, SITE_UNCHANGED]
    staged = site.result()
    keep_own_files(root, staged.fresh, staged.dest)
    staged.publish()  # the sign-up sheets are printed now: copy them in and swap
    manifest.entries = {"site": fingerprint}
    manifest.save()
    out.print("已生成网站到 site/，打开 site/index.html 即可浏览。")
    return masked, [unchanged_summary, SITE_UNCHANGED]


def masking_report(project: Project, content: str | None = None) -> list[Problem]:
    """The masking warnings, remembered with a digest of content/ and huodong's code: a build of
    unchanged content repeats them without scanning every text again; after an edit, only the files
    that changed are scanned again (each file's warnings depend on it and on what is masked)."""
    import hashlib

    from ..privacy import file_masking_warnings, masking_sources, project_scrubber

    root = Path(project.root)
    key = digest(environment_digest(), content or tree_digest(root / "content"))
    path = root / CACHE_DIR / MASKING
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
        if saved["key"] == key:
            return [Problem(*fields) for fields in saved["problems"]]
    except (OSError, ValueError, TypeError, KeyError):
        saved = {}  # none yet, or unreadable: found again
    clean = project_scrubber(project)
    scrubber = digest(environment_digest(), clean.fingerprint)
    known = saved.get("files", {}) if isinstance(saved, dict) and saved.get("scrubber") == scrubber else {}
    files, found = {}, set()
    for source in masking_sources(project):
        data = source.read_bytes()
        name = source.relative_to(root).as_posix()
        seen = hashlib.sha256(data).hexdigest()
        remembered = known.get(name)
        if isinstance(remembered, dict) and remembered.get("sha256") == seen:
            problems = [Problem(*fields) for fields in remembered["problems"]]
        else:
            problems = file_masking_warnings(project, source, clean)
        files[name] = {"sha256": seen, "problems": [dataclasses.astuple(p) for p in problems]}
        found.update(problems)
    result = sorted(found)
    try:
        write_text(path, json.dumps({"key": key, "problems": [dataclasses.astuple(p) for p in result],
                                     "scrubber": scrubber, "files": files}, ensure_ascii=False))
    except OSError:
        pass  # remembering is an optimisation; a read-only cache only costs the scan
    return result


def public_sheet_jobs(project: Project, printed: dict[str, Job]) -> dict[str, Job]:
    """Activity id → the job of the sign-up sheet the site offers: rendered from the public view
    (an elder's name typed into the title or place is masked), never the internal copy under plans/."""
    from ..website.media import public_sheet
    from .workers import Job

    root = Path(project.root)
    people = tree_digest(root / "content" / "people")
    public: Project | None = None

    def job(activity_id: str, internal: Job) -> Job:
        def made() -> bytes:  # WeasyPrint is imported only when a sheet is rendered: not on a no-change build
            from ..printing.catalogue import Document
            from ..printing.pdf import render_html
            from ..printing.render import render
            from ..privacy import public_project

            nonlocal public
            public = public or public_project(project)
            document = Document(activity_id, "signup", f"{activity_id}/signup.pdf", "pdf")
            printed = root / internal.output
            if printed.is_file() and render_html(public, document) == render_html(project, document):
                return printed.read_bytes()  # nothing on it is masked: the sheet just printed is the public one
            return render(public, document)

        return Job(public_sheet(activity_id), digest(internal.fingerprint, "public", people), made)

    return {activity_id: job(activity_id, internal) for activity_id, internal in printed.items()}


def keep_own_files(root: Path, fresh: Path, dest: Path) -> list[str]:
    """Files the organiser put into site/ by hand that no build makes (a custom domain's CNAME, a search
    engine's or WeChat's verification file) stay in the new site, and are copied to content/pages/, from
    where mkdocs copies them into every later build."""
    kept = []
    pages = root / "content" / "pages"
    for path in sorted(dest.iterdir()) if dest.is_dir() else []:
        if not path.is_file() or (fresh / path.name).exists() or not any(fnmatch(path.name, p) for p in OWN_FILES):
            continue
        if not (pages / path.name).exists():
            pages.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, pages / path.name)
            out.print(f"site/{path.name} 是您自己放进去的文件，已复制到 content/pages/{path.name}，"
                      "以后每次生成网站都会带上它。", markup=False)
        shutil.copy2(path, fresh / path.name)
        kept.append(path.name)
    return kept


def site_fingerprint(project: Project, sheets: list[str], content: str | None = None) -> str:
    """Everything the site is made from: content, site templates, mkdocs.yml, the sign-up sheets it offers."""
    root = Path(project.root)
    config = root / "mkdocs.yml"
    return digest(environment_digest(), content or tree_digest(root / "content"),
                  tree_digest(*template_dirs(root, "site")), config.read_bytes() if config.is_file() else b"",
                  *sorted(sheets))
