"""The user-agent stylesheet cut to what a document can use: same pages, fewer styles to compute."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import weasyprint

from generator.content.project import load_project
from generator.printing import ua
from generator.printing.run import plan_print

FIXTURE = Path(__file__).parent / "fixtures" / "print"


def test_vocabulary_has_the_elements_the_parser_adds_attributes_and_features():
    words = ua.vocabulary("<table><tr><td hidden data-x='a>b'>一</td></tr></table><col span=2>", "p { color: red }")
    assert {"html", "head", "body", "table", "tbody", "tr", "td", "col", "colgroup"} <= words
    assert {"[hidden", "[data-x", "[span"} <= words
    assert "::marker" not in words and "::footnote" not in words
    assert "::marker" in ua.vocabulary("<ol><li>一</li></ol>")
    assert "::marker" in ua.vocabulary("<p>一</p>", "p { display: list-item }")
    # a footnote needs an element that an author's float: footnote rule can match (print.css: the 版记)
    css = "p { margin: 0 }\n.banji { float: footnote; font-size: 14pt }\n.banji::footnote-call { content: none }"
    assert "::footnote" not in ua.vocabulary("<p class='x'>一</p>", css)
    assert "::footnote" in ua.vocabulary("<div class='a banji'>抄送</div>", css)
    assert "::footnote" in ua.vocabulary("<p>一</p><span>注</span>", "span { float: footnote }")
    assert "::footnote" in ua.vocabulary("<p style='float: footnote'>一</p>")
    assert "::note" in ua.vocabulary("<p>一</p>", "p { position: note(x) }")
    assert "::note" not in ua.vocabulary("<p class=note>一</p>", css)


def test_rules_for_what_a_document_lacks_are_dropped_and_the_rest_kept_as_written():
    text = ua.user_agent_text(ua.vocabulary("<table><tr><td>一</td></tr></table>"))
    assert "td { display: table-cell }" in text and "th {" not in text
    assert "::marker" not in text and "::footnote-call" not in text and "::note-call" not in text
    assert "blockquote" not in text and "[dir" not in text and "[hidden" not in text
    full = ua.user_agent_text(ua.vocabulary("<ol><li hidden dir=rtl><blockquote><p><a href=x>一</a></p></blockquote></li></ol>",
                                            "p { float: footnote } p { position: note(x) }"))
    for kept in ("::marker", "::footnote-call", "::note-callback", "blockquote", "[dir=rtl i]", "[hidden]", ":link"):
        assert kept in full


def _boxes_and_pixels(data: bytes, folder: Path) -> tuple[bytes, list[bytes]]:
    pdf = folder / "x.pdf"
    pdf.write_bytes(data)
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, check=True).stdout
    for old in folder.glob("x-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(folder / "x")], check=True)
    return boxes, [png.read_bytes() for png in sorted(folder.glob("x-*.png"))]


def _both_ways(jobs, monkeypatch, folder: Path) -> None:
    """Every job rendered with the cut sheet and with WeasyPrint's whole sheet: same text boxes, same pixels."""
    for job in jobs:
        cut = job.render()
        with monkeypatch.context() as patch:
            patch.setattr(ua.PrintHTML, "_ua_stylesheets", weasyprint.HTML._ua_stylesheets)
            whole = job.render()
        assert _boxes_and_pixels(cut, folder) == _boxes_and_pixels(whole, folder), job.output


def test_every_kind_of_document_looks_the_same_as_with_the_whole_sheet(tmp_path, monkeypatch):
    root = tmp_path / "project"
    shutil.copytree(FIXTURE, root)
    project = load_project(root)
    first = project.activities[0].id
    jobs = [job for job in plan_print(project).jobs if f"/{first}/" in job.output and job.output.endswith(".pdf")]
    jobs += [job for job in plan_print(project, ["jiedui"], ["plan"]).jobs]  # a notice: its 版记 is a footnote
    assert len(jobs) >= 6
    _both_ways(jobs, monkeypatch, tmp_path)


def test_an_own_template_with_other_elements_looks_the_same(scratch, monkeypatch, tmp_path):
    scratch.activity("a", """\
        title: 重阳节敬老活动
        kind: festival
        date: 2026-10-18
        location: 竹亭镇敬老院
        organiser: 竹亭中心小学
        schedule:
          - {time: "14:00", item: 集合}
    """)
    scratch.write("templates/print/schedule.html", """\
        {% extends "base.html" %}
        {% block body %}
        <h1>{{ header.activity }}</h1>
        <blockquote>敬老爱老，从我做起。</blockquote>
        <ol><li>集合</li><li>慰问</li></ol><ul><li><ul><li>表演</li></ul></li></ul>
        <hr><pre>  14:00  集合</pre><p dir="rtl">右</p><p hidden>藏</p>
        <table border="1"><tr><th>时间</th><td><a href="https://example.org">链接</a></td></tr></table>
        <dl><dt>地点</dt><dd>敬老院</dd></dl><p><em>强调</em> <small>小字</small> <sup>上</sup></p>
        {% endblock %}
    """)
    project = load_project(scratch.root)
    jobs = [job for job in plan_print(project, only=["schedule"]).jobs]
    assert len(jobs) == 1
    _both_ways(jobs, monkeypatch, tmp_path)


def test_printing_uses_the_cut_sheet(scratch, monkeypatch):
    scratch.activity("a")
    sheets = []
    original = ua.PrintHTML._ua_stylesheets
    monkeypatch.setattr(ua.PrintHTML, "_ua_stylesheets", lambda self, forms=False: sheets.append(self.user_agent)
                        or original(self, forms))
    job = plan_print(load_project(scratch.root), only=["signin"]).jobs[0]
    assert job.render().startswith(b"%PDF")
    assert sheets and all(sheet is not weasyprint.html.UA_STYLESHEET for sheet in sheets)
