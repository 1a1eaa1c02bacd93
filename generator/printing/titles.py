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
import os
import sqlite3
import tempfile
from functools import lru_cache
from pathlib import Path

TITLE_CHARS = 18       # 2号 (22 pt) characters on one line of the 156 mm text block, 1 em kept free each side
MIN_LINE = 3
OPENING = "“‘《（〈「『"
CLOSING = "”’》），、。：；！？〉」』"
PAIRS = {"“": "”", "《": "》", "（": "）", "‘": "’"}
UNBROKEN_QUOTE = 8     # a quotation or 《title》 this short stays on one line
SUFFIXES = "村镇县市区乡省"  # 溪口/村: a place name's one-character suffix stays with it
STRONG = "·—　 ，"      # a break right after these reads best (情暖重阳·/…, 九九重阳　爱满竹亭——/…)
STRONG_BONUS = 4       # how much unevenness (in characters) a break after STRONG is worth
BATCH = 900            # words asked of the word table at once (SQLite's oldest limit is 999 parameters)


@lru_cache(maxsize=1)
def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def _words_table() -> Path:
    """jieba's word frequencies as an SQLite table, in the temporary folder beside jieba's own cache, named
    after jieba's version and dictionary file: made once (from jieba's full dictionary), then read a few
    rows per title instead of loading all 580,000 entries (a second and a half) to break one title."""
    import jieba

    dictionary = Path(jieba.__file__).with_name(jieba.DEFAULT_DICT_NAME)
    stat = dictionary.stat()
    path = Path(tempfile.gettempdir()) / f"huodong-jieba-{jieba.__version__}-{stat.st_size}-{stat.st_mtime_ns}.sqlite"
    if path.is_file():
        return path
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()  # jieba's own dictionary only: words added to jieba.dt for search stay out
    tokenizer.initialize()
    partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    with sqlite3.connect(partial) as table:
        table.execute("CREATE TABLE freq (word TEXT PRIMARY KEY, n INTEGER) WITHOUT ROWID")
        table.execute("CREATE TABLE about (total INTEGER, longest INTEGER)")
        table.executemany("INSERT INTO freq VALUES (?, ?)", tokenizer.FREQ.items())
        table.execute("INSERT INTO about VALUES (?, ?)", (tokenizer.total, max(map(len, tokenizer.FREQ))))
    table.close()
    os.replace(partial, path)  # whole or not at all: builds running at once each write their own first
    return path


@lru_cache(maxsize=4)
def _table(pid: int) -> tuple[sqlite3.Connection, int, int]:
    """This process's connection to the word table (a forked worker opens its own), jieba's total and longest."""
    table = sqlite3.connect(f"{_words_table().as_uri()}?mode=ro", uri=True, check_same_thread=False)
    total, longest = table.execute("SELECT total, longest FROM about").fetchone()
    return table, total, longest


def _tokenizer(text: str):
    """A jieba tokenizer that knows only the dictionary entries which are pieces of ``text``: the only ones
    jieba's segmentation looks up, so it cuts ``text`` exactly as with the whole dictionary."""
    import jieba

    table, total, longest = _table(os.getpid())
    pieces = sorted({text[i:j] for i in range(len(text)) for j in range(i + 1, min(len(text), i + longest) + 1)})
    found: dict[str, int] = {}
    for start in range(0, len(pieces), BATCH):
        batch = pieces[start:start + BATCH]
        found.update(table.execute(f"SELECT word, n FROM freq WHERE word IN ({','.join('?' * len(batch))})", batch))
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = found, total, True
    return tokenizer


def _cut(text: str) -> list[str]:
    """jieba's words of ``text`` (no HMM guesses); from the word table, or jieba's whole dictionary if the
    table cannot be made or read."""
    try:
        tokenizer = _tokenizer(text)
    except (OSError, sqlite3.Error):
        _table.cache_clear()
        tokenizer = _jieba()
    return list(tokenizer.cut(text, HMM=False))


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
