"""A build that finds every input as the last build left it replays its messages without loading the project;
any changed input, missing or extra output takes the ordinary path."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import generator.content.project as project_module
from generator.engine import cache, unchanged
from generator.engine.build import build_all
from generator.scaffold import init_project
from .test_engine import VISIT as ENGINE_VISIT

VISIT = ENGINE_VISIT.replace("signup:", "contact: 王老师 139 0000 5108\nsignup:")  # a mobile: a masking warning
WARNING = ("content/activities/2026-visit.yaml:7:14: 警告：对外联系人里写了手机号“139 0000 5108”，"
           "网站上会显示为“139****5108”，别人无法拨打。建议改写成办公电话。")


class Loaded(Exception):
    """The ordinary path began: the project was being loaded."""


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, str, str]:
    """A built project, and what a build of it that changes nothing says (stdout, stderr) on the ordinary path."""
    root = tmp_path_factory.mktemp("unchanged") / "p"
    init_project(root, name="引擎测试志愿服务队")
    (root / "content/activities/2026-visit.yaml").write_text(VISIT, encoding="utf-8")
    build_all(root)
    (root / ".huodong-cache" / unchanged.MEMORY).unlink()
    with pytest.MonkeyPatch.context() as patch:  # the ordinary path's own no-change build, for its messages
        out, err = captured(patch, lambda: build_all(root))
    assert (root / ".huodong-cache" / unchanged.MEMORY).is_file()
    return root, out, err


def captured(patch: pytest.MonkeyPatch, run) -> tuple[str, str]:
    from generator import console

    out, err = _Text(), _Text()
    patch.setattr(console.out, "_file", out)  # not `file`: undoing that would pin today's sys.stdout for good
    patch.setattr(console.err, "_file", err)
    run()
    return out.getvalue(), err.getvalue()


class _Text:
    def __init__(self) -> None:
        self.parts: list[str] = []

    def write(self, text: str) -> int:
        self.parts.append(text)
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def getvalue(self) -> str:
        return "".join(self.parts)


@pytest.fixture
def root(built, tmp_path) -> Path:
    """A copy of the built project (hard-linked site files stay consistent: the copy is whole)."""
    copy = tmp_path / "p"
    shutil.copytree(built[0], copy, symlinks=True)
    return copy


@pytest.fixture
def spy(monkeypatch) -> None:
    """Loading the project means the ordinary path: stop there."""
    def refuse(*args, **kwargs):
        raise Loaded

    monkeypatch.setattr(project_module, "load_project", refuse)


def test_nothing_changed_says_what_the_ordinary_path_says_without_loading(built, root, spy, monkeypatch):
    _, out, err = built
    assert "网站没有变化，未重新生成。" in out and "已生成 0 个文档到 plans/" in out
    assert WARNING in err  # the masking warning is repeated, located
    assert captured(monkeypatch, lambda: build_all(root)) == (out, err)


def test_after_a_build_that_rendered_the_next_says_nothing_changed(built, root, monkeypatch):
    _, out, err = built
    path = root / "content/activities/2026-visit.yaml"
    path.write_text(VISIT.replace("青山村", "青山村文化礼堂"), encoding="utf-8")
    first, _ = captured(monkeypatch, lambda: build_all(root))
    assert "已生成网站到 site/" in first and "已生成 0 个" not in first
    monkeypatch.setattr(project_module, "load_project", lambda *a, **k: (_ for _ in ()).throw(Loaded))
    assert captured(monkeypatch, lambda: build_all(root)) == (out, err)


def edit(path: Path, old: str = "", new: str = "\n# 改过\n") -> None:
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text.replace(old, new) if old else text + new, encoding="utf-8")


CHANGES = {
    "activity": lambda root: edit(root / "content/activities/2026-visit.yaml", "青山村", "青山村文化礼堂"),
    "comment only": lambda root: edit(root / "content/activities/2026-visit.yaml"),
    "site settings": lambda root: edit(root / "content/site.yaml"),
    "a new page": lambda root: edit(root / "content/pages/about.md", new="# 关于我们\n"),
    "own print template": lambda root: edit(root / "templates/print/print.css", new="p { color: black }\n"),
    "own site template": lambda root: edit(root / "templates/site/theme/main.html", new="{% extends 'base.html' %}\n"),
    "mkdocs.yml": lambda root: edit(root / "mkdocs.yml"),
    "a document deleted": lambda root: (root / "plans/2026-visit/plan.pdf").unlink(),
    "a stray file in plans/": lambda root: edit(root / "plans/2026-visit/x.pdf", new="x"),
    "the site deleted": lambda root: shutil.rmtree(root / "site"),
    "a manifest": lambda root: edit(root / ".huodong-cache/plans.json", '"plans/', '"plans//'),
    "an unreadable memory": lambda root: edit(root / ".huodong-cache" / unchanged.MEMORY, new="x"),
}


@pytest.mark.parametrize("change", CHANGES)
def test_any_changed_input_or_output_takes_the_ordinary_path(root, spy, change):
    CHANGES[change](root)
    with pytest.raises(Loaded):
        build_all(root)


def test_huodong_code_a_new_day_a_changed_font_file_and_force_take_the_ordinary_path(root, spy, monkeypatch,
                                                                                     tmp_path):
    import datetime
    import json
    from types import SimpleNamespace

    memory = root / ".huodong-cache" / unchanged.MEMORY
    saved = json.loads(memory.read_text(encoding="utf-8"))
    assert saved["font files"] and all(name.startswith("/") for name in saved["font files"])  # installed CJK fonts

    def ordinary(**kwargs) -> bool:
        """Whether a build takes the ordinary path; the memory is put back (the ordinary path forgets it)."""
        try:
            build_all(root, **kwargs)
            return False
        except Loaded:
            assert not memory.exists()
            return True
        finally:
            memory.write_text(json.dumps(saved), encoding="utf-8")

    assert not ordinary()
    with monkeypatch.context() as patch:
        patch.setattr(unchanged, "environment_digest", lambda: cache.digest("other code"))
        assert ordinary()
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    with monkeypatch.context() as patch:
        patch.setattr(unchanged, "dt", SimpleNamespace(date=SimpleNamespace(today=lambda: tomorrow)))
        assert ordinary()
    assert ordinary(force=True)

    font = tmp_path / "font.otf"
    font.write_bytes(b"font")
    saved["font files"], saved["fonts"] = [str(font)], unchanged.fonts_key([str(font)])
    memory.write_text(json.dumps(saved), encoding="utf-8")
    assert not ordinary()
    font.write_bytes(b"font, updated")
    assert ordinary()
