"""Questionnaire exports (问卷星, 腾讯问卷, 金数据, WeChat forms) as the roster, and attendance given by name."""

from __future__ import annotations

import io

from openpyxl import Workbook, load_workbook

from generator.cli import main
from generator.content.project import load_project
from generator.records.load import load_records
from generator.records.volunteers import load_volunteers

# As 问卷星 exports it: metadata columns first, numbered questions, phones stored as numbers.
WJX_HEADER = ["序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP",
              "1、姓名", "2、班级/单位", "3、家长手机号", "4、是否同意公开姓名"]
WJX_ROWS = [
    [1, "2026/9/1 20:15:03", "45秒", "微信", "N/A", "115.236.1.2(浙江-杭州)", "张明", "五（1）班", 13900001111.0, "是"],
    [2, "2026/9/1 20:16:40", "52秒", "微信", "N/A", "115.236.1.3(浙江-杭州)", "李华", "五（1）班", 13900002222.0, "否"],
    [3, "2026/9/2 07:01:12", "38秒", "手机提交", "N/A", "115.236.1.4(浙江-杭州)", "王芳", "五（2）班", 13900003333.0, "否"],
]

ACTIVITY = """\
title: 重阳节走进敬老院
kind: festival
date: 2026-10-18
time: "14:00-16:30"
location: 竹亭镇敬老院
organiser: 竹亭中心小学政教处
attendance:
{attendance}
"""


def export(path, header, rows):
    book = Workbook()
    book.active.append(header)
    for row in rows:
        book.active.append(row)
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def test_wenjuanxing_export_imports_as_the_roster(scratch):
    path = export(scratch.root / "content/people/volunteers.xlsx", WJX_HEADER, WJX_ROWS)
    volunteers, problems = load_volunteers(path, scratch.root)
    assert problems == []
    assert [(v.id, v.name, v.unit, v.phone, v.publish_name) for v in volunteers] == [
        ("1", "张明", "五（1）班", "13900001111", True),
        ("2", "李华", "五（1）班", "13900002222", False),
        ("3", "王芳", "五（2）班", "13900003333", False),
    ]


def test_other_question_numbering_and_synonyms(scratch):
    path = scratch.write("content/people/volunteers.csv", """\
        编号,2.请填写您的姓名,姓名拼音,所在单位：,Q4. 联系电话*,（5）是否同意公开姓名？,提交时间,来自IP
        v01,张明,zhangming,竹亭中心小学,139 0000 1111,是,2026-09-01 20:15,1.2.3.4
        """)
    volunteers, problems = load_volunteers(path, scratch.root)
    assert [(v.id, v.name, v.unit, v.phone, v.publish_name) for v in volunteers] == [
        ("v01", "张明", "竹亭中心小学", "13900001111", True)]
    assert [str(p) for p in problems] == ["content/people/volunteers.csv:1:1: 警告：这些列不认识，已忽略：姓名拼音"]


def test_an_explicit_id_column_wins_over_the_row_number(scratch):
    path = export(scratch.root / "content/people/volunteers.xlsx", ["序号", "编号", "姓名"], [[1, "v07", "张明"]])
    assert [v.id for v in load_volunteers(path, scratch.root)[0]] == ["v07"]


def test_bad_rows_of_an_export_are_located_by_row_and_column(scratch):
    rows = [row[:] for row in WJX_ROWS]
    rows[1][8] = 1390000222.0
    rows[2][9] = "看情况"
    path = export(scratch.root / "content/people/volunteers.xlsx", WJX_HEADER, rows)
    volunteers, problems = load_volunteers(path, scratch.root)
    assert volunteers == []
    assert [str(p) for p in problems] == [
        "content/people/volunteers.xlsx:3:9: “3、家长手机号”一栏：电话“1390000222”格式不对：手机号是 11 位数字（如 13812345678），"
        "座机请写成 0571-12345678",
        "content/people/volunteers.xlsx:4:10: “4、是否同意公开姓名”一栏：“看情况”看不懂，请写“是”或“否”",
    ]


def test_attendance_by_name_is_counted_and_exported(scratch, capsys):
    export(scratch.root / "content/people/volunteers.xlsx", WJX_HEADER, WJX_ROWS)
    scratch.activity("2026-chongyang", ACTIVITY.format(attendance="  - volunteer: 张明\n  - volunteer: 王芳\n    hours: 1.5"))
    target = scratch.root / "out" / "时长.xlsx"
    assert main(["--root", str(scratch.root), "hours", "--export", str(target)]) == 0
    rows = [[c.value for c in row] for row in load_workbook(io.BytesIO(target.read_bytes()))["服务记录"].iter_rows(min_row=2)]
    assert [(r[1], r[4], r[8]) for r in rows] == [("张明", "13900001111", 2.5), ("王芳", "13900003333", 1.5)]
    assert "已导出 2 条服务记录" in capsys.readouterr().out


def test_an_ambiguous_or_unknown_name_is_located_in_the_activity(scratch):
    export(scratch.root / "content/people/volunteers.xlsx", ["编号", "姓名"],
           [["v01", "张明"], ["v02", "李华"], ["v07", "张明"]])
    scratch.activity("2026-chongyang", ACTIVITY.format(
        attendance="  - volunteer: 张明\n  - volunteer: 李华\n  - volunteer: v02\n  - volunteer: 赵强"))
    records = load_records(load_project(scratch.root), strict=False)
    assert [str(p) for p in records.problems] == [
        "content/activities/2026-chongyang.yaml:8:16: 名册里有 2 位志愿者叫“张明”（编号 v01、v07），请改写其中一个编号",
        "content/activities/2026-chongyang.yaml:10:16: 志愿者“v02”在本活动的出勤记录里写了两次，请删掉一处",
        "content/activities/2026-chongyang.yaml:11:16: 名册里没有编号或姓名是“赵强”的志愿者，请检查拼写或先把这位志愿者加进名册"
        "（现有编号：v01、v02、v07…）",
    ]


def test_a_sheet_without_a_header_row_names_the_headers_to_use(scratch):
    path = scratch.write("content/people/volunteers.csv", "张明,五（1）班\n李华,五（2）班\n")
    assert [str(p) for p in load_volunteers(path, scratch.root)[1]] == [
        "content/people/volunteers.csv:1:1: 找不到表头行：前 5 行里没有认识的列名。"
        "请在第一行写列名，可以用：编号、姓名、单位、手机号、身份证号、证件类型、全国志愿者编号、性别、同意公开姓名、加入日期"]
