"""公文 geometry (GB/T 9704-2012), measured on the demo's two rendered notices with pdfplumber.

Positions are in PDF points from the page top (1 mm = 72 / 25.4 pt). Only the
two notice documents are rendered (each is notice + plan + 附件 + 版记); title
breaks are checked on every demo plan's view, which needs no rendering.
"""

from __future__ import annotations

import io
import re

import jieba
import pdfplumber
import pytest

from generator.content.project import load_project
from generator.printing.catalogue import Document
from generator.printing.plan import BLANK_DATE, plan_view
from generator.printing.render import render
from generator.printing.titles import title_lines

MM = 72 / 25.4
LINE = 28.9                      # one line of the body, pt
BLOCK_TOP, BLOCK_BOTTOM = 37 * MM, 262 * MM
BLOCK_LEFT, BLOCK_RIGHT = 28 * MM, 184 * MM
CENTRE = (BLOCK_LEFT + BLOCK_RIGHT) / 2
NOTICES = ("2026-jiedui-bangfu", "2027-xueleifeng-zhiyuanyue")
DATE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")


@pytest.fixture(scope="module")
def demo(repo):
    return load_project(repo)


@pytest.fixture(scope="module", params=NOTICES)
def notice(request, demo):
    activity = demo.activity(request.param)
    data = render(demo, Document(activity.id, "plan", f"{activity.id}/plan.pdf", "pdf"))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pages = [(page.extract_text_lines(), page.lines + page.rects, page.chars) for page in pdf.pages]
        first = pdf.pages[0].to_image(resolution=144).original.convert("RGB")
        tables = [[(t.bbox, len(t.rows), t.extract()[0][0]) for t in page.find_tables()] for page in pdf.pages]
    return activity, plan_view(activity), pages, first, tables


def line_starting(lines, text: str) -> dict:
    return next(line for line in lines if line["text"].replace(" ", "").startswith(text))


def test_masthead_sits_35mm_below_the_text_block_centred(notice):
    activity, view, pages, image, _ = notice
    lines, _, _ = pages[0]
    organs = [line_starting(lines, organ) for organ in view.notice.issuer_lines]
    # the upper edge of the red ink (144 dpi: 2 pixels a point)
    red = next(y for y in range(image.height)
               if any(r > 150 and g < 80 for r, g, _ in (image.getpixel((x, y)) for x in range(0, image.width, 2))))
    assert abs(red / 2 - 72 * MM) <= 2 * MM
    left, right = min(line["x0"] for line in organs), max(line["x1"] for line in lines if line["top"] < 300)
    assert abs((left + right) / 2 - CENTRE) <= 2 * MM


def test_doc_number_two_lines_below_masthead_centred_red_rule_then_title_two_lines_below(notice):
    activity, view, pages, _, _ = notice
    lines, rules, _ = pages[0]
    number = line_starting(lines, view.notice.number.replace(" ", ""))
    assert abs((number["x0"] + number["x1"]) / 2 - CENTRE) <= 2 * MM
    masthead_bottom = max(line["bottom"] for line in lines if line["top"] < number["top"] - 5)
    assert 1.6 * LINE <= number["top"] - masthead_bottom <= 2.4 * LINE
    red = [r for r in rules if r["top"] > number["bottom"] and r["top"] - number["bottom"] < 10 * MM]
    assert red, "no red rule under 文号"
    rule = red[0]
    assert abs(rule["x0"] - BLOCK_LEFT) < 1 and abs(rule["x1"] - BLOCK_RIGHT) < 1   # full text width
    assert 3 * MM <= rule["top"] - number["bottom"] <= 6 * MM
    title = line_starting(lines, view.notice.title_lines[0])
    # two empty lines between the rule and the title (the title's glyph box starts a little below its line)
    assert 1.7 * LINE <= title["top"] - rule["bottom"] <= 2.4 * LINE


def test_banji_on_the_last_page_between_rules_the_last_on_the_block_foot(notice):
    activity, view, pages, _, _ = notice
    lines, rules, _ = pages[-1]
    printed = line_starting(lines, view.notice.printed_by)
    assert view.notice.printed_on in printed["text"].replace(" ", "")
    full = [r for r in rules if abs(r["x0"] - BLOCK_LEFT) < 1 and abs(r["x1"] - BLOCK_RIGHT) < 1]
    assert any(abs(r["bottom"] - BLOCK_BOTTOM) < 1.5 for r in full)          # 末条分隔线 on the block foot
    assert any(r["top"] < printed["top"] - 5 for r in full)                   # a rule above 印发机关
    if view.notice.cc:
        assert line_starting(lines, "抄送：")["bottom"] < printed["top"]


def test_every_attachment_starts_a_page_with_its_label_then_its_title(notice):
    activity, view, pages, _, _ = notice
    starts = [lines[0]["text"].replace(" ", "") for lines, _, _ in pages if lines]
    for attachment in view.notice.attachments:
        assert starts.count(attachment.label) == 1
        page = starts.index(attachment.label)
        lines = pages[page][0]
        assert lines[0]["x0"] - BLOCK_LEFT < 1                         # top left
        label_fonts = {c["fontname"].split("+")[-1] for c in pages[page][2] if c["top"] < lines[0]["bottom"]}
        assert label_fonts and all(f.startswith("huodong-sans") for f in label_fonts)  # 黑体 (its build subsets)
        title = lines[1]
        assert title["text"].replace(" ", "") == attachment.title
        assert abs((title["x0"] + title["x1"]) / 2 - CENTRE) <= 2 * MM


def test_the_plan_ends_with_its_signature_and_a_date(notice):
    activity, view, pages, _, _ = notice
    first_attachment = view.notice.attachments[0].label
    page = next(i for i, (lines, _, _) in enumerate(pages) if lines and lines[0]["text"] == first_attachment)
    body = [line for line in pages[page - 1][0] if line["top"] < BLOCK_BOTTOM]
    assert DATE.match(body[-1]["text"].replace(" ", ""))
    assert body[-2]["text"].replace(" ", "") == view.signatory


def test_kai_font_embedded_and_no_table_page_ends_on_a_single_row(notice):
    activity, view, pages, _, tables = notice
    fonts = {c["fontname"].split("+")[-1] for _, _, chars in pages for c in chars}
    from generator import fonts as stacks
    from generator.printing.fontcache import resolve

    kai = resolve(stacks.KAI, 400)  # the 楷体 the build subsets: AR PL UKai here, KaiTi/SimKai on Windows
    assert kai is not None and any(name in kai.path.name.lower() for name in ("ukai", "kaiti", "simkai"))
    assert any(f.startswith("huodong-kai") for f in fonts)
    assert not any("JP" in f or f == "DejaVu-Serif" for f in fonts)   # the phase chart's text is Chinese serif
    split = 0
    for page in tables:
        for (x0, top, x1, bottom), rows, first in page:
            if not first:
                continue  # the 版记's rules, not a table
            # a table running to the page foot, or continued at the page head, shows its header and
            # at least two rows there
            if bottom > BLOCK_BOTTOM - 30 or top < BLOCK_TOP + 5:
                split += 1
                assert rows >= 3, (first, rows)
    assert split  # the demo notices do split tables across pages: the check above ran
    totals = [line for lines, _, _ in pages for line in lines if line["text"].startswith("合计")]
    assert len(totals) == 1   # the budget's total once, under its last row, not at every page foot


JIEBA = jieba.Tokenizer()  # jieba's own words, which title breaks use: not the site's search words added to jieba.dt


def test_every_demo_title_breaks_between_words_no_line_under_three(demo):
    for activity in demo.activities:
        view = plan_view(activity)
        for lines in (view.title_lines, *( [view.notice.title_lines] if view.notice else [])):
            text = "".join(lines)
            words, at = set(), 0
            for word in JIEBA.cut(text, HMM=False):
                at += len(word)
                words.add(at)
            edges = [len("".join(lines[:i])) for i in range(1, len(lines))]
            assert all(edge in words for edge in edges), lines
            assert all(len(line) >= 3 for line in lines), lines


def test_title_lines_are_even_and_keep_short_quotations_whole():
    assert title_lines("竹亭镇党员关爱空巢老人“多帮一”结对帮扶行动实施方案") == (
        "竹亭镇党员关爱空巢老人", "“多帮一”结对帮扶行动实施方案")
    assert title_lines("健康进村 温暖过冬——溪口村老年人健康义诊活动方案") == (
        "健康进村 温暖过冬——", "溪口村老年人健康义诊活动方案")
    assert title_lines("腊八送暖活动方案") == ("腊八送暖活动方案",)


def test_demo_plans_carry_a_date_and_a_plan_without_one_leaves_it_blank(demo):
    assert all(DATE.match(plan_view(a).issued) for a in demo.activities)
    bare = demo.activities[0].model_copy(update={"issued": None})
    assert plan_view(bare).issued == BLANK_DATE == "　　年　　月　　日"


def test_an_attachment_with_no_content_is_a_check_warning(scratch):
    scratch.activity("a", "title: 测试活动\nkind: visit\ndate: 2026-05-01\nlocation: 村里\norganiser: 村委会\n"
                          "notice:\n  issuer: 村委会\n  attachments:\n    - 结对老人名单\n    - 走访记录表\n")
    project = load_project(scratch.root, strict=False)
    messages = [str(p) for p in project.warnings]
    assert messages == ["content/activities/a.yaml:9:7: 警告：附件“结对老人名单”没有内容，打印时只印附件说明。"
                        "要附上内容，可以把 PDF 文件放到 content/media/结对老人名单.pdf，或用内置空白表格的名称："
                        "需求登记表、志愿服务活动情况登记表、居家养老服务卡、委托照顾协议书、走访记录表"]


def test_phase_chart_labels_every_month_from_the_first():
    import datetime as dt

    from generator.content.models import Phase
    from generator.printing.timeline import timeline

    chart = timeline([Phase(name="调查摸底", start=dt.date(2026, 3, 2), end=dt.date(2026, 3, 31)),
                      Phase(name="督导总结", start=dt.date(2026, 12, 1), end=dt.date(2027, 2, 28))])
    assert [t.label for t in chart.ticks] == [f"{m}月" for m in range(3, 13)] + ["1月", "2月"]
    assert chart.ticks[0].x == chart.label_width
    assert "Noto Serif CJK SC" in chart.fonts.split(",") and "'" not in chart.fonts


def test_doctor_names_the_stand_in_faces_and_how_to_get_the_real_ones(monkeypatch):
    from generator import doctor, fonts

    monkeypatch.setattr(fonts, "cjk_families", lambda: frozenset({"Noto Serif CJK SC", "Noto Sans CJK SC", "KaiTi"}))
    monkeypatch.setattr(doctor, "cjk_families", fonts.cjk_families)
    checks = {c.name: c for c in doctor._gongwen_faces()}
    assert checks["公文字体 楷体（（一）级标题、证书）"].detail == "使用 KaiTi"
    fangsong = checks["公文字体 仿宋（正文）"]
    assert fangsong.ok and fangsong.detail.startswith("使用替代字体 Noto Serif CJK SC")
    assert "simfang.ttf" in fangsong.detail
    monkeypatch.setattr(fonts, "cjk_families", lambda: frozenset({"Noto Serif CJK SC"}))
    hei = {c.name: c for c in doctor._gongwen_faces()}["公文字体 黑体（一、级标题）"]
    assert not hei.ok and "sudo apt-get install fonts-noto-cjk" in hei.fix


@pytest.mark.parametrize("sentences, tight", [(8, False), (12, True), (20, False)])
def test_a_notice_just_too_long_for_its_page_is_set_tighter_one_far_too_long_is_not(scratch, sentences, tight):
    # 8 sentences fit at 28.9 pt; 12 spill at 28.9 pt and fit at 24 pt; 20 spill at 24 pt too
    intro = "为深入开展志愿服务活动，关心关爱辖区空巢老人，" * sentences
    scratch.activity("a", "title: 测试活动\nkind: visit\ndate: 2026-05-01\nlocation: 村里\norganiser: 村委会\n"
                          f"notice:\n  issuer: 村委会\n  intro: {intro}\n  date: 2026-04-20\n"
                          "  attachments:\n    - 走访记录表\n")
    project = load_project(scratch.root)
    data = render(project, Document("a", "plan", "a/plan.pdf", "pdf"))
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        first = [line for line in pdf.pages[0].extract_text_lines() if "关心关爱" in line["text"]]
        on_first_page = "2026年4月20日" in pdf.pages[0].extract_text().replace(" ", "")
    steps = {round(b["top"] - a["top"], 1) for a, b in zip(first, first[1:])}
    assert steps == ({24.0} if tight else {LINE})
    assert on_first_page == (sentences < 20)   # the 落款's date stays with the notice unless it cannot
