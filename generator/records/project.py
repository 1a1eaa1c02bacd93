"""Checks of content/people/ and commendations, run by `huodong check`."""

from __future__ import annotations

from ..content.errors import Problem
from ..content.project import Project
from .load import load_records
from .verify import check_verification


def check_records(project: Project) -> list[Problem]:
    records = load_records(project, strict=False)
    if records.errors:
        return records.problems
    return records.problems + check_verification(project, records)
