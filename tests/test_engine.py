"""The build engine: unchanged outputs are not rendered again, and killed builds lose nothing."""

from __future__ import annotations

import hashlib
import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator.content.project import load_project
from generator.engine.background import Background
from generator.content.errors import ContentError, Problem
from generator.engine.build import build_all
from generator.printing.run import print_project, summary
from generator.scaffold import init_project

VISIT = """\
title: 冬日暖阳·入户走访空巢老人
kind: visit
date: 2026-12-20
time: "09:00-11:30"
location: 青山村
organiser: 竹亭镇团委
signup:
  capacity: 12
"""


@pytest.fixture
def project_root(tmp_path: Path) -> Path:
    root = tmp_path / "p"
    init_project(root, name="引擎测试志愿服务队")
    (root / "content/activities/2026-visit.yaml").write_text(VISIT, encoding="utf-8")
    return root


def printed(root: Path, **kwargs) -> set[str]:
    result = print_project(load_project(root), **kwargs)
    return {p.relative_to(root / "plans").as_posix() for p in result.written}


def test_second_print_renders_nothing_and_one_change_renders_only_its_documents(project_root):
    first = printed(project_root)
    assert {"2026-visit/plan.pdf", "2026-visit/signup.pdf", "2026-chongyang/plan.pdf",
            "forms/走访记录表.pdf"} <= first
    assert printed(project_root) == set()

    path = project_root / "content/activities/2026-visit.yaml"
    path.write_text(VISIT.replace("青山村", "青山村文化礼堂"), encoding="utf-8")
    assert printed(project_root) == {p for p in first if p.startswith("2026-visit/")}
    assert "青山村文化礼堂" in "".join(pg.extract_text() for pg in PdfReader(project_root / "plans/2026-visit/plan.pdf").pages)


def test_force_and_template_override_render_everything(project_root):
    first = printed(project_root)
    assert printed(project_root, force=True) == first
    (project_root / "templates/print/print.css").write_text(
        (Path(__file__).parents[1] / "templates/print/print.css").read_text(encoding="utf-8") + "\n/* 本单位样式 */\n",
        encoding="utf-8")
    assert printed(project_root) == first


def test_deleted_activity_loses_its_plans(project_root):
    printed(project_root)
    (project_root / "content/activities/2026-visit.yaml").unlink()
    result = print_project(load_project(project_root))
    assert {p.name for p in result.removed} >= {"plan.pdf", "plan.docx", "signup.pdf"}
    assert "已删除活动的旧文档" in summary(result)
    assert not (project_root / "plans/2026-visit/plan.pdf").exists()
    assert (project_root / "plans/2026-chongyang/plan.pdf").exists()


def test_site_is_rebuilt_only_when_what_it_shows_changed(project_root, capsys):
    build_all(project_root)
    built = (project_root / "site").stat().st_ino  # a rebuilt site is swapped in as a new folder
    build_all(project_root)
    assert (project_root / "site").stat().st_ino == built
    assert "网站没有变化，未重新生成。" in capsys.readouterr().out
    path = project_root / "content/activities/2026-visit.yaml"
    path.write_text(VISIT.replace("冬日暖阳", "冬日送暖"), encoding="utf-8")
    build_all(project_root)
    assert (project_root / "site").stat().st_ino != built
    assert "冬日送暖" in (project_root / "site/activities/2026-visit.html").read_text(encoding="utf-8")


def test_site_offers_the_sign_up_sheet_printed_in_the_same_build(project_root):
    build_all(project_root)  # the site builds while the sheet is still being printed
    sheet = project_root / ".huodong-cache/public/2026-visit-signup.pdf"  # rendered from the public view
    published = project_root / "site/downloads/2026-visit-signup.pdf"
    assert published.read_bytes() == sheet.read_bytes()
    page = (project_root / "site/activities/2026-visit.html").read_text(encoding="utf-8")
    assert 'href="../downloads/2026-visit-signup.pdf"' in page

    path = project_root / "content/activities/2026-visit.yaml"
    path.write_text(VISIT.replace("capacity: 12", "capacity: 30"), encoding="utf-8")
    build_all(project_root)
    assert "30" in "".join(PdfReader(published).pages[0].extract_text().split())
    assert published.read_bytes() == sheet.read_bytes()


def test_the_site_offers_the_printed_sheet_itself_unless_something_on_it_is_masked(project_root, monkeypatch):
    import generator.printing.render as rendering
    import generator.privacy as privacy

    publics, public_renders = [], []  # the public sheet renders in this process
    real_public, real_render = privacy.public_project, rendering.render
    monkeypatch.setattr(privacy, "public_project", lambda project: publics.append(real_public(project)) or publics[-1])
    monkeypatch.setattr(rendering, "render", lambda project, document: (
        public_renders.append(document) if any(project is p for p in publics) else None) or
        real_render(project, document))
    build_all(project_root)
    internal = project_root / "plans/2026-visit/signup.pdf"
    published = project_root / "site/downloads/2026-visit-signup.pdf"
    assert published.read_bytes() == internal.read_bytes()
    assert public_renders == []  # nothing on it to mask: the sheet just printed is offered, not rendered again

    (project_root / "content/people/elders.yaml").write_text(
        "elders:\n  - id: e01\n    name: 欧阳秀英\n    gender: 女\n    address: 青山村3组12号\n    risk: 黄\n", encoding="utf-8")
    path = project_root / "content/activities/2026-visit.yaml"
    path.write_text(VISIT.replace("冬日暖阳·", "冬日暖阳·看望欧阳秀英"), encoding="utf-8")
    build_all(project_root)
    internal_text = "".join(PdfReader(internal).pages[0].extract_text().split())
    public_text = "".join(PdfReader(published).pages[0].extract_text().split())
    assert "欧阳秀英" in internal_text
    assert "欧阳秀英" not in public_text and "欧阳奶奶" in public_text
    assert [d.kind for d in public_renders] == ["signup"]


def test_failed_printing_stops_the_site_build_and_keeps_the_old_site(project_root, monkeypatch):
    build_all(project_root)
    before = snapshot(project_root / "site")
    (project_root / "content/activities/2026-visit.yaml").write_text(VISIT.replace("冬日暖阳", "冬日送暖"),
                                                                     encoding="utf-8")

    def broken(plan, force=False):
        wait_for(lambda: any(project_root.glob(".site.new-*/index.html")))  # the site is building meanwhile
        raise RuntimeError("printer on fire")

    monkeypatch.setattr("generator.printing.run.run_print", broken)
    with pytest.raises(RuntimeError, match="printer on fire"):
        build_all(project_root)
    assert snapshot(project_root / "site") == before
    assert not list(project_root.glob(".site.*"))


def _fails_with_content_error():
    logging.getLogger("mkdocs.plugins.huodong").warning("照片 a.jpg 无法打开")
    raise ContentError([Problem("content/activities/x.yaml", 3, 7, "日期不存在")])


@pytest.mark.parametrize("can_fork", [True, False], ids=["forked", "no fork (Windows)"])
def test_background_returns_values_and_raises_errors_and_warnings_in_the_parent(caplog, monkeypatch, can_fork):
    monkeypatch.setattr("generator.engine.background.CAN_FORK", can_fork)
    assert Background(sorted, [3, 1, 2]).result() == [1, 2, 3]
    with pytest.raises(ContentError) as raised:
        Background(_fails_with_content_error).result()
    assert str(raised.value) == "content/activities/x.yaml:3:7: 日期不存在"
    assert raised.value.problems == [Problem("content/activities/x.yaml", 3, 7, "日期不存在")]
    assert ("mkdocs.plugins.huodong", logging.WARNING, "照片 a.jpg 无法打开") in caplog.record_tuples


# ---- killed and failed builds ---------------------------------------------------

def huodong(root: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "generator.cli", *args], cwd=root, start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in folder.rglob("*") if p.is_file()}


def wait_for(condition, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail("the build never reached the point where the test kills it")
        time.sleep(0.02)


def assert_plans_usable(plans: Path, before: dict[str, str], after_files: dict[str, str]) -> None:
    for name, digest in after_files.items():
        assert not Path(name).name.startswith("."), f"torn temporary file left visible: {name}"
        if name.endswith(".pdf"):
            assert len(PdfReader(plans / name).pages) >= 1, name
    assert set(before) <= set(after_files), "a killed build must not remove earlier outputs"


@pytest.mark.parametrize("stage", ["printing", "site"])
def test_build_killed_half_way_leaves_previous_outputs_usable(project_root, stage):
    assert huodong(project_root, "build").wait(timeout=300) == 0
    plans_before, site_before = snapshot(project_root / "plans"), snapshot(project_root / "site")
    for path in (project_root / "content/activities").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("冬日暖阳", "冬日送暖").replace("志愿服务活动", "志愿服务活动（修订）"), encoding="utf-8")

    started = time.time()
    build = huodong(project_root, "build")
    if stage == "printing":
        wait_for(lambda: any(p.stat().st_mtime > started for p in (project_root / "plans").rglob("*.pdf")))
    else:
        wait_for(lambda: any(project_root.glob(".site.new-*/index.html")))
    os.killpg(build.pid, signal.SIGKILL)
    build.wait()

    plans_after = {k: v for k, v in snapshot(project_root / "plans").items() if not Path(k).name.endswith(".tmp")}
    assert_plans_usable(project_root / "plans", plans_before, plans_after)
    assert snapshot(project_root / "site") == site_before  # the old site, whole and unchanged
    assert "冬日暖阳" in (project_root / "site/index.html").read_text(encoding="utf-8")

    assert huodong(project_root, "build").wait(timeout=300) == 0  # the next build finishes the job
    assert not list(project_root.glob(".site.*"))
    assert not list((project_root / "plans").rglob(".*.tmp"))
    assert "冬日送暖" in (project_root / "site/activities/2026-visit.html").read_text(encoding="utf-8")
    plan = "".join(p.extract_text() for p in PdfReader(project_root / "plans/2026-chongyang/plan.pdf").pages)
    assert "志愿服务活动（修订）活动方案" in "".join(plan.split())


def test_build_failing_on_bad_input_changes_nothing(project_root):
    assert huodong(project_root, "build").wait(timeout=300) == 0
    plans_before, site_before = snapshot(project_root / "plans"), snapshot(project_root / "site")
    path = project_root / "content/activities/2026-visit.yaml"
    path.write_text(VISIT.replace("2026-12-20", "2026-12-32"), encoding="utf-8")
    build = huodong(project_root, "build")
    _, stderr = build.communicate(timeout=120)
    assert build.returncode == 1
    assert "content/activities/2026-visit.yaml:3:7: 日期“2026-12-32”不存在，请检查月份和日子" in stderr
    assert "Traceback" not in stderr
    assert snapshot(project_root / "plans") == plans_before
    assert snapshot(project_root / "site") == site_before


def test_fingerprints_include_huodong_own_code(tmp_path, monkeypatch):
    from generator.engine import cache

    code = tmp_path / "generator"
    (code / "website").mkdir(parents=True)
    (code / "website" / "render.py").write_text("VERSION = 1\n", encoding="utf-8")
    monkeypatch.setattr(cache, "PACKAGE", code)
    cache.environment_digest.cache_clear()
    before = cache.environment_digest()
    (code / "website" / "render.py").write_text("VERSION = 2\n", encoding="utf-8")  # `git pull` of a checkout
    cache.environment_digest.cache_clear()
    assert cache.environment_digest() != before
    cache.environment_digest.cache_clear()


def test_documents_render_with_what_existed_before_left_out_of_the_collector(tmp_path):
    """Rendering (in this process, or in forked workers) runs with earlier objects frozen, and the
    collector is itself again afterwards."""
    import gc

    from generator.engine.workers import Job, run_jobs

    def counted() -> bytes:
        return str(gc.get_freeze_count()).encode()

    before = gc.get_freeze_count()
    for count in (3, 12):  # in-process, then a pool of forked workers
        jobs = [Job(f"out/{count}-{i}.txt", "x", counted) for i in range(count)]
        outcome = run_jobs(tmp_path, jobs, manifest_name=f"t{count}")
        assert len(outcome.written) == count
        assert all(int((tmp_path / job.output).read_text()) > before for job in jobs)
        assert gc.get_freeze_count() == before
