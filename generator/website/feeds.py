"""Feeds: news as RSS 2.0 (feed.xml) and activities as iCalendar (calendar.ics).

Both are built from the public view only. Links are absolute when the site's
address is known (site.yaml ``url`` or mkdocs ``site_url``), else relative.
"""

from __future__ import annotations

import datetime as dt
import html
from typing import Callable
from zoneinfo import ZoneInfo

import icalendar
from feedgen.feed import FeedGenerator

from ..privacy import PublicActivity, PublicSite
from .markup import plain_text, render_markdown
from .news import NewsPost

FEED_ITEMS = 30
UID_DOMAIN = "huodong"

Link = Callable[[str], str]  # site path (e.g. "news/x.html") → the URL to publish


def rss(site: PublicSite, posts: list[NewsPost], link: Link, zone: str) -> bytes:
    feed = FeedGenerator()
    feed.title(_plain(f"{site.name} · 新闻动态"))
    feed.link(href=link("news/index.html"), rel="alternate")
    feed.description(_plain(site.description or f"{site.name}的活动报道"))
    feed.language("zh-CN")
    feed.generator("huodong")
    tz = ZoneInfo(zone)
    for post in reversed(posts[:FEED_ITEMS]):  # feedgen prepends each entry
        entry = feed.add_entry()
        url = link(f"news/{post.slug}.html")
        entry.title(_plain(post.title))
        entry.link(href=url)
        entry.guid(url, permalink=url.startswith("http"))
        entry.pubDate(dt.datetime.combine(post.date, dt.time(8, 0), tz))
        entry.category(term=_plain(post.category))
        entry.description(_plain(post.summary or plain_text(render_markdown(post.body), 200)))
    return feed.rss_str(pretty=True)


def _plain(text: str) -> str:
    """Feed readers decode a title or description as HTML: publish text escaped, so that what the
    organiser wrote is shown as written and no tag in it (or one its entities spell) comes alive."""
    return html.escape(text, quote=False)


def icalendar_feed(site: PublicSite, activities: tuple[PublicActivity, ...], link: Link, zone: str) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//huodong//volunteer activities//ZH")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"{site.name} · 活动日历")
    calendar.add("x-wr-timezone", zone)
    for activity in activities:
        calendar.add_component(_event(activity, link, ZoneInfo(zone)))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _event(activity: PublicActivity, link: Link, tz: ZoneInfo) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", f"{activity.id}@{UID_DOMAIN}")
    # A stable stamp keeps the feed identical between builds of unchanged content.
    event.add("dtstamp", dt.datetime.combine(activity.day, dt.time(0, 0), dt.timezone.utc))
    start, end = _span(activity, tz)
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", activity.title)
    event.add("location", activity.location)
    event.add("url", link(f"activities/{activity.id}.html"))
    event.add("description", "\n".join(filter(None, [activity.theme, f"主办：{activity.organiser}"])))
    event.add("categories", [activity.kind_label])
    return event


def _span(activity: PublicActivity, tz: ZoneInfo) -> tuple[dt.date | dt.datetime, dt.date | dt.datetime]:
    """Timed events in the local zone; without a time, whole days (DTEND is exclusive)."""
    last = activity.end_day or activity.day
    if activity.start is None:
        return activity.day, last + dt.timedelta(days=1)
    start = dt.datetime.combine(activity.day, activity.start, tz)
    if activity.end is not None:
        return start, dt.datetime.combine(last, activity.end, tz)
    return start, start + dt.timedelta(hours=1) if last == activity.day else dt.datetime.combine(last, activity.start, tz)
