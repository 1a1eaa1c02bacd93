"""records/quick.py: a big sheet's plain rows are made without pydantic; they must come out exactly as
pydantic makes them, and every other row must be left to pydantic (same volunteers, same problems)."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from pydantic import ValidationError

from generator.records import volunteers
from generator.records.models import Volunteer
from generator.records.quick import quick_volunteers

from .test_records_sheets import xlsx

# Values an organiser's sheet (or a form export) may hold in each column, plain and not.
POOLS: dict[str, list] = {
    "id": ["v01", "17", 17, 0, -5, True, 1.5, "", " v01", "v 01", "张三", "v01\n", "a_b-c", "-a", 10 ** 5000, "V-9",
           "v01\nv02"],
    "name": ["张三", "", " 张三", "张三 ", 123, 1.5, True, "a\u3000", "\u180e张", "Mary Li", "张\n三"],
    "unit": ["五（2）班", 5, "x ", "竹亭中心小学", 0.5],
    "phone": [13900000001, "13900000001", "139 0000 0001", "139-0000-0001", "0571-86501234", "(0571)86501234",
              "12345", 13900000001.5, -13900000001, "１３９００００００01", True, "13900000001\n", 10 ** 5000,
              "12900000001", 139000000012, "13900000001\n13900000002"],
    "id_type": ["居民身份证", "护照", " 护照", 5, "港澳居民来往内地通行证"],
    "id_number": ["11010519491231002X", "11010519491231002x", "110105194912310021", 110105194912310021,
                  "E12345678", " E1234 ", 1.5, "abc"],
    "national_id": ["A123", 123, "A 1 "],
    "gender": ["男", "女", "M", " 男", 1],
    "publish_name": ["是", "否", "YES", " 是", "maybe", True, False, 1, 0, 1.0, "√", "不同意"],
    "joined": [dt.date(2026, 1, 2), dt.datetime(2026, 1, 2, 3, 4), "2026-01-02", "2026年1月2日", "2026-02-30",
               20260102, "昨天", dt.time(1, 2), "2026年10月18日（星期日）", "2026年10月18日（星期一）"],
}


def pydantic_made(row: dict) -> Volunteer | None:
    try:
        return Volunteer.model_validate(row)
    except ValidationError:
        return None


def same(quick: Volunteer, full: Volunteer) -> bool:
    """Equal field by field, with the same types, order, fields set and nothing extra or private."""
    return ([(k, type(v), v) for k, v in quick.__dict__.items()] == [(k, type(v), v) for k, v in full.__dict__.items()]
            and quick.model_fields_set == full.model_fields_set and quick == full and repr(quick) == repr(full)
            and quick.__pydantic_extra__ == full.__pydantic_extra__ and quick.__pydantic_private__ is None
            and quick.model_dump() == full.model_dump())


def test_each_row_is_made_as_pydantic_makes_it_or_left_to_pydantic():
    rng = random.Random(12)
    rows = []
    for _ in range(3000):
        row = {"id": rng.choice(POOLS["id"]), "name": rng.choice(POOLS["name"])}
        for key in rng.sample(sorted(POOLS.keys() - {"id", "name"}), rng.randrange(5)):
            row[key] = rng.choice(POOLS[key])
        rows.append(row)
    made = quick_volunteers(rows)
    quick = 0
    for row, volunteer in zip(rows, made):
        full = pydantic_made(row)
        if volunteer is not None:
            quick += 1
            assert full is not None and same(volunteer, full), row
        assert quick_volunteers([row])[0] is None if volunteer is None else same(quick_volunteers([row])[0], full)
    assert 100 < quick < 2900  # both ways are exercised


def test_a_plain_roster_is_made_column_by_column_as_pydantic_makes_it():
    rows = [{"id": i, "name": f"张{i}", "unit": "五（2）班", "phone": 13900000000 + i, "publish_name": "否" if i % 3 else "是"}
            for i in range(200)]
    rows[7]["id"] = "v07"
    rows[8].pop("unit")
    rows[9]["phone"] = "13900000009"
    made = quick_volunteers(rows)
    for row, volunteer in zip(rows, made):
        assert volunteer is not None and same(volunteer, Volunteer.model_validate(row))
    rows[10]["phone"] = "139 0000 0010"  # not plain as a column: cell by cell, still made
    rows[11]["id"] = -11  # an error: left to pydantic
    made = quick_volunteers(rows)
    assert made[11] is None and same(made[10], Volunteer.model_validate(rows[10]))
    assert all(same(v, Volunteer.model_validate(r)) for i, (r, v) in enumerate(zip(rows, made)) if i != 11)
    rows[11]["id"], rows[10]["phone"] = "v11\nv12", "13900000010\n13900000011"  # two lines in one cell: errors
    made = quick_volunteers(rows)
    assert made[10] is None and made[11] is None and pydantic_made(rows[10]) is None and pydantic_made(rows[11]) is None


def test_a_complete_plain_roster_is_made_in_one_loop_as_pydantic_makes_it():
    rows = [{"id": str(i), "name": f"张{i}", "unit": "五（2）班", "phone": str(13900000000 + i), "publish_name": i % 2 == 0}
            for i in range(300)]
    made = quick_volunteers(rows)
    assert all(same(v, Volunteer.model_validate(r)) for r, v in zip(rows, made))
    made[0].national_id = "A123"  # each volunteer has a set of fields set of its own
    assert "national_id" in made[0].model_fields_set and "national_id" not in made[1].model_fields_set


SHEET = [
    ["序号", "姓名", "班级", "手机号", "身份证号", "性别", "是否同意公开姓名", "加入日期"],
    [1, "张明", "五（2）班", 13900001111, "11010519491231002X", "男", "是", dt.date(2026, 3, 1)],
    [2, "李华", "五（2）班", "139 0000 2222", None, "女", "否", "2026年3月2日"],
    [3, "王芳", None, 12345, "110105194912310021", "M", "也许", "2026-02-30"],  # phone, ID, gender, yes/no, date
    [-4, "", "五（3）班", 13900004444, None, None, None, 20260304],  # id, empty name, a date without dashes
    [5, "赵强", "五（3）班", "13900005555", None, None, True, None],
    [5, "钱多", 3, 13900006666.5, None, None, "不同意", dt.datetime(2026, 3, 5, 8, 0)],  # repeated id
    [7, 8, "五（3）班", 13900007777, "E1234567", None, None, None],
]


@pytest.mark.parametrize("rows", [SHEET, [SHEET[0], *SHEET[1:3], SHEET[5]], [SHEET[0], SHEET[1], SHEET[5]]])
def test_a_sheet_gives_the_same_volunteers_and_problems_with_and_without_the_shortcut(scratch, monkeypatch, rows):
    path = xlsx(scratch.root / "content/people/volunteers.xlsx", rows)
    quick = volunteers.load_volunteers(path, scratch.root)
    monkeypatch.setattr(volunteers, "quick_volunteers", lambda rows: [None] * len(rows))
    full = volunteers.load_volunteers(path, scratch.root)
    assert quick[1] == full[1] and [str(p) for p in quick[1]] == [str(p) for p in full[1]]
    assert len(quick[0]) == len(full[0]) and all(same(a, b) for a, b in zip(quick[0], full[0]))
    if rows is SHEET:  # every bad cell and the repeated id, each at its row and column
        assert [str(p).removeprefix("content/people/volunteers.xlsx:") for p in quick[1]] == [
            "4:4: “手机号”一栏：电话“12345”格式不对：手机号是 11 位数字（如 13812345678），座机请写成 0571-12345678",
            "4:5: “身份证号”一栏：身份证号“110105194912310021”不对：应为 18 位且最后一位校验码正确，请核对",
            "4:6: “性别”一栏：“M”不是可选的值，可以写：男、女",
            "4:7: “是否同意公开姓名”一栏：“也许”看不懂，请写“是”或“否”",
            "4:8: “加入日期”一栏：日期“2026-02-30”不存在，请检查月份和日子（例如 2 月没有 30 日）",
            "5:1: “序号”一栏：编号“-4”只能用字母、数字和连字符，例如 v01",
            "5:2: “姓名”一栏：内容太短或为空，请填写",
            "5:8: “加入日期”一栏：日期“20260304”请在年、月、日之间加短横线，写成 2026-03-04",
            "7:1: 志愿者编号“5”与第 6 行重复，请改成不同的编号",
            "8:5: “身份证号”一栏：身份证号“E1234567”不对：应为 18 位且最后一位校验码正确，请核对"]


def test_a_roster_made_quickly_is_the_one_pydantic_makes(scratch, monkeypatch):
    rows = [SHEET[0], SHEET[1], SHEET[2], [3, "孙丽", None, 13900003333, None, None, None, None]]
    path = xlsx(scratch.root / "content/people/volunteers.xlsx", rows)
    quick, problems = volunteers.load_volunteers(path, scratch.root)
    monkeypatch.setattr(volunteers, "quick_volunteers", lambda rows: [None] * len(rows))
    full, _ = volunteers.load_volunteers(path, scratch.root)
    assert problems == [] and [v.id for v in quick] == ["1", "2", "3"]
    assert all(same(a, b) for a, b in zip(quick, full, strict=True))
    assert quick[1].phone == "13900002222" and quick[0].joined == dt.date(2026, 3, 1) and quick[0].publish_name is True


def test_the_cycle_collector_runs_again_after_a_roster_is_read():
    import gc

    from generator.records.load import collector_paused

    with pytest.raises(ValueError), collector_paused():
        assert not gc.isenabled()
        raise ValueError
    assert gc.isenabled()
    gc.disable()  # paused by someone else: left paused
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
