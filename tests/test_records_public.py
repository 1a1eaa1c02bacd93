"""What the site may show of the records: consented names, masked names, totals; no elder data in site/."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.content.project import load_project
from generator.records.public import honour_roll, public_commendations, public_totals

from .site_helpers import mkdocs_yml

FIXTURE = Path(__file__).parent / "fixtures" / "records" / "project"
ELDER_VALUES = ["赵秀英", "钱德胜", "测试镇测试村一组 8 号", "测试镇测试村二组 3 号", "13900009999", "高血压", "量血压"]
VOLUNTEER_SECRETS = ["13900001111", "13900002222", "15900003333", "11010519491231002X", "李华", "孙建国"]


@pytest.fixture
def project(tmp_path):
    shutil.copytree(FIXTURE, tmp_path / "p")
    return load_project(tmp_path / "p")


def test_commendation_names_as_consented(project):
    [award] = public_commendations(project)
    assert award.title == "优秀志愿者"
    # 张明 consented; 李华 did not; a family outside the roster is masked; units stay
    assert award.names == ("张明", "李某某", "孙某某家庭", "测试小学五（1）班")
    assert award.reason == "坚持走访结对老人。"


def test_a_phone_typed_into_a_reason_is_masked(project):
    path = project.root / "content/commendations/2026-youxiu.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("坚持走访结对老人。", "坚持走访赵秀英，电话 13900009999。"),
                    encoding="utf-8")
    [award] = public_commendations(load_project(project.root))
    assert "赵秀英" not in award.reason and "13900009999" not in award.reason
    assert "赵奶奶" in award.reason


def test_honour_roll_by_hours(project):
    rows = honour_roll(project, 2026)
    assert [(r.name, r.unit, r.hours, r.services) for r in rows] == [
        ("张明", "测试小学五（1）班", "3.75", 2), ("李某某", "测试小学五（1）班", "1.25", 1)]


def test_public_totals_are_counts_only(project):
    totals = public_totals(project)
    assert (totals.elders, totals.visits, totals.hours, totals.volunteers) == (2, 2, "7", 2)
    assert public_totals(project, 2025).hours == "2"
    assert set(vars(totals)) == {"elders", "visits", "hours", "volunteers"}


def test_no_elder_or_volunteer_secret_reaches_the_site(project):
    from generator.website.build import build_site

    (project.root / "mkdocs.yml").write_text(mkdocs_yml(), encoding="utf-8")
    (project.root / "content" / "pages").mkdir()
    site = build_site(project.root)
    pages = {p: p.read_text(encoding="utf-8", errors="replace") for p in site.rglob("*")
             if p.is_file() and p.suffix in (".html", ".xml", ".json", ".ics", ".js", ".txt")}
    everything = "\n".join(pages.values())
    assert "优秀志愿者" in everything  # the commendation is published …
    assert "李某某" in everything and "孙某某家庭" in everything  # … with masked names
    leaked = [(p.relative_to(site).as_posix(), v) for p, t in pages.items() for v in ELDER_VALUES + VOLUNTEER_SECRETS if v in t]
    assert leaked == []
    assert not list(site.rglob("*.yaml")) and not list(site.rglob("*.xlsx"))
