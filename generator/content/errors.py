"""Problems found in a user's content, each located at file:line:column.

Every message is simplified Chinese and says what to do: users are organisers,
not programmers, and this is what they read.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ERROR = "错误"
WARNING = "警告"


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: int
    message: str
    level: str = ERROR

    def __str__(self) -> str:
        prefix = "" if self.level == ERROR else "警告："
        return f"{self.path}:{self.line}:{self.column}: {prefix}{self.message}"

    @property
    def is_error(self) -> bool:
        return self.level == ERROR


class UserError(Exception):
    """A problem the user can fix that is not tied to one place in a file; the message is Chinese and says how."""


class ContentError(Exception):
    """Raised when content cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self):  # sent from the process that builds the site to the one that reports
        return ContentError, (self.problems,)


def display_path(path: Path, root: Path | None = None) -> str:
    """The path as the user knows it: relative to the project, with forward slashes."""
    path = Path(path)
    if root is not None:
        try:
            return path.resolve().relative_to(Path(root).resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()
