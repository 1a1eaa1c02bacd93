"""Checks of content/people/ and commendations, run by `huodong check`."""

from __future__ import annotations

from ..content.errors import Problem
from ..content.project import Project
from .load import load_records


def check_records(project: Project) -> list[Problem]:
    return load_records(project, strict=False).problems
