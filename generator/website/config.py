"""The `huodong` plugin's options in mkdocs.yml, typed so that mkdocs validates them."""

from __future__ import annotations

import datetime as dt

from mkdocs.config import base
from mkdocs.config import config_options as c


class HuodongConfig(base.Config):
    upcoming = c.Type(int, default=6)
    """How many upcoming activities the home page lists."""
    latest = c.Type(int, default=5)
    """How many latest reports the home page lists."""
    news_per_page = c.Type(int, default=10)
    """News posts per page of the news list."""
    timezone = c.Type(str, default="Asia/Shanghai")
    """Time zone of activity times, for the calendar feed."""
    today = c.Optional(c.Type(dt.date))
    """Fix "today" (upcoming vs. past) for tests and benchmarks; normally the build date."""
