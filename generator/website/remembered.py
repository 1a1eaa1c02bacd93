"""Finished pages remembered across builds, so a small change re-renders only the pages it shows on.

mkdocs renders every page through the theme's templates, and mkdocs-material's
search plugin parses every page's HTML again, on every build. After one
activity changed, all but a handful of pages come out exactly as before. So
each page's finished HTML and its search entries are kept in
``.huodong-cache/pages.pickle`` under a digest of everything the theme reads
for that page: its content, title, front matter, table of contents, address
and neighbours, plus the whole navigation, the site settings, mkdocs.yml,
the theme templates and the versions of huodong, mkdocs and mkdocs-material.
A page whose digest is remembered is written from memory; any other is
rendered as usual and remembered. Only pages of the latest build are kept.

Used only when no other plugin takes part in rendering pages (the
``page_context`` and ``post_page`` events), since such a plugin's work could
not be told apart from the theme's.
"""

from __future__ import annotations

import json
import pickle
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ..engine.atomic import write_bytes
from ..engine.cache import CACHE_DIR, digest, environment_digest, tree_digest
from ..templates import template_dirs

TEMPLATE = "huodong-remembered.html"  # in templates/site/theme/: writes the remembered HTML as it is
OURS = {"HuodongPlugin", "SearchPlugin"}


class PageMemory:
    def __init__(self, root: Path, forget: bool = False):
        self.root = Path(root)
        self.forget = forget  # remember nothing from earlier builds (`huodong build --force`)
        self.path = self.root / CACHE_DIR / "pages.pickle"
        self.known: dict[str, tuple[str, list[dict]]] = {}
        self.used: dict[str, tuple[str, list[dict]]] = {}
        self.keys: dict[str, str] = {}    # page url → its digest, for the pages of this build
        self.entries: dict[str, list[dict]] = {}  # page url → search entries added while it rendered
        self.rendered = 0                 # pages the theme rendered (not remembered) this build

    @staticmethod
    def usable(config: MkDocsConfig) -> bool:
        """True when only huodong and mkdocs-material's search take part in rendering pages."""
        events = config.plugins.events
        handlers = [*events.get("page_context", []), *events.get("post_page", [])]
        return all(type(getattr(h, "__self__", None)).__name__ in OURS for h in handlers)

    def prepare(self, config: MkDocsConfig, files: Files, nav: Navigation) -> None:
        """Digest every page; a remembered page is switched to the template that writes it from memory."""
        self.known = {} if self.forget else self._load()
        site = digest(environment_digest(), _config_text(config), _nav_text(nav),
                      tree_digest(*template_dirs(self.root, "site")))
        for file in files.documentation_pages():
            page = file.page
            if page is None:
                continue
            key = digest(site, _page_text(page))
            self.keys[page.url] = key
            if key in self.known:
                page.meta["template"] = TEMPLATE
        self._watch_search(config)

    def context(self, context: dict[str, Any], page: Page) -> dict[str, Any]:
        remembered = self.known.get(self.keys.get(page.url, ""))
        if remembered is not None:
            context["remembered_html"] = remembered[0]
        return context

    def finished(self, output: str, page: Page) -> None:
        key = self.keys.get(page.url)
        if key is None:
            return
        if key not in self.known:
            self.rendered += 1
        self.used[key] = (output, self.entries.get(page.url, []))

    def save(self) -> None:
        if set(self.used) != set(self.known):
            write_bytes(self.path, pickle.dumps(self.used, protocol=pickle.HIGHEST_PROTOCOL))

    def _watch_search(self, config: MkDocsConfig) -> None:
        """Replay a remembered page's search entries; note a rendered page's as the search plugin adds them."""
        search = config.plugins.get("material/search") or config.plugins.get("search")
        index = getattr(search, "search_index", None)
        if index is None or not hasattr(index, "entries"):
            return
        original = index.add_entry_from_context

        def add_entry_from_context(page: Page) -> None:
            remembered = self.known.get(self.keys.get(page.url, ""))
            if remembered is not None:
                index.entries.extend(remembered[1])
                self.entries[page.url] = remembered[1]
                return
            start = len(index.entries)
            original(page)
            self.entries[page.url] = index.entries[start:]

        index.add_entry_from_context = add_entry_from_context

    def _load(self) -> dict:
        try:
            known = pickle.loads(self.path.read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError):
            return {}
        return known if isinstance(known, dict) else {}


def _config_text(config: MkDocsConfig) -> str:
    """The settings the theme reads (mkdocs.yml as loaded, plus what the huodong plugin set from site.yaml)."""
    theme = {key: config.theme[key] for key in config.theme}
    parts = {key: config.get(key) for key in ("site_name", "site_url", "site_description", "site_author",
                                              "copyright", "repo_url", "repo_name", "edit_uri",
                                              "use_directory_urls", "extra_css", "extra_javascript", "extra")}
    return json.dumps([parts, theme, list(config.theme.dirs)], sort_keys=True, default=str, ensure_ascii=False)


def _nav_text(nav: Navigation) -> str:
    def item(entry) -> list:
        return [type(entry).__name__, entry.title, getattr(entry, "url", None),
                [item(child) for child in (entry.children or [])]]

    return json.dumps([item(entry) for entry in nav.items], default=str, ensure_ascii=False)


def _page_text(page: Page) -> str:
    def toc(entries) -> list:
        return [[e.id, e.title, e.level, e.url, toc(e.children)] for e in entries]

    def near(other: Page | None) -> list | None:
        return None if other is None else [other.url, other.title]

    return json.dumps([page.url, page.title, page.meta, page.content, toc(page.toc), page.is_homepage,
                       near(page.previous_page), near(page.next_page),
                       [getattr(a, "title", None) for a in page.ancestors]],
                      sort_keys=True, default=str, ensure_ascii=False)
