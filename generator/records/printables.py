"""Writing the records printables under plans/: certificates, blank forms, visit plans, service cards.

Rendering goes through the printing package's Jinja environment, shared print
stylesheet, font configuration and project-only URL fetcher; templates live in
``templates/print/records/``.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import partial
from pathlib import Path
from typing import Any

from .. import fonts
from ..content.dates import cn_date
from ..content.project import Project
from ..engine.atomic import write_bytes
from ..engine.cache import digest
from ..engine.workers import Job
from . import views
from .hours import services
from .load import Records, load_records

CERTIFICATES = "certificates"
FORMS = "forms"
INTERNAL = "internal"
# Blank forms from the seeds: template under records/forms/ → file name under plans/forms/.
BLANK_FORMS: dict[str, str] = {
    "needs.html": "空巢老人需求登记表.pdf",
    "activity-log.html": "志愿服务活动情况登记表.pdf",
    "care-agreement.html": "委托照顾协议书.pdf",
    "visit-record.html": "走访记录表.pdf",
}
PARTS = (CERTIFICATES, FORMS)  # what `huodong print --only` may ask of the records
STYLESHEET = "records/records.css"  # after print.css; parsed once per process (pdf.stylesheets), not per document


def render(project: Project, template: str, context: dict[str, Any]) -> bytes:
    from ..printing.assets import ProjectFetcher, allowed_roots  # WeasyPrint loads only when something is rendered
    from ..printing.pdf import environment, lay_out

    root = Path(project.root).resolve()
    page = environment(root).get_template(f"records/{template}")
    fetcher = ProjectFetcher(allowed_roots(root))

    def layout(numbered: bool):
        html = page.render(organisation=project.site.name, numbered=numbered, **context)
        return lay_out(root, html, sheets=(STYLESHEET,), base_url=(root / "content").as_uri() + "/",
                       url_fetcher=fetcher)

    # A one-page document carries no page number; laid out again with numbers only when it runs over.
    document = layout(numbered=False)
    if len(document.pages) > 1:
        document = layout(numbered=True)
    return document.write_pdf()


def split_only(only: list[str] | None, ids: list[str] | None = None) -> tuple[list[str] | None, list[str]]:
    """Split `huodong print --only` into activity documents and records parts.

    Returns (activity kinds or None for all — [] for none, records parts).
    Printing chosen activities (``ids``) prints no records.
    """
    if not only:
        return None, [] if ids else list(PARTS)
    parts = [p for p in only if p.strip().lower() in PARTS]
    rest = [p for p in only if p.strip().lower() not in PARTS]
    return rest, [] if ids else [p.strip().lower() for p in parts]


def record_jobs(project: Project, parts: list[str], base: str, today: dt.date | None = None) -> list[Job]:
    """Certificates and blank forms (``parts`` names which) as build jobs for `huodong print`.

    Each job's fingerprint is the data its template receives, so a certificate
    is rendered again only when what it states changes.
    """
    if not parts:
        return []
    pages: list[tuple[str, str, dict[str, Any]]] = []
    if CERTIFICATES in parts:
        pages += certificate_pages(project, load_records(project), today or dt.date.today())
    if FORMS in parts:
        context = views.blank_forms()
        pages += [(f"{FORMS}/{name}", f"forms/{template}", context) for template, name in BLANK_FORMS.items()]
    return [
        Job(f"plans/{safe_filename(name)}", digest(base, template, repr(context)),
            partial(render, project, template, context))
        for name, template, context in pages
    ]


def certificate_pages(project: Project, records: Records, today: dt.date) -> list[tuple[str, str, dict[str, Any]]]:
    """(file under plans/, template, context) for every service proof and honour certificate."""
    pages = []
    done = services(project, records)
    key = records.settings.verify_salt  # none: certificates print their number only
    for volunteer in records.volunteers.values():
        mine = [s for s in done if s.volunteer == volunteer.id]
        if mine:
            proof = views.service_proof(volunteer, mine, records, today, key, project.site)
            pages.append((f"{CERTIFICATES}/志愿服务记录证明-{volunteer.id}-{volunteer.name}.pdf",
                          "service-proof.html", {"proof": proof}))
    for commendation in records.commendations:
        for i, honour in enumerate(views.honours(commendation, records, key, project.site), 1):
            pages.append((f"{CERTIFICATES}/荣誉证书-{commendation.id}-{i:02d}-{honour.name}.pdf",
                          "honour.html", {"honour": honour}))
    return pages


def print_visit_plan(project: Project, records: Records, year: int, month: int,
                     today: dt.date | None = None) -> list[Path]:
    """The month's 走访计划表 and every elder's 居家养老服务卡, under plans/internal/."""
    fonts.require_cjk_font()
    folder = project.root / "plans" / INTERNAL
    writer = _Writer(folder)
    context = views.visit_plan(records, year, month) | {"printed": cn_date(today or dt.date.today())}
    writer.write(f"走访计划表-{year}-{month:02d}.pdf", render(project, "visit-plan.html", context))
    for elder in records.elders:
        writer.write(f"服务卡/居家养老服务卡-{elder.id}-{elder.name}.pdf",
                     render(project, "service-card.html", views.service_card(elder, records)))
    return writer.written


class _Writer:
    """Writes files atomically under one folder and refuses to write one path twice."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.written: list[Path] = []

    def write(self, name: str, data: bytes) -> None:
        path = self.folder / safe_filename(name)
        if path in self.written:
            raise ValueError(f"two records printables would both be written to {path}")
        write_bytes(path, data)
        self.written.append(path)


def safe_filename(name: str) -> str:
    """Keep folders, drop characters Windows refuses in a file name."""
    return "/".join(re.sub(r'[\\:*?"<>|]', "_", part) for part in name.split("/"))
