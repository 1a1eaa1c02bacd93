"""jieba's dictionary read a few words at a time, for title breaks (printing/titles.py) and search (website/segmenter.py).

jieba cuts a text by looking up only the dictionary entries that are pieces of
that text. Loading its whole dictionary (580,000 entries) takes half a second
to a second and a half in every process that cuts anything; instead its word
frequencies are copied once per machine into an SQLite table in the temporary
folder (beside jieba's own cache), and ``Dictionary`` fetches, before each
cut, the entries that are pieces of the text. The cuts are jieba's own: the
same tokenizer code over the same entries.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import tempfile
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

BATCH = 900  # words asked of the table at once (SQLite's oldest limit is 999 parameters)


def words_table() -> Path:
    """jieba's word frequencies as an SQLite table, named after jieba's version and dictionary file: made once
    (from jieba's own dictionary; words added to jieba.dt for search stay out), then read a few rows at a time."""
    import jieba

    dictionary = Path(jieba.__file__).with_name(jieba.DEFAULT_DICT_NAME)
    stat = dictionary.stat()
    path = Path(tempfile.gettempdir()) / f"huodong-jieba-{jieba.__version__}-{stat.st_size}-{stat.st_mtime_ns}.sqlite"
    if path.is_file():
        return path
    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
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
def connection(pid: int) -> tuple[sqlite3.Connection, int, int]:
    """This process's connection to the word table (a forked worker opens its own), jieba's total and longest."""
    table = sqlite3.connect(f"{words_table().as_uri()}?mode=ro", uri=True, check_same_thread=False)
    total, longest = table.execute("SELECT total, longest FROM about").fetchone()
    return table, total, longest


def character_counts() -> Counter[str]:
    """How often each character occurs in jieba's words, each word counted as often as jieba's dictionary says
    it occurs: the order of the glyphs in the print fonts (printing/fontcache.py), commonest first."""
    table, _, _ = connection(os.getpid())
    counts: Counter[str] = Counter()
    for word, n in table.execute("SELECT word, n FROM freq"):
        for char in word:
            counts[char] += n
    return counts


def pieces(text: str, longest: int) -> set[str]:
    return {text[i:j] for i in range(len(text)) for j in range(i + 1, min(len(text), i + longest) + 1)}


class Dictionary:
    """A jieba tokenizer whose entries are fetched from the word table as texts need them, with user
    dictionaries (jieba's ``word [freq] [tag]`` lines) added as ``jieba.load_userdict`` adds them to the whole
    dictionary. Raises OSError or sqlite3.Error when the table cannot be made or read."""

    def __init__(self, user_dictionaries: Iterable[Path] = ()):
        import jieba

        self.table, total, self.longest = connection(os.getpid())
        self.absent: set[str] = set()
        self.tokenizer = jieba.Tokenizer()
        self.tokenizer.FREQ, self.tokenizer.total, self.tokenizer.initialized = {}, total, True
        files = [Path(path) for path in user_dictionaries]
        words = [word for path in files for word in _user_words(path)]
        # every piece of a user word first: jieba weighs a new word by how its pieces cut, and marks its
        # prefixes only where the dictionary has no entry of its own
        self.learn(piece for word in words for piece in pieces(word, len(word)))
        for path in files:
            self.tokenizer.load_userdict(str(path))

    def learn(self, wanted: Iterable[str]) -> None:
        freq = self.tokenizer.FREQ
        need = sorted({piece for piece in wanted if piece not in freq and piece not in self.absent})
        for start in range(0, len(need), BATCH):
            batch = need[start:start + BATCH]
            found = dict(self.table.execute(
                f"SELECT word, n FROM freq WHERE word IN ({','.join('?' * len(batch))})", batch))
            freq.update(found)
            self.absent.update(word for word in batch if word not in found)

    def cut(self, text: str | bytes, HMM: bool = True) -> Iterator[str]:  # noqa: N803 (jieba's name)
        from jieba._compat import strdecode

        text = strdecode(text)  # the search plugin passes bytes, which jieba decodes as this does
        self.learn(pieces(text, self.longest))
        return self.tokenizer.cut(text, HMM=HMM)


def _user_words(path: Path) -> list[str]:
    import jieba

    words = []
    for line in path.read_text(encoding="utf-8").lstrip("\ufeff").splitlines():
        line = line.strip()
        if line:
            words.append(jieba.re_userdict.match(line).group(1))
    return words
