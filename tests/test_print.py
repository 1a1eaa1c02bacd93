"""Printables: every document of the fixture project rendered once, then read back with pypdf."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pypdf
import pytest

from generator.content.errors import UserError
from generator.content.project import load_project
from generator.printing import run as print_run
from generator.printing.catalogue import documents_for, kind_name, skipped_for
from generator.printing.run import print_project, summary

FIXTURE = Path(__file__).parent / "fixtures" / "print"


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    root = tmp_path_factory.mktemp("print") / "project"
    shutil.copytree(FIXTURE, root)
    project = load_project(root)
    result = print_project(project)
    return project, result


def plans(printed) -> Path:
    return Path(printed[0].root) / "plans"


def pdf(printed, path: str) -> pypdf.PdfReader:
    return pypdf.PdfReader(plans(printed) / path)


def text(reader: pypdf.PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def flat(reader: pypdf.PdfReader) -> str:
    """All text without line breaks, for phrases that may wrap."""
    return re.sub(r"\s+", "", text(reader))


# ---- what gets printed -----------------------------------------------------------------

def activity_documents(printed) -> list[str]:
    """What was written for the activities (the records' certificates and forms aside)."""
    ids = {a.id for a in printed[0].activities}
    paths = (p.relative_to(plans(printed)) for p in printed[1].written)
    return sorted(p.as_posix() for p in paths if p.parts[0] in ids)


def test_every_document_with_content_is_written(printed):
    assert activity_documents(printed) == sorted([
        *(f"chongyang/{name}" for name in ("plan.pdf", "plan.docx", "schedule.pdf", "signup.pdf",
                                           "signup-fillable.pdf", "signin.pdf", "checklist.pdf")),
        *(f"jiedui/{name}" for name in ("plan.pdf", "plan.docx", "schedule.pdf", "signin.pdf",
                                        "checklist.pdf", "internal/assignments.pdf")),
        *(f"long/{name}" for name in ("plan.pdf", "plan.docx", "schedule.pdf", "signup.pdf",
                                      "signup-fillable.pdf", "signin.pdf")),
        "bare/plan.pdf", "bare/plan.docx", "bare/signin.pdf",
    ])
    assert all(path.stat().st_size > 1000 for path in printed[1].written)


def test_documents_with_nothing_to_show_are_skipped_with_a_reason(printed):
    bare = printed[0].activity("bare")
    assert [d.kind for d in documents_for(bare)] == ["plan", "docx", "signin"]
    reasons = {s.kind: s.reason for s in skipped_for(bare)}
    assert reasons == {
        "schedule": "没有填写活动流程（schedule）",
        "signup": "没有填写报名信息（signup）",
        "signup-fillable": "没有填写报名信息（signup）",
        "checklist": "没有物资、现场清单、注意事项或安全预案",
        "assignments": "没有慰问对象（beneficiaries）",
    }
    assert not (plans(printed) / "bare" / "schedule.pdf").exists()


def test_summary_counts_written_and_skipped(printed):
    lines = summary(printed[1]).splitlines()
    assert lines[0] == f"已生成 {len(printed[1].written)} 个文档到 plans/；跳过 10 个："
    assert "  活动流程表：没有填写活动流程（schedule）（bare）" in lines
    assert "  慰问对象分组表：没有慰问对象（beneficiaries）（bare、long、chongyang）" in lines
    assert "  现场清单：没有物资、现场清单、注意事项或安全预案（bare、long）" in lines


def test_only_accepts_kind_names_and_aliases():
    assert kind_name("plan.docx") == "docx"
    assert kind_name(" Schedule ") == "schedule"
    assert kind_name("fillable") == "signup-fillable"
    assert kind_name("poster") is None


def test_only_prints_the_chosen_kinds(tmp_path):
    shutil.copytree(FIXTURE, tmp_path / "p")
    result = print_project(load_project(tmp_path / "p"), ids=["long"], only=["schedule", "plan.docx"])
    assert sorted(p.name for p in result.written) == ["plan.docx", "schedule.pdf"]
    assert result.skipped == []


def test_unknown_activity_and_kind_are_clear_chinese_errors(printed):
    with pytest.raises(UserError) as error:
        print_project(printed[0], ids=["nosuch"])
    assert str(error.value).startswith("没有编号为“nosuch”的活动。现有的活动：")
    assert "请检查编号（就是 content/activities/ 下的文件名，不带 .yaml）" in str(error.value)
    with pytest.raises(UserError) as error:
        print_project(printed[0], only=["plan", "poster"])
    assert str(error.value).startswith("--only 里的“poster”不是文档类型。可以用：plan（活动方案）、docx（活动方案（Word））")


def test_missing_cjk_font_stops_with_the_install_hint(printed, monkeypatch):
    from generator.fonts import NoCJKFont

    def no_font():
        raise NoCJKFont()

    monkeypatch.setattr(print_run, "require_cjk_font", no_font)
    with pytest.raises(UserError) as error:
        print_project(printed[0], ids=["bare"])
    assert str(error.value) == ("本机没有中文字体，打印出来会是空白方框。请安装中文字体：Debian/Ubuntu 运行 "
                                "sudo apt-get install fonts-noto-cjk，然后重新运行")


def test_a_document_that_becomes_empty_is_removed(tmp_path):
    root = tmp_path / "p"
    shutil.copytree(FIXTURE, root)
    print_project(load_project(root), ids=["long"], only=["schedule"])
    source = root / "content" / "activities" / "long.yaml"
    yaml = source.read_text(encoding="utf-8")
    source.write_text(yaml[:yaml.index("schedule:")] + yaml[yaml.index("signup:"):], encoding="utf-8")
    print_project(load_project(root), ids=["long"], only=["schedule"])
    assert not (root / "plans" / "long" / "schedule.pdf").exists()


# ---- the plan ----------------------------------------------------------------------

def test_plan_has_title_resolved_date_and_sections_in_seed_order(printed):
    body = flat(pdf(printed, "chongyang/plan.pdf"))
    assert body.startswith("情暖重阳·走进敬老院志愿服务活动方案一、活动背景")
    assert "2026年10月18日（星期日，农历九月初九重阳节）14:00—16:30" in body
    headings = re.findall(r"[一二三四五六七八九十]+、(活动背景|活动目的|活动主题|组织单位|活动时间|活动地点|活动对象|"
                          r"参与人员|组织分工|活动流程|物资与预算|注意事项|安全预案)", body)
    assert headings == ["活动背景", "活动目的", "活动主题", "组织单位", "活动时间", "活动地点", "活动对象",
                        "参与人员", "组织分工", "活动流程", "物资与预算", "注意事项", "安全预案"]
    assert "十三、安全预案" in body
    assert "（一）弘扬中华民族尊老、敬老、爱老、助老的传统美德。" in body
    assert "五、六年级学生志愿者30人、带队教师4人，共34人。" in body


def test_plan_budget_table_has_amounts_and_total(printed):
    body = text(pdf(printed, "chongyang/plan.pdf"))
    assert "1 重阳糕 60 盒 8.00 480.00" in body
    assert "2 牛奶 30 箱 45.00 1350.00" in body
    assert "3 横幅 1 条" in body
    assert "合计 1830.00" in body
    assert "经费来源：学校德育活动经费。" in flat(pdf(printed, "chongyang/plan.pdf"))


def test_full_plan_page_holds_22_lines_of_28_characters(printed):
    page = pdf(printed, "chongyang/plan.pdf").pages[1]
    lines = page.extract_text().splitlines()
    assert lines[-1] == "— 2 —"
    body = lines[:-1]
    assert len(body) == 22
    assert [len(line) for line in body] == [28] * 22


def test_page_numbers_follow_gbt_9704(printed):
    reader = pdf(printed, "chongyang/plan.pdf")
    assert [page.extract_text().splitlines()[-1] for page in reader.pages] == [
        f"— {n} —" for n in range(1, len(reader.pages) + 1)]


def test_notice_wraps_the_plan(printed):
    body = flat(pdf(printed, "jiedui/plan.pdf"))
    order = ["中共竹亭镇委员会", "竹亭镇人民政府", "文件", "竹委发〔2026〕5号",
             "关于印发《党员关爱空巢老人“多帮一”结对帮扶行动实施方案》的通知",
             "各村（居）党组织、村（居）民委员会：",
             "经研究，决定于2026年3月2日在竹亭镇各村（社区）开展党员关爱空巢老人“多帮一”结对帮扶行动。",
             "附件：1.空巢老人需求登记表", "2.居家养老服务卡",
             "中共竹亭镇委员会竹亭镇人民政府2026年2月26日",
             "党员关爱空巢老人“多帮一”结对帮扶行动实施方案一、活动目的"]
    positions = [body.find(part) for part in order]
    assert -1 not in positions, [p for p, at in zip(order, positions) if at == -1]
    assert positions == sorted(positions)


@pytest.mark.parametrize("sentences", [2, 5, 7, 9])
def test_notice_closing_never_stands_on_a_page_without_body_text(tmp_path, sentences):
    """GB/T 9704-2012 7.3.5.1: 附件 and 落款 share their page with 正文, however long the notice runs."""
    shutil.copytree(FIXTURE, tmp_path / "p")
    source = tmp_path / "p/content/activities/jiedui.yaml"
    intro = "为切实做好辖区空巢老人关爱工作，镇党委研究决定在全镇开展结对帮扶行动，请各单位认真组织落实。" * sentences
    source.write_text(source.read_text(encoding="utf-8").replace(
        "notice:\n", f"notice:\n  intro: {intro}\n"), encoding="utf-8")
    print_project(load_project(tmp_path / "p"), ids=["jiedui"], only=["plan"])
    pages = [re.sub(r"\s+", "", page.extract_text()) for page in pypdf.PdfReader(tmp_path / "p/plans/jiedui/plan.pdf").pages]
    closing = next(page for page in pages if "2026年2月26日" in page)
    body_on_that_page = re.sub(r"—\d+—", "", closing.split("附件：")[0])
    assert body_on_that_page, closing
    assert flat_intro_ending(pages).endswith(body_on_that_page)


def flat_intro_ending(pages: list[str]) -> str:
    """The notice's text up to 附件, over all its pages."""
    return re.sub(r"—\d+—", "", "".join(pages).split("附件：")[0])


def test_phases_are_drawn_as_a_timeline_and_listed(printed):
    body = flat(pdf(printed, "jiedui/plan.pdf"))
    assert "（一）调查摸底阶段（3月2日—3月31日）1.各村对空巢老人进行一次全面摸底。" in body
    assert "（三）督导总结阶段（12月1日—12月31日）" in body
    for month in ("4月", "7月", "12月"):  # the chart's axis
        assert month in body


def test_the_timelines_labels_are_set_in_the_builds_font_subsets(printed):
    """The chart's SVG names its own fonts: the system font there embedded a 470 KB subset of a 65,000-glyph face."""
    fonts = set()
    for page in pdf(printed, "jiedui/plan.pdf").pages:
        fonts |= {str(font.get_object()["/BaseFont"]).split("+", 1)[-1] for font in page["/Resources"]["/Font"].values()}
    assert "huodong-serif" in fonts and not any("CJK" in name for name in fonts), fonts


def test_groups_and_run_in_leads(printed):
    body = flat(pdf(printed, "jiedui/plan.pdf"))
    assert "（一）党组织主导。坚持党组织主导、党员先行。" in body
    assert "（一）溪口村结对组：组长黄卫东；组员许国平、朱阿大。" in body


def test_beneficiaries_stay_out_of_the_plan(printed):
    for path in ("jiedui/plan.pdf", "jiedui/schedule.pdf", "jiedui/signin.pdf", "jiedui/checklist.pdf"):
        body = flat(pdf(printed, path))
        assert "阿婆" not in body and "13900000" not in body, path


# ---- forms -------------------------------------------------------------------------

def test_schedule_lists_every_item(printed):
    body = flat(pdf(printed, "chongyang/schedule.pdf"))
    activity = printed[0].activity("chongyang")
    for item in activity.tracks[0].items:
        assert f"{item.time}{item.item}" in body.replace("，", "，")
    assert "活动流程表" in body


def test_long_schedule_repeats_its_header_row(printed):
    reader = pdf(printed, "long/schedule.pdf")
    assert len(reader.pages) >= 2
    for page in reader.pages:
        assert "时间 内容 地点 负责人" in page.extract_text()
    body = flat(reader)
    assert all(f"第{n}项流程内容" in body for n in range(1, 46))


def test_two_short_tracks_sit_side_by_side_on_a_landscape_page(printed):
    reader = pdf(printed, "jiedui/schedule.pdf")
    box = reader.pages[0].mediabox
    assert len(reader.pages) == 1 and box.width > box.height
    body = flat(reader)
    assert "溪口村" in body and "栗山村" in body and "陪老人聊天，读书读报" in body


def serial_numbers(reader: pypdf.PdfReader) -> list[int]:
    return [int(line) for line in text(reader).splitlines() if line.strip().isdigit()]


def test_signup_has_one_blank_row_per_place(printed):
    reader = pdf(printed, "chongyang/signup.pdf")
    assert serial_numbers(reader) == list(range(1, 31))
    body = flat(reader)
    assert "序号姓名班级家长联系电话" in body
    assert "报名截止：2026年10月14日" in body and "报名联系人：少先队大队部刘老师" in body
    assert "扫码在线报名" in body


def test_long_signup_repeats_header_and_links_to_the_site(printed):
    reader = pdf(printed, "long/signup.pdf")
    assert serial_numbers(reader) == list(range(1, 61))
    assert len(reader.pages) >= 2
    assert all("序号 姓名 年龄 联系电话 需要检查的项目" in page.extract_text() for page in reader.pages)
    assert "扫码查看活动详情" in flat(reader)


def test_fillable_signup_has_a_field_per_blank_cell(printed):
    fields = pdf(printed, "chongyang/signup-fillable.pdf").get_fields()
    assert len(fields) == 30 * 3
    assert "r1-f1" in fields and "r30-f3" in fields
    assert fields["r1-f1"]["/FT"] == "/Tx"
    assert (fields["r1-f1"]["/TU"], fields["r30-f3"]["/TU"]) == ("第1行 姓名", "第30行 家长联系电话")
    assert pdf(printed, "chongyang/signup.pdf").get_fields() is None


def test_signin_rows_follow_capacity_or_participants(printed):
    assert serial_numbers(pdf(printed, "chongyang/signin.pdf")) == list(range(1, 31))   # signup capacity
    assert serial_numbers(pdf(printed, "jiedui/signin.pdf")) == list(range(1, 21))      # 12 + 8 volunteers
    body = flat(pdf(printed, "jiedui/signin.pdf"))
    assert "序号姓名单位（班级）联系电话签到时间本人签名" in body and "应到：20人" in body


def test_checklist_has_a_tick_box_per_thing_to_check(printed):
    body = text(pdf(printed, "chongyang/checklist.pdf"))
    activity = printed[0].activity("chongyang")
    expected = len(activity.supplies) + len(activity.checklist) + len(activity.requirements) + len(activity.safety)
    assert body.count("□") == expected
    assert "□重阳糕　60盒" in body.replace(" ", "")
    flat_body = flat(pdf(printed, "chongyang/checklist.pdf"))
    for heading in ("一、物资", "二、现场清单", "三、注意事项", "四、安全预案", "五、人数清点"):
        assert heading in flat_body
    assert "出发人数/返回人数（合计）34" in flat_body


def test_checklist_counts_each_group(printed):
    body = flat(pdf(printed, "jiedui/checklist.pdf"))
    assert "溪口村结对组组长：黄卫东3" in body
    assert "应到（人）出发实到返回实到清点时间清点人签名" in body


def test_assignments_are_internal_and_marked_on_every_page(printed):
    reader = pdf(printed, "jiedui/internal/assignments.pdf")
    assert not (plans(printed) / "jiedui" / "assignments.pdf").exists()
    assert len(reader.pages) >= 2
    for page in reader.pages:
        assert "内部资料　注意保密" in page.extract_text()
    body = flat(reader)
    assert body.count("阿婆") == 25
    assert "黄阿婆1竹亭镇溪口村1号13900000000溪口村结对组黄卫东生活照料、心理抚慰红" in body


# ---- fonts ---------------------------------------------------------------------------

def test_every_pdf_embeds_its_cjk_fonts(printed):
    for path in printed[1].written:
        if path.suffix != ".pdf":
            continue
        reader = pypdf.PdfReader(path)
        names = set()
        for page in reader.pages:
            for font in page["/Resources"]["/Font"].values():
                font = font.get_object()
                descendant = font["/DescendantFonts"][0].get_object()
                descriptor = descendant["/FontDescriptor"]
                assert "/FontFile2" in descriptor or "/FontFile3" in descriptor, (path, font["/BaseFont"])
                names.add(str(font["/BaseFont"]).split("+", 1)[1])
        assert any(name.startswith("huodong-") for name in names), (path, names)  # the build's CJK subsets
