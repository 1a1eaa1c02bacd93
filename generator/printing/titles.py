"""Breaking a 公文 title into balanced lines between words (GB/T 9704-2012 7.3.1).

A title of 2号 type that does not fit one line is set on several lines chosen
here, not by the renderer: breaks fall only between words (jieba's
segmentation), never inside a quotation or book title of a few characters,
never before closing or after opening punctuation, and the lines are as even
as possible — longer lines on top (a trapezoid), none shorter than three
characters.
"""

from __future__ import annotations

import itertools
import logging
import sqlite3
from functools import lru_cache

from .. import words

TITLE_CHARS = 18       # 2号 (22 pt) characters on one line of the 156 mm text block, 1 em kept free each side
MIN_LINE = 3
OPENING = "“‘《（〈「『"
CLOSING = "”’》），、。：；！？〉」』"
PAIRS = {"“": "”", "《": "》", "（": "）", "‘": "’"}
UNBROKEN_QUOTE = 8     # a quotation or 《title》 this short stays on one line
SUFFIXES = "村镇县市区乡省"  # 溪口/村: a place name's one-character suffix stays with it
STRONG = "·—　 ，"      # a break right after these reads best (情暖重阳·/…, 九九重阳　爱满竹亭——/…)
STRONG_BONUS = 4       # how much unevenness (in characters) a break after STRONG is worth


@lru_cache(maxsize=1)
def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def _cut(text: str) -> list[str]:
    """jieba's words of ``text`` (no HMM guesses); from the word table (words.py), or jieba's whole dictionary
    if the table cannot be made or read."""
    try:
        return list(words.Dictionary().cut(text, HMM=False))
    except (OSError, sqlite3.Error):
        words.connection.cache_clear()
        return list(_jieba().cut(text, HMM=False))


def boundaries(text: str) -> list[int]:
    """Offsets where a line may break: between words, outside short quotations, not at punctuation."""
    offsets, at = [], 0
    for word in _cut(text):
        if not (len(word) == 1 and word in SUFFIXES and offsets):
            offsets.append(at)
        at += len(word)
    offsets = offsets[1:] + [at]
    protected = set()
    for i, char in enumerate(text):
        close = PAIRS.get(char)
        if close:
            end = text.find(close, i + 1)
            if end != -1 and end - i <= UNBROKEN_QUOTE + 1:
                protected.update(range(i + 1, end + 1))
    return [o for o in offsets[:-1]
            if o not in protected and text[o] not in CLOSING and text[o - 1] not in OPENING
            and text[o - 1:o + 1] != "——"]


def title_lines(text: str, width: int = TITLE_CHARS) -> tuple[str, ...]:
    """The title's lines: one when it fits, else the most even word-boundary split."""
    if len(text) <= width:
        return (text,)
    cuts = boundaries(text)
    for count in range(-(-len(text) // width), len(text) // MIN_LINE + 1):
        best = None
        for chosen in itertools.combinations(cuts, count - 1):
            edges = (0, *chosen, len(text))
            lengths = [b - a for a, b in zip(edges, edges[1:])]
            if max(lengths) > width or min(lengths) < MIN_LINE:
                continue
            # even lines first; then wider lines above narrower ones (a trapezoid, not a funnel)
            strong = sum(STRONG_BONUS for cut in chosen if text[cut - 1] in STRONG)
            score = (max(lengths) - min(lengths) - strong,
                     sum(max(0, b - a) for a, b in zip(lengths, lengths[1:])))
            if best is None or score < best[0]:
                best = (score, edges)
        if best:
            edges = best[1]
            return tuple(text[a:b] for a, b in zip(edges, edges[1:]))
    return (text,)  # no word boundary fits: let the renderer wrap it
