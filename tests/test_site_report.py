"""`huodong report ID`: a news draft in the seeds' style, from public fields only."""

from __future__ import annotations

import datetime as dt

from generator.content.project import load_project
from generator.website.build import build_site
from generator.website.report import draft_report

from .site_helpers import article, fixture_project, texts


def test_draft_says_who_when_where_what_and_how_many(tmp_path):
    root = fixture_project(tmp_path / "project")
    project = load_project(root)
    draft = draft_report(project, project.activity("2026-chongyang"), today=dt.date(2026, 10, 19))
    front, body = draft.split("---\n", 2)[1:]
    assert front.splitlines() == [
        'title: "情暖重阳 爱在敬老院"', "date: 2026-10-19", 'category: "重阳敬老"', 'activity: "2026-chongyang"',
        'summary: "2026年10月18日下午，测试中心小学政教处开展“情暖重阳·走进敬老院志愿服务活动”。"',
    ]
    first, what, served, closing = body.strip().split("\n\n")
    assert first == ("重阳节来临之际，为弘扬尊老、敬老、爱老、助老的传统美德，2026年10月18日下午，测试中心小学政教处联合测试镇卫生院"
                     "在测试镇敬老院开展了“情暖重阳·走进敬老院志愿服务活动”，学生志愿者20名、带队教师4名参加了活动。")
    assert what == "活动中，学校门口集合，清点人数；文艺表演：合唱《听我说谢谢你》；为老人剪指甲、打扫房间，陪老人聊天。"
    assert served == "本次活动24名志愿者共服务老人38人次。"
    assert closing.startswith("此次活动以“孝亲敬老 情暖重阳”为主题")
    for secret in ("李秀英", "溪口村六组", "18800005203"):
        assert secret not in draft


def test_draft_without_report_names_the_elders_masked_and_is_valid_news(tmp_path):
    root = fixture_project(tmp_path / "project")
    source = root / "content" / "activities" / "2026-chongyang.yaml"
    source.write_text(source.read_text(encoding="utf-8").split("report:")[0], encoding="utf-8")
    project = load_project(root)
    draft = draft_report(project, project.activity("2026-chongyang"), today=dt.date(2026, 10, 19))
    assert "志愿者们走访慰问了李奶奶、欧阳爷爷、赵某某3位老人" in draft
    (root / "content" / "news" / "draft.md").write_text(draft, encoding="utf-8")
    build_site(root)
    page = article(root / "site" / "news" / "draft.html")
    assert texts(page, ".//h1") == ["情暖重阳·走进敬老院志愿服务活动"]
