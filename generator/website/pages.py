"""Which pages the site has, what each shows, and the navigation.

``plan_pages`` turns the public view and the news posts into ``PageSpec``s: a
page path, its title, the template that lays it out and the ready-made values
the template gets. Nothing here renders HTML or touches mkdocs.

Activity and news pages stay out of the navigation, so an activity page's HTML
is the same size whether the site has 10 activities or 1,000.

News is a small blog of our own (list pages, categories, yearly archive, RSS in
feeds.py) rather than mkdocs-material's blog plugin: that plugin reads posts
from files on disk (``open(file.abs_src_path)``) and writes its index page into
docs_dir, so it cannot take posts made with ``File.generated``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from markupsafe import escape

from ..content.models import KIND_LABELS
from ..privacy import PublicActivity, PublicProject
from ..content.news import slugify
from .news import NewsPost

HOME_COMMENDATIONS = 6


@dataclass(frozen=True)
class PageSpec:
    src_uri: str
    title: str
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    nav_title: str | None = None  # pages without one are reached by links, not the sidebar
    hide: tuple[str, ...] = ()  # mkdocs-material sidebars to hide: "navigation", "toc"


@dataclass(frozen=True)
class Totals:
    held: int
    served: int
    hours: str  # formatted: "1,234" or "12.5"
    elders: int = 0  # elders in the programme archive (counts only, never who)
    visits: int = 0  # home visits logged


@dataclass(frozen=True)
class Options:
    today: dt.date
    upcoming: int
    latest: int
    news_per_page: int


def activity_uri(activity_id: str) -> str:
    return f"activities/{activity_id}.md"


def post_uri(slug: str) -> str:
    return f"news/{slug}.md"


def year_uri(year: int) -> str:
    return f"activities/year/{year}.md"


def kind_uri(kind: str) -> str:
    return f"activities/kind/{kind}.md"


def category_uri(category: str) -> str:
    return f"news/category/{slugify(category)}.md"


def archive_uri(year: int) -> str:
    return f"news/archive/{year}.md"


def news_page_uri(number: int) -> str:
    return "news/index.md" if number == 1 else f"news/page/{number}.md"


def totals(view: PublicProject, today: dt.date) -> Totals:
    held = [a for a in view.activities if a.day <= today]
    served = sum(a.report.served or 0 for a in view.activities if a.report)
    hours = sum((a.volunteer_hours for a in held), Decimal(0))
    shown = f"{hours:,.0f}" if hours == hours.to_integral_value() else f"{hours:,.1f}"
    programme = view.programme
    return Totals(held=len(held), served=served, hours=shown,
                  elders=programme.elders if programme else 0, visits=programme.visits if programme else 0)


def plan_pages(view: PublicProject, posts: list[NewsPost], options: Options) -> list[PageSpec]:
    pages = [_home(view, posts, options), *_activity_pages(view, posts, options), *_news_pages(view, posts, options)]
    pages.append(PageSpec("commendations.md", "表彰", "commendations.html",
                          {"commendations": view.commendations, "honour_roll": view.honour_roll}, nav_title="表彰"))
    pages.append(_calendar(view, options))
    return pages


def _home(view: PublicProject, posts: list[NewsPost], options: Options) -> PageSpec:
    upcoming = [a for a in view.activities if a.day >= options.today][: options.upcoming]
    return PageSpec("index.md", "首页", "home.html", {
        "upcoming": upcoming,
        "posts": posts[: options.latest],
        "commendations": view.commendations[:HOME_COMMENDATIONS],
        "totals": totals(view, options.today),
    }, nav_title="首页", hide=("navigation", "toc"))


def _activity_pages(view: PublicProject, posts: list[NewsPost], options: Options) -> list[PageSpec]:
    by_year: dict[int, list[PublicActivity]] = defaultdict(list)
    by_kind: dict[str, list[PublicActivity]] = defaultdict(list)
    related: dict[str, list[NewsPost]] = defaultdict(list)
    for activity in view.activities:
        by_year[activity.year].append(activity)
        by_kind[activity.kind].append(activity)
    for post in posts:
        if post.activity_id:
            related[post.activity_id].append(post)
    years = sorted(by_year, reverse=True)
    kinds = [k for k in KIND_LABELS if k in by_kind]
    pages = [PageSpec("activities/index.md", "活动", "activities.html", {
        "years": [(y, len(by_year[y])) for y in years],
        "kinds": [(k, KIND_LABELS[k], len(by_kind[k])) for k in kinds],
        "upcoming": [a for a in view.activities if a.day >= options.today],
    }, nav_title="活动")]
    for year in years:
        pages.append(PageSpec(year_uri(year), f"{year}年的活动", "activity_list.html",
                              {"heading": f"{year}年的活动", "months": _by_month(by_year[year])}, nav_title=f"{year}年"))
    for kind in kinds:
        pages.append(PageSpec(kind_uri(kind), KIND_LABELS[kind], "activity_list.html",
                              {"heading": KIND_LABELS[kind], "months": _by_month(by_kind[kind])}, nav_title=KIND_LABELS[kind]))
    for activity in view.activities:
        pages.append(PageSpec(activity_uri(activity.id), activity.title, "activity.html", {
            "activity": activity,
            "posts": related[activity.id],
            "signup_open": bool(activity.signup and activity.day >= options.today
                                and (activity.signup.deadline is None or activity.signup.deadline >= options.today)),
            "past": activity.day < options.today,
        }, hide=("navigation",)))
    return pages


def _by_month(activities: list[PublicActivity]) -> list[tuple[str, list[PublicActivity]]]:
    """Newest month first, activities in a month by date."""
    months: dict[tuple[int, int], list[PublicActivity]] = defaultdict(list)
    for activity in activities:
        months[(activity.day.year, activity.day.month)].append(activity)
    return [(f"{y}年{m}月", months[(y, m)]) for y, m in sorted(months, reverse=True)]


def _news_pages(view: PublicProject, posts: list[NewsPost], options: Options) -> list[PageSpec]:
    categories = Counter(p.category for p in posts)
    years = Counter(p.date.year for p in posts)
    sidebar = {
        "categories": [(c, category_uri(c), n) for c, n in sorted(categories.items())],
        "archive": [(y, archive_uri(y), n) for y, n in sorted(years.items(), reverse=True)],
    }
    pages = []
    size = max(options.news_per_page, 1)
    chunks = [posts[i:i + size] for i in range(0, len(posts), size)] or [[]]
    for number, chunk in enumerate(chunks, start=1):
        pager = {"number": number, "count": len(chunks),
                 "previous": news_page_uri(number - 1) if number > 1 else None,
                 "next": news_page_uri(number + 1) if number < len(chunks) else None}
        pages.append(PageSpec(news_page_uri(number), "新闻动态", "news_list.html",
                              {"heading": "新闻动态", "posts": chunk, "pager": pager, **sidebar},
                              nav_title="新闻动态" if number == 1 else None))
    for category in sorted(categories):
        chosen = [p for p in posts if p.category == category]
        pages.append(PageSpec(category_uri(category), f"栏目：{category}", "news_list.html",
                              {"heading": f"栏目：{category}", "posts": chosen, "pager": None, **sidebar}, nav_title=category))
    for year in sorted(years, reverse=True):
        chosen = [p for p in posts if p.date.year == year]
        pages.append(PageSpec(archive_uri(year), f"{year}年的新闻", "news_list.html",
                              {"heading": f"{year}年的新闻", "posts": chosen, "pager": None, **sidebar}, nav_title=f"{year}年"))
    for post in posts:
        activity = view.activity(post.activity_id) if post.activity_id else None
        pages.append(PageSpec(post_uri(post.slug), post.title, "news_post.html", {"post": post, "activity": activity},
                              hide=("navigation",)))
    return pages


def _calendar(view: PublicProject, options: Options) -> PageSpec:
    upcoming = [a for a in view.activities if a.day >= options.today]
    return PageSpec("calendar.md", "活动日历", "calendar.html", {"months": list(reversed(_by_month(upcoming)))}, nav_title="日历")


def site_nav(pages: list[PageSpec], own_pages: list[str]) -> list:
    """The sidebar: home, activities (years, kinds), news (categories, archive), commendations, calendar."""
    shown = {p.src_uri: p.nav_title for p in pages if p.nav_title}

    def entries(prefix: str) -> list[dict[str, str]]:
        # mkdocs puts nav titles into HTML unescaped; category names come from users
        return [{str(escape(title)): uri} for uri, title in shown.items() if uri.startswith(prefix)]

    nav: list = [{"首页": "index.md"}]
    nav.append({"活动": ["activities/index.md",
                         *([{"按年份": entries("activities/year/")}] if entries("activities/year/") else []),
                         *([{"按类别": entries("activities/kind/")}] if entries("activities/kind/") else [])]})
    nav.append({"新闻": ["news/index.md",
                         *([{"栏目": entries("news/category/")}] if entries("news/category/") else []),
                         *([{"归档": entries("news/archive/")}] if entries("news/archive/") else [])]})
    nav.append({"表彰": "commendations.md"})
    nav.append({"日历": "calendar.md"})
    nav.extend(own_pages)
    return nav
