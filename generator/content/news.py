"""News files (content/news/*.md): read, validated and located, for `huodong check` and the site alike.

A news file is Markdown with YAML front matter::

    ---
    title: 情暖重阳 爱在敬老院
    date: 2026-10-20
    category: 重阳敬老
    activity: 2026-chongyang     # optional: links the post and the activity
    summary: 一句话摘要           # optional
    ---
    正文……（照片可以写在正文里：![合影](../media/2026/合影.jpg)）

Everything `check` accepts here the site can build: the rules live only in this module.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import Field, field_validator
from pydantic_core import PydanticCustomError

from .errors import Problem, display_path
from .loader import CONTROL, CONTROL_MESSAGE, YamlError, parse_yaml, read_text
from .models import Day, Model
from .validation import validate

DEFAULT_CATEGORY = "新闻动态"
MAX_CATEGORY = 20  # characters; a category is a menu entry and part of an address
MAX_SLUG_BYTES = 150  # the page is news/<slug>.md: file systems allow 255 bytes per name
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*\r?\n?", re.DOTALL | re.MULTILINE)
SLUG_LENGTH = 40  # characters: a file name has at most 255 bytes, and a Chinese character takes 3
SLUG = re.compile(r"[^0-9A-Za-z\u4e00-\u9fff-]+")
# Characters XML (the site's pages and feed) cannot carry, and other invisible controls.


class NewsFront(Model):
    """新闻稿开头 --- 之间的设置。"""

    title: str = Field(min_length=2, description="标题")
    date: Day = Field(description="发布日期，如 2026-10-20")
    category: str = Field(default=DEFAULT_CATEGORY, min_length=1, description="栏目，如 重阳敬老（不超过 20 个字）")
    activity: str | None = Field(default=None, description="相关活动的编号")
    summary: str | None = Field(default=None, description="摘要")

    @field_validator("title", "category", "activity", "summary")
    @classmethod
    def _visible(cls, value: str | None) -> str | None:
        """No control character, not even one written as a YAML escape ("\\e", "\\0")."""
        if value and (found := CONTROL.search(value)):
            raise PydanticCustomError("control_character", CONTROL_MESSAGE, {"code": f"{ord(found[0]):04X}"})
        return value

    @field_validator("category")
    @classmethod
    def _short_category(cls, value: str) -> str:
        if len(value) > MAX_CATEGORY:
            raise PydanticCustomError("category_length", "栏目名称太长（{length} 个字），请不超过 {limit} 个字",
                                      {"length": len(value), "limit": MAX_CATEGORY})
        return value


@dataclass(frozen=True)
class NewsFile:
    path: Path
    shown: str  # as the user knows it: content/news/xxx.md
    slug: str  # the page is news/<slug>.md
    front: NewsFront
    body: str  # the Markdown after the front matter
    activity_at: tuple[int, int]  # where ``activity`` is written, for a message about it


def slugify(text: str) -> str:
    """A file-name-safe form of a name; Chinese stays Chinese; a very long name is cut and told apart
    from others by a digest of the whole."""
    slug = SLUG.sub("-", text).strip("-") or "other"
    if len(slug) > SLUG_LENGTH:
        slug = f"{slug[:SLUG_LENGTH].rstrip('-')}-{hashlib.sha256(text.encode()).hexdigest()[:8]}"
    return slug


def news_paths(root: Path) -> list[Path]:
    folder = Path(root) / "content" / "news"
    return sorted(p for p in folder.glob("*.md") if p.name.lower() != "readme.md")


def load_news(root: Path, activity_ids: set[str] | None = None) -> tuple[list[NewsFile], list[Problem]]:
    """Every valid news file and every problem of the others; ``activity`` must name one of ``activity_ids``."""
    files, problems = [], []
    for path in news_paths(root):
        news = read_news(path, display_path(path, root), problems)
        if news is None:
            continue
        if activity_ids is not None and news.front.activity and news.front.activity not in activity_ids:
            problems.append(Problem(news.shown, *news.activity_at, f"没有编号为“{news.front.activity}”的活动，"
                                                                   "请检查 activity 的拼写"))
            continue
        files.append(news)
    return files, problems


def check_news(project) -> list[Problem]:
    """The problems of content/news/ for `huodong check`."""
    return load_news(project.root, {a.id for a in project.activities})[1]


def read_news(path: Path, shown: str, problems: list[Problem]) -> NewsFile | None:
    try:
        text, warnings = read_text(path, shown)
    except YamlError as error:
        problems.extend(error.problems)
        return None
    problems.extend(warnings)
    if found := _control_characters(text, shown):
        problems.extend(found)
        return None
    match = FRONT_MATTER.match(text)
    if match is None:
        problems.append(Problem(shown, 1, 1, "新闻稿开头缺少用 --- 包起来的标题、日期等设置，请参照 content/news/README.md 补上"))
        return None
    try:
        located = parse_yaml("\n" + match[1], shown)  # padded so that lines count from the file's first line
    except YamlError as error:
        problems.extend(error.problems)
        return None
    if not isinstance(located.data, dict):
        problems.append(Problem(shown, 2, 1, "开头设置应该是“键: 值”形式，例如 title: 标题"))
        return None
    front, found = validate(NewsFront, located)
    problems.extend(found)
    if front is None:
        return None
    if len(path.stem.encode()) > MAX_SLUG_BYTES:
        problems.append(Problem(shown, 1, 1, f"文件名太长（{len(path.stem)} 个字），网站上存不下这个网址，请把文件名改短"))
        return None
    return NewsFile(path, shown, slugify(path.stem), front, text[match.end():], located.position(("activity",)))


def _control_characters(text: str, shown: str) -> list[Problem]:
    """One problem per line with an invisible control character (they break the site's pages and feed)."""
    problems = []
    for number, line in enumerate(text.split("\n"), start=1):
        if found := CONTROL.search(line.rstrip("\r")):
            problems.append(Problem(shown, number, found.start() + 1, CONTROL_MESSAGE.format(code=f"{ord(found[0]):04X}")))
    return problems
