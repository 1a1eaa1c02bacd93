"""Tidying the text organisers write before it is set in a printed document.

YAML's folded blocks (``>-``) join lines with a space, which in Chinese shows
up as a stray gap; official documents have none between Chinese characters.
"""

from __future__ import annotations

import re
from decimal import Decimal

_HAN = r"\u2e80-\u9fff\uf900-\ufaff"
_PUNCT = r"\u2018-\u201f\u2026\u3000-\u303f\uff00-\uffef"
_PUNCT_GAP = re.compile(rf"(?<=[{_PUNCT}])[ \t]+|[ \t]+(?=[{_PUNCT}])")
_HAN_GAP = re.compile(rf"(?<=[{_HAN}])[ \t]+(?=[{_HAN}])")
_END_PUNCT = "。；;，,、！!？?：:"


def tidy(text: str | None) -> str:
    """A short value on one line: spaces collapsed, none next to Chinese punctuation.

    Spaces between Chinese words stay (主题“孝亲敬老 情暖重阳”, “组长 黄卫东”).
    """
    if not text:
        return ""
    return _PUNCT_GAP.sub("", " ".join(text.split()))


def prose(text: str | None) -> str:
    """Running prose: also drops the gaps YAML's line folding leaves between Chinese characters."""
    return _HAN_GAP.sub("", tidy(text))


def paragraphs(text: str | None) -> list[str]:
    """Paragraphs of a block of prose, one per line of the YAML value."""
    if not text:
        return []
    return [prose(line) for line in text.splitlines() if line.strip()]


def sentence(text: str) -> str:
    """Text ending with a full stop, as list items in a plan are written."""
    text = tidy(text).rstrip(_END_PUNCT)
    return f"{text}。" if text else ""


def clause(text: str) -> str:
    """Text without its closing punctuation, to be set inside a longer sentence."""
    return tidy(text).rstrip(_END_PUNCT)


def amount(value: Decimal | None) -> str:
    """Money in yuan with two decimals: 1234.5 → 1234.50."""
    return "" if value is None else f"{value:.2f}"


def quantity(value: Decimal | None) -> str:
    """A count without trailing zeros: 60 → 60, 1.50 → 1.5; none written: blank, to fill in by hand."""
    return "" if value is None else f"{value.normalize():f}"

