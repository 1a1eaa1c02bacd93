"""Checks of content/people/ and commendations; filled in by the records work."""

from __future__ import annotations

from ..content.errors import Problem
from ..content.project import Project


def check_records(project: Project) -> list[Problem]:
    return []
