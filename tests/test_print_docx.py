"""plan.docx: the same plan as plan.pdf, with Word heading levels, read back with python-docx."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from generator.content.project import load_project
from generator.printing.catalogue import Document
from generator.printing.render import render

FIXTURE = Path(__file__).parent / "fixtures" / "print"


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("docx") / "project"
    shutil.copytree(FIXTURE, root)
    return load_project(root)


def plan_docx(project, activity_id: str) -> docx.document.Document:
    data = render(project, Document(activity_id, "docx", f"{activity_id}/plan.docx", "docx"))
    return docx.Document(io.BytesIO(data))


def outline(document) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in document.paragraphs if p.style.name != "Normal"]


def test_headings_match_the_pdf_plan(project):
    document = plan_docx(project, "chongyang")
    assert outline(document) == [
        ("Title", "情暖重阳·走进敬老院志愿服务活动方案"),
        *[("Heading 1", h) for h in ("一、活动背景", "二、活动目的", "三、活动主题", "四、组织单位", "五、活动时间",
                                     "六、活动地点", "七、活动对象", "八、参与人员", "九、组织分工", "十、活动流程",
                                     "十一、物资与预算", "十二、注意事项", "十三、安全预案")],
    ]
    body = [p.text for p in document.paragraphs]
    assert "2026年10月18日（星期日，农历九月初九重阳节）14:00—16:30。" in body
    assert "（一）弘扬中华民族尊老、敬老、爱老、助老的传统美德。" in body
    assert body[-2:] == ["竹亭中心小学政教处", "　　年　　月　　日"]   # no issued: date left for the pen


def test_tables_keep_rows_totals_and_a_repeating_header(project):
    document = plan_docx(project, "chongyang")
    schedule, budget = document.tables
    assert [c.text for c in schedule.rows[0].cells] == ["时间", "内容", "地点", "负责人"]
    assert [c.text for c in schedule.rows[1].cells] == ["13:30", "学校门口集合，清点人数，强调安全纪律", "学校南门", "各班班主任"]
    assert [c.text for c in budget.rows[-1].cells] == ["合计", "", "", "", "", "1830.00"]
    assert schedule.rows[0]._tr.trPr.xpath("./w:tblHeader")


def test_page_follows_gbt_9704(project):
    document = plan_docx(project, "bare")
    section = document.sections[0]
    assert section.top_margin.mm == pytest.approx(37, abs=0.05)
    assert section.left_margin.mm == pytest.approx(28, abs=0.05)
    assert section.page_width.mm - section.left_margin.mm - section.right_margin.mm == pytest.approx(156, abs=0.05)
    normal = document.styles["Normal"]
    assert normal.font.size == Pt(16) and normal.paragraph_format.line_spacing == Pt(28.9)
    assert document.styles["Title"].font.size == Pt(22) and document.styles["Title"].font.bold


def test_notice_and_phase_headings(project):
    document = plan_docx(project, "jiedui")
    texts = [p.text for p in document.paragraphs]
    masthead = document.tables[0]
    assert [p.text for p in masthead.cell(0, 0).paragraphs] == ["中共竹亭镇委员会", "竹亭镇人民政府"]
    assert masthead.cell(0, 1).text == "文件"
    assert texts[1] == "竹委发〔2026〕5号"
    assert ("Title", "关于印发《党员关爱空巢老人“多帮一”\n结对帮扶行动实施方案》的通知") in outline(document)
    assert "附件：1.空巢老人需求登记表" in texts and "2.居家养老服务卡" in texts
    assert ("Heading 2", "（一）调查摸底阶段（3月2日—3月31日）") in outline(document)
    assert "1.各村对空巢老人进行一次全面摸底。" in texts


def test_docx_is_chinese_without_theme_fonts_with_gongwen_footers_and_banji(project):
    document = plan_docx(project, "jiedui")
    styles = document.styles.element.xml
    assert "Theme=" not in styles and "theme=" not in styles                  # no asciiTheme, eastAsiaTheme …
    assert 'w:eastAsia="zh-CN"' in styles
    assert document.settings.odd_and_even_pages_header_footer
    section = document.sections[0]
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    assert odd.text == even.text == "—  —"                                   # the PAGE field sits between
    assert (odd.alignment, even.alignment) == (WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.LEFT)
    number = document.paragraphs[1]
    assert number.text == "竹委发〔2026〕5号"
    assert number._p.xpath("./w:pPr/w:pBdr/w:bottom[@w:color='D00000']")     # the red rule under 文号
    texts = [p.text for p in document.paragraphs]
    banji = document.tables[-1]
    assert [row.cells[0].text for row in banji.rows] == ["中共竹亭镇委员会\t2026年2月26日印发"]
    assert banji._tbl.xpath("./w:tblPr/w:tblpPr[@w:vertAnchor='margin']")    # floating at the text block's foot
    date = texts.index("2026年2月26日")                                       # the notice's 成文日期
    kept = document.paragraphs[date - 3: date]
    assert all(p.paragraph_format.keep_with_next for p in kept)


def test_each_attachment_is_a_page_with_its_label_title_and_blank_form(project):
    document = plan_docx(project, "jiedui")
    paragraphs = document.paragraphs
    labels = [i for i, p in enumerate(paragraphs) if p.text in ("附件1", "附件2")]
    assert [paragraphs[i].text for i in labels] == ["附件1", "附件2"]
    assert all(paragraphs[i].paragraph_format.page_break_before for i in labels)
    assert [paragraphs[i + 1].text for i in labels] == ["空巢老人需求登记表", "居家养老服务卡"]
    assert all(paragraphs[i + 1].style.name == "Title" for i in labels)
    assert labels[0] > [p.text for p in paragraphs].index("2026年2月26日")  # after the 正文 and its 成文日期
    cells = {cell.text for table in document.tables[1:-1] for row in table.rows for cell in row.cells}
    assert {"姓名", "出生年月", "服务项目", "老人（家属）签字"} <= cells          # the forms' own rows, to fill by hand
    assert document.tables[-1].rows[0].cells[0].text.endswith("印发")         # the 版记 still closes the file
