"""Visit cadence (红 twice a month, 黄 monthly, 绿 quarterly), month boundaries, and birthdays."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.records.cadence import DONE, DUE, OVERDUE, birthdays, visit_status
from generator.records.commands import parse_month
from generator.records.models import DEFAULT_CADENCE, Cadence, Elder


def elder(risk: str, *days: str, registered: str | None = "2025-01-01", birth=None) -> Elder:
    return Elder.model_validate({
        "id": "e01", "name": "李秀英", "risk": risk, "registered": registered, "birth": birth,
        "visits": [{"date": d, "volunteers": ["v01"]} for d in days],
    })


def status(person: Elder, year: int, month: int):
    return visit_status(person, DEFAULT_CADENCE[person.risk], year, month)


def test_red_needs_two_visits_every_month():
    person = elder("红", "2026-10-03", "2026-10-20", "2026-11-05")
    november = status(person, 2026, 11)
    assert (november.status, november.done, november.remaining) == (DUE, 1, 1)
    assert status(elder("红", "2026-10-03", "2026-10-20", "2026-11-05", "2026-11-19"), 2026, 11).status == DONE


def test_red_with_one_visit_last_month_is_overdue():
    person = elder("红", "2026-10-03")
    november = status(person, 2026, 11)
    assert november.status == OVERDUE
    assert november.missed == "2026年10月只走访 1 次（应至少 2 次）"


def test_yellow_monthly_and_a_visit_on_january_31_counts_for_january_only():
    person = elder("黄", "2026-01-31")
    assert status(person, 2026, 1).status == DONE
    february = status(person, 2026, 2)
    assert (february.status, february.done, february.missed) == (DUE, 0, None)
    assert status(person, 2026, 3).status == OVERDUE  # nothing in February


def test_december_to_january_crosses_the_year():
    person = elder("黄", "2025-12-31")
    january = status(person, 2026, 1)
    assert (january.status, january.period.label) == (DUE, "2026年1月")
    assert status(elder("黄", "2025-11-30"), 2026, 1).missed == "2025年12月只走访 0 次（应至少 1 次）"


def test_green_is_quarterly():
    person = elder("绿", "2026-01-31")
    february = status(person, 2026, 2)
    assert (february.status, february.done, february.period.label) == (DONE, 1, "2026年第1季度")
    april = status(person, 2026, 4)
    assert (april.status, april.period.label) == (DUE, "2026年第2季度")
    assert status(elder("绿", "2025-12-15"), 2026, 4).missed == "2026年第1季度只走访 0 次（应至少 1 次）"


def test_not_overdue_before_the_elder_was_registered():
    person = elder("红", registered="2026-11-10")
    assert status(person, 2026, 11).status == DUE
    assert status(elder("红", registered=None), 2026, 11).status == DUE  # no date known: due, not overdue


def test_cadence_is_configurable():
    person = elder("黄", "2026-11-02", registered="2026-11-01")
    weekly_ish = visit_status(person, Cadence(times=3, per="month"), 2026, 11)
    assert (weekly_ish.status, weekly_ish.remaining, weekly_ish.rule) == (DUE, 2, "每月至少 3 次")


@pytest.mark.parametrize("birth, month, expected", [
    ({"lunar": "九月初九", "year": 1940}, (2026, 10), (dt.date(2026, 10, 18), "农历九月初九（10月18日）", 86)),
    ({"lunar_month": 9, "lunar_day": 9}, (2025, 10), (dt.date(2025, 10, 29), "农历九月初九（10月29日）", None)),
    ({"lunar": "腊月初八"}, (2027, 1), (dt.date(2027, 1, 15), "农历腊月初八（1月15日）", None)),  # 腊月 of lunar 2026
    ("1941-11-02", (2026, 11), (dt.date(2026, 11, 2), "11月2日", 85)),
])
def test_birthdays_solar_and_lunar(birth, month, expected):
    found = birthdays([elder("绿", birth=birth)], *month)
    assert [(b.day, b.label, b.age) for b in found] == [expected]


def test_lunar_birthday_outside_the_month_is_not_listed():
    assert birthdays([elder("绿", birth={"lunar": "九月初九"})], 2026, 11) == []


def test_bad_lunar_text_is_a_chinese_error():
    with pytest.raises(Exception) as info:
        elder("绿", birth={"lunar": "九月三十一"})
    assert "农历日期“九月三十一”看不懂，请写成 九月初九、正月十五、腊月廿三 这样" in str(info.value)


@pytest.mark.parametrize("text, expected", [("2026-11", (2026, 11)), ("2026年1月", (2026, 1)), ("2026/03", (2026, 3))])
def test_month_argument(text, expected):
    assert parse_month(text) == expected


def test_bad_month_argument():
    with pytest.raises(ValueError, match="月份“2026-13”看不懂，请写成 2026-11 这样的“年-月”"):
        parse_month("2026-13")
