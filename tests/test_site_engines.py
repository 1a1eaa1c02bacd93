"""The site builds the same with MkDocs 1.6 and with ProperDocs, its maintained 1.x continuation.

MkDocs 2.0 drops the plugin system the huodong plugin stands on; ProperDocs keeps the 1.x plugin API and
mkdocs.yml. This proves, on the demo site, that switching engines loses no page and no search entry.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def _build(engine: list[str], project: Path) -> Path:
    shutil.copytree(REPO / "content", project / "content")
    shutil.copy(REPO / "mkdocs.yml", project / "mkdocs.yml")
    result = subprocess.run([*engine, "build", "-q", "-f", "mkdocs.yml", "-d", "out"], cwd=project,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return project / "out"


def _pages(site: Path) -> set[str]:
    return {p.relative_to(site).as_posix() for p in site.rglob("*.html")}


def _search(site: Path) -> list[tuple[str, str, str]]:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return sorted((d["location"], d["title"], d["text"]) for d in index["docs"])


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> tuple[Path, Path]:
    if not (BIN / "properdocs").exists():
        pytest.fail("ProperDocs is a test dependency: pip install -e '.[test]'")
    mkdocs = _build([str(BIN / "mkdocs")], tmp_path_factory.mktemp("mkdocs"))
    properdocs = _build([str(BIN / "properdocs")], tmp_path_factory.mktemp("properdocs"))
    return mkdocs, properdocs


def test_properdocs_builds_the_same_pages(sites):
    mkdocs, properdocs = sites
    pages = _pages(mkdocs)
    assert len(pages) > 20 and "index.html" in pages and "calendar.html" in pages
    assert _pages(properdocs) == pages


def test_properdocs_builds_the_same_search_entries(sites):
    mkdocs, properdocs = sites
    entries = _search(mkdocs)
    assert any("重阳" in text for _, _, text in entries)
    assert _search(properdocs) == entries
