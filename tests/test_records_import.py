"""The volunteer roster from a spreadsheet or CSV: Chinese headers, bad rows located by row and column."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook

from generator.content.project import load_project
from generator.records.load import load_records
from generator.records.volunteers import load_volunteers

HEADER = ["编号", "姓名", "单位", "手机号", "性别", "同意公开姓名"]


def xlsx(path: Path, rows: list[list], title: str | None = None) -> Path:
    book = Workbook()
    sheet = book.active
    if title:
        sheet.append([title])
    for row in rows:
        sheet.append(row)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def test_good_spreadsheet_reads_chinese_headers_and_cell_types(scratch):
    path = xlsx(scratch.root / "content/people/volunteers.xlsx", [
        HEADER + ["加入日期", "备注"],
        ["v01", "张明", "竹亭小学五（1）班", 13900001111, "男", "是", dt.datetime(2025, 9, 1), "2025-09-01 10:00"],
        [None, None, None, None, None, None, None, None],
        ["v02", " 李华 ", "竹亭小学五（1）班", "139 0000 2222", "女", "否", None, None],
    ], title="志愿者报名表（网上导出）")
    volunteers, problems = load_volunteers(path, scratch.root)
    assert [(v.id, v.name, v.phone, v.publish_name, v.joined) for v in volunteers] == [
        ("v01", "张明", "13900001111", True, dt.date(2025, 9, 1)),
        ("v02", "李华", "13900002222", False, None),
    ]
    assert [str(p) for p in problems] == ["content/people/volunteers.xlsx:2:1: 警告：这些列不认识，已忽略：备注"]


def test_bad_rows_are_all_reported_with_row_and_column(scratch):
    path = xlsx(scratch.root / "content/people/volunteers.xlsx", [
        HEADER,
        ["v01", "张明", "五（1）班", "13900001111", "男", "是"],
        ["v02", None, "五（1）班", "13900002222", "女", "否"],
        ["v01", "王芳", "五（2）班", "1390000333", "女", "也许"],
        ["v04", "赵强", "五（2）班", "13900004444", "未知", None],
    ])
    volunteers, problems = load_volunteers(path, scratch.root)
    assert volunteers == []
    assert [str(p) for p in problems] == [
        "content/people/volunteers.xlsx:3:2: “姓名”一栏：内容太短或为空，请填写",
        "content/people/volunteers.xlsx:4:1: 志愿者编号“v01”与第 2 行重复，请改成不同的编号",
        "content/people/volunteers.xlsx:4:4: “手机号”一栏：电话“1390000333”格式不对：手机号是 11 位数字（如 13812345678），"
        "座机请写成 0571-12345678",
        "content/people/volunteers.xlsx:4:6: “同意公开姓名”一栏：“也许”看不懂，请写“是”或“否”",
        "content/people/volunteers.xlsx:5:5: “性别”一栏：“未知”不是可选的值，可以写：男、女",
    ]


def test_duplicate_id_in_a_spreadsheet_names_the_first_row(scratch):
    path = xlsx(scratch.root / "content/people/volunteers.xlsx", [
        HEADER, ["v01", "张明", "", "", "", ""], ["v02", "李华", "", "", "", ""], ["v01", "王芳", "", "", "", ""],
    ])
    _, problems = load_volunteers(path, scratch.root)
    assert [str(p) for p in problems] == ["content/people/volunteers.xlsx:4:1: 志愿者编号“v01”与第 2 行重复，请改成不同的编号"]


def test_missing_name_column_is_one_clear_error(scratch):
    path = xlsx(scratch.root / "content/people/volunteers.xlsx", [["编号", "单位", "手机号"], ["v01", "五（1）班", "13900001111"]])
    _, problems = load_volunteers(path, scratch.root)
    assert [str(p) for p in problems] == ["content/people/volunteers.xlsx:1:1: 表头里没有“姓名”这一列，请在表头行加上"]


def test_not_really_an_xlsx(scratch):
    path = scratch.write("content/people/volunteers.xlsx", "编号,姓名\n")
    _, problems = load_volunteers(path, scratch.root)
    assert [p.message for p in problems] == ["无法打开这个 Excel 文件：它可能已损坏，或其实是旧的 .xls 格式。"
                                             "请用 Excel/WPS 打开后“另存为” .xlsx 格式"]


def test_csv_with_bom_and_english_keys(scratch):
    path = scratch.root / "content/people/volunteers.csv"
    path.parent.mkdir(parents=True)
    path.write_bytes("id,name,unit,phone,publish_name\nv01,张明,五（1）班,13900001111,yes\nv02,李华,,0571-86500112,\n".encode("utf-8-sig"))
    volunteers, problems = load_volunteers(path, scratch.root)
    assert problems == []
    assert [(v.id, v.name, v.unit, v.phone, v.publish_name) for v in volunteers] == [
        ("v01", "张明", "五（1）班", "13900001111", True), ("v02", "李华", None, "0571-86500112", False)]


def test_gbk_csv_is_read_with_a_warning_and_errors_keep_their_row(scratch):
    path = scratch.root / "content/people/volunteers.csv"
    path.parent.mkdir(parents=True)
    path.write_bytes("编号,姓名,联系电话\nv01,张明,13900001111\nv02,李华,12345\n".encode("gbk"))
    volunteers, problems = load_volunteers(path, scratch.root)
    assert volunteers == []
    assert [str(p) for p in problems] == [
        "content/people/volunteers.csv:1:1: 警告：文件是 GBK/GB18030 编码，已按 GBK 读取。"
        "请用记事本或 VS Code 打开该文件，选择“另存为”，编码选“UTF-8”后保存",
        "content/people/volunteers.csv:3:3: “联系电话”一栏：电话“12345”格式不对：手机号是 11 位数字（如 13812345678），"
        "座机请写成 0571-12345678",
    ]


def test_yaml_roster_errors_are_located_and_all_reported(scratch):
    scratch.write("content/people/volunteers.yaml", """\
        volunteers:
          - id: v01
            name: 张明
            phone: "1380013800"
          - id: v01
            name: 李华
            id_number: "110105194912310021"
            nmae: 王
        """)
    records = load_records(load_project(scratch.root), strict=False)
    assert [str(p) for p in records.problems] == [
        "content/people/volunteers.yaml:4:12: 电话“1380013800”格式不对：手机号是 11 位数字（如 13812345678），座机请写成 0571-12345678",
        "content/people/volunteers.yaml:5:9: 志愿者编号“v01”与第 2 行重复，请改成不同的编号",
        "content/people/volunteers.yaml:7:16: 身份证号“110105194912310021”不对：应为 18 位且最后一位校验码正确，请核对",
        "content/people/volunteers.yaml:8:5: 不认识的键“nmae”，是不是想写“name”？",
    ]


def test_two_rosters_warn_and_yaml_wins(scratch):
    scratch.write("content/people/volunteers.yaml", "volunteers:\n  - {id: v01, name: 张明}\n")
    xlsx(scratch.root / "content/people/volunteers.xlsx", [HEADER, ["v09", "别人", "", "", "", ""]])
    records = load_records(load_project(scratch.root), strict=False)
    assert list(records.volunteers) == ["v01"]
    assert [str(p) for p in records.problems] == [
        "content/people/volunteers.yaml:1:1: 警告：同时有 volunteers.xlsx，只读取了 volunteers.yaml；请只保留一个志愿者名册"]


def test_commendation_ids_must_be_on_the_roster_and_elder_ids_unique(scratch):
    scratch.write("content/people/volunteers.yaml", "volunteers:\n  - {id: v01, name: 张明}\n")
    scratch.write("content/people/elders.yaml", """\
        elders:
          - {id: e01, name: 李秀英, risk: 红}
          - {id: e01, name: 王德福, risk: 绿, birth: {lunar: 九月初九}}
        """)
    scratch.write("content/commendations/2026-a.yaml", """\
        title: 优秀志愿者
        year: 2026
        date: 2026-10-18
        people: [v01, v02, 张建国家庭]
        """)
    scratch.write("content/commendations/2026-b.yaml", "title: 先进集体\nyear: 2026\ndate: 2026-10-18\n")
    records = load_records(load_project(scratch.root), strict=False)
    assert [str(p) for p in records.problems] == [
        "content/commendations/2026-a.yaml:4:15: 志愿者编号“v02”不在志愿者名册里，请检查拼写或先把这位志愿者加进名册（现有：v01…）",
        "content/commendations/2026-b.yaml:1:1: 请在 people（个人）或 units（集体）里写上获表彰的对象",
        "content/people/elders.yaml:3:10: 老人档案编号“e01”与第 2 行重复，请改成不同的编号",
    ]
