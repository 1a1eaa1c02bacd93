"""Round trip: a value written the organiser's way reaches plan.pdf, plan.docx and the site normalised."""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import pypdf
import pytest

from generator.content.project import load_project
from generator.printing.catalogue import Document
from generator.printing.render import render
from generator.website.build import build_site

from .site_helpers import article, mkdocs_yml, texts

ACTIVITY = """\
title: 冬季义诊进村
kind: 义诊
date: 2027年3月5日（星期五）
time: 下午2点-4点半
location: 溪口村文化礼堂
organiser: 竹亭镇卫生院
co_organisers: 竹亭镇老龄办、溪口村村委会
purpose: 为老人免费测量血压
participants:
  - group: 医护志愿者
    count: 十二人
"""


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("roundtrip") / "project"
    for folder in ("activities", "pages"):
        (root / "content" / folder).mkdir(parents=True)
    (root / "content" / "site.yaml").write_text("name: 测试志愿服务队\n", encoding="utf-8")
    (root / "content" / "activities" / "冬季义诊.yaml").write_text(ACTIVITY, encoding="utf-8")
    (root / "mkdocs.yml").write_text(mkdocs_yml(), encoding="utf-8")
    return load_project(root)


def test_plan_pdf_shows_the_normalised_date_time_and_count(project):
    data = render(project, Document("dongji-yizhen", "plan", "dongji-yizhen/plan.pdf", "pdf"))
    text = re.sub(r"\s+", "", "".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages))
    assert "2027年3月5日（星期五）14:00—16:30。" in text
    assert "医护志愿者12人" in text
    assert "协办单位：竹亭镇老龄办、溪口村村委会" in text


def test_plan_docx_shows_the_normalised_date_time_and_count(project):
    data = render(project, Document("dongji-yizhen", "docx", "dongji-yizhen/plan.docx", "docx"))
    body = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
    assert "2027年3月5日（星期五）14:00—16:30。" in body
    assert any("医护志愿者12人" in line for line in body)


def test_site_activity_page_shows_the_normalised_values(project):
    build_site(Path(project.root), project=project)
    page = article(Path(project.root) / "site" / "activities" / "dongji-yizhen.html")
    facts = dict(zip(texts(page, ".//div[@class='hd-facts']//th"), texts(page, ".//div[@class='hd-facts']//td")))
    assert facts["时间"] == "2027年3月5日（星期五） 14:00—16:30"
    assert "义诊服务" in " ".join(texts(page, ".//*"))
