"""`huodong hours`, `huodong visits` and `huodong check` on records, as a user runs them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

FIXTURE = Path(__file__).parent / "fixtures" / "records" / "project"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "HUODONG_DEBUG": "", "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def copy(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURE, tmp_path / "p")
    return tmp_path / "p"


def test_hours_prints_chinese_tables(tmp_path):
    result = run("hours", "--year", "2026", cwd=copy(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "志愿服务时长（2026年）" in result.stdout
    assert "│ v01  │ 张明 │ 测试小学五（1）班 │    2 │         3.75 │" in result.stdout
    assert "各单位服务时长（2026年）" in result.stdout


def test_visits_lists_status_birthdays_and_writes_the_plan(tmp_path):
    root = copy(tmp_path)
    result = run("visits", "--month", "2026-10", cwd=root)
    assert result.returncode == 0, result.stderr
    assert "走访计划（2026年10月）" in result.stdout
    assert "赵秀英：农历九月初九（10月18日），86 岁" in result.stdout
    assert "1 位老人走访逾期，请优先安排。" in result.stdout  # 赵秀英 (红): no visit in September
    assert (root / "plans/internal/走访计划表-2026-10.pdf").is_file()


def test_visits_bad_month_is_a_chinese_error(tmp_path):
    result = run("visits", "--month", "十一月", cwd=copy(tmp_path))
    assert result.returncode == 1
    assert result.stderr.strip() == "月份“十一月”看不懂，请写成 2026-11 这样的“年-月”"


def test_check_reports_records_errors_with_the_rest(tmp_path):
    root = copy(tmp_path)
    elders = root / "content/people/elders.yaml"
    elders.write_text(elders.read_text(encoding="utf-8").replace("risk: 绿", "risk: 蓝")
                      .replace("volunteers: [v03]", "volunteers: [v30]"), encoding="utf-8")
    result = run("check", cwd=root)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines == [
        "content/people/elders.yaml:23:11: “蓝”不是可选的值，可以写：红、黄、绿",
        "content/people/elders.yaml:24:18: 志愿者编号“v30”不在志愿者名册里，请检查拼写或先把这位志愿者加进名册（现有：v01、v02、v03…）",
        "共 2 个错误，0 个警告。",
    ]
    assert "Traceback" not in result.stderr


def test_hours_without_a_roster(scratch):
    result = run("hours", cwd=scratch.root)
    assert result.returncode == 1
    assert "还没有志愿者名册" in result.stderr
