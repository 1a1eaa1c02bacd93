"""`huodong print`: choose the documents, render each, write it under plans/, say what was done."""

from __future__ import annotations

import logging
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from functools import partial
from typing import Iterable, Iterator

from ..console import err, out
from ..content.errors import UserError
from ..content.project import Project, media_path
from ..engine.cache import digest, environment_digest, tree_digest
from ..engine.workers import Job, run_jobs
from ..templates import template_dirs
from ..fonts import NoCJKFont, require_cjk_font
from .fontcache import fingerprint as fonts_fingerprint, font_set
from .catalogue import BY_NAME, KINDS, Document, Skipped, documents_for, kind_name, skipped_for

OUTPUT = "plans"
SIGNUP_SHEET = "signup"  # the kind the site offers for download


class PrintError(Exception):
    """A request the user can correct (unknown activity, unknown document kind); Chinese message."""


@dataclass
class PrintResult:
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)  # outputs of activities that no longer exist


@dataclass
class PrintPlan:
    """The documents a print will make, as jobs, before any is rendered."""

    project: Project
    jobs: list[Job]
    skipped: list[Skipped]
    sheets: dict[str, Job]  # activity id → the job of its blank sign-up sheet (the site offers it)
    full: bool              # every document of every activity: outputs nothing makes any more are removed


def print_project(project: Project, ids: list[str] | None = None, only: list[str] | None = None,
                  force: bool = False) -> PrintResult:
    """Render the selected documents that changed since the last build into <root>/plans/.

    ``force`` renders everything again. A full print (no ids, no --only) also
    deletes outputs that no activity makes any more.
    """
    return run_print(plan_print(project, ids, only), force=force)


def plan_print(project: Project, ids: list[str] | None = None, only: list[str] | None = None) -> PrintPlan:
    """Choose the documents and make their jobs; raises UserError for unknown ids or kinds, or no CJK font."""
    from ..records.printables import record_jobs, split_only  # certificates and blank forms

    kinds, records_parts = split_only(only, ids)
    try:
        documents, skipped = select(project, ids, kinds) if kinds != [] else ([], [])
        require_cjk_font()
    except (PrintError, NoCJKFont) as error:
        raise UserError(str(error)) from None
    font_set(Path(project.root), refresh=True)  # this build's font subsets, before any fingerprint
    base = inputs_digest(project)
    dumps: dict[str, str] = {}  # each activity's content, dumped once for its several documents
    jobs = [document_job(project, document, base, dumps) for document in documents]
    sheets = {d.activity_id: job for d, job in zip(documents, jobs) if d.kind == SIGNUP_SHEET}
    jobs += record_jobs(project, records_parts, base)
    return PrintPlan(project, jobs, skipped, sheets, full=not ids and not only)


def run_print(plan: PrintPlan, force: bool = False) -> PrintResult:
    """Render the plan's changed jobs under plans/ and tell the user what was done."""
    root = Path(plan.project.root)
    with _warnings_shown():
        outcome = run_jobs(root, plan.jobs, manifest_name=OUTPUT, force=force,
                           prune_under=f"{OUTPUT}/" if plan.full else None, label="生成打印文档",
                           warm=partial(warm_up, root=root))
    result = PrintResult([root / p for p in outcome.written], [root / p for p in outcome.unchanged], plan.skipped,
                         [root / p for p in outcome.removed])
    _remove_stale(root / OUTPUT, plan.skipped)
    out.print(summary(result), markup=False)
    return result


def inputs_digest(project: Project) -> str:
    """What every printable depends on: tool and font versions, templates, site settings, logo."""
    root = Path(project.root)
    logo = media_path(root, project.site.logo)
    return digest(environment_digest(), tree_digest(*template_dirs(root, "print")),
                  project.site.model_dump_json(), logo.read_bytes() if logo else b"")


def warm_up(root: Path, thorough: bool = False) -> None:
    """Load once, before workers fork, the fonts, the stylesheet and the templates. ``thorough`` (many
    documents, more than one pool of workers): also what each worker would load on its first document,
    again in every recycled pool — the renderers' modules, compiled templates, jieba's dictionary (title
    breaks, about a second) and Pango's font caches; a small build does not wait for those here."""
    from .pdf import environment, font_config, stylesheets, warm_fonts
    from .titles import boundaries

    font_config(root)
    stylesheets(root)
    templates = environment(root)
    if not thorough:
        return
    from . import gongwen, render  # noqa: F401  (imported here, not in each worker)

    for kind in KINDS:  # compiled once here, not by every worker
        if kind.template:
            templates.get_template(kind.template)
    boundaries("预热")
    warm_fonts(root)


def document_job(project: Project, document: Document, base: str, dumps: dict[str, str] | None = None) -> Job:
    dumps = {} if dumps is None else dumps
    if document.activity_id not in dumps:
        dumps[document.activity_id] = project.activity(document.activity_id).model_dump_json()
    fingerprint = digest(base, document.kind, document.path, dumps[document.activity_id])
    return Job(f"{OUTPUT}/{document.path}", fingerprint, partial(_render, project, document),
               BY_NAME[document.kind].cost)


def _render(project: Project, document: Document) -> bytes:
    from .render import render  # WeasyPrint loads only when something is rendered

    return render(project, document)


def select(project: Project, ids: list[str] | None, only: list[str] | None) -> tuple[list[Document], list[Skipped]]:
    """The documents to print and those skipped, after checking the user's ids and --only values."""
    activities = project.activities if not ids else [_activity(project, i) for i in dict.fromkeys(ids)]
    kinds = _kinds(only)
    documents = [d for a in activities for d in documents_for(a, kinds)]
    skipped = [s for a in activities for s in skipped_for(a, kinds)]
    return documents, skipped


def _activity(project: Project, activity_id: str):
    try:
        return project.activity(activity_id)
    except KeyError as error:
        raise PrintError(f"{error.args[0]}。请检查编号（就是 content/activities/ 下的文件名，不带 .yaml）") from None


def _kinds(only: Iterable[str] | None) -> frozenset[str] | None:
    if not only:
        return None
    names = [part for part in only if part.strip()]
    unknown = [part for part in names if kind_name(part) is None]
    if unknown:
        choices = "、".join(f"{k.name}（{k.label}）" for k in KINDS)
        raise PrintError(f"--only 里的“{'、'.join(unknown)}”不是文档类型。可以用：{choices}，多个用逗号隔开")
    return frozenset(kind_name(part) for part in names)


def _remove_stale(plans: Path, skipped: list[Skipped]) -> None:
    """A document that now has nothing to show must not linger from an earlier run."""
    for skip in skipped:
        (plans / skip.activity_id / BY_NAME[skip.kind].filename).unlink(missing_ok=True)


def summary(result: PrintResult) -> str:
    """已生成 N 个文档到 plans/；跳过 M 个：… grouped by reason, a few ids each."""
    text = f"已生成 {len(result.written)} 个文档到 {OUTPUT}/"
    if result.unchanged:
        text += f"（另有 {len(result.unchanged)} 个没有变化，未重新生成）"
    if result.removed:
        text += f"；删除了 {len(result.removed)} 个已删除活动的旧文档"
    if not result.skipped:
        return text + "。"
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for skip in result.skipped:
        groups[(skip.label, skip.reason)].append(skip.activity_id)
    lines = [f"{text}；跳过 {len(result.skipped)} 个："]
    for (label, reason), ids in groups.items():
        shown = "、".join(ids[:5]) + (f" 等 {len(ids)} 个活动" if len(ids) > 5 else "")
        lines.append(f"  {label}：{reason}（{shown}）")
    return "\n".join(lines)


class _ConsoleHandler(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        err.print(record.getMessage(), style="yellow", markup=False)


@contextmanager
def _warnings_shown() -> Iterator[None]:
    """Show the renderer's Chinese warnings (a refused file in a template) while printing."""
    logger = logging.getLogger("huodong.print")
    handler = _ConsoleHandler()
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
