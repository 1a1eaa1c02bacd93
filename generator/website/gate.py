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
import hashlib
import json
import os
from pathlib import Path

from ..engine.atomic import write_bytes, write_text
from ..engine.cache import digest, environment_digest
from ..privacy import Scrubber

TEXT = {".html", ".htm", ".xml", ".json", ".ics", ".txt", ".webmanifest", ".svg"}
THEME = ("assets/",)  # mkdocs-material's bundled scripts, styles and fonts
SEARCH_SCRIPT = "search/search_index.js"  # the offline plugin's copy of the search index
MEMORY = "gate.json"  # under the cache: digests of the files the last build's gate found clean


def seal(site: Path, clean: Scrubber, memory: Path | None = None) -> None:
    """Scrub every text file and every file name under ``site`` in place.

    ``memory`` (a file in the cache) remembers the digests of the files this same scrubber, with this
    same code, left unchanged: a page kept from the last build is not scanned again.
    """
    site = Path(site)
    key = digest(environment_digest(), clean.fingerprint)
    known = _remembered(memory, key)
    clean_now: set[str] = set()
    for path in sorted(site.rglob("*"), reverse=True):  # deepest first: a folder is renamed after its files
        uri = path.relative_to(site).as_posix()
        if path.is_file() and not uri.startswith(THEME):
            _scrub_file(path, uri, clean, known, clean_now)
        masked = clean(path.name)
        if masked != path.name:
            os.replace(path, path.with_name(masked))
    if memory is not None:
        try:
            write_text(memory, json.dumps({"key": key, "clean": sorted(clean_now)}))
        except OSError:
            pass  # remembering is an optimisation


def _remembered(memory: Path | None, key: str) -> set[str]:
    try:
        saved = json.loads(memory.read_text(encoding="utf-8")) if memory else {}
        return set(saved["clean"]) if saved.get("key") == key else set()
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return set()


def _scrub_file(path: Path, uri: str, clean: Scrubber, known: set[str], clean_now: set[str]) -> None:
    suffix = path.suffix.lower()
    if suffix != ".gz" and suffix not in TEXT and uri != SEARCH_SCRIPT:
        return
    data = path.read_bytes()
    seen = hashlib.sha256(data).hexdigest()
    if seen in known:
        clean_now.add(seen)
        return
    if suffix == ".gz":
        text = gzip.decompress(data).decode("utf-8", errors="surrogateescape")
        masked = clean(text)
        if masked != text:
            write_bytes(path, gzip.compress(masked.encode("utf-8", errors="surrogateescape"), mtime=0))
            return
    else:
        text = data.decode("utf-8", errors="surrogateescape")
        masked = _scrub_json(text, clean) if suffix == ".json" or uri == SEARCH_SCRIPT else clean(text)
        if masked != text:
            write_bytes(path, masked.encode("utf-8", errors="surrogateescape"))
            return
    clean_now.add(seen)


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
