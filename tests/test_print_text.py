"""Numbering (一、（一）1.（1）, 〔〕), text tidying and the small views the printables share."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from generator.content.models import Phase, SiteConfig
from generator.numbering import cn_numeral, doc_number, number
from generator.printing import text as tx
from generator.printing.timeline import timeline


def test_chinese_numerals():
    assert [cn_numeral(n) for n in (1, 9, 10, 11, 20, 21, 99, 100, 105, 110, 999)] == [
        "一", "九", "十", "十一", "二十", "二十一", "九十九", "一百", "一百零五", "一百一十", "九百九十九"]
    with pytest.raises(ValueError):
        cn_numeral(0)


def test_heading_levels():
    assert [number(level, 3) for level in (1, 2, 3, 4)] == ["三、", "（三）", "3.", "（3）"]
    with pytest.raises(ValueError):
        number(5, 1)


def test_document_numbers_use_hexagonal_brackets():
    for written in ("竹委发[2026]5号", "竹委发【2026】5号", "竹委发（2026）5号", "竹委发(2026)5号", "竹委发〔2026〕5号"):
        assert doc_number(written) == "竹委发〔2026〕5号"


def test_folded_yaml_gaps_are_removed_from_prose_only():
    assert tx.prose("在关爱空巢老人工作中 发挥先锋模范作用， 经研究") == "在关爱空巢老人工作中发挥先锋模范作用，经研究"
    assert tx.prose("共 1126 人。 其中") == "共 1126 人。其中"
    assert tx.tidy("孝亲敬老 情暖重阳") == "孝亲敬老 情暖重阳"
    assert tx.paragraphs("第一段\n\n第二 段\n") == ["第一段", "第二段"]


def test_sentences_amounts_and_quantities():
    assert tx.sentence("服从安排；") == "服从安排。"
    assert tx.sentence("已经有句号。") == "已经有句号。"
    assert tx.amount(Decimal("1350")) == "1350.00" and tx.amount(None) == ""
    assert tx.quantity(Decimal("60.00")) == "60" and tx.quantity(Decimal("1.50")) == "1.5"


def test_timeline_bars_follow_the_calendar():
    phases = [Phase(name="甲", start=dt.date(2026, 3, 1), end=dt.date(2026, 3, 31)),
              Phase(name="乙", start=dt.date(2026, 4, 1), end=dt.date(2026, 12, 31))]
    chart = timeline(phases)
    first, second = chart.bars
    assert first.x == chart.label_width and second.x + second.width == pytest.approx(chart.width, abs=0.05)
    assert first.width < second.width
    assert [t.label for t in chart.ticks][:3] == ["3月", "4月", "5月"]
    assert second.dates == "4月1日—12月31日" and second.dates_inside
    assert timeline([]) is None


def test_qr_code_leads_to_the_form_or_the_activity_page():
    from generator.content.models import Activity, Signup
    from generator.printing.views import qr_target

    activity = Activity(id="a1", title="测试活动", kind="visit", date=dt.date(2026, 5, 1), location="村里",
                        organiser="村委会", signup=Signup(capacity=5))
    with_url = SiteConfig(name="队", url="https://example.org")
    assert qr_target(activity, with_url) == ("https://example.org/activities/a1.html", "扫码查看活动详情")
    target, note = qr_target(activity, SiteConfig(name="队"))
    assert (target, note) == (None, "")  # nothing for parents to read; check tells the organiser, once
    activity.signup.form_url = "https://form.example.org/x"
    assert qr_target(activity, with_url) == ("https://form.example.org/x", "扫码在线报名")


def test_a_single_item_is_not_numbered_two_are():
    from generator.content.models import Activity
    from generator.printing.plan import plan_view

    def texts(requirements):
        activity = Activity.model_validate({"id": "a", "title": "重阳走访", "kind": "visit", "date": "2026-10-18",
                                            "location": "溪口村", "organiser": "老龄办",
                                            "requirements": requirements})
        view = plan_view(activity)
        start = next(i for i, b in enumerate(view.blocks) if getattr(b, "text", "") == "注意事项")
        return [(b.number, b.lead, b.text) for b in view.blocks[start + 1:] if b.kind == "para"
                and b.level == 2][:2]

    assert texts(["安全第一：注意老人的身体状况"]) == [("", "安全第一：", "注意老人的身体状况。")]
    assert texts(["安全第一：注意老人的身体状况", "按时集合"]) == [("（一）", "安全第一：", "注意老人的身体状况。"),
                                                           ("（二）", "", "按时集合。")]
