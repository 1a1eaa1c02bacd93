"""The first hour as a new organiser lives it: Chinese usage and errors, init NAME, new, report --save."""

from __future__ import annotations

import datetime as dt
import re
import subprocess

import pytest
import yaml
from pypdf import PdfReader

from generator.cli import main, only_names
from generator.console import report_problems
from generator.content.errors import Problem, UserError
from generator.content.models import Attendance
from generator.content.project import load_project
from generator.privacy import public_view
from generator.records.hours import services
from generator.records.load import load_records
from generator.records.models import ElderFile, VolunteerFile
from generator.website.report import draft_report

from .conftest import MINIMAL_ACTIVITY
from .site_helpers import fixture_project

NAME = "长青社区志愿服务队"
DEMO_IDENTITY = ("竹亭", "王老师", "0571-12345678", "ZTZY", "logo.png")


def fails(capsys, *argv: str) -> str:
    """Run huodong with arguments argparse refuses; its stderr."""
    with pytest.raises(SystemExit) as exit_:
        main(list(argv))
    assert exit_.value.code == 2
    return capsys.readouterr().err


# ---- every message Chinese ------------------------------------------------------

def test_usage_errors_are_chinese_and_say_where_to_read_more(capsys):
    assert fails(capsys, "new").splitlines() == [
        "用法：huodong new [-h] [--id 编号] [--date 日期] 类别",
        "huodong new：缺少参数：类别。运行 huodong new -h 查看用法。",
    ]
    assert fails(capsys, "new", "婚礼").splitlines()[-1] == (
        "huodong new：类别：没有“婚礼”这种活动类别，可以用：visit（走访/走访慰问/慰问/入户走访/探访/家访）、festival（节日/节日活动）、"
        "outing（外出/外出实践/实践/外出活动）、clinic（义诊/义诊服务）、programme（结对/帮扶/结对帮扶/结对帮扶项目/项目）。"
        "运行 huodong new -h 查看用法。")
    assert fails(capsys, "nope").splitlines()[-1].startswith("huodong：命令：不认识“nope”，可以用：'check', 'schema', 'new'")
    assert fails(capsys, "new", "visit", "--date", "2026-13-01").splitlines()[-1] == (
        "huodong new：--date：日期“2026-13-01”不存在，请检查月份和日子（例如 2 月没有 30 日）。运行 huodong new -h 查看用法。")
    assert fails(capsys, "print", "--bogus").splitlines()[-1] == "huodong：多余的参数：--bogus。运行 huodong -h 查看用法。"


def test_help_is_chinese(capsys):
    with pytest.raises(SystemExit):
        main(["report", "-h"])
    help_text = capsys.readouterr().out
    assert help_text.startswith("用法：huodong report [-h] [--save] 编号")
    assert "把草稿存到 content/news/（不会覆盖已有文件）" in help_text
    assert not re.search(r"usage|options|show this help|positional", help_text)


def test_only_takes_chinese_document_names_and_chinese_commas():
    assert only_names("方案，报名表、签到表 流程表;证书") == ["plan", "signup", "signin", "schedule", "certificates"]
    assert only_names("plan,活动方案（Word）,现场清单") == ["plan", "docx", "checklist"]


def test_locations_print_without_emoji(capsys):
    report_problems([Problem("x.yaml", 100, 1, "日期不对")])
    assert capsys.readouterr().err.splitlines()[0] == "x.yaml:100:1: 日期不对"


# ---- init NAME and new ----------------------------------------------------------

def test_init_name_is_the_organisation_everywhere_and_no_demo_identity_survives(tmp_path, capsys):
    root = tmp_path / NAME
    assert main(["init", str(root)]) == 0
    assert f"组织名称：{NAME}" in capsys.readouterr().out
    project = load_project(root)
    assert (project.site.name, project.site.signatory) == (NAME, NAME)
    example = project.activity("2026-chongyang")
    assert example.example and example.organiser == NAME
    assert "删掉 example: true 这一行" in (root / "content/activities/2026-chongyang.yaml").read_text(encoding="utf-8")
    (root / "content/pages/CNAME").write_text("huodong.example.org\n", encoding="utf-8")

    assert main(["--root", str(root), "build"]) == 0
    leaked = [(path.relative_to(root).as_posix(), demo) for path in root.rglob("*") if path.is_file()
              for demo in DEMO_IDENTITY if demo.encode() in path.read_bytes()]
    assert leaked == []
    plan = "".join("".join(page.extract_text().split()) for page in PdfReader(root / "plans/2026-chongyang/plan.pdf").pages)
    assert NAME in plan  # printed, as an example may be
    home = (root / "site/index.html").read_text(encoding="utf-8")
    assert f"<title>首页 - {NAME}</title>" in home
    assert "hd-totals" not in home  # every total is zero: none is shown
    assert "情暖重阳" not in home + (root / "site/calendar.ics").read_text(encoding="utf-8")
    assert not (root / "site/activities/2026-chongyang.html").exists()
    assert (root / "site/CNAME").read_text(encoding="utf-8") == "huodong.example.org\n"

    dead = subprocess.Popen(["true"])
    dead.wait()
    leftover = root / f".site.new-{dead.pid}"  # a killed build's half-built site
    leftover.mkdir()
    assert main(["--root", str(root), "build"]) == 0
    assert "网站没有变化" in capsys.readouterr().out  # this build makes no site, and still cleans up
    assert not leftover.exists()


def test_example_activity_is_not_published_counted_or_certified_until_made_real(scratch):
    scratch.write("content/people/volunteers.yaml", "volunteers:\n  - {id: v01, name: 张明}\n")
    scratch.activity("a", MINIMAL_ACTIVITY + "example: true\nattendance:\n  - volunteer: v01\n")
    project = load_project(scratch.root)
    assert public_view(project).activities == ()
    assert services(project, load_records(project)) == []
    scratch.activity("a", MINIMAL_ACTIVITY + "attendance:\n  - volunteer: v01\n")  # `example: true` deleted
    project = load_project(scratch.root)
    assert [a.id for a in public_view(project).activities] == ["a"]
    assert [s.volunteer for s in services(project, load_records(project))] == ["v01"]


def test_people_readme_examples_are_valid(tmp_path):
    main(["init", str(tmp_path / "p")])
    text = (tmp_path / "p/content/people/README.md").read_text(encoding="utf-8")
    volunteers, elders, attendance = (yaml.safe_load(block) for block in re.findall(r"```yaml\n(.*?)```", text, re.S))
    assert VolunteerFile.model_validate(volunteers).volunteers[0].id == "v01"
    assert ElderFile.model_validate(elders).elders[0].visits[0].hours == 1.5
    assert [Attendance.model_validate(a).volunteer for a in attendance["attendance"]] == ["v01", "v02"]


def test_new_takes_chinese_kinds_and_names_the_file_after_the_activity(tmp_path, capsys):
    root = tmp_path / NAME
    main(["init", str(root)])
    assert main(["--root", str(root), "new", "走访", "--id", "songnuan", "--date", "2026-12-20"]) == 0
    path = root / "content/activities/2026-12-20-songnuan.yaml"
    assert f"已新建 {path}" in capsys.readouterr().out
    assert main(["--root", str(root), "new", "义诊"]) == 0
    project = load_project(root)
    visit = project.activity("songnuan")
    assert (visit.kind, visit.day, visit.organiser, visit.example) == ("visit", dt.date(2026, 12, 20), NAME, False)
    assert visit.signup.deadline < visit.day  # the scaffold's deadline moved with the date
    assert project.activity("2026-12-05-clinic").kind == "clinic"  # no --date: the scaffold's own date


# ---- report ---------------------------------------------------------------------

def test_report_save_writes_news_never_overwriting(tmp_path, capsys):
    root = fixture_project(tmp_path / "project")
    today = dt.date.today().isoformat()
    for expected in (f"{today}-2026-chongyang.md", f"{today}-2026-chongyang-2.md"):
        assert main(["--root", str(root), "report", "2026-chongyang", "--save"]) == 0
        assert f"已把新闻稿草稿写入 content/news/{expected}" in capsys.readouterr().out
    first = (root / f"content/news/{today}-2026-chongyang.md").read_text(encoding="utf-8")
    assert first == (root / f"content/news/{today}-2026-chongyang-2.md").read_text(encoding="utf-8")
    assert 'activity: "2026-chongyang"' in first


def test_report_refuses_an_activity_that_has_not_happened(tmp_path):
    root = fixture_project(tmp_path / "project")
    project = load_project(root)
    with pytest.raises(UserError) as refused:
        draft_report(project, project.activity("2026-chongyang"), today=dt.date(2026, 10, 1))
    assert str(refused.value) == ("活动“情暖重阳·走进敬老院志愿服务活动”在2026年10月18日举行，还没有开展（今天是2026年10月1日）。"
                                  "新闻稿写的是已经开展的活动，请在活动结束后再运行 huodong report 2026-chongyang")


def test_report_wording_follows_the_kind(scratch):
    scratch.activity("yizhen", MINIMAL_ACTIVITY.replace("kind: festival", "kind: clinic") +
                     "beneficiaries:\n  - {name: 李秀英, gender: 女}\n  - {name: 王某福, gender: 男}\n")
    project = load_project(scratch.root)
    draft = draft_report(project, project.activity("yizhen"), today=dt.date(2026, 10, 19))
    assert "医护人员和志愿者们为李奶奶、王爷爷2位老人测量血压、血糖，提供健康咨询。" in draft
    assert "把健康服务送到了老人家门口" in draft
    assert "节日的问候" not in draft and "李秀英" not in draft
