"""Chinese search segmentation remembered across builds.

mkdocs-material's search plugin segments every Han run of every page with
``jieba.cut`` on every build; loading jieba's dictionary and segmenting cost
more than half of a site rebuild. Segmentation is deterministic, so each
result is kept in ``.huodong-cache/segments.pickle``; a rebuild after a small
change loads no dictionary and segments only new text. A build that indexed
every page saves only the segments it used, so the cache does not grow
without bound; a build that took some pages' search entries from memory
(remembered.py) adds its new segments to the ones kept.

Words the search must find whole (重阳节, 敬老院, 空巢老人, 结对帮扶 …) are
jieba user dictionaries named ``search-words.txt`` in templates/site/ (the
default one, and a project's own beside it); they are loaded only when some
text has to be segmented afresh, and the cache is kept per set of words.

Measured against mkdocs-material's own jieba segmentation (``jieba.cut`` on
every build, ``jieba_dict_user`` loaded eagerly in on_config), 2026-11, on a
loaded 2-core machine: the demo's 1,197 distinct Han runs took 8.5 s with
material's way (dictionary load included) and 0.02 s from this cache (78 KiB);
N=200 generated activities (193 distinct runs): 7.6 s against 0.00 s. The
segments, hence the index, are the same: this only remembers jieba's answers.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import re
import sqlite3
from pathlib import Path

from ..engine.atomic import write_bytes
from ..engine.cache import CACHE_DIR
from ..templates import template_dirs

WORDS = "search-words.txt"


def user_words(root: Path | None) -> list[Path]:
    """The jieba user dictionaries for search: the default one first, then the project's own."""
    return [folder / WORDS for folder in reversed(template_dirs(root, "site")) if (folder / WORDS).is_file()]


class RememberedSegmenter:
    """Stands in for ``jieba.cut`` while a site builds."""

    def __init__(self, root: Path):
        self.path = Path(root) / CACHE_DIR / "segments.pickle"
        self.words = user_words(root)
        digest = hashlib.sha256()
        for path in self.words:
            digest.update(path.read_bytes() + b"\0")
        self.fingerprint = digest.hexdigest()  # segments depend on the user words
        self.known = self._load()
        self.used: dict[bytes | str, tuple[str, ...]] = {}
        self.original = None
        self.fresh = None
        self.misses = 0

    def _load(self) -> dict:
        try:
            fingerprint, known = pickle.loads(self.path.read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError):
            return {}
        return known if fingerprint == self.fingerprint and isinstance(known, dict) else {}

    def _save(self, known: dict) -> None:
        write_bytes(self.path, pickle.dumps((self.fingerprint, known), protocol=pickle.HIGHEST_PROTOCOL))

    def install(self) -> None:
        import jieba

        self.original, jieba.cut = jieba.cut, self.cut

    def uninstall(self, save: bool, every_page: bool = True) -> None:
        """Put jieba back; with ``save``, keep what this build segmented (``every_page``: all that is needed)."""
        import jieba

        if self.original is not None:
            jieba.cut, self.original = self.original, None
        if not save:
            return
        if every_page and (self.misses or len(self.used) != len(self.known)):
            self._save(self.used)
        elif not every_page and self.misses:
            self._save({**self.known, **self.used})

    def cut(self, sentence, *args, **kwargs):
        if args or kwargs:  # only the plain call the search plugin makes is remembered
            return self.original(sentence, *args, **kwargs)
        words = self.known.get(sentence)
        if words is None:
            if not self.misses:
                self.fresh = self._segmenter()
            self.misses += 1
            words = tuple(self.fresh(sentence))
        self.used[sentence] = words
        return iter(words)

    def _segmenter(self):
        """What cuts texts not seen before: first jieba's dictionary read word by word with the search words
        added (generator/words.py: the same cuts without loading all 580,000 entries, half a second); jieba
        itself when a dictionary was set up otherwise (mkdocs.yml's jieba_dict) or the table is unreadable."""
        import jieba

        from .. import words

        if not jieba.dt.initialized and jieba.dt.dictionary == jieba.DEFAULT_DICT:
            try:
                return words.Dictionary(self.words).cut
            except (OSError, sqlite3.Error):
                words.connection.cache_clear()
        return self._whole()

    def _whole(self):
        import jieba

        for path in self.words:
            jieba.load_userdict(str(path))  # loads jieba's own dictionary first; once per build
        return self.original


ZWSP = "\u200b"


def compact_search_index(site_dir: Path) -> None:
    """Rewrite the theme's search/search_index.json as UTF-8, without its redundant zero-width spaces.

    mkdocs-material writes the index with every non-ASCII character as a
    ``\\uXXXX`` escape and wraps every Han run in zero-width spaces (U+200B, its
    word separator). Only the spaces between two words are needed: those next to
    another separator (space, punctuation) or at either end of a text are
    dropped. The index is then about half its size; the search is the same.
    """
    path = Path(site_dir) / "search" / "search_index.json"
    try:
        index = json.loads(path.read_text(encoding="utf-8"))
        separator = re.compile(index["config"]["separator"])
    except (OSError, ValueError, KeyError, TypeError, re.error):
        return  # no index (search switched off) or not the theme's: leave it as it is
    for doc in index.get("docs", []):
        for field in ("title", "text"):
            if isinstance(doc.get(field), str):
                doc[field] = _needed_separators(doc[field], separator)
    # In place, as the theme wrote it (the site is built in a staging folder): keeps the file's permissions.
    path.write_bytes(json.dumps(index, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def _needed_separators(text: str, separator: re.Pattern) -> str:
    parts = [part for part in text.split(ZWSP) if part]
    kept = parts[:1]
    for part in parts[1:]:
        if separator.match(part[0]) or separator.match(kept[-1][-1]):
            kept.append(part)
        else:
            kept.append(ZWSP + part)
    return "".join(kept)
