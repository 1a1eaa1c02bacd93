"""Numbering in Chinese official documents: 一、 → （一） → 1. → （1）, and 文号 〔2026〕.

The one place that knows how a heading or a list item is numbered; the print
templates, the Word plan and the site all call here.
"""

from __future__ import annotations

import re

DIGITS = "零一二三四五六七八九"


def cn_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (for 1 ≤ n ≤ 999)."""
    if not 1 <= n <= 999:
        raise ValueError(f"cannot write {n} as a Chinese ordinal")
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    text = f"{DIGITS[hundreds]}百" if hundreds else ""
    if tens:
        text += ("" if tens == 1 and not hundreds else DIGITS[tens]) + "十"
    elif hundreds and ones:
        text += "零"
    if ones:
        text += DIGITS[ones]
    return text


def number(level: int, n: int) -> str:
    """The mark of the n-th item at a heading level: 1 一、  2 （一）  3 1.  4 （1）."""
    if level == 1:
        return f"{cn_numeral(n)}、"
    if level == 2:
        return f"（{cn_numeral(n)}）"
    if level == 3:
        return f"{n}."
    if level == 4:
        return f"（{n}）"
    raise ValueError(f"official documents have four heading levels, not {level}")


_YEAR_IN_BRACKETS = re.compile(r"[\[［【(（〔]\s*(\d{4})\s*[\]］】)）〕]")


def doc_number(text: str) -> str:
    """A 发文字号 with the year in 〔〕 as GB/T 9704 wants: X团发[2026]3号 → X团发〔2026〕3号."""
    return _YEAR_IN_BRACKETS.sub(r"〔\1〕", text.strip())
