"""Seeded mutation fuzzing of the demo's activity YAML: no internal error, every message Chinese and located."""

from __future__ import annotations

import random
import re

import pytest

from generator.content.project import load_project

from .conftest import REPO

PIECES = ["：", ": ", '"', "'", "\t", "#", " #x", "[", "]", "{", "}", "&a ", "*a", "<<: ", "- ", "\x01", "\\x00", "\\e",
          ".inf", ".nan", "9" * 50, "-1", "2026-02-30", "20261018", "!!python/object", "---", "\n", "  ", "%", "@", "`",
          "|", ">", "～", "null", "true", "1e400", "十二", "（星期五）", "\u3000", "\u2028", "\x1b"]
ENGLISH = re.compile(r"[A-Za-z]+ [a-z]+ [a-z]+|unicode string|Traceback")
CJK = re.compile(r"[\u4e00-\u9fff]")


def mutate(text: str, rng: random.Random) -> str:
    for _ in range(rng.randint(1, 3)):
        lines = text.split("\n")
        n = rng.randrange(len(lines))
        column = rng.randint(0, len(lines[n]))
        choice = rng.random()
        if choice < 0.6:
            lines[n] = lines[n][:column] + rng.choice(PIECES) + lines[n][column:]
        elif choice < 0.8:
            lines[n] = lines[n][:column]
        else:
            lines[n] = lines[n].lstrip()
        text = "\n".join(lines)
    return text


@pytest.mark.parametrize("seed", range(3))
def test_mutated_activities_get_located_chinese_answers(scratch, seed):
    rng = random.Random(seed)
    sources = sorted((REPO / "content" / "activities").glob("*.yaml"))
    for _ in range(100):
        text = mutate(rng.choice(sources).read_text(encoding="utf-8"), rng)
        scratch.write("content/activities/a.yaml", "")
        (scratch.root / "content" / "activities" / "a.yaml").write_text(text, encoding="utf-8")
        last_line = text.count("\n") + 1
        for problem in load_project(scratch.root, strict=False).problems:
            assert CJK.search(problem.message) and not ENGLISH.search(problem.message.replace(text, "")), (problem, text)
            assert 1 <= problem.line <= last_line and problem.column >= 1, (problem, text)
