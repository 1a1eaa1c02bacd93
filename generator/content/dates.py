"""Dates and times: festivals on the lunar calendar, time ranges, Chinese formatting.

The one place that knows what 重阳节 2026 is and how a date is written in a
Chinese document (2026年10月18日).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from lunar_python import Lunar, LunarYear

# Lunar festivals: (lunar month, lunar day) in the lunar year of the same number.
LUNAR_FESTIVALS: dict[str, tuple[int, int]] = {
    "春节": (1, 1),
    "元宵节": (1, 15),
    "龙抬头": (2, 2),
    "端午节": (5, 5),
    "七夕": (7, 7),
    "七夕节": (7, 7),
    "中元节": (7, 15),
    "中秋节": (8, 15),
    "重阳节": (9, 9),
    "老年节": (9, 9),  # 《老年人权益保障法》: 每年农历九月初九为老年节
    "敬老节": (9, 9),
}
# Festivals of the twelfth lunar month fall in January/February of the next
# Gregorian year, so {festival: 腊八节, year: 2026} means the 腊八 in 2026.
LATE_LUNAR_FESTIVALS: dict[str, tuple[int, int]] = {
    "腊八节": (12, 8),
    "小年": (12, 23),
}
FIXED_FESTIVALS: dict[str, tuple[int, int]] = {
    "元旦": (1, 1),
    "学雷锋纪念日": (3, 5),
    "学雷锋日": (3, 5),
    "妇女节": (3, 8),
    "植树节": (3, 12),
    "劳动节": (5, 1),
    "青年节": (5, 4),
    "儿童节": (6, 1),
    "建党节": (7, 1),
    "建军节": (8, 1),
    "教师节": (9, 10),
    "国庆节": (10, 1),
    "国际老年人日": (10, 1),
    "国际志愿者日": (12, 5),
}
# (month, weekday Monday=0, n-th occurrence)
WEEKDAY_FESTIVALS: dict[str, tuple[int, int, int]] = {
    "母亲节": (5, 6, 2),
    "父亲节": (6, 6, 3),
}
OTHER_FESTIVALS = ("除夕", "清明节", "冬至")  # 冬至: the solar term, when visits bring 饺子
FESTIVALS: tuple[str, ...] = (
    *LUNAR_FESTIVALS, *LATE_LUNAR_FESTIVALS, *FIXED_FESTIVALS, *WEEKDAY_FESTIVALS, *OTHER_FESTIVALS
)
MIN_YEAR, MAX_YEAR = 1901, 2099


class DateProblem(ValueError):
    """A date the user wrote that cannot be a real date; the message is Chinese."""


@lru_cache(maxsize=4096)
def festival_date(name: str, year: int) -> dt.date:
    """The Gregorian date of a festival in the given Gregorian year."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DateProblem(f"年份 {year} 超出范围，请写 {MIN_YEAR}—{MAX_YEAR} 之间的年份")
    if name in LUNAR_FESTIVALS:
        month, day = LUNAR_FESTIVALS[name]
        return _from_lunar(year, month, day)
    if name in LATE_LUNAR_FESTIVALS:
        month, day = LATE_LUNAR_FESTIVALS[name]
        return _from_lunar(year - 1, month, day)
    if name == "除夕":
        return _from_lunar(year, 1, 1) - dt.timedelta(days=1)
    if name == "清明节":
        solar = Lunar.fromYmd(year, 3, 1).getJieQiTable()["清明"]
        return dt.date(solar.getYear(), solar.getMonth(), solar.getDay())
    if name == "冬至":  # the lunar year's table keys the December term after it DONG_ZHI
        solar = Lunar.fromYmd(year, 11, 1).getJieQiTable()["DONG_ZHI"]
        return dt.date(solar.getYear(), solar.getMonth(), solar.getDay())
    if name in FIXED_FESTIVALS:
        return dt.date(year, *FIXED_FESTIVALS[name])
    if name in WEEKDAY_FESTIVALS:
        month, weekday, nth = WEEKDAY_FESTIVALS[name]
        first = dt.date(year, month, 1)
        offset = (weekday - first.weekday()) % 7
        return first + dt.timedelta(days=offset + 7 * (nth - 1))
    raise DateProblem(f"不认识的节日“{name}”，可用的节日有：{'、'.join(FESTIVALS)}")


def lunar_to_solar(year: int, month: int, day: int, leap: bool = False) -> dt.date:
    """A lunar date (e.g. an elder's lunar birthday) in the given lunar year.

    A day 30 that this year's month lacks falls back to the month's last day,
    which is how families keep such birthdays.
    """
    lunar_year = LunarYear.fromYear(year)
    lunar_month = lunar_year.getMonth(-month if leap else month)
    if lunar_month is None:
        if not leap:
            raise DateProblem(f"农历{month}月不存在")
        lunar_month = lunar_year.getMonth(month)  # no leap month this year
    day = min(day, lunar_month.getDayCount())
    return _from_lunar(year, lunar_month.getMonth(), day)


def check_lunar_date(year: int, month: int, day: int, leap: bool = False) -> None:
    """Refuse a lunar date that did not exist in that year (a birth date, not a yearly birthday)."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DateProblem(f"年份 {year} 超出范围，请写 {MIN_YEAR}—{MAX_YEAR} 之间的年份")
    lunar_month = LunarYear.fromYear(year).getMonth(-month if leap else month)
    name = f"{'闰' if leap else ''}{month}月"
    if lunar_month is None:
        raise DateProblem(f"农历{year}年没有{name}，请检查是不是闰月（去掉“闰”字或 leap）")
    if day > lunar_month.getDayCount():
        raise DateProblem(f"农历{year}年{name}只有 {lunar_month.getDayCount()} 天，没有{day}日，请检查")


@lru_cache(maxsize=4096)
def _from_lunar(year: int, month: int, day: int) -> dt.date:
    solar = Lunar.fromYmd(year, month, day).getSolar()
    return dt.date(solar.getYear(), solar.getMonth(), solar.getDay())


@lru_cache(maxsize=4096)
def lunar_label(day: dt.date) -> str:
    """农历九月初九 for a Gregorian date (an activity's documents each ask; lunar_python computes the year)."""
    from lunar_python import Solar

    lunar = Solar.fromYmd(day.year, day.month, day.day).getLunar()
    return f"农历{lunar.getMonthInChinese()}月{lunar.getDayInChinese()}"


_PERIODS = {  # a Chinese time-of-day word → does it move 1–11 o'clock to the afternoon?
    "凌晨": False, "清晨": False, "早晨": False, "早上": False, "上午": False, "早": False,
    "中午": True, "午后": True, "下午": True, "傍晚": True, "晚上": True, "夜里": True, "晚": True,
}
_PERIOD_RE = "|".join(sorted(_PERIODS, key=len, reverse=True))
_TIME = re.compile(
    rf"^\s*(?P<period>{_PERIOD_RE})?\s*(?P<hour>\d{{1,2}})"
    r"(?:(?:[:：.]|点|时)(?P<minute>\d{1,2})分?|(?P<half>点半)|[点时](?:整|钟)?)?\s*$"
)
_DASHES = re.compile(r"\s*(?:——|--|-|－|–|—|~|～|〜|至|到)\s*")
_CN_DIGITS = re.compile(r"[零〇一二两三四五六七八九十]+(?=[点时:：])")


def _arabic_hours(text: str) -> str:
    """下午三点半 → 下午3点半 (cn2an reads the Chinese numeral; it takes a third of a second to import)."""
    if not _CN_DIGITS.search(text):
        return text
    import cn2an

    return _CN_DIGITS.sub(lambda m: str(cn2an.cn2an(m[0], "smart")), text)


def parse_time(text: str, period: str | None = None) -> tuple[dt.time, str | None]:
    """One time of day as organisers write it; returns the time and its 上午/下午 word.

    ``period`` is the word written before the start of a range (下午2:00-4:30),
    which the end inherits when it has none of its own.
    """
    match = _TIME.match(_arabic_hours(text))
    if not match:
        raise DateProblem(f"时间“{text}”的格式不对，请写成 24 小时制的“时:分”，例如 14:00（也可以写 下午2点、9点半）")
    hour = int(match["hour"])
    minute = 30 if match["half"] else int(match["minute"] or 0)
    own = match["period"]
    word = own or period
    if word and _PERIODS[word] and 1 <= hour < 12:
        hour += 12
    if hour > 23 or minute > 59:
        raise DateProblem(f"时间“{text}”不存在：小时应在 0—23，分钟应在 0—59")
    return dt.time(hour, minute), word


_BARE_TIME = re.compile(r"^\s*[\d零〇一二两三四五六七八九十]")


def carried_periods(times: list[str]) -> list[str]:
    """A schedule's times as organisers write them: 上午/下午 written once holds for the times after it that
    name none (下午2点, 2:20, 2:40-3:00 → 下午2点, 下午2:20, 下午2:40-3:00), as it does for a range's end."""
    carried, period = [], None
    for text in times:
        words = re.findall(_PERIOD_RE, text)
        if words:
            period = words[-1]
        elif period and _BARE_TIME.match(text):
            text = period + text.strip()
        carried.append(text)
    return carried


@dataclass(frozen=True)
class TimeRange:
    """A start time with an optional end: "14:00" or "14:00-16:30"."""

    start: dt.time
    end: dt.time | None = None

    @classmethod
    def parse(cls, text: str) -> "TimeRange":
        parts = _DASHES.split(str(text).strip())
        if len(parts) == 1:
            return cls(parse_time(parts[0])[0])
        if len(parts) != 2:
            raise DateProblem(f"时间段“{text}”的格式不对，请写成“14:00-16:30”")
        start, period = parse_time(parts[0])
        end, _ = parse_time(parts[1], period)
        if end <= start:
            raise DateProblem(f"时间段“{text}”的结束时间不晚于开始时间，请检查")
        return cls(start, end)

    @property
    def hours(self) -> float | None:
        if self.end is None:
            return None
        minutes = (self.end.hour * 60 + self.end.minute) - (self.start.hour * 60 + self.start.minute)
        return round(minutes / 60, 2)

    def __str__(self) -> str:
        text = self.start.strftime("%H:%M")
        return f"{text}—{self.end.strftime('%H:%M')}" if self.end else text


WEEKDAYS = "一二三四五六日"

_DAY = re.compile(
    r"^\s*(?P<y>\d{4})\s*(?:[-/.－]\s*(?P<m>\d{1,2})\s*[-/.－]\s*(?P<d>\d{1,2})"
    r"|年\s*(?P<m2>\d{1,2})\s*月\s*(?P<d2>\d{1,2})\s*[日号]?)"
    r"\s*(?:[（(]\s*(?P<w1>(?:星期|周|礼拜)[一二三四五六日天])\s*[）)]|(?P<w2>(?:星期|周|礼拜)[一二三四五六日天]))?\s*$"
)


def parse_day(value: object) -> dt.date:
    """A date as organisers write it: 2027-3-5, 2027/3/5, 2027.3.5, 2027年3月5日, each with an optional （星期五）.

    A written weekday that is not the date's weekday is a DateProblem: dates are
    copied between years, and the weekday is what gives the copy away.
    """
    if isinstance(value, dt.datetime):
        raise DateProblem(f"这里只要日期，不要时间，请写成 {value.date().isoformat()}")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        digits = str(value)
        if len(digits) == 8:
            raise DateProblem(f"日期“{digits}”请在年、月、日之间加短横线，写成 {digits[:4]}-{digits[4:6]}-{digits[6:]}")
        raise DateProblem(f"“{digits}”不是日期，请写成 2026-10-18 或 2026年10月18日")
    text = str(value).strip()
    match = _DAY.match(_fullwidth_digits(text))
    if not match:
        raise DateProblem(_day_hint(text))
    year, month, day = int(match["y"]), int(match["m"] or match["m2"]), int(match["d"] or match["d2"])
    try:
        result = dt.date(year, month, day)
    except ValueError:
        raise DateProblem(f"日期“{text}”不存在，请检查月份和日子（例如 2 月没有 30 日）") from None
    weekday = match["w1"] or match["w2"]
    if weekday:
        written = weekday[-1].replace("天", "日")
        actual = WEEKDAYS[result.weekday()]
        if written != actual:
            raise DateProblem(f"{cn_date(result)}是星期{actual}，不是星期{written}")
    return result


def _day_hint(text: str) -> str:
    """Why a written date was not understood, for the two slips seen most."""
    plain = _fullwidth_digits(text)
    for cut in range(len(plain) - 1, 5, -1):  # a date followed by a time: 2027年3月5日 上午9点
        if _DAY.match(plain[:cut]) and re.search(r"\d\s*[:：点时]|[上下中]午|晚上|早上", plain[cut:]):
            return f"日期里不要写时间：请把“{text[cut:].strip()}”写到 time: 里，这里只写 {text[:cut].strip()}"
    if re.fullmatch(r"\s*\d{1,2}\s*(?:月\s*\d{1,2}\s*[日号]?|[-/.]\s*\d{1,2})\s*", plain):
        return f"日期“{text}”没有写年份，请写成 2026-10-18 或 2026年10月18日"
    return f"日期“{text}”的格式不对，请写成 2026-10-18 或 2026年10月18日"


def _fullwidth_digits(text: str) -> str:
    """２０２７ → 2027 (input methods in full-width mode)."""
    return text.translate({0xFF10 + i: ord("0") + i for i in range(10)})



def cn_date(day: dt.date | None) -> str:
    """2026年10月18日 — the form every Chinese document uses."""
    if day is None:
        return ""
    return f"{day.year}年{day.month}月{day.day}日"


def cn_date_weekday(day: dt.date) -> str:
    """2026年10月18日（星期日）."""
    return f"{cn_date(day)}（星期{WEEKDAYS[day.weekday()]}）"


def cn_month_day(day: dt.date) -> str:
    return f"{day.month}月{day.day}日"


def half_day(time: dt.time | None) -> str:
    """上午 / 下午 / 晚上 as news reports say it."""
    if time is None:
        return ""
    if time.hour < 12:
        return "上午"
    return "下午" if time.hour < 18 else "晚上"
