"""Festival dates against published calendars, time ranges and Chinese formatting."""

import datetime as dt

import pytest

from generator.content.dates import (
    DateProblem,
    TimeRange,
    cn_date,
    cn_date_weekday,
    festival_date,
    half_day,
    lunar_label,
    lunar_to_solar,
)

PUBLISHED = [
    ("重阳节", 2023, dt.date(2023, 10, 23)),
    ("重阳节", 2024, dt.date(2024, 10, 11)),
    ("重阳节", 2025, dt.date(2025, 10, 29)),
    ("重阳节", 2026, dt.date(2026, 10, 18)),
    ("中秋节", 2024, dt.date(2024, 9, 17)),
    ("中秋节", 2025, dt.date(2025, 10, 6)),
    ("中秋节", 2026, dt.date(2026, 9, 25)),
    ("春节", 2024, dt.date(2024, 2, 10)),
    ("春节", 2025, dt.date(2025, 1, 29)),
    ("春节", 2026, dt.date(2026, 2, 17)),
    ("除夕", 2024, dt.date(2024, 2, 9)),
    ("除夕", 2025, dt.date(2025, 1, 28)),
    ("除夕", 2026, dt.date(2026, 2, 16)),  # 腊月只有二十九天的年份
    ("元宵节", 2025, dt.date(2025, 2, 12)),
    ("元宵节", 2026, dt.date(2026, 3, 3)),
    ("端午节", 2024, dt.date(2024, 6, 10)),
    ("端午节", 2025, dt.date(2025, 5, 31)),
    ("端午节", 2026, dt.date(2026, 6, 19)),
    ("七夕", 2025, dt.date(2025, 8, 29)),
    ("七夕", 2026, dt.date(2026, 8, 19)),
    ("腊八节", 2025, dt.date(2025, 1, 7)),
    ("腊八节", 2026, dt.date(2026, 1, 26)),
    ("清明节", 2025, dt.date(2025, 4, 4)),
    ("清明节", 2026, dt.date(2026, 4, 5)),
    ("学雷锋纪念日", 2026, dt.date(2026, 3, 5)),
    ("国际老年人日", 2026, dt.date(2026, 10, 1)),
    ("母亲节", 2026, dt.date(2026, 5, 10)),
    ("老年节", 2026, dt.date(2026, 10, 18)),
]


@pytest.mark.parametrize("name, year, expected", PUBLISHED)
def test_festival_matches_published_date(name, year, expected):
    assert festival_date(name, year) == expected


def test_unknown_festival_lists_the_known_ones():
    with pytest.raises(DateProblem, match="不认识的节日“重阳”，可用的节日有：春节、元宵节"):
        festival_date("重阳", 2026)


def test_year_out_of_lunar_table_is_refused():
    with pytest.raises(DateProblem, match="年份 2150 超出范围"):
        festival_date("春节", 2150)


def test_lunar_birthday_and_missing_day_30():
    assert lunar_to_solar(2026, 9, 9) == dt.date(2026, 10, 18)
    # 2026 腊月 has 29 days: a 腊月三十 birthday is kept on the month's last day
    assert lunar_to_solar(2025, 12, 30) == dt.date(2026, 2, 16)


def test_lunar_label():
    assert lunar_label(dt.date(2026, 10, 18)) == "农历九月初九"


@pytest.mark.parametrize(
    "text, start, end, hours",
    [
        ("14:00-16:30", dt.time(14, 0), dt.time(16, 30), 2.5),
        ("8:30 - 11:45", dt.time(8, 30), dt.time(11, 45), 3.25),
        ("09:00至12:00", dt.time(9, 0), dt.time(12, 0), 3.0),
        ("14：00", dt.time(14, 0), None, None),
    ],
)
def test_time_range_parsing(text, start, end, hours):
    span = TimeRange.parse(text)
    assert (span.start, span.end, span.hours) == (start, end, hours)


@pytest.mark.parametrize(
    "text, message",
    [
        ("25:00", "时间“25:00”不存在：小时应在 0—23，分钟应在 0—59"),
        ("下午茶", "时间“下午茶”的格式不对，请写成 24 小时制的“时:分”，例如 14:00（也可以写 下午2点、9点半）"),
        ("16:00-14:00", "时间段“16:00-14:00”的结束时间不晚于开始时间，请检查"),
    ],
)
def test_time_range_errors(text, message):
    with pytest.raises(DateProblem) as error:
        TimeRange.parse(text)
    assert str(error.value) == message


def test_chinese_formatting():
    day = dt.date(2026, 10, 18)
    assert cn_date(day) == "2026年10月18日"
    assert cn_date_weekday(day) == "2026年10月18日（星期日）"
    assert str(TimeRange.parse("14:00-16:30")) == "14:00—16:30"
    assert half_day(dt.time(9, 0)) == "上午" and half_day(dt.time(14, 0)) == "下午"
