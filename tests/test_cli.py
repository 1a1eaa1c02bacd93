"""The `huodong` command as a user runs it: exit codes, Chinese output, no tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from generator.content.schema import SCHEMAS, schema_text

from .conftest import MINIMAL_ACTIVITY, REPO


def run(*args: str, cwd) -> subprocess.CompletedProcess:
    env = {**os.environ, "HUODONG_DEBUG": ""}
    return subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def test_check_clean_project_exits_zero(scratch):
    scratch.activity("a")
    result = run("check", cwd=scratch.root)
    assert result.returncode == 0, result.stderr
    assert "检查通过：1 个活动，没有错误。" in result.stdout


def test_check_lists_every_error_and_exits_one(scratch):
    scratch.activity("a", MINIMAL_ACTIVITY.replace("title:", "titel:"))
    scratch.activity("b", MINIMAL_ACTIVITY.replace("2026-10-18", "2026-02-30"))
    result = run("check", cwd=scratch.root)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert "content/activities/a.yaml:1:1: 不认识的键“titel”，是不是想写“title”？" in lines
    assert "content/activities/b.yaml:3:7: 日期“2026-02-30”不存在，请检查月份和日子（例如 2 月没有 30 日）" in lines
    assert lines[-1] == "共 3 个错误，0 个警告。"


def test_garbage_input_never_shows_a_traceback(scratch):
    (scratch.root / "content/activities/a.yaml").write_bytes(os.urandom(4096))
    (scratch.root / "content/activities/b.yaml").write_text("{{{{ [[[ :::", encoding="utf-8")
    scratch.write("content/site.yaml", "- 不是设置\n")
    for command in ("check", "print", "build", "report", "new"):
        args = [command, "a"] if command == "report" else [command, "visit"] if command == "new" else [command]
        result = run(*args, cwd=scratch.root)
        assert "Traceback" not in result.stderr + result.stdout, (command, result.stderr)
        assert result.returncode != 0 or command == "new", command


def test_report_unknown_id_is_explained(scratch):
    scratch.activity("a")
    result = run("report", "nope", cwd=scratch.root)
    assert result.returncode == 1
    assert "没有编号为“nope”的活动。现有的活动：a" in result.stderr


def test_committed_schema_is_current():
    for name, model in SCHEMAS.items():
        committed = json.loads((REPO / "schema" / name).read_text(encoding="utf-8"))
        # compared as JSON: pydantic versions print the same schema with different number formatting
        assert committed == json.loads(schema_text(model)), f"schema/{name} is stale: run huodong schema"


def test_schema_describes_keys_in_chinese():
    schema = json.loads(schema_text(SCHEMAS["activity.schema.json"]))
    assert schema["properties"]["date"]["description"].startswith("日期，如 2026-10-18")
    assert schema["additionalProperties"] is False
