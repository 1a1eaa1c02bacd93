"""PDF rendering with WeasyPrint: template + view → bytes.

A worker process renders many documents, so what is costly to make is made
once per process: the Jinja environment per project, the parsed print
stylesheet with the @font-face rules of the build's font subsets
(``fontcache``), and WeasyPrint's font configuration (shared by the stylesheet and
every ``write_pdf`` call, as WeasyPrint's docs ask).
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

import jinja2
from .libraries import quick_lookup

with quick_lookup():  # before WeasyPrint loads its system libraries
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

from ..content.project import Project
from ..templates import make_env, template_dirs
from .assets import ProjectFetcher, allowed_roots
from . import cffi_arrays, deflate, embedding
from .catalogue import BY_NAME, Document
from .fontcache import font_set
from .ua import PrintHTML
from .views import view_for

cffi_arrays.install()  # font embedding without re-parsing C for every glyph count
deflate.install()  # streams compressed at zlib's default level: half the time of level 9, 0.3 % more bytes
embedding.install()  # our font subsets embedded in one HarfBuzz pass, not two

LOG = logging.getLogger("huodong.print")
STYLESHEET = "print.css"


def font_config(root: Path) -> FontConfiguration:
    """WeasyPrint's font configuration for this build's font subsets.

    One per set of subsets: a process that prints again after a new rare
    character (tests, a long-lived preview) must not keep the old extra face
    under the same family name.
    """
    return _config(font_set(root).css)


@lru_cache(maxsize=4)
def _config(faces: str) -> FontConfiguration:
    return FontConfiguration()


@lru_cache(maxsize=8)
def environment(root: Path) -> jinja2.Environment:
    return make_env(root, "print")


def stylesheet(root: Path, name: str = STYLESHEET) -> CSS:
    """A shared print stylesheet by template name: the project's own templates/print/<name> if it has one."""
    path = _stylesheet_path(root, name)
    return _parsed(path, path.stat().st_mtime_ns, allowed_roots(root), font_set(root).css)


def _stylesheet_path(root: Path, name: str = STYLESHEET) -> Path:
    return next(d / name for d in template_dirs(root, "print") if (d / name).is_file())


def lay_out(root: Path, string: str, *, sheets: tuple[str, ...] = (), **kwargs):
    """The HTML ``string`` laid out with ``stylesheets(root, *sheets)`` and this build's fonts, its user-agent rules
    cut to what it can use (ua.py); ``kwargs`` go to WeasyPrint's HTML (base_url, url_fetcher)."""
    paths = [_stylesheet_path(root, name) for name in (STYLESHEET, *sheets)]
    author_css = "\n".join(_text(path, path.stat().st_mtime_ns) for path in paths)
    return PrintHTML(string=string, author_css=author_css, **kwargs).render(
        stylesheets=stylesheets(root, *sheets), font_config=font_config(root))


@lru_cache(maxsize=8)
def _text(path: Path, mtime_ns: int) -> str:
    return path.read_text(encoding="utf-8", errors="replace")


@lru_cache(maxsize=8)
def _parsed(path: Path, mtime_ns: int, roots: tuple[Path, ...], faces: str) -> CSS:
    return CSS(filename=str(path), font_config=_config(faces), url_fetcher=ProjectFetcher(roots))


def stylesheets(root: Path, *extra: str) -> list[CSS]:
    """The @font-face rules of this build's font subsets, the print stylesheet, then ``extra`` ones by template
    name (records/records.css, blank-rows.css): each parsed once per process, not in every document."""
    fonts = font_set(root)
    return [_font_faces(fonts.css, fonts.folder), stylesheet(root), *(stylesheet(root, name) for name in extra)]


@lru_cache(maxsize=4)
def _font_faces(faces: str, folder: Path) -> CSS:
    return CSS(string=faces, font_config=_config(faces), url_fetcher=ProjectFetcher((folder,)))


WARM = ("<body class='{}'><p>一</p><p style='font-family: var(--sans)'>二</p><p style='font-family: var(--kai)'>三</p>"
        "<p style='font-family: var(--title)'>四</p><p><b>五</b></p></body>")


def warm_fonts(root: Path) -> None:
    """Lay out and write one small page of each page style in every font role, so that Pango, fontconfig and
    HarfBuzz have loaded the faces before workers fork (each worker's first document is no slower)."""
    for body in ("form", "gongwen"):
        lay_out(root, WARM.format(body)).write_pdf()


def view(project: Project, document: Document) -> dict:
    """What the document's template is rendered with (views.py)."""
    return view_for(document.kind, project, project.activity(document.activity_id))


def render_html(project: Project, document: Document, context: dict | None = None, **extra) -> str:
    """The document's HTML from its view (``context``, made here when not given) and ``extra`` values."""
    context = (view(project, document) if context is None else context) | extra
    return environment(Path(project.root).resolve()).get_template(BY_NAME[document.kind].template).render(**context)


def render_pdf(project: Project, document: Document) -> bytes:
    if document.kind == "plan":
        from .gongwen import render_plan

        return render_plan(project, document)
    context = view(project, document)
    finisher = None
    if document.kind == "signup-fillable":
        from .fillable import form_fields

        finisher = form_fields(context["rows"], context["field_names"], context["columns"][1:])
    return layout(project, document, context).write_pdf(finisher=finisher)


def layout(project: Project, document: Document, context: dict | None = None, **extra):
    """The laid-out WeasyPrint document (pages, anchors), ready for ``write_pdf``."""
    root = Path(project.root).resolve()
    fetcher = ProjectFetcher(allowed_roots(root))
    html = render_html(project, document, context, **extra)
    laid_out = lay_out(root, html, sheets=BY_NAME[document.kind].stylesheets,
                       base_url=(root / "content").as_uri() + "/", url_fetcher=fetcher)
    for url in fetcher.refused:
        LOG.warning("%s：打印文档只能使用本项目 content/ 和 templates/ 下的文件，已忽略 %s",
                    document.path, url)
    return laid_out
