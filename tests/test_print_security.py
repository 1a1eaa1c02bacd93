"""WeasyPrint may read only the project's own files: no /etc/passwd, no climbing out, no network."""

from __future__ import annotations

import logging
import shutil
from io import BytesIO
from pathlib import Path

import pypdf
import pytest

from generator.content.project import load_project
from generator.content.project import media_path
from generator.printing.assets import ProjectFetcher, RefusedURL, allowed_roots
from generator.printing.catalogue import Document
from generator.printing.render import render

FIXTURE = Path(__file__).parent / "fixtures" / "print"
SIGNIN = Document("bare", "signin", "bare/signin.pdf", "pdf")


@pytest.fixture
def project_dir(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    # a real image outside the project: if it were fetched it would show up in the PDF
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.copy(FIXTURE / "content" / "media" / "logo.png", outside / "secret.png")
    return root


def images(data: bytes) -> int:
    reader = pypdf.PdfReader(BytesIO(data))
    return sum(len(page.images) for page in reader.pages)


def set_logo(root: Path, logo: str) -> None:
    site = root / "content" / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("logo: logo.png", f"logo: {logo}"), encoding="utf-8")


def test_fetcher_refuses_files_outside_the_project(project_dir: Path):
    fetcher = ProjectFetcher(allowed_roots(project_dir))
    for url in ("file:///etc/passwd", (project_dir.parent / "outside" / "secret.png").as_uri(),
                (project_dir / "content" / "media" / ".." / ".." / ".." / "outside" / "secret.png").as_uri(),
                "https://example.org/logo.png", "http://127.0.0.1/"):
        with pytest.raises(RefusedURL):
            fetcher.fetch(url)
    assert len(fetcher.refused) == 5


def test_fetcher_reads_project_media_and_data_urls(project_dir: Path):
    fetcher = ProjectFetcher(allowed_roots(project_dir))
    response = fetcher.fetch((project_dir / "content" / "media" / "logo.png").as_uri())
    assert response.read()[:8] == b"\x89PNG\r\n\x1a\n"
    assert fetcher.fetch("data:text/plain,ok").read() == b"ok"


def test_the_logo_is_printed_from_content_media(project_dir: Path):
    assert images(render(load_project(project_dir), SIGNIN)) == 1


@pytest.mark.parametrize("logo", ["../../../outside/secret.png", "ABSOLUTE"])
def test_a_logo_outside_media_is_not_fetched(project_dir: Path, logo: str):
    # `huodong check` reports it; loaded without that check, printing still leaves it out
    logo = str(project_dir.parent / "outside" / "secret.png") if logo == "ABSOLUTE" else logo
    set_logo(project_dir, logo)
    project = load_project(project_dir, strict=False)
    assert [p.message for p in project.errors] == [
        f"“{logo}”不在 content/media/ 文件夹里：图片请放进 content/media/，这里只写文件名"]
    assert project.site.logo == logo
    assert media_path(project_dir, project.site.logo) is None
    assert images(render(project, SIGNIN)) == 0


def test_a_template_cannot_embed_a_system_file(project_dir: Path, caplog):
    secret = (project_dir.parent / "outside" / "secret.png").as_uri()
    own = project_dir / "templates" / "print"
    own.mkdir(parents=True)
    (own / "signin.html").write_text(
        '{% extends "base.html" %}{% block body %}<p>签到</p>'
        f'<img src="{secret}"><img src="file:///etc/passwd"><img src="http://127.0.0.1:9/x.png">'
        '{% endblock %}', encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="huodong.print"):
        data = render(load_project(project_dir), SIGNIN)
    assert images(data) == 0
    reader = pypdf.PdfReader(BytesIO(data))
    assert reader.pages[0].extract_text().startswith("签到")  # the project's own template was used
    refused = [r.getMessage() for r in caplog.records if r.name == "huodong.print"]
    assert len(refused) == 3
    assert refused[1] == ("bare/signin.pdf：打印文档只能使用本项目 content/ 和 templates/ 下的文件，"
                          "已忽略 file:///etc/passwd")
