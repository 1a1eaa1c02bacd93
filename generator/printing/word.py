"""plan.docx: the same plan as plan.pdf, for organisers who edit in Word or WPS.

It writes the blocks of ``plan.plan_view`` with Word's own heading styles
(标题 1 = 一、, 标题 2 = （一）) so the navigation pane shows the outline, on a
GB/T 9704 page: A4, margins 37/26/35/28 mm, 16 pt body at a fixed 28.9 pt line.
The phase chart is drawn only in the PDF; its content is in the headings after it.
"""

from __future__ import annotations

import copy
import io
from typing import TYPE_CHECKING, Sequence

import lxml.html
from docx import Document as new_docx
from docx.document import Document as Docx
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from .blocks import Heading, Para, Table
from .plan import NoticeView, PlanView

if TYPE_CHECKING:
    from .gongwen import AttachmentPage

BODY, TITLE, HEI, KAI = "仿宋", "方正小标宋简体", "黑体", "楷体"
RED = RGBColor(0xD0, 0x00, 0x00)
LINE = Pt(28.9)
BANJI_ROW = 26   # pt: one line of the 版记


def plan_docx(plan: PlanView, attachments: Sequence[AttachmentPage] = ()) -> bytes:
    doc = new_docx()
    _page(doc)
    _styles(doc)
    if plan.notice:
        _notice(doc, plan.notice)
    _title(doc, plan.title_lines)
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
    _keep_last_with_next(doc)
    _signature(doc, (plan.signatory,), plan.issued)
    for number, attachment in enumerate(attachments, 1):
        _attachment(doc, attachment, number)
    if plan.notice:
        _banji(doc, plan.notice)
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
    doc.settings.odd_and_even_pages_header_footer = True
    # "— 1 —" one character in from the right on odd pages, from the left on even ones (GB/T 9704 7.5)
    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT), (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        paragraph = footer.paragraphs[0]
        paragraph.alignment = align
        paragraph.paragraph_format.first_line_indent = Pt(0)
        paragraph.paragraph_format.left_indent = Pt(14) if align == WD_ALIGN_PARAGRAPH.LEFT else Pt(0)
        paragraph.paragraph_format.right_indent = Pt(14) if align == WD_ALIGN_PARAGRAPH.RIGHT else Pt(0)
        paragraph.add_run("— ")
        _page_field(paragraph)
        paragraph.add_run(" —")
        for run in paragraph.runs:
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


THEME_ATTRIBUTES = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")


def _styles(doc: Docx) -> None:
    styles = doc.styles.element
    for fonts in styles.iter(qn("w:rFonts")):   # Word prefers a theme font over the named one
        for name in THEME_ATTRIBUTES:
            fonts.attrib.pop(qn(f"w:{name}"), None)
    defaults = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    lang = defaults.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        defaults.append(lang)
    lang.set(qn("w:val"), "zh-CN")
    lang.set(qn("w:eastAsia"), "zh-CN")
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
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), family)
    for name in THEME_ATTRIBUTES:
        fonts.attrib.pop(qn(f"w:{name}"), None)


def _style(element, style) -> None:
    """Give a paragraph or table its style by id: python-docx's setter searches every style for the
    default one each time (a quarter of plan.docx's time)."""
    properties = element.get_or_add_pPr() if element.tag == qn("w:p") else element.tblPr
    properties.style = style.style_id


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
    paragraph = doc.add_paragraph(text)
    if style is not None:
        _style(paragraph._p, style)
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
    table = doc.add_table(rows=min(len(rows), 2), cols=len(block.columns))
    _style(table._tbl, doc.styles["Table Grid"])
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for c, column in enumerate(table.columns):   # widths by content, as in the PDF
        column.width = Mm(156 * block.widths[c] / 100)
    for r, (values, row) in enumerate(zip(rows, table.rows)):  # the header and the first row
        for c, (value, cell) in enumerate(zip(values, row.cells)):
            cell.width = Mm(156 * block.widths[c] / 100)
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.first_line_indent = Pt(0)
            paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
            if r == 0 or c in block.numeric:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if r == 0 else WD_ALIGN_PARAGRAPH.RIGHT
            _font(paragraph.add_run(value), HEI if r == 0 else BODY, 12)
    if len(rows) > 2:  # every further row is formatted as the first: a copy of it with its own text
        first = table.rows[1]._tr
        for values in rows[2:]:
            tr = copy.deepcopy(first)
            for tc, value in zip(tr.tc_lst, values):
                tc.p_lst[0].r_lst[0].text = value
            table._tbl.append(tr)
    header = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")  # the header row repeats on every page
    header.append(repeat)
    doc.add_paragraph()


# ---- 附件 --------------------------------------------------------------------------

def _attachment(doc: Docx, attachment: AttachmentPage, number: int) -> None:
    """A page of its own (GB/T 9704 8): 附件N in 黑体 at the top left, the title centred a line below,
    then the built-in form's lines and table; a PDF attachment is named, its pages are in plan.pdf."""
    label = _paragraph(doc, "", indent=False)
    label.paragraph_format.page_break_before = True
    _font(label.add_run(attachment.label), HEI, 16)
    title = _title(doc, (attachment.title,))
    title.paragraph_format.space_before = LINE
    if attachment.body:
        _form(doc, lxml.html.fragment_fromstring(str(attachment.body), create_parent="div"))
    elif attachment.pdf:
        _paragraph(doc, f"（此附件是 PDF 文件 {attachment.pdf.name}，已合并在 plan.pdf 中。）", indent=False)


def _form(doc: Docx, body) -> None:
    """A built-in blank form, from the HTML it prints from: lines of text, headings and tables."""
    for element in body:
        classes = set(element.get("class", "").split())
        if element.tag == "h1" or "org" in classes:
            continue  # the title above says it
        if element.tag == "table":
            _form_table(doc, element)
        elif element.tag == "h2":
            _font(_paragraph(doc, "", indent=False).add_run(_cell_text(element)), HEI, 14)
        elif len(element) and all(child.tag == "span" for child in element):
            _small(_paragraph(doc, "", indent=False), "\u3000\u3000".join(_cell_text(c) for c in element))
        else:
            _small(_paragraph(doc, "", indent=False), _cell_text(element))


def _form_table(doc: Docx, element) -> None:
    rows = element.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")
    width = max(sum(int(cell.get("colspan", 1)) for cell in row.xpath("./td|./th")) for row in rows)
    table = doc.add_table(rows=0, cols=width)
    _style(table._tbl, doc.styles["Table Grid"])
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    previous = None
    for tr in rows:
        html = lxml.html.tostring(tr, with_tail=False)
        if previous is not None and html == previous[0]:  # a blank form's empty rows: copies of the first
            table._tbl.append(copy.deepcopy(previous[1]))
            continue
        row = table.add_row()
        previous = html, row._tr
        column = 0
        for cell in tr.xpath("./td|./th"):
            span = int(cell.get("colspan", 1))
            target = row.cells[column].merge(row.cells[column + span - 1]) if span > 1 else row.cells[column]
            paragraph = target.paragraphs[0]
            paragraph.paragraph_format.first_line_indent = Pt(0)
            paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
            if cell.tag == "th" or "label" in cell.get("class", ""):
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _small(paragraph, _cell_text(cell), HEI if cell.tag == "th" else BODY)
            if "tall" in tr.get("class", ""):
                row.height = Mm(24)
            column += span
    doc.add_paragraph()


def _cell_text(element) -> str:
    """An element's text with <br> as a line break and each box (☐ 上门) apart from the next."""
    for br in element.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for box in element.iter("span"):
        box.tail = "\u3000" + (box.tail or "") if "box" in box.get("class", "") else box.tail
    return " ".join(element.text_content().split(" ")).strip()


def _small(paragraph, text: str, family: str = BODY) -> None:
    """Form text in 12 pt, single-spaced: a form is filled in by hand, not read as 正文."""
    paragraph.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    lines = text.split("\n")
    for i, line in enumerate(lines):
        run = paragraph.add_run(line)
        _font(run, family, 12)
        if i < len(lines) - 1:
            run.add_break()


# ---- the 通知 --------------------------------------------------------------------

def _notice(doc: Docx, notice: NoticeView) -> None:
    """版头 as in the PDF: the masthead's top 35 mm into the text block, 文号 two lines under it with
    the red rule 4 mm below (the 文号 paragraph's border), the title two lines under the rule."""
    spacer = _paragraph(doc, "", indent=False)
    spacer.paragraph_format.line_spacing = Mm(33)
    if len(notice.issuer_lines) > 1:
        _joint_masthead(doc, notice.issuer_lines)
    else:
        line = _paragraph(doc, "", align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
        _font(line.add_run(notice.issuer_lines[0] + "文件"), TITLE, 30, bold=True, color=RED)
        line.paragraph_format.line_spacing = Pt(36)
    number = _paragraph(doc, notice.number, align=WD_ALIGN_PARAGRAPH.CENTER, indent=False)
    number.paragraph_format.space_before = LINE * 2
    _border(number, "bottom", "D00000", size=12, space=11)   # 4 mm under 文号, the text block's width
    title = _title(doc, notice.title_lines)
    title.paragraph_format.space_before = LINE * 2
    if notice.to:
        _paragraph(doc, notice.to, indent=False)
    for text in notice.intro:
        _paragraph(doc, text)
    if notice.attachments:
        _paragraph(doc, "")
        for i, attachment in enumerate(notice.attachments):
            item = _paragraph(doc, ("附件：" if i == 0 else "") + attachment.listed)
            if i:
                item.paragraph_format.left_indent = Pt(16 * 5)
                item.paragraph_format.first_line_indent = Pt(0)
    _keep_last_with_next(doc)
    _signature(doc, notice.signatory_lines, notice.date)
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _joint_masthead(doc: Docx, organs: tuple[str, ...]) -> None:
    """Organ names stacked and spread to one width, 文件 to their right, the block centred."""
    width = max(len(o) for o in organs)
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    names, wenjian = table.rows[0].cells
    names.width, wenjian.width = Pt(28 * width), Pt(34 * 2.6)
    for i, organ in enumerate(organs):
        paragraph = names.paragraphs[0] if i == 0 else names.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.DISTRIBUTE
        paragraph.paragraph_format.first_line_indent = Pt(0)
        paragraph.paragraph_format.line_spacing = Pt(34)
        _font(paragraph.add_run(organ), TITLE, 26, bold=True, color=RED)
    wenjian.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    paragraph = wenjian.paragraphs[0]
    paragraph.paragraph_format.first_line_indent = Pt(0)
    paragraph.paragraph_format.line_spacing = Pt(40)
    _font(paragraph.add_run("文件"), TITLE, 34, bold=True, color=RED)


def _title(doc: Docx, lines: tuple[str, ...]):
    """The title on the lines chosen between words (titles.py), one paragraph."""
    paragraph = doc.add_paragraph()
    _style(paragraph._p, doc.styles["Title"])
    for i, line in enumerate(lines):
        run = paragraph.add_run(line)
        if i < len(lines) - 1:
            run.add_break()
    return paragraph


def _signature(doc: Docx, organs: tuple[str, ...], date: str) -> None:
    """署名 and 成文日期, one blank line under the text, kept with it."""
    blank = _paragraph(doc, "")
    blank.paragraph_format.keep_with_next = True
    lines = [*organs, *([date] if date else [])]
    for i, text in enumerate(lines):
        paragraph = _paragraph(doc, text, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False, right=4)
        paragraph.paragraph_format.keep_with_next = i < len(lines) - 1


def _keep_last_with_next(doc: Docx) -> None:
    doc.paragraphs[-1].paragraph_format.keep_with_next = True


def _banji(doc: Docx, notice: NoticeView) -> None:
    """版记: a table floating at the foot of the last page's text block — 抄送, then 印发机关 and
    印发日期 — with heavy rules above and below and a thin one between (GB/T 9704 7.4)."""
    lines = ([f"抄送：{notice.cc}。"] if notice.cc else []) + [f"{notice.printed_by}\t{notice.printed_on}"]
    table = doc.add_table(rows=len(lines), cols=1)
    table.autofit = False
    properties = table._tbl.tblPr
    position = OxmlElement("w:tblpPr")
    # its top so many rows of 26 pt above the text block's foot (tblpYSpec="bottom" is not read by
    # every editor; an offset is)
    top = Mm(225).twips - len(lines) * Pt(BANJI_ROW).twips
    for key, value in (("leftFromText", "0"), ("rightFromText", "0"), ("vertAnchor", "margin"),
                       ("horzAnchor", "margin"), ("tblpXSpec", "center"), ("tblpY", str(top))):
        position.set(qn(f"w:{key}"), value)
    properties.insert(0, position)
    for i, (text, row) in enumerate(zip(lines, table.rows)):
        cell = row.cells[0]
        cell.width = Mm(155.8)   # LibreOffice floats a table only when it is narrower than the text
        paragraph = cell.paragraphs[0]
        fmt = paragraph.paragraph_format
        fmt.first_line_indent = Pt(0)
        fmt.left_indent = fmt.right_indent = Pt(14)
        fmt.line_spacing = Pt(BANJI_ROW)
        fmt.tab_stops.add_tab_stop(Mm(156) - Pt(28) - Mm(4), WD_TAB_ALIGNMENT.RIGHT)
        _font(paragraph.add_run(text), BODY, 14)
        borders = OxmlElement("w:tcBorders")
        for side, size in (("top", 8 if i == 0 else 4), ("left", 0), ("bottom", 8 if i == len(lines) - 1 else 4),
                           ("right", 0)):
            edge = OxmlElement(f"w:{side}")
            edge.set(qn("w:val"), "single" if size else "nil")
            if size:
                edge.set(qn("w:sz"), str(size))
                edge.set(qn("w:color"), "000000")
            borders.append(edge)
        cell._tc.get_or_add_tcPr().append(borders)
    closing = _paragraph(doc, "", indent=False)   # a document cannot end on a table
    closing.paragraph_format.line_spacing = Pt(1)


def _border(paragraph, side: str, color: str, size: int, space: int = 1) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        _insert(ppr, borders)
    edge = OxmlElement(f"w:{side}")
    for key, value in (("val", "single"), ("sz", str(size)), ("space", str(space)), ("color", color)):
        edge.set(qn(f"w:{key}"), value)
    if side == "top":   # top, left, bottom, right: the schema's order
        borders.insert(0, edge)
    else:
        borders.append(edge)


# the order WordprocessingML requires of a paragraph's properties (the part this module writes)
PPR_ORDER = ("pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
             "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
             "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
             "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc")


def _insert(ppr, element) -> None:
    """Put ``element`` into ``ppr`` where the schema wants it, so Word opens the file without repair."""
    rank = PPR_ORDER.index(element.tag.split("}")[1])
    for i, child in enumerate(ppr):
        name = child.tag.split("}")[1]
        if name in PPR_ORDER and PPR_ORDER.index(name) > rank:
            ppr.insert(i, element)
            return
    ppr.append(element)
