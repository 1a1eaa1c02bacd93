"""The last step of every build: each file about to be published passes the public scrubber.

Pages, feeds and downloads are made from the public view, whose text the
scrubber has already masked field by field (that is where the organiser is
told, file:line:col). This gate runs the same scrubber over every text file
mkdocs and its plugins wrote — pages, the search index, sitemap (gzip'd too),
feeds, the calendar — and over every published file name, so that a value
that reached site/ by a path nobody thought of is still masked. The theme's
own scripts and styles are left alone: they hold no user text.
"""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

from ..engine.atomic import write_bytes
from ..privacy import Scrubber

TEXT = {".html", ".htm", ".xml", ".json", ".ics", ".txt", ".webmanifest", ".svg"}
THEME = ("assets/",)  # mkdocs-material's bundled scripts, styles and fonts
SEARCH_SCRIPT = "search/search_index.js"  # the offline plugin's copy of the search index


def seal(site: Path, clean: Scrubber) -> None:
    """Scrub every text file and every file name under ``site`` in place."""
    site = Path(site)
    for path in sorted(site.rglob("*"), reverse=True):  # deepest first: a folder is renamed after its files
        uri = path.relative_to(site).as_posix()
        if path.is_file() and not uri.startswith(THEME):
            _scrub_file(path, uri, clean)
        masked = clean(path.name)
        if masked != path.name:
            os.replace(path, path.with_name(masked))


def _scrub_file(path: Path, uri: str, clean: Scrubber) -> None:
    suffix = path.suffix.lower()
    if suffix == ".gz":
        data = gzip.decompress(path.read_bytes())
        text = data.decode("utf-8", errors="surrogateescape")
        masked = clean(text)
        if masked != text:
            write_bytes(path, gzip.compress(masked.encode("utf-8", errors="surrogateescape"), mtime=0))
        return
    if suffix in TEXT or uri == SEARCH_SCRIPT:
        text = path.read_bytes().decode("utf-8", errors="surrogateescape")
        masked = _scrub_json(text, clean) if suffix == ".json" or uri == SEARCH_SCRIPT else clean(text)
        if masked != text:
            write_bytes(path, masked.encode("utf-8", errors="surrogateescape"))


def _scrub_json(text: str, clean: Scrubber) -> str:
    """JSON: each string scrubbed as text (an escaped value is matched too); written back as UTF-8, like the index."""
    start = 0 if text.lstrip().startswith(("{", "[")) else text.find("{")  # "var __index = {...}"
    prefix = text[:max(start, 0)]
    try:
        data = json.loads(text[len(prefix):])
    except ValueError:
        return clean(text)

    def walk(value):
        if isinstance(value, str):
            return clean(value)
        if isinstance(value, list):
            return [walk(v) for v in value]
        if isinstance(value, dict):
            return {walk(k): walk(v) for k, v in value.items()}
        return value

    cleaned = walk(data)
    return text if cleaned == data else prefix + json.dumps(cleaned, ensure_ascii=False, separators=(",", ":"))
