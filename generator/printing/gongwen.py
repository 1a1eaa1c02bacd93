"""plan.pdf: the plan, with its 通知, 附件 and 版记 when it is issued as a notice.

Built-in blank forms named as 附件 are set on the document's own pages; a PDF
under ``content/media/`` is merged in after its 附件N page with pypdf. A notice
whose 附件说明 and 落款 would spill onto a second page is set with tighter
lines (GB/T 9704-2012 allows adjusting the line spacing) when that keeps it on
one page; the notice's own pages are laid out alone to decide.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from ..content.project import Project
from .attachments import form_body, source
from .catalogue import Document
from .pdf import environment, layout
from .plan import NoticeView, plan_view


@dataclass(frozen=True)
class AttachmentPage:
    label: str
    title: str
    body: Markup | None     # a built-in form's content
    pdf: Path | None        # pages merged in after the 附件N page


def attachment_pages(project: Project, notice: NoticeView | None) -> list[AttachmentPage]:
    """The 附件 a plan's notice lists that have content: a built-in blank form or a PDF under content/media/."""
    if notice is None:
        return []
    root = Path(project.root).resolve()
    pages = []
    for attachment in notice.attachments:
        found = source(root, attachment.title)
        if found is None:
            continue  # only listed in 附件说明; `huodong check` warns
        body = form_body(environment(root), found.form, project.site.name) if found.form else None
        pages.append(AttachmentPage(attachment.label, attachment.title.removesuffix(".pdf"), body, found.pdf))
    return pages


def render_plan(project: Project, document: Document) -> bytes:
    notice = plan_view(project.activity(document.activity_id)).notice
    attachments = attachment_pages(project, notice)
    options = {"attachments": attachments, "tight": notice is not None and _tighter(project, document),
               "banji_page": False}
    laid_out = layout(project, document, **options)
    if _page_of(laid_out, "banji") not in (None, len(laid_out.pages) - 1):
        # the 版记 did not fit under the last page's text and went to a page WeasyPrint left unnamed
        laid_out = layout(project, document, **(options | {"banji_page": True}))
    data = laid_out.write_pdf()
    merged = [(i, a.pdf) for i, a in enumerate(attachments, 1) if a.pdf]
    return _merge(data, laid_out, merged) if merged else data


def _tighter(project: Project, document: Document) -> bool:
    """Whether the notice needs tighter lines to keep its 落款 on its first page, and fits with them.

    The notice ends with a page break, so its own pages decide: they are laid out alone (a page or two)
    rather than the whole plan again.
    """
    alone = {"attachments": (), "notice_only": True}
    return (_notice_spills(layout(project, document, **alone, tight=False))
            and not _notice_spills(layout(project, document, **alone, tight=True)))


def _page_of(laid_out, anchor: str) -> int | None:
    return next((i for i, page in enumerate(laid_out.pages) if anchor in page.anchors), None)


def _notice_spills(laid_out) -> bool:
    """True when the notice's 落款 falls on a later page than its masthead."""
    start, end = _page_of(laid_out, "notice"), _page_of(laid_out, "notice-end")
    return start is not None and end is not None and end > start


def _merge(data: bytes, laid_out, pdfs: list[tuple[int, Path]]) -> bytes:
    """Insert each attachment PDF's pages right after its 附件N page."""
    import pypdf

    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(data)))
    inserted = 0
    for number, path in pdfs:
        page = _page_of(laid_out, f"attachment-{number}")
        if page is None:
            continue
        extra = pypdf.PdfReader(path)
        at = page + 1 + inserted
        for offset, extra_page in enumerate(extra.pages):
            writer.insert_page(extra_page, at + offset)
        inserted += len(extra.pages)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
