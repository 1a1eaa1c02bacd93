"""Headless Chromium opens the built site: no console errors, pages render, Chinese search finds pages.

Chromium (the session's one, see tests/browser.py) sees console errors and uncaught
exceptions as events and can wait, in real time, for the search worker.
"""

from __future__ import annotations

import time

import pytest

from generator.website.build import build_site

from .browser import serve
from .site_helpers import fixture_project


@pytest.fixture(scope="module")
def served(tmp_path_factory, chromium):
    root = fixture_project(tmp_path_factory.mktemp("browser") / "project")
    build_site(root)
    chromium.viewport(1280)
    with serve(root / "site") as base:
        yield chromium, base


@pytest.mark.parametrize("page, heading", [
    ("index.html", "测试镇关爱老人志愿服务队"),
    ("activities/2026-chongyang.html", "情暖重阳·走进敬老院志愿服务活动"),
    ("news/2026-06-19-duanwu.html", "粽叶飘香迎端午 浓浓关爱暖人心"),
    ("calendar.html", "活动日历"),
])
def test_page_loads_without_console_errors(served, page, heading, tmp_path):
    browser, base = served
    browser.open(base + page)
    assert browser.evaluate("document.querySelector('article h1').textContent") == heading
    assert browser.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    time.sleep(0.5)  # late scripts (search worker start-up) report here
    assert browser.errors() == []
    browser.screenshot(tmp_path / "page.png")
    assert (tmp_path / "page.png").stat().st_size > 10_000


def test_chinese_search_finds_a_page(served):
    browser, base = served
    browser.open(base + "index.html?q=义诊")
    browser.wait_for("document.querySelectorAll('.md-search-result__item').length > 0")
    titles = browser.evaluate("[...document.querySelectorAll('.md-search-result__item h1')].map(e => e.textContent)")
    assert "健康进村·溪口村义诊" in [t.replace("\u200b", "") for t in titles]
    assert browser.errors() == []


def test_site_works_opened_from_a_usb_stick(served, tmp_path_factory):
    """file:// : links point at .html files and search runs without a server (offline plugin + shim)."""
    browser, base = served
    site = next(tmp_path_factory.getbasetemp().glob("browser*/project/site"))
    browser.open((site / "index.html").as_uri())
    href = browser.evaluate("document.querySelector('.hd-card__title a').href")
    assert href == (site / "activities" / "2026-chongyang.html").as_uri()
    browser.open((site / "index.html").as_uri() + "?q=重阳")
    browser.wait_for("document.querySelectorAll('.md-search-result__item').length > 0")
    assert browser.errors() == []
