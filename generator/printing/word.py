"""plan.docx: the same plan as plan.pdf, for organisers who edit in Word or WPS.

It writes the blocks of ``plan.plan_view`` with Word's own heading styles
(标题 1 = 一、, 标题 2 = （一）) so the navigation pane shows the outline, on a
GB/T 9704 page: A4, margins 37/26/35/28 mm, 16 pt body at a fixed 28.9 pt line.
The phase chart is drawn only in the PDF; its content is in the headings after it.
"""

from __future__ import annotations

import io

from docx import Document as new_docx
from docx.document import Document as Docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from .blocks import Heading, Para, Table
from .plan import NoticeView, PlanView

BODY, TITLE, HEI, KAI = "仿宋", "方正小标宋简体", "黑体", "楷体"
RED = RGBColor(0xD0, 0x00, 0x00)
LINE = Pt(28.9)


def plan_docx(plan: PlanView) -> bytes:
    doc = new_docx()
    _page(doc)
    _styles(doc)
    if plan.notice:
        _notice(doc, plan.notice)
    _paragraph(doc, plan.title, style=doc.styles["Title"])
    headings = {1: doc.styles["Heading 1"], 2: doc.styles["Heading 2"]}
    for block in plan.blocks:
        if isinstance(block, Heading):
            _paragraph(doc, block.number + block.text, style=headings[block.level])
        elif isinstance(block, Para):
            _para(doc, block)
        elif isinstance(block, Table):
            _table(doc, block)
    if plan.contact:
        _paragraph(doc, plan.contact)
    if not plan.notice:
        _paragraph(doc, plan.signatory, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False, right=4)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


# ---- page and styles -------------------------------------------------------------

def _page(doc: Docx) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(28)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("— ")
    _page_field(footer)
    footer.add_run(" —")
    for run in footer.runs:
        _font(run, BODY, 14)


def _page_field(paragraph) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _styles(doc: Docx) -> None:
    normal = doc.styles["Normal"]
    _style_font(normal, BODY, 16)
    fmt = normal.paragraph_format
    fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, LINE
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.first_line_indent = Pt(32)
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), "-5")  # −0.25 pt a character: 28 characters to a 156 mm line
    normal.element.get_or_add_rPr().append(spacing)
    for name, family, size, bold in (("Title", TITLE, 22, True), ("Heading 1", HEI, 16, False),
                                     ("Heading 2", KAI, 16, False)):
        style = doc.styles[name]
        _style_font(style, family, size, bold)
        fmt = style.paragraph_format
        fmt.line_spacing_rule, fmt.line_spacing = WD_LINE_SPACING.EXACTLY, LINE
        fmt.space_before = fmt.space_after = Pt(0)
        fmt.first_line_indent = Pt(0) if name == "Title" else Pt(32)
        fmt.keep_with_next = True
    title = doc.styles["Title"].paragraph_format
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.space_after = LINE
    _no_border(doc.styles["Title"])


def _style_font(style, family: str, size: float, bold: bool = False) -> None:
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.italic = False
    style.font.color.rgb = RGBColor(0, 0, 0)
    style.font.name = family
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), family)


def _no_border(style) -> None:
    ppr = style.element.get_or_add_pPr()
    for border in ppr.findall(qn("w:pBdr")):
        ppr.remove(border)


def _font(run, family: str, size: float, bold: bool = False, color: RGBColor | None = None) -> None:
    run.font.size, run.font.bold, run.font.name = Pt(size), bold, family
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), family)
    if color is not None:
        run.font.color.rgb = color


# ---- blocks ----------------------------------------------------------------------

def _paragraph(doc: Docx, text: str, style=None, align=None, indent: bool = True,
               right: int = 0):
    paragraph = doc.add_paragraph(text, style=style)
    if align is not None:
        paragraph.alignment = align
    if not indent:
        paragraph.paragraph_format.first_line_indent = Pt(0)
    if right:
        paragraph.paragraph_format.right_indent = Pt(16 * right)
    return paragraph


def _para(doc: Docx, block: Para) -> None:
    paragraph = doc.add_paragraph()
    if block.number or block.lead:
        lead = paragraph.add_run(block.number + block.lead)
        if block.level == 2:
            _font(lead, KAI, 16)
    paragraph.add_run(block.text)


def _table(doc: Docx, block: Table) -> None:
    rows = [block.columns, *block.rows, *([block.foot] if block.foot else [])]
    table = doc.add_table(rows=len(rows), cols=len(block.columns))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for r, (values, row) in enumerate(zip(rows, table.rows)):
        for c, (value, cell) in enumerate(zip(values, row.cells)):
            cell.width = Mm(156 * block.widths[c] / 100)
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.first_line_indent = Pt(0)
            paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
            if r == 0 or c in block.numeric:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if r == 0 else WD_ALIGN_PARAGRAPH.RIGHT
            _font(paragraph.add_run(value), HEI if r == 0 else BODY, 12)
    header = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")  # the header row repeats on every page
    header.append(repeat)
    doc.add_paragraph()


# ---- the 通知 --------------------------------------------------------------------

def _notice(doc: Docx, notice: NoticeView) -> None:
    for organ in notice.issuer_lines:
        line = _paragraph(doc, "", align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
        _font(line.add_run(organ + ("文件" if organ == notice.issuer_lines[-1] else "")),
              TITLE, 26, bold=True, color=RED)
        line.paragraph_format.line_spacing = Pt(40)
    if notice.number:
        _paragraph(doc, "")
        _paragraph(doc, notice.number, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    _red_rule(doc)
    _paragraph(doc, notice.title, style=doc.styles["Title"])
    if notice.to:
        _paragraph(doc, notice.to, indent=False)
    for text in notice.intro:
        _paragraph(doc, text)
    if notice.attachments:
        _paragraph(doc, "")
        for i, name in enumerate(notice.attachments):
            item = _paragraph(doc, ("附件：" if i == 0 else "") + name)
            if i:
                item.paragraph_format.left_indent = Pt(16 * 5)
                item.paragraph_format.first_line_indent = Pt(0)
    _paragraph(doc, "")
    for line in (*notice.signatory_lines, notice.date):
        if line:
            _paragraph(doc, line, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False, right=4)
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _red_rule(doc: Docx) -> None:
    paragraph = _paragraph(doc, "", indent=False)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", "12"), ("space", "1"), ("color", "D00000")):
        bottom.set(qn(f"w:{key}"), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)

