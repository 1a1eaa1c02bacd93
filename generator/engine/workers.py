"""Running render jobs: skip what is unchanged, spread the rest over all cores.

A ``Job`` is one output file, the fingerprint of what it is made from, and a
function that renders its bytes. ``run_jobs`` renders only the jobs whose
output is missing or whose fingerprint changed, in worker processes forked
from this one (so they inherit the loaded project, the parsed stylesheet and
the font configuration instead of rebuilding them), writes each file
atomically, and records finished outputs in the manifest as they complete:
a build killed half-way leaves every file either old or new, never torn, and
the next build redoes only what is missing.
"""

from __future__ import annotations

import gc
import hashlib
import itertools
import multiprocessing
import os
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from ..console import err, progress
from .atomic import write_bytes
from .background import CAN_FORK, die_with
from .cache import Manifest
from .stack import with_room

SERIAL_BELOW = 10       # fewer jobs render in-process: forking workers that each load fonts and jieba costs more
TASKS_PER_WORKER = 40   # WeasyPrint's caches grow in long render loops: workers are recycled


@dataclass(frozen=True)
class Job:
    output: str                    # relative to the project root, e.g. "plans/x/plan.pdf"
    fingerprint: str
    render: Callable[[], bytes] = field(compare=False, repr=False)
    cost: float = field(default=1.0, compare=False)  # relative render time: the costliest are started first


EDITABLE = (".docx",)   # outputs organisers are invited to edit: an edited one is kept aside, never lost


@dataclass
class Outcome:
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # edited outputs set aside as “（已修改）” copies


class DuplicateOutput(ValueError):
    pass


_JOBS: list[Job] = []  # set before forking; workers find their job by index


def run_jobs(root: Path, jobs: list[Job], *, manifest_name: str, force: bool = False,
             prune_under: str | None = None, label: str = "生成文档",
             warm: Callable[..., object] | None = None) -> Outcome:
    """Render the changed jobs; with ``prune_under``, delete outputs there that no job makes any more."""
    root = Path(root)
    _refuse_duplicates(jobs)
    manifest = Manifest.load(root, manifest_name)
    hashes = Manifest.load(root, f"{manifest_name}.bytes")  # editable output → sha256 of what was written
    if prune_under is not None:
        _remove_torn(root / prune_under)
    outcome = Outcome()
    todo = []
    for job in jobs:
        if not force and manifest.fresh(root, job.output, job.fingerprint):
            outcome.unchanged.append(job.output)
        else:
            todo.append(job)
    outcome.kept = _keep_edited(root, todo, hashes)
    try:
        with progress(len(todo), label) as tick:
            for output, fingerprint, sha in _render(root, todo, warm):
                manifest.record(output, fingerprint)
                if output.endswith(EDITABLE):
                    hashes.record(output, sha)
                outcome.written.append(output)
                tick()
        if prune_under is not None:
            outcome.removed = _prune(root, manifest, {job.output for job in jobs}, prune_under)
    except BaseException:
        try:  # record what did finish; the error that stopped the build is the one to report
            manifest.save()
            hashes.save()
        except OSError:
            pass
        raise
    manifest.save()
    hashes.save()
    return outcome


def _keep_edited(root: Path, todo: list[Job], hashes: Manifest) -> list[str]:
    """Copy aside each editable output about to be replaced that differs from what the last build wrote."""
    kept = []
    for job in todo:
        path = root / job.output
        recorded = hashes.entries.get(job.output)
        if not job.output.endswith(EDITABLE) or recorded is None or not path.is_file():
            continue
        if hashlib.sha256(path.read_bytes()).hexdigest() == recorded:
            continue
        copy = _aside(path)
        kept.append(copy.relative_to(root).as_posix())
        err.print(f"{job.output} 在上次生成后被修改过：修改过的文件已另存为 {kept[-1]}，"
                  f"新生成的 {path.name} 不含这些修改。", style="yellow", markup=False)
    return kept


def _aside(path: Path) -> Path:
    """path's edited copy beside it: plan（已修改）.docx, plan（已修改2）.docx… (never replacing one)."""
    for n in itertools.count(1):
        copy = path.with_name(f"{path.stem}（已修改{n if n > 1 else ''}）{path.suffix}")
        try:
            with open(copy, "xb") as target:
                target.write(path.read_bytes())
            return copy
        except FileExistsError:
            continue
    raise AssertionError("unreachable")


def _render(root: Path, todo: list[Job], warm: Callable[..., object] | None):
    if len(todo) < SERIAL_BELOW or (os.cpu_count() or 1) == 1 or not CAN_FORK:
        with _frozen():
            for job in todo:
                yield _write(root, job)
        return
    workers = min(os.cpu_count() or 1, len(todo))
    batch = workers * TASKS_PER_WORKER  # a fresh pool per batch recycles the workers
    if warm is not None:
        # what forked workers inherit instead of each loading it; with more than one pool, also what
        # each worker would load on its first document, again in every recycled pool
        warm(thorough=len(todo) > batch)
    # longest first, so no core is left idle behind one long document at the end of a batch
    todo = sorted(todo, key=lambda job: -job.cost)
    for start in range(0, len(todo), batch):
        yield from _pool(root, todo[start:start + batch], workers)


def _pool(root: Path, jobs: list[Job], workers: int):
    global _JOBS
    _JOBS = jobs
    context = multiprocessing.get_context("fork")
    # every worker dies with this process (a killed build leaves nothing writing into plans/)
    with _frozen(), ProcessPoolExecutor(min(workers, len(jobs)), mp_context=context,
                                        initializer=die_with, initargs=(os.getpid(),)) as pool:
        pending = {pool.submit(_work, str(root), index) for index in range(len(jobs))}
        try:
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    yield future.result()
        except BaseException:
            for future in pending:
                future.cancel()
            raise


@contextmanager
def _frozen() -> Iterator[None]:
    """What exists before rendering starts (the project, fonts, templates, jieba's dictionary: millions of
    objects) left out of the cycle collector's passes while documents render, in this process and in the
    workers it forks; WeasyPrint's own garbage is still collected (rendering is 5–15 % quicker)."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _work(root: str, index: int) -> tuple[str, str, str]:
    return _write(Path(root), _JOBS[index])


def _write(root: Path, job: Job) -> tuple[str, str, str]:
    data = with_room(job.render)  # WeasyPrint's deep recursion, without CPython mapping frame-stack chunks
    write_bytes(root / job.output, data)
    return job.output, job.fingerprint, hashlib.sha256(data).hexdigest()


def _refuse_duplicates(jobs: list[Job]) -> None:
    """Two jobs may never write one file (as Pelican's writer refuses): one would silently win."""
    seen: set[str] = set()
    for job in jobs:
        if job.output in seen:
            raise DuplicateOutput(f"two documents would both be written to {job.output}")
        seen.add(job.output)


def _remove_torn(folder: Path) -> None:
    """Temporary files of a build that was killed while writing (atomic.write_bytes names them .*.tmp)."""
    for torn in folder.rglob(".*.tmp"):
        torn.unlink(missing_ok=True)


def _prune(root: Path, manifest: Manifest, current: set[str], under: str) -> list[str]:
    """Outputs an earlier build made that nothing makes now (a deleted activity's plans)."""
    removed = []
    for output in sorted(set(manifest.entries) - current):
        if output.startswith(under):
            (root / output).unlink(missing_ok=True)
            del manifest.entries[output]
            removed.append(output)
    return removed
