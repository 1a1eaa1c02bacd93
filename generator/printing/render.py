"""``render(project, document) -> bytes``: the one entry point that turns a catalogue entry into a file.

Pure: it reads the loaded project and returns the file's bytes; writing is the
caller's job (``run.py`` now, the build engine's workers later).
"""

from __future__ import annotations

from ..content.project import Project
from .catalogue import Document
from .pdf import render_pdf
from .plan import plan_view
from .word import plan_docx


def render(project: Project, document: Document) -> bytes:
    if document.format == "docx":
        from .gongwen import attachment_pages

        view = plan_view(project.activity(document.activity_id))
        return plan_docx(view, attachment_pages(project, view.notice))
    return render_pdf(project, document)
