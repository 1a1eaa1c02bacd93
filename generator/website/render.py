"""Rendering a PageSpec to the HTML body mkdocs-material wraps in its theme.

Templates are Jinja2 with autoescape, so every value from YAML is escaped;
the only HTML that is not escaped is Markdown free text after nh3 cleaned it
(``markdown`` filter) and QR codes segno drew.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from jinja2 import pass_context
from markupsafe import Markup, escape
from PIL import Image
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import TableOfContents, get_toc
from mkdocs.utils import get_relative_url

from ..content import dates
from ..privacy import PublicActivity, PublicSite
from ..templates import make_env
from . import media, pages
from .markup import plain_text, render_markdown, replace_images
from .pages import PageSpec

SECTION = re.compile(r'<h2 id="([^"]+)">(.*?)</h2>')
TITLE = re.compile(r'<h1 id="([^"]+)"[^>]*>(.*?)</h1>', re.S)
CAPTIONED = re.compile(r'<p>(<img alt="([^"]+)" [^>]*>)</p>')  # nh3's output: attributes sorted, double-quoted


class Renderer:
    """One per build: the Jinja environment is made and its templates compiled once."""

    def __init__(self, root: Path, site: PublicSite, base_url: str | None, sheets: set[str],
                 photos: dict[str, str] | None = None):
        self.env = make_env(root, "site", filters={
            "markdown": _markdown_here,
            "summary": lambda text, n=90: plain_text(render_markdown(text), n),
            "half_day": dates.half_day,
            "phones": phone_links,
        })
        self.site = site
        self.base_url = base_url
        self.sheets = sheets  # published paths of the blank sign-up sheets the site offers
        self.photos = photos or {}  # content/media/ name → its published path (media/<digest>.jpg)

    def render(self, spec: PageSpec, page_file: File, files: Files) -> str:
        def link(src_uri: str) -> str:
            target = files.get_file_from_path(src_uri)
            return target.url_relative_to(page_file) if target else ""

        def qr(activity: PublicActivity) -> Markup | None:
            url = self.signup_url(activity, files)
            return media.qr_svg(url) if url else None

        def sheet(activity: PublicActivity) -> str | None:
            uri = media.sheet_uri(activity.id)
            return get_relative_url(uri, page_file.url) if uri in self.sheets else None

        def photo_size(name: str) -> tuple[int, int] | None:
            """Width and height of a published photo, so the page keeps its place while it loads."""
            target = files.get_file_from_path(self.photos.get(name, ""))
            if target is None:
                return None
            with Image.open(io.BytesIO(target.content_bytes)) as image:
                return image.size

        template = self.env.get_template(spec.template)
        return template.render(
            **spec.context, page_title=spec.title, site=self.site, link=link, qr=qr, sheet=sheet, uris=pages,
            photo_uri=lambda name: self.photos.get(name, ""), photos=self.photos, photo_size=photo_size,
        )

    def signup_url(self, activity: PublicActivity, files: Files) -> str | None:
        """Where the QR code points: the online form, else the activity's own page."""
        if activity.signup and activity.signup.form_url:
            return activity.signup.form_url
        page = files.get_file_from_path(pages.activity_uri(activity.id))
        if self.base_url and page is not None:
            return self.base_url + page.url
        return None


# An office landline (0571-86500136) or a mobile, whole or masked (139****5108), inside contact text
PHONE = re.compile(r"(?<![\d*])(?:0\d{2,3}[-－— ]?\d{7,8}|1[3-9]\d[\d*]{4}\d{4})(?![\d*])")


def phone_links(text: str | None) -> Markup:
    """Contact text with each phone number kept on one line; a whole number is a tap-to-call link."""
    parts, last = [], 0
    text = text or ""
    for match in PHONE.finditer(text):
        number = match[0]
        parts.append(escape(text[last:match.start()]))
        if "*" in number:  # masked: nothing to call
            parts.append(Markup('<span class="hd-nowrap">{}</span>').format(number))
        else:
            parts.append(Markup('<a class="hd-nowrap" href="tel:{}">{}</a>').format(re.sub(r"\D", "", number), number))
        last = match.end()
    parts.append(escape(text[last:]))
    return Markup("").join(parts)


@pass_context
def _markdown_here(context, text: str | None) -> Markup:
    """Markdown free text for this page: photos under content/media/ point at their published copies
    (a photo standing alone in its paragraph gets its description as caption, as news photos do); an image
    that is not published (another folder, not a photo, missing) is left out."""
    link = context["link"]

    def published(src: str) -> str | None:
        name = media.inline_image(src)
        uri = context["photos"].get(name) if name else None
        return (link(uri) or None) if uri else None

    return Markup(CAPTIONED.sub(r'<figure class="hd-figure">\1<figcaption>\2</figcaption></figure>',
                                str(replace_images(render_markdown(text), published))))  # str: Markup would escape


def page_toc(html: str) -> TableOfContents:
    """The right-hand table of contents: the page's numbered sections (h2 with an id), under its h1.

    The theme's skip link goes to the first entry, so it lands on the title; the
    theme shows an h1's children as the table of contents.
    """
    sections = [{"level": 2, "id": m[1], "name": m[2], "children": []} for m in SECTION.finditer(html)]
    title = TITLE.search(html)
    if title:
        sections = [{"level": 1, "id": title[1], "name": title[2], "children": sections}]
    return get_toc(sections)
