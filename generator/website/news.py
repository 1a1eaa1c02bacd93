"""News posts: the activities' reports plus content/news/*.md, as one list, newest first.

A news file is Markdown with YAML front matter::

    ---
    title: 情暖重阳 爱在敬老院
    date: 2026-10-20
    category: 重阳敬老
    activity: 2026-chongyang     # optional: links the post and the activity
    summary: 一句话摘要           # optional
    ---
    正文……（照片可以写在正文里：![合影](../media/2026/合影.jpg)）
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field

from ..content.errors import ContentError, Problem, display_path
from ..content.loader import Located, YamlError, read_text
from ..content.validation import validate
from ..privacy import PublicPhoto, PublicProject
from . import media
from .markup import images, render_markdown

DEFAULT_CATEGORY = "新闻动态"
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*\r?\n?", re.DOTALL | re.MULTILINE)
SLUG = re.compile(r"[^0-9A-Za-z\u4e00-\u9fff-]+")


class NewsFront(BaseModel):
    """新闻稿开头 --- 之间的设置。"""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    title: str = Field(min_length=2, description="标题")
    date: dt.date = Field(description="发布日期，如 2026-10-20")
    category: str = Field(default=DEFAULT_CATEGORY, min_length=1, description="栏目，如 重阳敬老")
    activity: str | None = Field(default=None, description="相关活动的编号")
    summary: str | None = Field(default=None, description="摘要")


@dataclass(frozen=True)
class NewsPost:
    slug: str  # the page is news/<slug>.md
    title: str
    date: dt.date
    category: str
    body: str  # Markdown, scrubbed of internal values
    summary: str | None
    activity_id: str | None
    photos: tuple[PublicPhoto, ...] = ()
    images: tuple[str, ...] = ()  # content/media/ names of the photos shown inside the text
    served: int | None = None
    volunteers: int | None = None


SLUG_LENGTH = 40  # characters: a file name has at most 255 bytes, and a Chinese character takes 3


def slugify(text: str) -> str:
    """A file-name-safe form of a category name; Chinese stays Chinese; a very long name is cut and
    told apart from others by a digest of the whole."""
    slug = SLUG.sub("-", text).strip("-") or "other"
    if len(slug) > SLUG_LENGTH:
        slug = f"{slug[:SLUG_LENGTH].rstrip('-')}-{hashlib.sha256(text.encode()).hexdigest()[:8]}"
    return slug


def collect_posts(root: Path, view: PublicProject) -> list[NewsPost]:
    """Every post, newest first; raises ContentError listing every bad news file."""
    posts = [_from_report(a) for a in view.activities if a.report is not None]
    problems: list[Problem] = []
    taken = {p.slug: f"活动 {p.activity_id} 的报道" for p in posts}
    for path in sorted((root / "content" / "news").glob("*.md")):
        if path.name.lower() == "readme.md":
            continue
        post = _read_file(path, display_path(path, root), view, problems)
        if post is None:
            continue
        if post.slug in taken:
            problems.append(Problem(display_path(path, root), 1, 1, f"这篇新闻稿的网址 news/{post.slug}.html 与{taken[post.slug]}相同，"
                                                                    "请给文件改个名字"))
            continue
        taken[post.slug] = display_path(path, root)
        posts.append(post)
    if problems:
        raise ContentError(problems)
    return sorted(posts, key=lambda p: (p.date, p.slug), reverse=True)


def _from_report(activity) -> NewsPost:
    report = activity.report
    return NewsPost(
        slug=activity.id, title=report.title, date=report.published, category=report.category,
        body=report.text, summary=None, activity_id=activity.id, photos=report.photos,
        images=inline_images(report.text), served=report.served, volunteers=report.volunteers,
    )


def inline_images(body: str | None) -> tuple[str, ...]:
    """The photos under content/media/ that the Markdown text shows (``![合影](../media/合影.jpg)``)."""
    names = (media.inline_image(src) for src in images(render_markdown(body)))
    return tuple(dict.fromkeys(name for name in names if name))


def _read_file(path: Path, shown: str, view: PublicProject, problems: list[Problem]) -> NewsPost | None:
    try:
        text, warnings = read_text(path, shown)
    except YamlError as error:
        problems.append(error.problem)
        return None
    match = FRONT_MATTER.match(text)
    if match is None:
        problems.append(Problem(shown, 1, 1, "新闻稿开头缺少用 --- 包起来的标题、日期等设置，请参照 content/news/README.md 补上"))
        return None
    located = _front_matter(match[1], shown, problems)
    if located is None:
        return None
    front, found = validate(NewsFront, located)
    problems.extend(found)
    if front is None:
        return None
    if front.activity and view.activity(front.activity) is None:
        line, column = located.position(("activity",))
        problems.append(Problem(shown, line, column, f"没有编号为“{front.activity}”的活动，请检查 activity 的拼写"))
        return None
    clean = view.scrubber
    body = clean(text[match.end():], markdown=True)
    return NewsPost(
        slug=slugify(path.stem), title=clean(front.title), date=front.date, category=clean(front.category),
        body=body, summary=clean(front.summary), activity_id=front.activity, images=inline_images(body),
    )


def _front_matter(text: str, shown: str, problems: list[Problem]) -> Located | None:
    """The front matter as a Located document; keys are located by their line."""
    try:
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        line = mark.line + 2 if mark else 1
        problems.append(Problem(shown, line, 1, "开头设置的格式不对，请检查这一行的冒号和引号"))
        return None
    if not isinstance(data, dict):
        problems.append(Problem(shown, 2, 1, "开头设置应该是“键: 值”形式，例如 title: 标题"))
        return None
    located = Located(shown, {str(k): v for k, v in data.items()})
    for number, line in enumerate(text.splitlines(), start=2):
        key = line.split(":", 1)[0].strip()
        if key in located.data and not line.startswith((" ", "\t")):
            located.values[(key,)] = (number, len(line) - len(line.lstrip()) + 1)
            located.keys[(key,)] = located.values[(key,)]
    return located
