"""Every class of content error is reported as file:line:column with the exact Chinese message."""

from __future__ import annotations

import pytest

from generator.content.project import load_project


def problems(scratch) -> list[str]:
    return [str(p) for p in load_project(scratch.root, strict=False).problems]


BASE = """\
title: 情暖重阳
kind: festival
date: 2026-10-18
time: "14:00-16:30"
location: 竹亭镇敬老院
organiser: 竹亭中心小学
"""

CASES = [
    pytest.param(
        BASE.replace("title:", "titel:"),
        ["content/activities/a.yaml:1:1: 不认识的键“titel”，是不是想写“title”？",
         "content/activities/a.yaml:1:1: 缺少必填项“title”，请补上"],
        id="misspelt-key",
    ),
    pytest.param(
        BASE + "signup:\n  capacty: 30\n",
        ["content/activities/a.yaml:8:3: 不认识的键“capacty”，是不是想写“capacity”？",
         "content/activities/a.yaml:8:3: 缺少必填项“capacity”，请补上"],
        id="misspelt-nested-key",
    ),
    pytest.param(
        BASE + "colour: red\n",
        ["content/activities/a.yaml:7:1: 不认识的键“colour”。这一层可以写：" + "、".join(
            __import__("generator.content.models", fromlist=["Activity"]).Activity.model_fields)],
        id="unknown-key-lists-allowed",
    ),
    pytest.param(
        BASE.replace("kind: festival", "kind: party"),
        ["content/activities/a.yaml:2:7: “party”不是可选的值，可以写：走访慰问（visit）、节日活动（festival）、外出实践（outing）、义诊服务（clinic）、结对帮扶项目（programme）"],
        id="bad-kind",
    ),
    pytest.param(
        BASE.replace("2026-10-18", "2026-02-30"),
        ["content/activities/a.yaml:3:7: 日期“2026-02-30”不存在，请检查月份和日子（例如 2 月没有 30 日）"],
        id="impossible-date",
    ),
    pytest.param(
        BASE.replace('"14:00-16:30"', '"14:00-25:10"'),
        ["content/activities/a.yaml:4:7: 时间“25:10”不存在：小时应在 0—23，分钟应在 0—59"],
        id="impossible-time",
    ),
    pytest.param(
        BASE.replace('"14:00-16:30"', "14:00"),
        [],
        id="unquoted-time-is-not-base-60",
    ),
    pytest.param(
        BASE + "participants:\n  - group: 学生志愿者\n    count: -5\n",
        ["content/activities/a.yaml:9:12: 不能小于 0（现在是 -5），请检查"],
        id="negative-count",
    ),
    pytest.param(
        BASE + "signup:\n  capacity: 30\n  deadline: 2026-10-20\n  form_url: https://wj.qq.com/s/1\n",
        ["content/activities/a.yaml:9:13: 报名截止日期 2026-10-20 晚于活动日期 2026-10-18，"
         "请把 signup.deadline 改到活动之前"],
        id="deadline-after-activity",
    ),
    pytest.param(
        BASE + "phases:\n  - name: 宣传发动\n    start: 2026-10-01\n    end: 2026-09-20\n",
        ["content/activities/a.yaml:10:10: 阶段“宣传发动”的结束日期 2026-09-20 早于开始日期 2026-10-01，请检查"],
        id="phase-ends-before-start",
    ),
    pytest.param(
        BASE + 'schedule:\n  - time: "14:30"\n    item: 文艺表演\n  - time: "14:00"\n    item: 集合\n',
        ["content/activities/a.yaml:10:11: 警告：流程时间 14:00 早于上一项，顺序可能写反了"],
        id="schedule-out-of-order-warning",
    ),
    pytest.param(
        BASE + 'schedule:\n  tracks:\n    - name: 敬老院\n      items:\n        - {time: "9:00", item: 表演, plase: 礼堂}\n',
        ["content/activities/a.yaml:11:36: 不认识的键“plase”，是不是想写“place”？"],
        id="key-inside-tracks",
    ),
    pytest.param(
        BASE.replace("date: 2026-10-18", "date: {festival: 重阳, year: 2026}"),
        ["content/activities/a.yaml:3:18: “重阳”不是可选的值，可以写：" ],
        id="unknown-festival",
    ),
    pytest.param(
        BASE.replace("location: 竹亭镇敬老院\n", ""),
        ["content/activities/a.yaml:1:1: 缺少必填项“location”，请补上"],
        id="missing-required",
    ),
    pytest.param(
        BASE + "signup:\n  capacity: 三十多\n",
        ["content/activities/a.yaml:8:13: “三十多”不是确切的数字，请写一个数，如 30"],
        id="not-a-number",
    ),
    pytest.param(
        BASE + "signup:\n  capacity: 20\n  form_url: javascript:alert(1)\n",
        ["content/activities/a.yaml:9:13: 报名链接必须以 http:// 或 https:// 开头"],
        id="form-url-scheme",
    ),
    pytest.param(
        BASE + "title: 重复的标题\n",
        ["content/activities/a.yaml:7:1: 键“title”在同一层重复出现，请删掉或合并其中一个"],
        id="duplicate-key",
    ),
    pytest.param(
        BASE + "purpose:\n\t- 弘扬美德\n",
        ["content/activities/a.yaml:8:1: 这一行用了 Tab 键缩进，请改用空格"],
        id="tab-indent",
    ),
    pytest.param(
        BASE + "theme: 孝亲敬老: 情暖重阳\n",
        ["content/activities/a.yaml:7:12: 内容里的“: ”（冒号加空格）会被当成新的键：请把这个冒号改成全角“：”，或给整段内容加上引号"],
        id="colon-in-value",
    ),
    pytest.param(
        BASE + "theme: !!python/object/apply:os.system [echo hacked]\n",
        ["content/activities/a.yaml:7:8: 不支持 YAML 标签“!!python/object/apply:os.system”，请删掉它"],
        id="python-tag-refused",
    ),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_error_is_located_with_exact_message(scratch, text, expected):
    scratch.activity("a", text)
    found = problems(scratch)
    if expected and expected[0].endswith("可以写："):
        assert found[0].startswith(expected[0]) and "重阳节" in found[0]
    else:
        assert found == expected


def test_duplicate_ids_across_files(scratch):
    scratch.activity("a", BASE + "id: chongyang\n")
    scratch.activity("b", BASE + "id: chongyang\n")
    assert problems(scratch) == [
        "content/activities/b.yaml:7:1: 活动编号“chongyang”与 content/activities/a.yaml 重复，请改成不同的编号"
    ]


def test_file_name_that_cannot_be_an_id(scratch):
    scratch.activity("！！", BASE)
    assert problems(scratch) == [
        "content/activities/！！.yaml:1:1: 文件名“！！.yaml”不能作活动编号：请把文件名改短一些（小写字母、数字和连字符，"
        "或几个汉字），例如 2026-chongyang.yaml，或在文件里写 id: 2026-chongyang"
    ]


def test_every_error_in_every_file_at_once(scratch):
    scratch.activity("a", BASE.replace("kind: festival", "kind: party"))
    scratch.activity("b", BASE.replace("2026-10-18", "2026-13-01"))
    scratch.activity("c", BASE + "budget: {total: -1}\n")
    found = problems(scratch)
    assert [p.split(":")[0] for p in found] == [
        "content/activities/a.yaml", "content/activities/b.yaml", "content/activities/c.yaml"]


def test_missing_site_yaml(scratch):
    (scratch.root / "content" / "site.yaml").unlink()
    assert problems(scratch) == [
        "content/site.yaml:1:1: 找不到全站设置文件 content/site.yaml，请运行 huodong init 创建，或参照 README 新建"
    ]


def test_festival_date_resolves(scratch):
    scratch.activity("a", BASE.replace("date: 2026-10-18", "date: {festival: 重阳节, year: 2026}"))
    project = load_project(scratch.root)
    activity = project.activity("a")
    assert (activity.day.isoformat(), activity.festival, activity.hours) == ("2026-10-18", "重阳节", 2.5)


def test_missing_or_escaping_photos_are_errors(scratch):
    (scratch.root / "content/media").mkdir()
    (scratch.root / "content/media/ok.jpg").write_bytes(b"\xff\xd8\xff")
    scratch.activity("a", BASE + """\
report:
  published: 2026-10-20
  text: 活动顺利举行。
  photos:
    - ok.jpg
    - missing.jpg
    - {file: ../../../etc/passwd, caption: 不该读到}
""")
    assert problems(scratch) == [
        "content/activities/a.yaml:12:7: 找不到图片 content/media/missing.jpg，请检查文件名（包括扩展名 .jpg/.png）",
        "content/activities/a.yaml:13:14: “../../../etc/passwd”不在 content/media/ 文件夹里：图片请放进 content/media/，这里只写文件名",
    ]


def test_sign_up_sheets_without_a_qr_code_are_said_once(tmp_path):
    """Without a site url (and no online form) the sheets print no QR code: one warning, on site.yaml."""
    from generator.content.project import load_project, site_warnings

    (tmp_path / "content" / "activities").mkdir(parents=True)
    (tmp_path / "content" / "site.yaml").write_text("name: 长青社区志愿服务队\n", encoding="utf-8")
    for name, form in (("a", ""), ("b", ""), ("c", "\n  form_url: https://wj.qq.com/s/1")):
        (tmp_path / "content" / "activities" / f"{name}.yaml").write_text(
            f"title: 走访活动{name}\nkind: 走访\ndate: 2027-03-05\nlocation: 长青社区\norganiser: 长青社区居委会\n"
            f"signup:\n  capacity: 10{form}\n", encoding="utf-8")
    warnings = [str(p) for p in site_warnings(load_project(tmp_path, strict=False))]
    assert warnings == ["content/site.yaml:1:1: 警告：没有写网站地址 url，a、b的报名表不印二维码：在本文件写上 url，"
                        "或在活动的 signup 里写 form_url（在线报名链接），再重新生成"]


def test_an_attachment_name_too_long_for_a_file_is_only_listed(tmp_path):
    """A 附件 name longer than a file name can be: a located warning, not an unlocated stop of check."""
    from generator.content.project import load_project

    (tmp_path / "content" / "activities").mkdir(parents=True)
    (tmp_path / "content" / "site.yaml").write_text("name: 长青社区志愿服务队\n", encoding="utf-8")
    long_name = "居家养老服务情况说明" + "长" * 90
    (tmp_path / "content" / "activities" / "a.yaml").write_text(
        "title: 走访活动\nkind: visit\ndate: 2027-03-05\nlocation: 长青社区\norganiser: 长青社区居委会\n"
        f"notice:\n  issuer: 长青社区居委会\n  attachments:\n    - {long_name}\n", encoding="utf-8")
    problems = [str(p) for p in load_project(tmp_path, strict=False).problems]
    assert len(problems) == 1 and problems[0].startswith("content/activities/a.yaml:9:7: 警告：附件“居家养老服务情况说明长")
