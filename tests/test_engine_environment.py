"""The environment around a build: full or read-only disks, killed and concurrent builds, edited outputs,
templates that reach outside the project, a busy port."""

from __future__ import annotations

import errno
import fcntl
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from docx import Document

from generator.cli import main
from generator.engine.build import keep_own_files
from generator.scaffold import init_project
from generator.website.build import SiteError
from generator.website.serve import serve

from .conftest import MINIMAL_ACTIVITY
from .site_helpers import mkdocs_yml
from .test_engine import VISIT, snapshot, wait_for

CHANGED = MINIMAL_ACTIVITY.replace("情暖重阳", "情暖重九")


def huodong(root: Path, *args: str) -> int:
    return main(["--root", str(root), *args])


# ---- disks ----------------------------------------------------------------------

@pytest.mark.parametrize("code, message", [
    (errno.ENOSPC, "磁盘空间不足：写入 plans/a/plan.docx 时失败；原来的文件都还在。请清理出一些空间后重新运行。"),
    (errno.EROFS, "没有权限写入 plans/a/plan.docx（文件夹是只读的，或被别的程序占用）；原来的文件都还在。"
                  "请检查这个文件夹的权限，或把项目复制到可以写入的地方再运行。"),
], ids=["disk full", "read-only"])
def test_full_or_read_only_disk_is_told_in_chinese_and_loses_nothing(scratch, capsys, monkeypatch, code, message):
    scratch.activity("a")
    assert huodong(scratch.root, "print", "--only", "docx") == 0
    before = snapshot(scratch.root / "plans")
    scratch.activity("a", CHANGED)

    def refused(fd: int) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "fsync", refused)
    capsys.readouterr()
    assert huodong(scratch.root, "print", "--only", "docx") == 1
    assert capsys.readouterr().err.strip() == message
    assert snapshot(scratch.root / "plans") == before  # the old plan.docx, and no torn temporary file


# ---- edited outputs -------------------------------------------------------------

def test_edited_plan_docx_is_kept_beside_the_new_one(scratch, capsys):
    scratch.activity("a")
    assert huodong(scratch.root, "print", "--only", "docx") == 0
    plan = scratch.root / "plans/a/plan.docx"
    document = Document(plan)
    document.add_paragraph("负责人手写补充的一段")
    document.save(plan)
    edited = plan.read_bytes()
    scratch.activity("a", CHANGED)
    capsys.readouterr()

    assert huodong(scratch.root, "print", "--only", "docx") == 0
    assert ("plans/a/plan.docx 在上次生成后被修改过：修改过的文件已另存为 plans/a/plan（已修改）.docx，"
            "新生成的 plan.docx 不含这些修改。") in capsys.readouterr().err
    assert (scratch.root / "plans/a/plan（已修改）.docx").read_bytes() == edited
    assert "负责人手写补充的一段" not in [p.text for p in Document(plan).paragraphs]
    assert "情暖重九·走进敬老院志愿服务活动" in "".join(p.text for p in Document(plan).paragraphs)

    scratch.activity("a")  # changed again, the new plan.docx untouched: nothing to keep
    assert huodong(scratch.root, "print", "--only", "docx") == 0
    assert sorted(p.name for p in (scratch.root / "plans/a").iterdir()) == ["plan.docx", "plan（已修改）.docx"]


def test_own_files_put_into_site_survive_and_move_to_content_pages(tmp_path, capsys):
    root, fresh = tmp_path / "p", tmp_path / "p/.site.new-1"
    (root / "site").mkdir(parents=True)
    fresh.mkdir()
    for name, text in (("CNAME", "huodong.example.org\n"), ("MP_verify_abc.txt", "abc"), ("index.html", "旧首页")):
        (root / "site" / name).write_text(text, encoding="utf-8")
    assert keep_own_files(root, fresh, root / "site") == ["CNAME", "MP_verify_abc.txt"]
    assert (fresh / "CNAME").read_text(encoding="utf-8") == "huodong.example.org\n"
    assert (root / "content/pages/MP_verify_abc.txt").read_text(encoding="utf-8") == "abc"
    assert not (fresh / "index.html").exists()  # an old generated page is not carried over
    assert "site/CNAME 是您自己放进去的文件，已复制到 content/pages/CNAME，以后每次生成网站都会带上它。" in capsys.readouterr().out


# ---- templates ------------------------------------------------------------------

def test_own_templates_never_read_outside_the_project(scratch, capsys, tmp_path):
    scratch.activity("a")
    own = scratch.write("templates/print/plan.html", '{% include "/etc/passwd" %}')
    assert huodong(scratch.root, "print", "--only", "plan") == 1
    assert capsys.readouterr().err.strip() == ("模板里引用了“/etc/passwd”：模板只能引用 templates/ 文件夹里的模板，"
                                                '请写相对的文件名，如 {% include "_footer.html" %}')
    secret = tmp_path / "secret.txt"
    secret.write_text("不该被读到的内容", encoding="utf-8")
    own.unlink()
    own.symlink_to(secret)
    assert huodong(scratch.root, "print", "--only", "plan") == 1
    assert capsys.readouterr().err.strip() == (f"templates/print/plan.html：这个模板指向 templates/ 文件夹以外的文件"
                                                f"（{secret}），为了安全不会读取。请把文件本身复制到 templates/ 里")
    own.unlink()
    scratch.write("templates/print/plan.html", "第一行\n{% if %}\n")
    assert huodong(scratch.root, "print", "--only", "plan") == 1
    assert capsys.readouterr().err.strip().startswith("templates/print/plan.html:2: 模板写法有错误")
    assert not (scratch.root / "plans/a/plan.pdf").exists()


# ---- concurrent and killed builds ----------------------------------------------

def cli(root: Path, *args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "generator.cli", *args], cwd=root, text=True,
                            env={**os.environ, "HUODONG_DEBUG": ""}, **kwargs)


def test_second_build_waits_for_the_one_running(scratch):
    scratch.activity("a")
    lock = scratch.root / ".huodong-cache/build.lock"
    lock.parent.mkdir()
    with open(lock, "w", encoding="utf-8") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        held.write("4242")
        held.flush()
        second = cli(scratch.root, "print", "--only", "docx", stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert second.stderr.readline().strip() == (
            "这个项目里已经有一个 huodong build 或 huodong print 正在运行（进程 4242），等它结束后会自动继续。不想等可以按 Ctrl+C。")
        assert not (scratch.root / "plans").exists()  # waiting, not writing
    assert second.wait(timeout=300) == 0
    assert (scratch.root / "plans/a/plan.docx").is_file()


def processes(field: int, value: int) -> list[int]:
    """Live (not zombie) processes whose /proc stat ``field`` (after the name) is ``value``."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue
        if int(fields[field]) == value and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def session(sid: int) -> list[int]:
    return processes(3, sid)


def children(pid: int) -> list[int]:
    return processes(1, pid)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_killed_build_leaves_no_process_and_nothing_writes_after(tmp_path):
    root = tmp_path / "p"
    init_project(root, name="引擎测试志愿服务队")
    (root / "content/activities/2026-visit.yaml").write_text(VISIT, encoding="utf-8")
    build = cli(root, "build", start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # printing in the worker pool (two workers; the site's own process may be done by then)
    wait_for(lambda: len(children(build.pid)) >= 2 and any((root / "plans").rglob("*.pdf")))
    os.kill(build.pid, signal.SIGKILL)  # the build only, as a closed terminal or the OOM killer would
    build.wait()
    deadline = time.monotonic() + 60  # the kernel kills them at once; exiting takes a moment on a busy machine
    while session(build.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert session(build.pid) == [], "processes of the killed build are still running"
    after = snapshot(root / "plans")
    time.sleep(0.5)
    assert snapshot(root / "plans") == after  # nobody is left to write


# ---- serve ----------------------------------------------------------------------

def test_serve_says_when_the_port_is_taken(scratch):
    scratch.write("mkdocs.yml", mkdocs_yml())
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(SiteError) as refused:
            serve(scratch.root, f"127.0.0.1:{port}")
    assert str(refused.value) == f"{port} 端口已被占用（可能另一个 huodong serve 还开着），可以用 huodong serve --port {port + 1}"


def test_serve_reports_content_errors_located_in_chinese(scratch):
    scratch.write("mkdocs.yml", mkdocs_yml())
    (scratch.root / "content/pages").mkdir()
    scratch.activity("a", MINIMAL_ACTIVITY.replace("2026-10-18", "2026-10-32"))
    with socket.socket() as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    run = cli(scratch.root, "serve", "--port", str(port), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, stderr = run.communicate(timeout=300)
    assert run.returncode == 1
    assert stderr.splitlines() == [
        "content/activities/a.yaml:3:7: 日期“2026-10-32”不存在，请检查月份和日子（例如 2 月没有 30 日）",
        "共 1 个错误，0 个警告。",
        "内容有错误，请按上面的提示修改后重新运行。",
    ]
