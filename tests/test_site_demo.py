"""The repository's demo project builds, and no internal value of it reaches site/.

Runs on every test run: it is the guard that the public view keeps what it promises.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.website.build import build_site

from .site_helpers import REPO, article, internal_values, leaks, texts


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory) -> Path:
    return build_site(REPO, dest=tmp_path_factory.mktemp("demo") / "site")


def test_demo_site_leaks_no_internal_value(demo_site):
    values = internal_values(REPO)
    assert len(values) > 50  # beneficiaries, elders' archive and volunteers' phones are all scanned
    assert leaks(demo_site, values) == []


def test_demo_site_has_every_activity_and_no_source_files(demo_site):
    ids = sorted(p.stem for p in (REPO / "content" / "activities").glob("*.yaml"))
    assert sorted(p.stem for p in (demo_site / "activities").glob("*.html") if p.stem != "index") == ids
    assert not [p for p in demo_site.rglob("*") if p.suffix in (".yaml", ".yml", ".md")]
    assert texts(article(demo_site / "index.html"), ".//h2")[:2] == ["近期活动", "最新报道"]


def test_home_totals_include_programme_counts_but_no_names(demo_site):
    from generator.content.project import load_project
    from generator.records.load import load_records

    records = load_records(load_project(REPO))
    visits = sum(len(e.visits) for e in records.elders)
    totals = " ".join(texts(article(demo_site / "index.html"), ".//div[@class='hd-total']"))
    assert f"{len(records.elders)}位老人结对帮扶" in totals
    assert f"{visits}次入户走访" in totals
    assert not any(e.name in totals for e in records.elders)


def test_demo_site_shows_ordinary_words_intact(demo_site):
    """Needs and notes (打扫卫生, 陪老人聊天) are not secrets: only names, numbers and house addresses are masked."""
    plan = " ".join(article(demo_site / "activities" / "2027-xueleifeng-zhiyuanyue.html").text_content().split())
    assert "各组入户：打扫卫生、晒被子、陪老人聊天、教老人用手机视频通话" in plan
    visit = " ".join(article(demo_site / "activities" / "2026-chongyang-jinglaoyuan.html").text_content().split())
    assert "料理家务：打扫卫生、晒被子、帮忙做午饭" in visit
    assert "（不公开）" not in plan + visit
