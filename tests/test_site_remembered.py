"""Pages remembered across builds: only pages whose inputs changed are rendered, and the site is the same."""

from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

from generator.website.build import build_site, stage_site
from generator.website.remembered import PageMemory

from .site_helpers import fixture_project

CACHE = ".huodong-cache"


@pytest.fixture
def renders(monkeypatch) -> list[tuple[int, int]]:
    """(pages the theme rendered, pages in the build) for each build_site call."""
    seen: list[tuple[int, int]] = []
    save = PageMemory.save

    def counting(self):
        seen.append((self.rendered, len(self.keys)))
        save(self)

    monkeypatch.setattr(PageMemory, "save", counting)
    return seen


def site_files(root: Path) -> dict[str, bytes]:
    # feed.xml carries the time of the build; every other file must match byte for byte
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*")
            if p.is_file() and p.name != "feed.xml"}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_one_changed_activity_renders_few_pages_and_the_site_matches_a_clean_build(tmp_path, renders):
    root = fixture_project(tmp_path / "project")
    build_site(root)
    rendered, pages = renders[-1]
    assert rendered == pages > 10

    build_site(root)
    assert renders[-1] == (0, pages)  # nothing changed: every page written from memory
    stage_site(root, force=True).publish()
    assert renders[-1] == (pages, pages)  # `huodong build --force` renders every page

    edit(root / "content/activities/2026-yizhen.yaml", "义诊", "健康义诊")
    build_site(root)
    rendered, _ = renders[-1]
    assert 0 < rendered < pages / 2

    clean = tmp_path / "clean"
    shutil.copytree(root, clean, ignore=shutil.ignore_patterns("site", CACHE))
    build_site(clean)
    assert site_files(root / "site") == site_files(clean / "site")  # search index included


@pytest.mark.parametrize("change", ["site name", "theme template"])
def test_changes_every_page_shows_render_every_page(tmp_path, renders, change):
    root = fixture_project(tmp_path / "project")
    build_site(root)
    if change == "site name":
        edit(root / "content/site.yaml", "name: 测试镇", "name: 新测试镇")
    else:
        own = root / "templates/site/theme/main.html"
        own.parent.mkdir(parents=True)
        own.write_text('{% extends "base.html" %}\n{% block footer %}<p>自定义页脚</p>{% endblock %}\n',
                       encoding="utf-8")
    build_site(root)
    rendered, pages = renders[-1]
    assert rendered == pages
    if change == "theme template":
        assert "自定义页脚" in (root / "site/index.html").read_text(encoding="utf-8")


def test_memory_stands_aside_when_another_plugin_renders_pages():
    class HuodongPlugin:
        def on_post_page(self): ...

    class SearchPlugin:
        def on_page_context(self): ...

    class MinifyPlugin:
        def on_post_page(self): ...

    ours = {"page_context": [SearchPlugin().on_page_context], "post_page": [HuodongPlugin().on_post_page]}
    assert PageMemory.usable(SimpleNamespace(plugins=SimpleNamespace(events=ours)))
    theirs = {**ours, "post_page": [HuodongPlugin().on_post_page, MinifyPlugin().on_post_page]}
    assert not PageMemory.usable(SimpleNamespace(plugins=SimpleNamespace(events=theirs)))
