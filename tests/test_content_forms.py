"""The forms organisers type (issue 10 §1–2) and the inputs fuzzing found (issue 12), each with its exact answer."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from generator.cli import main
from generator.content.dates import DateProblem, TimeRange, parse_day
from generator.content.forms import ValueFormError, id_from_name, split_number
from generator.content.models import Activity
from generator.content.project import load_project
from generator.content.schema import SCHEMAS, schema_text

BASE = """\
title: 情暖重阳
kind: festival
date: 2026-10-18
location: 竹亭镇敬老院
organiser: 竹亭中心小学
"""


def problems(scratch) -> list[str]:
    return [str(p) for p in load_project(scratch.root, strict=False).problems]


def activity(**fields) -> Activity:
    data = {"title": "情暖重阳", "kind": "festival", "date": "2026-10-18", "location": "敬老院", "organiser": "小学"}
    return Activity.model_validate({**data, **fields})


# ---- §1 accepted forms --------------------------------------------------------

@pytest.mark.parametrize("text", ["2027-03-05", "2027-3-5", "2027/3/5", "2027.3.5", "2027年3月5日", "2027年3月5号",
                                  "2027年3月5日（星期五）", "2027-3-5(周五)", "2027/3/5 星期五", "２０２７年３月５日"])
def test_dates_in_every_written_form(text):
    assert parse_day(text) == dt.date(2027, 3, 5)


@pytest.mark.parametrize("value, message", [
    ("2027年1月16日（星期五）", "2027年1月16日是星期六，不是星期五"),
    (20261018, "日期“20261018”请在年、月、日之间加短横线，写成 2026-10-18"),
    ("2026-02-30", "日期“2026-02-30”不存在，请检查月份和日子（例如 2 月没有 30 日）"),
    ("下周五", "日期“下周五”的格式不对，请写成 2026-10-18 或 2026年10月18日"),
    ("3月5日", "日期“3月5日”没有写年份，请写成 2026-10-18 或 2026年10月18日"),
    ("2027年3月5日 上午9点", "日期里不要写时间：请把“上午9点”写到 time: 里，这里只写 2027年3月5日"),
    ("2027-03-05 14:00", "日期里不要写时间：请把“14:00”写到 time: 里，这里只写 2027-03-05"),
])
def test_date_errors(value, message):
    with pytest.raises(DateProblem, match=f"^{message}$"):
        parse_day(value)


@pytest.mark.parametrize("text", ["2026年重阳节", "重阳节 2026", "{festival: 重阳节, year: 2026}"])
def test_festival_written_in_one_line(text):
    a = activity(date=text if not text.startswith("{") else {"festival": "重阳节", "year": 2026})
    assert (a.day, a.festival) == (dt.date(2026, 10, 18), "重阳节")


def test_festival_without_a_year_says_how(scratch):
    scratch.activity("a", BASE.replace("2026-10-18", "重阳节"))
    assert problems(scratch) == ["content/activities/a.yaml:3:7: “重阳节”没有写年份，请写成 {festival: 重阳节, year: 2026} 或 2026年重阳节"]


def test_wrong_weekday_is_an_error_at_the_dates_line(scratch):
    scratch.activity("a", BASE.replace("2026-10-18", "2027年1月16日（星期五）"))
    assert problems(scratch) == ["content/activities/a.yaml:3:7: 2027年1月16日是星期六，不是星期五"]


@pytest.mark.parametrize("text, shown", [
    ("8:30-11:30", "08:30—11:30"), ("8：30-11：30", "08:30—11:30"), ("8:30—11:30", "08:30—11:30"),
    ("8:30——11:30", "08:30—11:30"), ("8:30－11:30", "08:30—11:30"), ("8:30–11:30", "08:30—11:30"),
    ("8:30~11:30", "08:30—11:30"), ("8:30～11:30", "08:30—11:30"), ("8:30至11:30", "08:30—11:30"),
    ("8:30到11:30", "08:30—11:30"), ("8.30", "08:30"), ("上午9点", "09:00"), ("9点半", "09:30"),
    ("下午2:00-4:30", "14:00—16:30"), ("下午4点半", "16:30"), ("中午12点", "12:00"), ("上午9:00-12:00", "09:00—12:00"),
    ("下午2点-4点半", "14:00—16:30"), ("晚上7点", "19:00"), ("下午三点半", "15:30"),
])
def test_times_in_every_written_form(text, shown):
    assert str(TimeRange.parse(text)) == shown


def test_unquoted_8_30_is_half_past_eight_not_8_3(scratch):
    scratch.activity("a", BASE + "time: 8.30\n")
    project = load_project(scratch.root)
    assert str(project.activities[0].time) == "08:30"


def test_a_range_ending_before_it_starts_stays_an_error(scratch):
    scratch.activity("a", BASE + "time: 下午4点-2点\n")
    assert problems(scratch) == ["content/activities/a.yaml:6:7: 时间段“下午4点-2点”的结束时间不晚于开始时间，请检查"]


@pytest.mark.parametrize("text, number, unit", [
    ("12人", 12, "人"), ("200本", 200, "本"), ("1.5元", Decimal("1.5"), "元"), ("4盒", 4, "盒"), ("四", 4, ""),
    ("十二", 12, ""), ("二十五人", 25, "人"), ("1,200", 1200, ""), ("1，200 本", 1200, "本"), ("两箱", 2, "箱"),
])
def test_numbers_with_units_chinese_numerals_and_separators(text, number, unit):
    assert split_number(text) == (Decimal(number), unit)


@pytest.mark.parametrize("text, message", [
    ("三十多", "“三十多”不是确切的数字，请写一个数，如 30"),
    ("abc", "“abc”不是数字，请写阿拉伯数字（如 12、1.5）或中文数字（如 十二）"),
    (float("inf"), "这里要写一个具体的数字，不能写无穷大（.inf）或 .nan"),
])
def test_numbers_that_cannot_be_read(text, message):
    with pytest.raises(ValueFormError, match=f"^{message}$"):
        split_number(text)


def test_numbers_reach_the_model():
    a = activity(participants=[{"group": "学生", "count": "十二人"}], signup={"capacity": "三十"},
                 supplies=[{"item": "书", "qty": "200本", "unit_price": "1.5元"}],
                 budget={"total": "1,200元"}, attendance=[{"volunteer": 1, "hours": "2.5小时"}])
    assert a.participants[0].count == 12 and a.signup.capacity == 30
    assert (a.supplies[0].qty, a.supplies[0].unit, a.supplies[0].amount) == (200, "本", Decimal("300.0"))
    assert a.budget.total == 1200 and a.attendance[0].hours == Decimal("2.5")
    assert a.attendance[0].volunteer == "1"  # an id written as a bare number is text


def test_unit_on_qty_contradicting_unit_is_a_warning(scratch):
    scratch.activity("a", BASE + "supplies:\n  - {item: 宣传册, qty: 200份, unit: 本}\n")
    assert problems(scratch) == ["content/activities/a.yaml:7:22: 警告：数量写的单位是“份”，但 unit 写的是“本”，请统一成一个"]


def test_single_strings_are_lists_and_names_split():
    a = activity(purpose="关爱老人，传承美德", co_organisers="老龄办、村委会，卫生院", tags="重阳; 敬老",
                 groups=[{"name": "一组", "members": "张三、李四,王五；赵六"}],
                 commendations=[{"title": "优秀志愿者", "names": "张三、李四"}])
    assert a.purpose == ["关爱老人，传承美德"]  # not a name list: commas stay
    assert a.co_organisers == ["老龄办", "村委会", "卫生院"]
    assert a.tags == ["重阳", "敬老"]
    assert a.groups[0].members == ["张三", "李四", "王五", "赵六"]
    assert a.commendations[0].names == ["张三", "李四"]


@pytest.mark.parametrize("name, kind", [
    ("走访", "visit"), ("走访慰问", "visit"), ("慰问", "visit"), ("节日", "festival"), ("节日活动", "festival"),
    ("外出", "outing"), ("外出实践", "outing"), ("实践", "outing"), ("义诊", "clinic"), ("义诊服务", "clinic"),
    ("结对", "programme"), ("帮扶", "programme"), ("结对帮扶", "programme"),
])
def test_kinds_in_chinese(name, kind):
    assert activity(kind=name).kind == kind


def test_phone_written_as_a_number_is_text(scratch):
    a = activity(beneficiaries=[{"name": "李奶奶", "phone": 13857001234}], contact=13857001234)
    assert a.beneficiaries[0].phone == "13857001234" and a.contact == "13857001234"
    scratch.activity("a", BASE + "contact: 0571234567\nreport: {published: 2026-10-20, text: 报道, photos: a.jpg}\n")
    project = load_project(scratch.root, strict=False)
    assert project.activities[0].contact == "0571234567"  # not YAML 1.1's octal number
    assert [str(p) for p in project.problems] == [
        "content/activities/a.yaml:7:51: 找不到图片 content/media/a.jpg，请检查文件名（包括扩展名 .jpg/.png）"]


@pytest.mark.parametrize("stem, expected", [
    ("冬季义诊", "dongji-yizhen"), ("2027重阳节敬老活动", "2027-chongyangjie-jinglao-huodong"),
    ("2026-chongyang", "2026-chongyang"), ("学雷锋 走进敬老院", "xueleifeng-zoujin-jinglaoyuan"),
])
def test_ids_from_chinese_file_names(stem, expected):
    assert id_from_name(stem) == expected


def test_chinese_file_name_gives_an_id_that_check_shows_and_collisions_are_caught(scratch, capsys):
    scratch.activity("冬季义诊", BASE)
    project = load_project(scratch.root)
    assert [a.id for a in project.activities] == ["dongji-yizhen"]
    assert main(["--root", str(scratch.root), "check"]) == 0
    assert ("content/activities/冬季义诊.yaml 的活动编号是 dongji-yizhen（打印文件在 plans/dongji-yizhen/，"
            "网页是 site/activities/dongji-yizhen.html）") in capsys.readouterr().out
    scratch.activity("dongji-yizhen", BASE)
    assert problems(scratch) == ["content/activities/冬季义诊.yaml:1:1: 活动编号“dongji-yizhen”与 "
                                 "content/activities/dongji-yizhen.yaml 重复，请在其中一个文件里写 id: 另一个编号"]


def test_schema_shows_canonical_forms_and_admits_the_variants():
    schema = json.loads(schema_text(SCHEMAS["activity.schema.json"]))
    props, defs = schema["properties"], schema["$defs"]
    assert props["kind"]["enum"][:5] == ["visit", "festival", "outing", "clinic", "programme"] and "义诊" in props["kind"]["enum"]
    assert props["date"]["oneOf"][0]["examples"][0] == "2026-10-18" and "format" not in props["date"]["oneOf"][0]
    assert {"type": ["string", "number"]} in props["co_organisers"]["anyOf"]  # one line of names
    count = defs["Participant"]["anyOf"][0]["properties"]["count"]["anyOf"][0]
    assert count["type"] == ["number", "string"] and count["minimum"] == 0  # 十二人
    assert "pattern" not in props["time"]["anyOf"][0]  # 下午2点-4点半
    assert {"type": ["string", "number"]} in defs["Beneficiary"]["properties"]["phone"]["anyOf"]
    for written_as_a_line in ("Participant", "ScheduleItem"):  # 团员青年15人; 14:00 集合点名
        assert defs[written_as_a_line]["anyOf"][1]["type"] == ["string", "number"]


def test_explain_prints_the_normalised_values(scratch, capsys):
    path = scratch.activity("冬季义诊", """\
        title: 冬季义诊
        kind: 义诊
        date: 2027年1月16日（星期六）
        time: 上午8点半-11点半
        location: 溪口村
        organiser: 卫生院
        participants:
          - {group: 医生, count: 八人}
        supplies:
          - {item: 血糖试纸, qty: 4盒, unit_price: 65元}
        """)
    assert main(["--root", str(scratch.root), "check", "--explain", str(path)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "content/activities/冬季义诊.yaml 读到的内容：",
        "  编号：dongji-yizhen（打印文件在 plans/dongji-yizhen/，网页是 site/activities/dongji-yizhen.html）",
        "  类别：clinic（义诊服务）",
        "  日期：2027年1月16日（星期六），农历腊月初九",
        "  时间：08:30—11:30（3 小时）",
        "  人数：医生 8 人",
        "  参与人员合计：8 人",
        "  物资：血糖试纸 4盒 × 65 元 = 260 元",
        "  物资合计：260 元",
    ]


# ---- §2 syntax errors where the organiser acts, all at once ---------------------

@pytest.mark.parametrize("text, expected", [
    pytest.param(BASE.replace("title: 情暖重阳", 'title: "情暖重阳'),
                 ["content/activities/a.yaml:1:8: 引号没有配对：这里的 \" 开始后一直没有结束，请在这段内容的末尾补上 \""],
                 id="unclosed-quote"),
    pytest.param(BASE.replace("location: 竹亭镇敬老院", "location：竹亭镇敬老院"),
                 ["content/activities/a.yaml:4:9: 把全角冒号“：”改成半角“:”，冒号后面加一个空格"], id="full-width-colon"),
    pytest.param(BASE.replace("date: 2026-10-18", "date:2026-10-18"),
                 ["content/activities/a.yaml:3:6: 冒号后面要加一个空格"], id="no-space-after-colon"),
    pytest.param(BASE + "background: 重阳节是传统节日，\n为弘扬敬老美德\n",
                 ["content/activities/a.yaml:7:1: 这一行顶格写了，但它不是“键: 值”：如果它接着上一行的内容，"
                  "请在行首加两个空格缩进，或把它接到上一行末尾"], id="lost-indentation"),
    pytest.param('title: "情暖\nkind: festival\nlocation：敬老院\nsignup:\n  capacity: [1\norganiser: 小学\n',
                 ["content/activities/a.yaml:1:8: 引号没有配对：这里的 \" 开始后一直没有结束，请在这段内容的末尾补上 \"",
                  "content/activities/a.yaml:3:9: 把全角冒号“：”改成半角“:”，冒号后面加一个空格",
                  "content/activities/a.yaml:5:13: 括号没有配对：这里的 [ 没有对应的结束括号，请补上"],
                 id="several-blocks-several-errors"),
    pytest.param(BASE + "signup:\n  capacity: 30\n   deadline: 2026-10-01\n",
                 ["content/activities/a.yaml:8:4: 这一行比上一行多缩进了：同一层的“键: 值”要左边对齐，请删掉行首多余的空格"],
                 id="indented-deeper-than-its-sibling"),
    pytest.param(BASE + "signup:\n  capacity: 30\n deadline: 2026-10-01\n",
                 ["content/activities/a.yaml:8:2: 这一行的缩进和同一层的其他“键: 值”没有对齐，请检查行首的空格数"],
                 id="indented-less-than-its-sibling"),
    pytest.param(BASE + "theme: >情暖重阳\n",
                 ["content/activities/a.yaml:6:9: “|”或“>”后面要换行再写内容；如果内容本来就以 > 或 | 开头，请给整段内容加上引号"],
                 id="block-scalar-on-one-line"),
])
def test_syntax_errors_are_located_where_to_act(scratch, text, expected):
    scratch.activity("a", text)
    assert problems(scratch) == expected


def test_a_broken_file_does_not_stop_the_others_being_checked(scratch):
    scratch.activity("a", BASE.replace("location: ", "location："))
    scratch.activity("b", BASE + "id: c\n")
    scratch.activity("c", BASE.replace("kind: festival", "kind: party"))
    found = problems(scratch)
    assert found[0] == "content/activities/a.yaml:4:9: 把全角冒号“：”改成半角“:”，冒号后面加一个空格"
    assert found[1].startswith("content/activities/c.yaml:2:7: “party”不是可选的值")
    assert len(found) == 2


def test_value_cut_by_a_comment_is_a_warning(scratch):
    scratch.activity("a", BASE.replace("竹亭镇敬老院", "居委会 #3会议室") + "theme: 敬老  # 普通注释\n")
    assert problems(scratch) == ["content/activities/a.yaml:4:11: 警告：“#3会议室”被当成了注释，没有算进内容；"
                                 "如果它是内容的一部分，请给整个值加上引号，写成 \"居委会 #3会议室\""]


# ---- issue 12: inputs that crashed or answered in English ---------------------------

@pytest.mark.parametrize("extra, expected", [
    ("y: {<<: 5}\n", "6:9: 合并键“<<”后面只能写一个锚点引用（如 <<: *默认值）或一组“键: 值”，请改正或删掉这一行"),
    ("loop: &l [*l]\n", "6:7: 别名 * 引用了包含它自己的锚点 &（循环引用），请删掉这个别名"),
    ("deep: " + "[" * 900 + "]" * 900 + "\n", "6:46: 嵌套层数太多（超过 40 层），请检查缩进或删掉多余的括号"),
    ("notes: a\x01b\n", "6:9: 这里有一个看不见的控制字符（U+0001），通常是从网页、微信或 Word 复制时带进来的，请删掉它（可以把这段文字重新输入一遍）"),
    ("n: " + "9" * 5000 + "\n", "6:4: 数字太长（5000 位），请检查；如果它是编号，请加上引号"),
])
def test_yaml_that_crashed_gets_a_located_chinese_message(scratch, extra, expected):
    scratch.activity("a", BASE + extra)
    assert problems(scratch) == [f"content/activities/a.yaml:{expected}"]


@pytest.mark.parametrize("escape", ["\\x00", "\\e"])
def test_nul_or_esc_in_a_title_is_refused_by_check(scratch, escape):
    scratch.activity("a", BASE.replace("title: 情暖重阳", f'title: "情暖{escape}重阳"'))
    assert problems(scratch) == ["content/activities/a.yaml:1:8: 这里有一个看不见的控制字符（U+00{}），通常是从网页、微信或 "
                                 "Word 复制时带进来的，请删掉它（可以把这段文字重新输入一遍）".format("00" if escape == "\\x00" else "1B")]


@pytest.mark.parametrize("extra, expected", [
    ("participants:\n  - {group: 学生, count: .inf}\n", "7:24: 这里要写一个具体的数字，不能写无穷大（.inf）或 .nan"),
    ("supplies:\n  - {item: 书, qty: .nan}\n", "7:20: 这里要写一个具体的数字，不能写无穷大（.inf）或 .nan"),
    ("end_date: 20261018\n", "6:11: 日期“20261018”请在年、月、日之间加短横线，写成 2026-10-18"),
    ("id: " + "a" * 300 + "\n", "6:5: 内容太长（最多 64 个字符），请改短一些"),
])
def test_values_get_chinese_messages(scratch, extra, expected):
    scratch.activity("a", BASE + extra)
    assert problems(scratch) == [f"content/activities/a.yaml:{expected}"]


@pytest.mark.parametrize("name, expected", [
    ('"a\\0b.jpg"', "这里有一个看不见的控制字符（U+0000），通常是从网页、微信或 Word 复制时带进来的，请删掉它（可以把这段文字重新输入一遍）"),
    ("x" * 300 + ".jpg", "图片文件名太长（304 个字），请把文件改个短一点的名字，这里也一起改"),
])
def test_bad_photo_names_are_located(scratch, name, expected):
    scratch.activity("a", BASE + f"report:\n  published: 2026-10-20\n  text: 报道\n  photos:\n    - {name}\n")
    assert problems(scratch) == [f"content/activities/a.yaml:10:7: {expected}"]


def test_impossible_lunar_birth_date_is_refused():
    from pydantic import ValidationError

    from generator.records.models import LunarBirth

    with pytest.raises(ValidationError, match="农历1940年没有闰2月"):
        LunarBirth.model_validate({"lunar": "闰二月三十", "year": 1940})
    with pytest.raises(ValidationError, match="农历2023年闰2月只有 29 天，没有30日"):
        LunarBirth.model_validate({"lunar": "闰二月三十", "year": 2023})
    assert LunarBirth.model_validate({"lunar": "腊月三十", "year": 1940}).lunar_day == 30


def test_explain_of_a_broken_file_lists_its_errors(scratch, capsys):
    path = scratch.activity("a", BASE.replace("2026-10-18", "2027年1月16日（星期五）").replace("location: ", "location："))
    assert main(["--root", str(scratch.root), "check", "--explain", str(path)]) == 1
    assert "content/activities/a.yaml:4:9: 把全角冒号“：”改成半角“:”，冒号后面加一个空格" in capsys.readouterr().err
    scratch.activity("a", BASE.replace("2026-10-18", "2027年1月16日（星期五）"))
    assert main(["--root", str(scratch.root), "check", "--explain", str(path)]) == 1
    assert "content/activities/a.yaml:3:7: 2027年1月16日是星期六，不是星期五" in capsys.readouterr().err
    assert main(["--root", str(scratch.root), "check", "--explain", "nowhere.yaml"]) == 1
    assert "找不到文件 nowhere.yaml" in capsys.readouterr().err


def test_supplies_on_one_line_are_items_with_the_quantity_left_blank():
    from generator.content.models import Activity
    from generator.printing.views import supply_line

    activity = Activity.model_validate({"id": "a", "title": "冬季义诊", "kind": "义诊", "date": "2026/12/5",
                                        "location": "文化礼堂", "organiser": "镇卫生院",
                                        "supplies": "血压计、血糖仪，体检表"})
    assert [(s.item, s.qty, s.amount) for s in activity.supplies] == [("血压计", None, None), ("血糖仪", None, None),
                                                                        ("体检表", None, None)]
    assert activity.supplies_total is None
    assert [supply_line(s) for s in activity.supplies] == ["血压计", "血糖仪", "体检表"]
    assert supply_line(activity.supplies[0].model_copy(update={"qty": Decimal("2"), "unit": "台"})) == "血压计　2台"


# ---- found writing an activity as a teacher would (this round) -----------------

@pytest.mark.parametrize("value, shown", [
    ({"name": "李老师", "phone": 13905711234}, "李老师 13905711234"),
    ({"name": "团委 李老师", "phone": "0571-86521234", "email": "tw@example.org"}, "团委 李老师 0571-86521234 tw@example.org"),
    ({"phone": "0571-86521234"}, "0571-86521234"),
    ("李老师 13905711234", "李老师 13905711234"),
])
def test_contact_written_like_the_sites_is_one_line(value, shown):
    assert activity(contact=value).contact == shown


def test_contact_with_other_parts_is_still_refused(scratch):
    scratch.activity("a", BASE + "contact:\n  name: 李老师\n  address: 青山村\n")
    assert problems(scratch) == ["content/activities/a.yaml:7:3: 这里应该是一段文字"]


@pytest.mark.parametrize("written, read", [
    ("十五人", [("", 15)]),
    ("竹亭中学团员青年15人、带队教师2人", [("竹亭中学团员青年", 15), ("带队教师", 2)]),
    ("党员志愿者十二名，3名教师", [("党员志愿者", 12), ("教师", 3)]),
    # the seeds' 活动参与人员: groups without counts, one line
    ("养老院老人、新芜路社区工作人员、安徽工程大学人文学院“阳光之旅”青年志愿者服务队队员",
     [("养老院老人", None), ("新芜路社区工作人员", None), ("安徽工程大学人文学院“阳光之旅”青年志愿者服务队队员", None)]),
    ("学生志愿者30人左右", [("学生志愿者30人左右", None)]),  # not an exact count: kept as written
    (["团员青年15人", {"group": "党员", "count": "十二"}], [("团员青年", 15), ("党员", 12)]),
])
def test_participants_as_organisers_write_them(written, read):
    assert [(p.group, p.count) for p in activity(participants=written).participants] == read


def test_participants_in_one_line_check_clean_and_print(scratch):
    from generator.content.explain import explain

    path = scratch.activity("a", BASE + "participants: 竹亭中学团员青年十五人、带队教师2人\n")
    assert problems(scratch) == []
    assert "  参与人员合计：17 人" in explain(scratch.root, path)


def test_a_mobile_typed_without_quotes_in_the_contact_is_still_told(scratch):
    from generator.privacy import masking_warnings

    scratch.activity("a", BASE + "contact:\n  name: 李老师\n  phone: 13905711234\n")
    assert [str(p) for p in masking_warnings(load_project(scratch.root))] == [
        "content/activities/a.yaml:8:10: 警告：联系电话里写了手机号“13905711234”，网站上会显示为“139****1234”，"
        "别人无法拨打。建议改写成办公电话。"]


@pytest.mark.parametrize("text, day", [("冬至 2026", dt.date(2026, 12, 22)), ("2025年冬至", dt.date(2025, 12, 21)),
                                       ("{festival: 冬至, year: 2027}", dt.date(2027, 12, 22))])
def test_dongzhi_is_a_festival_date(scratch, text, day):
    scratch.activity("a", BASE.replace("date: 2026-10-18", f"date: {text}"))
    a = load_project(scratch.root).activity("a")
    assert (a.day, a.festival) == (day, "冬至")


@pytest.mark.parametrize("line, time, item", [
    ("下午2点 集合点名，讲解安全注意事项", "14:00", "集合点名，讲解安全注意事项"),
    ("2:20 出发，步行前往敬老院", "02:20", "出发，步行前往敬老院"),
    ("14:00-14:20 开幕式", "14:00—14:20", "开幕式"),
    ("下午2点 - 2点半　为老人表演节目（合唱、诗朗诵）", "14:00—14:30", "为老人表演节目（合唱、诗朗诵）"),
    ("9:00—9:20\u3000签到", "09:00—09:20", "签到"),
])
def test_a_schedule_line_written_as_time_then_item(line, time, item):
    schedule = activity(schedule=[line, {"time": "15:00", "item": "合影"}]).schedule
    assert [(str(s.time), s.item) for s in schedule] == [(time, item), ("15:00", "合影")]


@pytest.mark.parametrize("line, message", [
    ("集合点名", "流程的这一行“集合点名”要以时间开头，时间和内容之间空一格，例如“14:00 集合点名”或“下午2点-2点20 集合点名”"),
    ("集合 点名", "时间“集合”的格式不对，请写成 24 小时制的“时:分”，例如 14:00（也可以写 下午2点、9点半）"),
])
def test_a_schedule_line_without_a_time_says_how_to_write_it(scratch, line, message):
    scratch.activity("chongyang", BASE + f"schedule:\n  - {line}\n")
    assert problems(scratch) == [f"content/activities/chongyang.yaml:7:5: {message}"]


def test_morning_or_afternoon_written_once_holds_for_the_schedules_later_times():
    """A teacher writes 下午 on the first line only: 2:20 after 下午2点 is 14:20, not 02:20 (in tracks too);
    a 24-hour time or a time of its own word is left as written."""
    lines = ["下午2点 集合点名", "2:20-2:40 出发", {"time": "3:20", "item": "陪老人聊天"}, "16:30 返校", "晚上7点 总结", "8:00 散会"]
    assert [str(s.time) for s in activity(schedule=lines).schedule] == [
        "14:00", "14:20—14:40", "15:20", "16:30", "19:00", "20:00"]
    tracks = activity(schedule={"tracks": [{"name": "礼堂", "items": ["下午2点 开幕", "3点 表演"]},
                                           {"name": "院内", "items": ["9:00 布置", "10:00 检查"]}]}).schedule
    assert [[str(i.time) for i in t.items] for t in tracks.tracks] == [["14:00", "15:00"], ["09:00", "10:00"]]
