"""Chinese search segmentation remembered across builds.

mkdocs-material's search plugin segments every Han run of every page with
``jieba.cut`` on every build; loading jieba's dictionary and segmenting cost
more than half of a site rebuild. Segmentation is deterministic, so each
result is kept in ``.huodong-cache/segments.pickle``; a rebuild after a small
change loads no dictionary and segments only new text. A build that indexed
every page saves only the segments it used, so the cache does not grow
without bound; a build that took some pages' search entries from memory
(remembered.py) adds its new segments to the ones kept.
"""

from __future__ import annotations

import pickle
from pathlib import Path

from ..engine.atomic import write_bytes
from ..engine.cache import CACHE_DIR


class RememberedSegmenter:
    """Stands in for ``jieba.cut`` while a site builds."""

    def __init__(self, root: Path):
        self.path = Path(root) / CACHE_DIR / "segments.pickle"
        self.known = self._load()
        self.used: dict[bytes | str, tuple[str, ...]] = {}
        self.original = None
        self.misses = 0

    def _load(self) -> dict:
        try:
            known = pickle.loads(self.path.read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError):
            return {}
        return known if isinstance(known, dict) else {}

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
            write_bytes(self.path, pickle.dumps(self.used, protocol=pickle.HIGHEST_PROTOCOL))
        elif not every_page and self.misses:
            write_bytes(self.path, pickle.dumps({**self.known, **self.used}, protocol=pickle.HIGHEST_PROTOCOL))

    def cut(self, sentence, *args, **kwargs):
        if args or kwargs:  # only the plain call the search plugin makes is remembered
            return self.original(sentence, *args, **kwargs)
        words = self.known.get(sentence)
        if words is None:
            self.misses += 1
            words = tuple(self.original(sentence))
        self.used[sentence] = words
        return iter(words)
