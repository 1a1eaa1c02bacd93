"""Every file the plugin adds to the build, as mkdocs virtual files (``File.generated``).

Pages carry only their title as front matter; their body is rendered from the
PageSpec when mkdocs asks for the page's content. Nothing is written to
docs_dir or any other source folder.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, InclusionLevel

from ..privacy import PublicProject
from ..templates import template_dirs
from . import feeds, media
from .news import NewsPost
from .pages import PageSpec

log = logging.getLogger("mkdocs.plugins.huodong")

ASSETS = ("assets/huodong.css", "assets/javascripts/iframe-worker.js")


def page_file(config: MkDocsConfig, spec: PageSpec) -> File:
    # mkdocs-material puts page.meta.title into <title> unescaped: escape it here.
    meta = {"title": str(escape(spec.title)), "hide": list(spec.hide)}
    front = f"---\n{json.dumps(meta, ensure_ascii=False)}\n---\n"  # JSON is YAML
    inclusion = InclusionLevel.INCLUDED if spec.nav_title else InclusionLevel.NOT_IN_NAV
    return File.generated(config, spec.src_uri, content=front, inclusion=inclusion)


def asset_files(config: MkDocsConfig, root: Path) -> list[File]:
    """The stylesheet and the file:// search shim; a project's templates/site/ may override them."""
    found = []
    for uri in ASSETS:
        for folder in template_dirs(root, "site"):
            if (folder / uri).is_file():
                found.append(File.generated(config, uri, abs_src_path=str(folder / uri)))
                break
    return found


def photo_files(config: MkDocsConfig, root: Path, posts: list[NewsPost]) -> tuple[list[File], dict[str, str]]:
    """Report photos and photos inside news text, re-encoded without EXIF and named by their
    content, and content/media/ name → published path; a photo that cannot be published is left
    out with a warning."""
    files, shown_in, published = [], {}, {}
    for post in posts:
        for name in (*(p.file for p in post.photos), *post.images):
            shown_in.setdefault(name, post.title)
    for name, title in shown_in.items():
        try:
            data = media.strip_photo(media.photo_source(root, name))
        except media.MediaProblem as problem:
            log.warning(f"新闻《{title}》的照片：{problem}")
            continue
        except OSError:
            log.warning(f"新闻《{title}》的照片 content/media/{name} 无法打开，可能已损坏，请重新导出后再放进去")
            continue
        published[name] = media.photo_uri(data, name)
        if published[name] not in {f.src_uri for f in files}:  # the same photo under two names
            files.append(File.generated(config, published[name], content=data))
    return files, published


def offered_sheets(view: PublicProject, sheets: dict[str, Path]) -> dict[str, Path]:
    """Published path → file of the blank sign-up sheets of the site's activities that take sign-ups."""
    return {media.sheet_uri(a.id): sheets[a.id] for a in view.activities if a.signup and a.id in sheets}


def sheet_files(config: MkDocsConfig, offered: dict[str, Path]) -> list[File]:
    """The sheets as files mkdocs copies itself (a plain `mkdocs build`)."""
    return [File.generated(config, uri, abs_src_path=str(path)) for uri, path in offered.items()]


def feed_files(config: MkDocsConfig, view: PublicProject, posts: list[NewsPost], base_url: str | None, zone: str) -> list[File]:
    def link(path: str) -> str:
        return (base_url or "") + path

    return [
        File.generated(config, "feed.xml", content=feeds.rss(view.site, posts, link, zone)),
        File.generated(config, "calendar.ics", content=feeds.icalendar_feed(view.site, view.activities, link, zone)),
    ]
