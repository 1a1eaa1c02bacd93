"""Service hours: defaults from the activity's length, explicit hours, year filter, exact sums, export."""

from __future__ import annotations

import csv
import io
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from generator.content.project import load_project
from generator.records.commands import hours as hours_command
from generator.records.hours import activity_hours, candidates, services, totals, unit_totals
from generator.records.load import load_records
from generator.records.project import check_records

FIXTURE = Path(__file__).parent / "fixtures" / "records" / "project"


@pytest.fixture
def project_dir(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURE, tmp_path / "p")
    return tmp_path / "p"


def loaded(root: Path):
    project = load_project(root)
    return project, load_records(project)


def by_id(rows):
    return {row.volunteer.id: row.hours for row in rows}


def test_activity_length_is_exact_decimal(project_dir):
    project, _ = loaded(project_dir)
    assert activity_hours(project.activity("2026-zoufang")) == Decimal("2.5")
    assert activity_hours(project.activity("2025-chongyang")) == Decimal("2")


def test_hours_default_to_activity_length_and_explicit_hours_win(project_dir):
    project, records = loaded(project_dir)
    done = [s for s in services(project, records) if s.activity == "2026-zoufang"]
    assert {(s.volunteer, s.hours) for s in done} == {("v01", Decimal("2.5")), ("v02", Decimal("1.25"))}


def test_totals_sum_exactly_across_activities_and_visits(project_dir):
    project, records = loaded(project_dir)
    rows = totals(records, services(project, records))
    # v01: 2.5 (visit activity) + 1.25 (home visit) + 2 (重阳 2025); the visit without hours adds nothing
    assert by_id(rows) == {"v01": Decimal("5.75"), "v02": Decimal("1.25")}
    assert [r.services for r in rows] == [3, 1]


def test_year_filter(project_dir):
    project, records = loaded(project_dir)
    assert by_id(totals(records, services(project, records, 2026))) == {"v01": Decimal("3.75"), "v02": Decimal("1.25")}
    assert by_id(totals(records, services(project, records, 2025))) == {"v01": Decimal("2")}
    assert services(project, records, 2024) == []


def test_unit_totals_and_candidates(project_dir):
    project, records = loaded(project_dir)
    rows = totals(records, services(project, records, 2026))
    units = unit_totals(rows)
    assert [(u.unit, u.volunteers, u.hours) for u in units] == [("测试小学五（1）班", 2, Decimal("5.00"))]
    assert candidates(records, rows) == []  # default rule: 20 hours
    (project_dir / "content/people/records.yaml").write_text("candidates:\n  - {title: 优秀志愿者, min_hours: 3.5}\n",
                                                             encoding="utf-8")
    project, records = loaded(project_dir)
    found = candidates(records, totals(records, services(project, records, 2026)))
    assert [(c.title, c.volunteer.name, c.hours) for c in found] == [("优秀志愿者", "张明", Decimal("3.75"))]


def test_unknown_attendance_id_is_located_in_the_activity(project_dir):
    path = project_dir / "content/activities/2026-zoufang.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("volunteer: v02", "volunteer: v09"), encoding="utf-8")
    problems = [str(p) for p in check_records(load_project(project_dir))]
    assert problems == ["content/activities/2026-zoufang.yaml:9:16: 志愿者编号“v09”不在志愿者名册里，"
                        "请检查拼写或先把这位志愿者加进名册（现有：v01、v02、v03…）"]


def test_attendance_without_an_end_time_needs_hours(project_dir):
    path = project_dir / "content/activities/2025-chongyang.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('"09:00-11:00"', '"09:00"'), encoding="utf-8")
    problems = [str(p) for p in check_records(load_project(project_dir))]
    assert problems == ["content/activities/2025-chongyang.yaml:8:16: 活动的 time 没有写结束时间，算不出服务时长："
                        "请把 time 写成 \"14:00-16:30\"，或在这一项写 hours"]


def test_export_is_a_batch_entry_sheet(project_dir, capsys):
    target = project_dir / "out" / "时长.xlsx"
    assert hours_command(project_dir, year=2026, export=str(target)) == 0
    book = load_workbook(io.BytesIO(target.read_bytes()))
    records, summary = book["服务记录"], book["时长汇总"]
    header = [c.value for c in records[1]]
    assert header[:6] == ["序号", "姓名", "证件类型", "证件号码", "手机号码", "服务日期"]
    rows = [[c.value for c in row] for row in records.iter_rows(min_row=2)]
    assert [(r[1], r[3], r[5].date().isoformat(), r[8], r[9]) for r in rows] == [
        ("张明", "11010519491231002X", "2026-03-05", 2.5, "春季走访测试村空巢老人"),
        ("李华", None, "2026-03-05", 1.25, "春季走访测试村空巢老人"),
        ("张明", "11010519491231002X", "2026-03-12", 1.25, "结对帮扶入户走访"),
    ]
    assert rows[0][11] == "测试镇老龄办"
    assert [[c.value for c in row] for row in summary.iter_rows(min_row=2)] == [
        ["v01", "张明", "测试小学五（1）班", 2, 3.75], ["v02", "李华", "测试小学五（1）班", 1, 1.25]]
    shown = capsys.readouterr().out
    assert "已导出 3 条服务记录" in shown
    assert "1 位志愿者没有填身份证号" in shown


def test_export_refuses_to_write_into_content(project_dir, capsys):
    target = project_dir / "content/people/volunteers.xlsx"
    assert hours_command(project_dir, year=None, export=str(target)) == 1
    assert not target.exists()
    assert "不能导出到 content/ 文件夹里" in capsys.readouterr().err


def test_export_writes_user_text_as_text_never_as_a_formula(project_dir, capsys):
    """OWASP CSV injection: a name or title starting with = + - @ must reach the spreadsheet as text."""
    roster = project_dir / "content/people/volunteers.yaml"
    roster.write_text(roster.read_text(encoding="utf-8").replace(
        "name: 李华", "name: '=HYPERLINK(\"http://evil.example\",\"点我\")'"), encoding="utf-8")
    plan = project_dir / "content/activities/2026-zoufang.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace(
        "title: ", "title: \"@SUM(1+1)*cmd|' /C calc'!A0 \"\nx_title: ", 1).replace("x_title: ", "# ", 1),
        encoding="utf-8")
    workbook, table = project_dir / "out.xlsx", project_dir / "out.csv"
    assert hours_command(project_dir, year=2026, export=str(workbook)) == 0
    assert hours_command(project_dir, year=2026, export=str(table)) == 0
    sheet = load_workbook(workbook)["服务记录"]
    cells = [c for row in sheet.iter_rows(min_row=2) for c in row if isinstance(c.value, str)]
    assert {c.data_type for c in cells} == {"s"}
    assert '=HYPERLINK("http://evil.example","点我")' in [c.value for c in cells]
    assert load_workbook(workbook)["时长汇总"]["B3"].data_type == "s"
    rows = list(csv.reader(io.StringIO(table.read_bytes().decode("utf-8-sig"))))
    assert rows[0][:2] == ["序号", "姓名"]
    assert "'=HYPERLINK(\"http://evil.example\",\"点我\")" in [r[1] for r in rows]
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows[1:] for cell in row)
    assert any(r[9].startswith("'@SUM") for r in rows[1:])


def test_export_does_not_replace_a_file_unless_forced(project_dir, capsys):
    target = project_dir / "服务时长.xlsx"
    target.write_bytes(b"the organiser's own spreadsheet")
    assert hours_command(project_dir, year=2026, export=str(target)) == 1
    assert target.read_bytes() == b"the organiser's own spreadsheet"
    assert (f"{target} 已经存在，为免覆盖原来的文件，这次没有导出。请换一个文件名；确实要替换它，请加上 --force。"
            in " ".join(capsys.readouterr().err.split("\n")))
    assert hours_command(project_dir, year=2026, export=str(target), force=True) == 0
    assert load_workbook(target)["服务记录"]["B2"].value == "张明"
