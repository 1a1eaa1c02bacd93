"""An activity page's HTML does not grow with the number of activities (no flat sidebar)."""

from __future__ import annotations

from pathlib import Path

from generator.website.build import build_site

from .site_helpers import mkdocs_yml

KINDS = ("visit", "festival", "outing", "clinic", "programme")


def synthetic_project(root: Path, count: int) -> Path:
    activities = root / "content" / "activities"
    activities.mkdir(parents=True)
    (root / "content" / "pages").mkdir()
    (root / "content" / "site.yaml").write_text("name: 规模测试志愿服务队\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(mkdocs_yml(), encoding="utf-8")
    for n in range(count):
        (activities / f"a{n:04d}.yaml").write_text(
            f"title: 第{n}次走访慰问空巢老人\nkind: {KINDS[n % 5]}\ndate: 2026-{n % 12 + 1:02d}-{n % 28 + 1:02d}\n"
            f'time: "09:00-11:00"\nlocation: 第{n % 7}村\norganiser: 竹亭镇老龄办\n',
            encoding="utf-8",
        )
    (activities / "probe.yaml").write_text(
        "title: 探针活动\nkind: visit\ndate: 2026-05-05\ntime: \"14:00-16:00\"\nlocation: 溪口村\norganiser: 竹亭镇老龄办\n"
        "beneficiaries:\n  - {name: 李秀英, gender: 女, community: 溪口村}\n", encoding="utf-8")
    return root


def test_activity_page_size_is_the_same_at_10_and_300_activities(tmp_path):
    sizes = {}
    for count in (10, 300):
        root = synthetic_project(tmp_path / f"n{count}", count)
        build_site(root)
        assert len(list((root / "site" / "activities").glob("a*.html"))) == count
        sizes[count] = (root / "site" / "activities" / "probe.html").stat().st_size
    assert sizes[10] == sizes[300], sizes
