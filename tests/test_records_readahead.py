"""`check` reads volunteers.xlsx in a thread while it starts up (records/readahead.py): the same rows, the same
messages, the file read once, and no thread left behind."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from openpyxl import Workbook

from generator.cli import main
from generator.content.errors import Problem
from generator.records import readahead, sheets
from generator.records.sheets import DAMAGED
from generator.records.volunteers import load_volunteers

NAME = "huodong-roster-read-ahead"
ROWS = [["序号", "提交答卷时间", "1、姓名", "2、班级/单位", "3、家长手机号", "4、是否同意公开姓名", "备注"]] + [
    [i, "2026/9/1 20:15:03", f"张{i}", "竹亭中心小学五（1）班", 13900000000 + i, "否" if i % 3 else "是", "x" * (i % 2)]
    for i in range(1, 301)]


def xlsx(path: Path, rows: list[list]) -> Path:
    book = Workbook()
    book.active.title = "名单"
    for row in rows:
        book.active.append(row)
    book.create_sheet("说明")  # a second sheet: its warning must come through too
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


@pytest.fixture
def reads(monkeypatch):
    """The threads that read a sheet, in order: the read-ahead thread's name, or MainThread."""
    names: list[str] = []
    direct = sheets._xlsx_rows

    def spied(path, shown):
        names.append(threading.current_thread().name)
        return direct(path, shown)

    monkeypatch.setattr(sheets, "_xlsx_rows", spied)
    return names


def no_read_ahead_thread() -> bool:
    return not any(thread.name == NAME for thread in threading.enumerate()) and readahead._pending is None


def test_the_read_ahead_roster_equals_the_direct_one(scratch, reads):
    path = xlsx(scratch.root / "content/people/volunteers.xlsx", ROWS)
    direct = load_volunteers(path, scratch.root)
    assert reads == ["MainThread"]
    with readahead.read_ahead(scratch.root):
        ahead = load_volunteers(path, scratch.root)
    assert reads == ["MainThread", NAME]  # read once, by the thread
    assert ahead == direct
    assert len(ahead[0]) == 300 and ahead[0][6].phone == "13900000007" and ahead[0][2].publish_name is True
    assert [str(p) for p in ahead[1]] == [
        "content/people/volunteers.xlsx:1:1: 警告：文件里有 2 个工作表，只读取了第一个“名单”",
        "content/people/volunteers.xlsx:1:1: 警告：这些列不认识，已忽略：备注",
    ]
    assert no_read_ahead_thread()


def test_a_damaged_sheet_read_ahead_gives_its_exact_message(scratch, reads, capsys):
    scratch.write("content/people/volunteers.xlsx", "这不是 Excel 文件")
    assert main(["--root", str(scratch.root), "check"]) == 1
    assert reads == [NAME]
    assert f"content/people/volunteers.xlsx:1:1: {DAMAGED}" in capsys.readouterr().err
    assert no_read_ahead_thread()
    path = scratch.root / "content/people/volunteers.xlsx"
    assert load_volunteers(path, scratch.root)[1] == [Problem("content/people/volunteers.xlsx", 1, 1, DAMAGED)]


def test_check_reads_the_roster_in_the_thread_and_leaves_none_behind(scratch, reads, capsys):
    scratch.activity("visit")
    xlsx(scratch.root / "content/people/volunteers.xlsx", ROWS)
    assert main(["--root", str(scratch.root), "check"]) == 0
    assert reads == [NAME]
    assert "检查通过：1 个活动，没有错误。" in capsys.readouterr().out
    assert no_read_ahead_thread()


def test_a_roster_changed_after_the_start_is_read_again(scratch, reads):
    path = xlsx(scratch.root / "content/people/volunteers.xlsx", ROWS)
    with readahead.read_ahead(scratch.root):
        xlsx(path, ROWS[:3])  # saved again in Excel while check starts up
        volunteers, _ = load_volunteers(path, scratch.root)
    assert [v.name for v in volunteers] == ["张1", "张2"]
    assert reads == [NAME, "MainThread"]
    assert no_read_ahead_thread()


def test_a_read_nobody_takes_is_waited_for(scratch, reads):
    xlsx(scratch.root / "content/people/volunteers.xlsx", ROWS)
    with readahead.read_ahead(scratch.root):
        assert readahead._pending is not None
    assert reads == [NAME]
    assert no_read_ahead_thread()


@pytest.mark.parametrize("name, text", [
    ("volunteers.csv", "编号,姓名\nv01,张明\n"),
    ("volunteers.yaml", "volunteers:\n  - id: v01\n    name: 张明\n"),
    (None, None),
])
def test_no_thread_for_a_csv_yaml_or_missing_roster(scratch, reads, capsys, name, text):
    if name:
        scratch.write(f"content/people/{name}", text)
    with readahead.read_ahead(scratch.root):
        assert readahead._pending is None
    assert main(["--root", str(scratch.root), "check"]) == 0
    assert reads == []
    assert no_read_ahead_thread()
