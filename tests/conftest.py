"""Shared fixtures: a scratch project in a temp folder, and the repository's demo project."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

MINIMAL_SITE = "name: 测试志愿服务队\n"
MINIMAL_ACTIVITY = """\
title: 情暖重阳·走进敬老院志愿服务活动
kind: festival
date: 2026-10-18
time: "14:00-16:30"
location: 竹亭镇敬老院
organiser: 竹亭中心小学政教处
"""


class ScratchProject:
    """A project folder under tmp_path that tests fill file by file."""

    def __init__(self, root: Path):
        self.root = root
        (root / "content" / "activities").mkdir(parents=True)
        self.write("content/site.yaml", MINIMAL_SITE)

    def write(self, relative: str, text: str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def activity(self, name: str, text: str = MINIMAL_ACTIVITY) -> Path:
        return self.write(f"content/activities/{name}.yaml", text)


@pytest.fixture
def scratch(tmp_path: Path) -> ScratchProject:
    return ScratchProject(tmp_path)


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def built_demo(tmp_path_factory) -> Path:
    """The repository's demo site, built once for the whole test session (site only, no printing)."""
    from generator.website.build import build_site

    return build_site(REPO, dest=tmp_path_factory.mktemp("demo-site") / "site")


@pytest.fixture(scope="session")
def chromium(tmp_path_factory):
    """One headless Chromium for every browser test of the session (skipped where none is installed)."""
    from .browser import CHROMIUM, Browser

    if CHROMIUM is None:
        pytest.skip("没有安装 Chromium（Debian: apt-get install chromium），跳过浏览器测试")
    browser = Browser(tmp_path_factory.mktemp("chromium-profile"))
    yield browser
    browser.close()
