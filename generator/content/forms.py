"""The forms organisers type, normalised once: numbers with units, one-line lists, Chinese kinds, Chinese file names.

Each function takes what YAML gave and returns the canonical value, or raises
ValueFormError with a Chinese message; the models wrap them as validators.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

MAX_DIGITS = 15  # no count, price or hour total needs more; longer is a typing slip


class ValueFormError(ValueError):
    """A value the organiser wrote that cannot be read; the message is Chinese."""


# ---- numbers ------------------------------------------------------------------

_GROUPED = re.compile(r"(?<=\d)[,，](?=\d{3}(?!\d))")
_NUMBER = re.compile(r"^\s*(?P<number>[-+]?(?:\d+(?:\.\d+)?|\.\d+)|[零〇一二两三四五六七八九十百千万亿点]+)\s*(?P<unit>\D{0,4}?)\s*$")
_CN_CHARS = set("零〇一二两三四五六七八九十百千万亿点")


def split_number(value: Any) -> tuple[Decimal, str]:
    """``'1,200本'`` → (1200, '本'); ``'十二人'`` → (12, '人'); numbers pass through with no unit."""
    if isinstance(value, bool):
        raise ValueFormError("这里应该是数字")
    if isinstance(value, int):
        if len(str(abs(value))) > MAX_DIGITS:
            raise ValueFormError(f"数字太长（{len(str(abs(value)))} 位），请检查")
        return Decimal(value), ""
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueFormError("这里要写一个具体的数字，不能写无穷大（.inf）或 .nan")
        return Decimal(getattr(value, "text", None) or repr(value)), ""
    if isinstance(value, Decimal):
        return value, ""
    if not isinstance(value, str):
        raise ValueFormError("这里应该是数字")
    text = _GROUPED.sub("", value.strip().translate(_FULLWIDTH))
    match = _NUMBER.match(text)
    if not match:
        raise ValueFormError(f"“{value}”不是数字，请写阿拉伯数字（如 12、1.5）或中文数字（如 十二）")
    number, unit = match["number"], match["unit"]
    if unit.startswith(("多", "余", "来", "几", "左右", "以上", "以下")):
        raise ValueFormError(f"“{value}”不是确切的数字，请写一个数，如 30")
    if len(number) > MAX_DIGITS + 2:
        raise ValueFormError(f"数字太长（{len(number)} 位），请检查")
    if set(number) <= _CN_CHARS:
        import cn2an

        try:
            number = str(cn2an.cn2an(number, "normal"))
        except (ValueError, KeyError, IndexError):
            raise ValueFormError(f"“{value}”里的中文数字看不懂，请写阿拉伯数字，如 12") from None
    try:
        return Decimal(number), unit
    except InvalidOperation:
        raise ValueFormError(f"“{value}”不是数字") from None


_FULLWIDTH = {0xFF10 + i: ord("0") + i for i in range(10)} | {0xFF0E: ord(".")}


def whole_number(value: Any) -> Any:
    """Counts and capacities: 12, '12人', '十二', '1,200'."""
    if value is None:
        return None
    number, _ = split_number(value)
    if number != number.to_integral_value():
        raise ValueFormError(f"“{value}”不是整数，请去掉小数部分")
    return int(number)


def decimal_number(value: Any) -> Any:
    """Quantities, prices, hours: 4, '4盒', '1.5元', '两', '2,000'."""
    if value is None:
        return None
    return split_number(value)[0]


def number_unit(value: Any) -> str:
    """The unit written after a number (盒 in '4盒'), or ''."""
    try:
        return split_number(value)[1] if isinstance(value, str) else ""
    except ValueFormError:
        return ""


# ---- lists --------------------------------------------------------------------

_NAME_SEPARATORS = re.compile(r"\s*[、，,；;]\s*")


def text_list(value: Any) -> Any:
    """A single text where a list is allowed is a list of one."""
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return [value]
    return value


def name_list(value: Any) -> Any:
    """Names may also be written on one line: 张三、李四，王五."""
    if isinstance(value, str):
        return [part for part in _NAME_SEPARATORS.split(value.strip()) if part]
    return text_list(value)


_COUNT = r"(?P<count>\d+|[零〇一二两三四五六七八九十百千]+)\s*[人名位]"
_GROUP_THEN_COUNT = re.compile(rf"^(?P<group>.*?)\s*{_COUNT}$")
_COUNT_THEN_GROUP = re.compile(rf"^{_COUNT}\s*(?P<group>.*)$")


def counted_group(text: str) -> dict[str, str]:
    """One kind of participant as organisers write it: ``团员青年15人``, ``教师3名``, ``3名教师``, ``十五人``
    → group and count; anything else (``养老院老人``) is the group alone."""
    text = text.strip()
    match = _GROUP_THEN_COUNT.match(text) or _COUNT_THEN_GROUP.match(text)
    if match is None:
        return {"group": text}
    return {"group": match["group"].strip(), "count": match["count"]}


_TIMED = re.compile(r"^\s*(?P<time>\S+?(?:\s*(?:——|--|-|－|–|—|~|～|〜|至|到)\s*\S+?)?)\s+(?P<item>\S.*)$", re.DOTALL)


def timed_line(text: str) -> dict[str, str]:
    """One line of a schedule as organisers type it: ``下午2点 集合点名``, ``14:00-14:20 开幕式`` → time and item
    (the time is read by the schedule item's own time field, which says what is wrong with it)."""
    match = _TIMED.match(text)
    if match is None:
        raise ValueFormError(f"流程的这一行“{text.strip()}”要以时间开头，时间和内容之间空一格，"
                             "例如“14:00 集合点名”或“下午2点-2点20 集合点名”")
    return {"time": match["time"], "item": match["item"].strip()}


# ---- kinds --------------------------------------------------------------------

KIND_LABELS: dict[str, str] = {  # each kind's Chinese name: shown on the site, accepted in `kind:`
    "visit": "走访慰问",
    "festival": "节日活动",
    "outing": "外出实践",
    "clinic": "义诊服务",
    "programme": "结对帮扶项目",
}
KIND_NAMES: dict[str, str] = {
    "走访": "visit", "走访慰问": "visit", "慰问": "visit", "入户走访": "visit", "探访": "visit", "家访": "visit",
    "节日": "festival", "节日活动": "festival",
    "外出": "outing", "外出实践": "outing", "实践": "outing", "外出活动": "outing",
    "义诊": "clinic", "义诊服务": "clinic",
    "结对": "programme", "帮扶": "programme", "结对帮扶": "programme", "结对帮扶项目": "programme", "项目": "programme",
}


def kind_name(value: Any) -> Any:
    """走访慰问 → visit; canonical and unknown values pass through for the Literal to judge."""
    if isinstance(value, str):
        text = value.strip()
        return KIND_NAMES.get(text, text.lower())
    return value


# ---- ids from file names --------------------------------------------------------

ID_MAX = 64
_ID_JUNK = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=1024)
def id_from_name(stem: str) -> str:
    """The id of a file: ``2026-chongyang`` as is; ``冬季义诊`` → ``dongji-yizhen`` (a word a part).

    Words are cut with jieba and read with pypinyin, both with fixed dictionaries,
    so the same name gives the same id on every machine.
    """
    stem = stem.strip().lower()
    if re.fullmatch(r"[a-z0-9][a-z0-9-]*", stem):
        return stem
    import logging

    import jieba
    from pypinyin import Style, lazy_pinyin

    jieba.setLogLevel(logging.WARNING)
    words = []
    for word in jieba.cut(stem, HMM=False):
        words.append("".join(lazy_pinyin(word, style=Style.NORMAL, errors=lambda chars: [chars])).lower())
    joined = "-".join(words)
    return _ID_JUNK.sub("-", joined.replace("ü", "v")).strip("-")
