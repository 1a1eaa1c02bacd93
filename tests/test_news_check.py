"""`huodong check` validates content/news/*.md with located Chinese messages, and the site reads the same model."""

from __future__ import annotations

import pytest

from generator.cli import main
from generator.content.news import check_news, load_news
from generator.content.project import load_project

GOOD = """\
---
title: 情暖重阳 爱在敬老院
date: 2026-10-20
category: 重阳敬老
summary: 一句话摘要
---
正文第一段。
"""


def problems(scratch, text: str, name: str = "2026-10-20-chongyang") -> list[str]:
    scratch.write(f"content/news/{name}.md", text)
    return [str(p) for p in check_news(load_project(scratch.root, strict=False))]


def test_a_good_news_file_passes_and_keeps_its_values(scratch):
    assert problems(scratch, GOOD) == []
    files, found = load_news(scratch.root)
    assert found == []
    assert [(f.slug, f.front.title, f.front.date.isoformat(), f.front.category, f.body) for f in files] == [
        ("2026-10-20-chongyang", "情暖重阳 爱在敬老院", "2026-10-20", "重阳敬老", "正文第一段。\n")]


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("date: 2026-10-20", "date: 2026-02-30",
     "3:7: 日期“2026-02-30”不存在，请检查月份和日子（例如 2 月没有 30 日）"),
    ("summary: 一句话摘要", "summary: 一句话摘要\ntitle: 又一个标题", "6:1: 键“title”在同一层重复出现，请删掉或合并其中一个"),
    ("category: 重阳敬老", "category: " + "重阳敬老" * 6, "4:11: 栏目名称太长（24 个字），请不超过 20 个字"),
    ("title: 情暖重阳", "title: 情暖\x00重阳", "2:10: 这里有一个看不见的控制字符（U+0000），通常是从网页、微信或 Word 复制时带进来的，请删掉它（可以把这段文字重新输入一遍）"),
    ("summary: 一句话", "summary: 一句\x1b话", "5:12: 这里有一个看不见的控制字符（U+001B），通常是从网页、微信或 Word 复制时带进来的，请删掉它（可以把这段文字重新输入一遍）"),
    ("summary: 一句话摘要", 'summary: "一句话\\e摘要"', "5:10: 这里有一个看不见的控制字符（U+001B），通常是从网页、微信或 Word 复制时带进来的，请删掉它（可以把这段文字重新输入一遍）"),
    ("summary: 一句话摘要", "summary: 一句话摘要\nactivity: 2026-nowhere", "6:11: 没有编号为“2026-nowhere”的活动，请检查 activity 的拼写"),
    ("---\ntitle", "title", "1:1: 新闻稿开头缺少用 --- 包起来的标题、日期等设置，请参照 content/news/README.md 补上"),
])
def test_each_mistake_is_located_in_chinese(scratch, old, new, expected):
    found = problems(scratch, GOOD.replace(old, new, 1))
    assert found == [f"content/news/2026-10-20-chongyang.md:{expected}"]


def test_a_syntax_error_is_located_at_its_line_in_the_file(scratch):
    (found,) = problems(scratch, GOOD.replace("category: 重阳敬老", "category: 重阳: 敬老"))
    assert found.startswith("content/news/2026-10-20-chongyang.md:4:13: ")  # the loader's message follows


def test_a_misspelt_key_is_named_with_the_missing_one(scratch):
    assert problems(scratch, GOOD.replace("title: 情暖重阳", "titel: 情暖重阳")) == [
        "content/news/2026-10-20-chongyang.md:2:1: 缺少必填项“title”，请补上",
        "content/news/2026-10-20-chongyang.md:2:1: 不认识的键“titel”，是不是想写“title”？",
    ]


def test_a_file_name_too_long_for_an_address(scratch):
    assert problems(scratch, GOOD, name="重阳" * 40) == [
        "content/news/" + "重阳" * 40 + ".md:1:1: 文件名太长（80 个字），网站上存不下这个网址，请把文件名改短"]


def test_check_reports_news_with_the_rest(scratch, capsys):
    scratch.activity("2026-chongyang")
    scratch.write("content/news/2026-10-20-a.md", GOOD.replace("2026-10-20", "2026-02-30"))
    assert main(["--root", str(scratch.root), "check"]) == 1
    assert "content/news/2026-10-20-a.md:3:7: 日期“2026-02-30”不存在" in capsys.readouterr().err.replace("\n", "")


def test_people_and_news_take_dates_as_activities_do(tmp_path):
    """One date rule for every file: 2026年10月20日 in a news file or a roster is a date, as in an activity."""
    from generator.content.news import NewsFront
    from generator.records.models import Volunteer

    assert NewsFront.model_validate({"title": "重阳敬老", "date": "2026年10月20日（星期二）"}).date.isoformat() == "2026-10-20"
    assert Volunteer.model_validate({"id": "v01", "name": "王晓岚", "joined": "2025/9/1"}).joined.isoformat() == "2025-09-01"
