"""Free text that may hold Markdown (report text, news): rendered, then sanitised.

Text from YAML fields is never Markdown: templates escape it. Only fields that
say "可用 Markdown" go through ``render_markdown``, whose output nh3 cleans to a
small set of tags, dropping scripts, event handlers, ``javascript:`` links and
images from other sites (the site makes no request outside itself).
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

import markdown
import nh3
from markupsafe import Markup

TAGS = {"p", "br", "strong", "em", "b", "i", "u", "s", "del", "ul", "ol", "li", "blockquote",
        "h2", "h3", "h4", "h5", "h6", "a", "img", "hr", "table", "thead", "tbody", "tr", "th", "td",
        "code", "pre", "sup", "sub"}
ATTRIBUTES = {"a": {"href", "title"}, "img": {"src", "alt", "title"}, "th": {"align"}, "td": {"align"}}
# Own pages in docs_dir keep the theme's classes (admonitions, grids, buttons).
PAGE_TAGS = TAGS | {"div", "span", "details", "summary", "figure", "figcaption", "h1", "dl", "dt", "dd",
                    "abbr", "mark", "kbd", "small", "svg", "path", "input", "label", "nav", "section"}
PAGE_ATTRIBUTES = {"*": {"class", "id", "title", "lang"}, **{k: v | {"class", "id"} for k, v in ATTRIBUTES.items()},
                   "svg": {"viewbox", "width", "height", "xmlns"}, "path": {"d"},
                   "input": {"type", "id", "checked", "disabled"}, "label": {"for"}}
SCHEMES = {"http", "https", "mailto", "tel"}
EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)


def _no_outside_images(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src" and (EXTERNAL.match(value) or value.lower().startswith("data:")):
        return None
    return value


def sanitise(fragment: str, *, page: bool = False) -> Markup:
    return Markup(nh3.clean(
        fragment,
        tags=PAGE_TAGS if page else TAGS,
        attributes=PAGE_ATTRIBUTES if page else ATTRIBUTES,
        url_schemes=SCHEMES,
        link_rel="noopener noreferrer",
        attribute_filter=_no_outside_images,
    ))


_MARKDOWN = markdown.Markdown(extensions=["sane_lists", "tables"], output_format="html")


@lru_cache(maxsize=4096)  # a report's text is shown on its post, in lists and in the feed
def render_markdown(text: str | None) -> Markup:
    if not text:
        return Markup("")
    return sanitise(_MARKDOWN.reset().convert(text))


IMAGE = re.compile(r'<img\b[^>]*>')
SOURCE = re.compile(r'\bsrc="([^"]*)"')


def images(fragment: str) -> list[str]:
    """The src of every image in sanitised HTML (nh3 writes attributes double-quoted)."""
    return [html.unescape(m[1]) for tag in IMAGE.findall(fragment) if (m := SOURCE.search(tag))]


def replace_images(fragment: str, new_src) -> Markup:
    """Each image's src replaced by ``new_src(src)``; an image it gives no address for is left out."""
    def replace(tag: re.Match) -> str:
        found = SOURCE.search(tag[0])
        target = new_src(html.unescape(found[1])) if found else None
        return SOURCE.sub(lambda _: f'src="{html.escape(target)}"', tag[0], count=1) if target else ""

    return Markup(IMAGE.sub(replace, str(fragment)))  # on a Markup, re would escape the pieces


def plain_text(fragment: str, limit: int | None = None) -> str:
    """Visible text of an HTML fragment, for summaries and feeds."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", fragment))
    text = re.sub(r"\s+", " ", text).strip()
    if limit and len(text) > limit:
        return text[:limit].rstrip() + "……"
    return text
