"""Hostile text from YAML and Markdown never becomes live HTML on the site."""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html
import pytest

from generator.website.build import build_site
from generator.website.markup import render_markdown

from .site_helpers import article, fixture_project, html, texts

HOSTILE_PAGES = ["activities/2026-hostile.html", "news/2026-hostile.html", "news/2026-07-01-hostile.html",
                 "about.html", "news/index.html", "index.html", "activities/year/2026.html", "calendar.html"]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = fixture_project(tmp_path_factory.mktemp("escaping") / "project")
    build_site(root)
    return root / "site"


@pytest.mark.parametrize("name", HOSTILE_PAGES)
def test_no_script_handler_or_javascript_link_survives(built, name):
    tree = html(built / name)
    for script in tree.xpath("//script[not(@src)]"):
        assert "alert" not in (script.text or ""), name
    handlers = [f"{e.tag}@{a}" for e in tree.iter() if isinstance(e.tag, str) for a in e.attrib if a.lower().startswith("on")]
    assert handlers == []
    links = [u for u in tree.xpath("//@href | //@src") if u.strip().lower().startswith(("javascript:", "data:"))]
    assert links in ([], ["javascript:void(0)"])  # the theme's own search-share button
    assert tree.xpath("//a[@href='javascript:void(0)']/@data-md-component") in ([], ["search-share"])


def test_yaml_text_is_shown_as_text(built):
    page = article(built / "activities" / "2026-hostile.html")
    assert texts(page, ".//h1") == ['危险</a><script>alert("t")</script>标题']
    facts = dict(zip(texts(page, ".//div[@class='hd-facts']//th"), texts(page, ".//div[@class='hd-facts']//td")))
    assert facts["地点"] == "<img src=x onerror=alert(1)>会议室"
    assert facts["主办"] == "[点我](javascript:alert(1))"  # Markdown is not interpreted in YAML fields
    assert facts["活动主题"] == "<b onmouseover=alert(2)>主题</b>"
    assert page.xpath(".//img") == [] and page.xpath(".//b") == []
    title = html(built / "activities" / "2026-hostile.html").findtext(".//title")
    assert title == '危险</a><script>alert("t")</script>标题 - 测试镇关爱老人志愿服务队'


def test_markdown_free_text_is_rendered_then_sanitised(built):
    body = article(built / "news" / "2026-hostile.html").xpath(".//div[@class='hd-article']")[0]
    assert [a.get("href") for a in body.xpath(".//a")] == [None, None]  # javascript: hrefs dropped, text kept
    assert texts(body, ".//a") == ["恶意链接", "大写链接"]
    assert body.xpath(".//img") == []  # src=x onerror=… and an outside image name no published photo: left out
    assert "onerror" not in lxml.html.tostring(body, encoding="unicode")
    assert "正文" in body.text_content() and "alert('正文')" not in body.text_content()


def test_category_names_are_escaped_in_navigation(built):
    nav = html(built / "news" / "index.html").xpath("//nav[contains(@class, 'md-nav--primary')]")[0]
    assert "</a><script>alert(3)</script>" in texts(nav, ".//a")


def test_search_index_holds_no_live_markup(built):
    index = json.loads((built / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = json.dumps(index, ensure_ascii=False)
    assert "<script" not in text and "onerror=alert" not in text.replace("&lt;img src=x onerror=alert", "")
    assert any("义诊" in doc["title"].replace("\u200b", "") for doc in index["docs"])


def test_render_markdown_keeps_ordinary_formatting():
    out = render_markdown("**重阳**快乐\n\n- 一\n- 二\n\n[网站](https://example.org/)")
    assert out == ('<p><strong>重阳</strong>快乐</p>\n<ul>\n<li>一</li>\n<li>二</li>\n</ul>\n'
                   '<p><a href="https://example.org/" rel="noopener noreferrer">网站</a></p>')
