"""Helpers for the site tests: a built copy of a fixture project, HTML parsing, internal values."""

from __future__ import annotations

import shutil
from pathlib import Path

import lxml.html
import yaml
from PIL import Image

REPO = Path(__file__).resolve().parent.parent
FIXTURE = REPO / "tests" / "fixtures" / "site" / "project"
SCAFFOLD_MKDOCS = REPO / "generator" / "scaffolds" / "mkdocs.yml"
TEXT_SUFFIXES = {".html", ".xml", ".json", ".js", ".ics", ".css", ".txt", ".svg", ".md"}


def mkdocs_yml(today: str | None = "2026-10-01") -> str:
    """The scaffold's mkdocs.yml, with "today" fixed so upcoming/past is stable."""
    text = SCAFFOLD_MKDOCS.read_text(encoding="utf-8")
    if today:
        text = text.replace("  - huodong\n", f"  - huodong:\n      today: {today}\n")
        assert f"today: {today}" in text
    return text


def exif_photo(path: Path) -> None:
    """A JPEG carrying a camera name and a GPS position, as phones write them."""
    path.parent.mkdir(parents=True, exist_ok=True)
    exif = Image.Exif()
    exif[0x010F] = "TestCam"
    exif.get_ifd(0x8825).update({1: "N", 2: (30.0, 15.0, 0.0), 3: "E", 4: (120.0, 10.0, 0.0)})
    Image.new("RGB", (640, 480), "orange").save(path, exif=exif)


def fixture_project(target: Path) -> Path:
    shutil.copytree(FIXTURE, target)
    exif_photo(target / "content" / "media" / "chongyang.jpg")
    (target / "mkdocs.yml").write_text(mkdocs_yml(), encoding="utf-8")
    return target


def html(path: Path) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(path.read_text(encoding="utf-8"))


def article(path: Path) -> lxml.html.HtmlElement:
    """The page's own content, without the theme's header, navigation and footer."""
    found = html(path).xpath("//article[contains(@class, 'md-content__inner')]")
    assert len(found) == 1, path
    return found[0]


def texts(element: lxml.html.HtmlElement, xpath: str) -> list[str]:
    return [" ".join(e.text_content().split()) for e in element.xpath(xpath)]


def internal_values(root: Path) -> set[str]:
    """Every identifying value in a project's sources: what must never reach site/.

    Needs, notes, health and visit notes are left out: they are ordinary words (打扫卫生,
    教老人用手机视频通话) that the site may say; only next to a name are they private, and
    tests/test_public_boundary.py checks that case."""
    found: set[str] = set()

    def add(record: dict, *keys: str) -> None:
        found.update(str(record[k]) for k in keys if record.get(k))

    for path in (root / "content" / "activities").glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for person in data.get("beneficiaries") or []:
            add(person, "name", "address", "phone")
    people = root / "content" / "people"
    if (people / "volunteers.yaml").is_file():
        for volunteer in yaml.safe_load((people / "volunteers.yaml").read_text(encoding="utf-8"))["volunteers"]:
            add(volunteer, "phone", "id_number")
    if (people / "elders.yaml").is_file():
        for elder in yaml.safe_load((people / "elders.yaml").read_text(encoding="utf-8"))["elders"]:
            add(elder, "name", "address", "phone", "contact")
    return found


def leaks(site: Path, values: set[str]) -> list[str]:
    """(file, value) for every internal value found in any text file of the site, PDFs included."""
    from pypdf import PdfReader

    found = []
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        if path.suffix in TEXT_SUFFIXES:
            text = path.read_text(encoding="utf-8", errors="replace")
        elif path.suffix == ".pdf":
            text = "".join(page.extract_text() for page in PdfReader(path).pages)
        else:
            continue
        found += [f"{path.relative_to(site)}: {value}" for value in values if value in text]
    return found
