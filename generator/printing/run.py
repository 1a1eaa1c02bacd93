"""`huodong print`: choose the documents, render each, write it under plans/, say what was done."""

from __future__ import annotations

import logging
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from ..console import err, out, progress
from ..content.project import Project
from ..engine.atomic import write_bytes
from ..fonts import NoCJKFont, require_cjk_font
from .catalogue import BY_NAME, KINDS, Document, Skipped, documents_for, kind_name, skipped_for
from .render import render

OUTPUT = "plans"


class PrintError(Exception):
    """A request the user can correct (unknown activity, unknown document kind); Chinese message."""


@dataclass
class PrintResult:
    written: list[Path] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def print_project(project: Project, ids: list[str] | None = None, only: list[str] | None = None,
                  force: bool = False) -> PrintResult:
    """Render every selected document of the selected activities into <root>/plans/.

    ``force`` is accepted for the build engine, which skips unchanged documents;
    this function always renders everything it selects.
    """
    from ..cli import UserError
    from ..records.printables import print_records, split_only  # hook: certificates and blank forms

    only, records_parts = split_only(only, ids)
    try:
        documents, skipped = select(project, ids, only) if only != [] else ([], [])
        require_cjk_font()
    except (PrintError, NoCJKFont) as error:
        raise UserError(str(error)) from None
    result = PrintResult(skipped=skipped)
    plans = Path(project.root) / OUTPUT
    with progress(len(documents), "生成打印文档") as tick, _warnings_shown():
        for document in documents:
            target = plans / document.path
            write_bytes(target, render(project, document))
            result.written.append(target)
            tick()
    result.written += print_records(project, records_parts)
    _remove_stale(plans, skipped)
    out.print(summary(result), markup=False)
    return result


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
        raise PrintError(f"--only 里的“{'、'.join(unknown)}”不是文档类型。可以用：{choices}，多个用英文逗号隔开")
    return frozenset(kind_name(part) for part in names)


def _remove_stale(plans: Path, skipped: list[Skipped]) -> None:
    """A document that now has nothing to show must not linger from an earlier run."""
    for skip in skipped:
        (plans / skip.activity_id / BY_NAME[skip.kind].filename).unlink(missing_ok=True)


def summary(result: PrintResult) -> str:
    """已生成 N 个文档到 plans/；跳过 M 个：… grouped by reason, a few ids each."""
    text = f"已生成 {len(result.written)} 个文档到 {OUTPUT}/"
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
