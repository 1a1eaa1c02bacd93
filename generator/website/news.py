"""News posts: the activities' reports plus content/news/*.md, as one list, newest first.

The news files are read and validated by ``content.news`` (the same rules `huodong check` applies);
here they become public posts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..content.errors import ContentError, Problem
from ..content.news import NewsFile, load_news
from ..privacy import PublicPhoto, PublicProject
from . import media
from .markup import images, render_markdown

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


def collect_posts(root: Path, view: PublicProject) -> list[NewsPost]:
    """Every post, newest first; raises ContentError listing every bad news file."""
    posts = [_from_report(a) for a in view.activities if a.report is not None]
    taken = {p.slug: f"活动 {p.activity_id} 的报道" for p in posts}
    files, problems = load_news(root, {a.id for a in view.activities})
    for news in files:
        post = _post(news, view)
        if post.slug in taken:
            problems.append(Problem(news.shown, 1, 1, f"这篇新闻稿的网址 news/{post.slug}.html 与{taken[post.slug]}相同，"
                                                      "请给文件改个名字"))
            continue
        taken[post.slug] = news.shown
        posts.append(post)
    if any(problem.is_error for problem in problems):  # a warning (a GBK file, read as GBK) is check's to show
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


def _post(news: NewsFile, view: PublicProject) -> NewsPost:
    clean = view.scrubber
    body = clean(news.body, markdown=True)
    front = news.front
    return NewsPost(
        slug=news.slug, title=clean(front.title), date=front.date, category=clean(front.category),
        body=body, summary=clean(front.summary), activity_id=front.activity, images=inline_images(body),
    )
