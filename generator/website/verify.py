"""The certificates' verification pages: ``verify/<number>-<code>.html``, one per certificate.

They are static files, not mkdocs pages, so they are in no navigation, no
search index and no sitemap, and no page links to them: only the QR code or
address printed on a certificate leads to one. A page states what the
records.verify view allows (number, masked name, hours, issuer, date) and
nothing else: no phone, no ID number, no place.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

from ..content.project import Project
from ..records.load import load_records
from ..records.verify import REVOKED, verifications
from ..templates import make_env

TEMPLATE = "verify.html"
# verify/ itself answers with a page that lists nothing, so a server that would list a folder's files cannot.
INDEX = "verify/index.html"


def verify_pages(project: Project) -> dict[str, str]:
    """Page path under site/ → its HTML, for every certificate of the project's records."""
    records = load_records(project)
    found = verifications(project, records)
    if not found:
        return {}
    page = make_env(Path(project.root), "site").get_template(TEMPLATE)
    pages = {v.stamp.page: page.render(v=v, site_name=project.site.name, revoked_text=REVOKED) for v in found}
    return {INDEX: page.render(v=None, site_name=project.site.name, revoked_text=REVOKED), **pages}


def verify_files(config: MkDocsConfig, project: Project) -> list[File]:
    """The pages as files mkdocs writes verbatim (an .html source is a static file, never a page)."""
    return [File.generated(config, uri, content=html) for uri, html in verify_pages(project).items()]

