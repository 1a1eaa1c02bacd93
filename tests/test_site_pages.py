"""The site built from a small fixture project: pages by their HTML, feeds, calendar, photos."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import quote
from zoneinfo import ZoneInfo

import icalendar
import pytest
from PIL import Image

from generator.website.build import build_site

from .site_helpers import article, exif_photo, fixture_project, html, internal_values, leaks, texts

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    root = fixture_project(tmp_path_factory.mktemp("site") / "project")
    build_site(root)
    return root / "site"


def test_home_page_shows_totals_upcoming_reports_and_commendations(built):
    page = article(built / "index.html")
    assert texts(page, ".//h1") == ["测试镇关爱老人志愿服务队"]
    # held by 2026-10-01: only the visit of 2026-03-05 (5 volunteers × 2 h); served counts every report
    # the elders' archive shows as counts only: one elder, one logged visit (people/elders.yaml)
    assert texts(page, ".//div[@class='hd-total']") == ["1场活动已开展", "38人次老人受到服务", "10小时志愿服务",
                                                          "1位老人结对帮扶", "1次入户走访"]
    upcoming = texts(page, ".//ul[@class='hd-cards']//p[@class='hd-card__title']")
    assert upcoming == ["情暖重阳·走进敬老院志愿服务活动", "健康进村·溪口村义诊"]
    latest = texts(page, ".//li[@class='hd-post']/p[@class='hd-post__title']")
    assert latest[0] == "情暖重阳 爱在敬老院"
    assert "粽叶飘香迎端午 浓浓关爱暖人心" in latest
    # v01 王小明 did not consent to his full name being published (volunteers.yaml)
    assert texts(page, ".//p[@class='hd-honours__names']")[0] == "王某某、五（2）班"


def test_activity_page_has_public_fields_schedule_signup_and_report(built):
    page = article(built / "activities" / "2026-chongyang.html")
    assert texts(page, ".//h1") == ["情暖重阳·走进敬老院志愿服务活动"]
    facts = dict(zip(texts(page, ".//div[@class='hd-facts']//th"), texts(page, ".//div[@class='hd-facts']//td")))
    assert facts["时间"] == "2026年10月18日（星期日） 14:00—16:30"
    assert facts["地点"] == "测试镇敬老院"
    assert facts["慰问对象"] == "3 位老人（溪口村、长庆社区）：李奶奶、欧阳爷爷、赵某某"
    rows = [texts(tr, "./td") for tr in page.xpath(".//h2[@id='schedule']/following-sibling::div[@class='hd-stack'][1]//tbody/tr")]
    assert rows[1] == ["14:00—15:00", "文艺表演：合唱《听我说谢谢你》", "敬老院活动室"]
    signup = page.xpath(".//div[contains(@class, 'hd-signup')]")[0]
    assert "报名截止：2026年10月14日（星期三）" in texts(signup, ".//p")
    assert signup.xpath(".//a[text()='网上报名']/@href") == ["https://example.org/form?id=1&x=2"]
    assert len(signup.xpath(".//figure[@class='hd-qr']/svg")) == 1  # inline QR, no image request
    assert texts(page, ".//h2[@id='report']/following-sibling::ul[1]//p[@class='hd-post__title']") == ["情暖重阳 爱在敬老院"]
    assert page.xpath(".//div[@class='hd-photos']//img/@src") == [f"../{published_photo(built.parent)}"]


def test_public_signup_sheet_is_offered_for_download_never_the_internal_one(tmp_path):
    root = fixture_project(tmp_path / "project")
    (root / "plans" / "2026-chongyang").mkdir(parents=True)
    (root / "plans" / "2026-chongyang" / "signup.pdf").write_bytes(b"%PDF-1.7 internal sheet")
    (root / ".huodong-cache" / "public").mkdir(parents=True)
    (root / ".huodong-cache" / "public" / "2026-chongyang-signup.pdf").write_bytes(b"%PDF-1.7 blank sheet")
    build_site(root)
    page = article(root / "site" / "activities" / "2026-chongyang.html")
    assert page.xpath(".//a[contains(text(), '下载报名表')]/@href") == ["../downloads/2026-chongyang-signup.pdf"]
    assert (root / "site" / "downloads" / "2026-chongyang-signup.pdf").read_bytes() == b"%PDF-1.7 blank sheet"


def test_navigation_lists_sections_not_activities(built):
    nav = html(built / "activities" / "2026-yizhen.html").xpath("//nav[contains(@class, 'md-nav--primary')]")[0]
    labels = texts(nav, ".//a[contains(@class, 'md-nav__link')]")
    assert "健康进村·溪口村义诊" not in labels
    assert "情暖重阳·走进敬老院志愿服务活动" not in labels
    for label in ("首页", "2026年", "义诊服务", "重阳敬老", "表彰", "日历", "关于我们"):
        assert label in labels


def test_activity_lists_by_year_and_kind(built):
    year = article(built / "activities" / "year" / "2026.html")
    assert texts(year, ".//h2") == ["2026年12月", "2026年10月", "2026年3月"]
    kind = article(built / "activities" / "kind" / "clinic.html")
    assert texts(kind, ".//h1") == ["义诊服务"]
    assert kind.xpath(".//ul[@class='hd-list']//a/@href") == ["../2026-yizhen.html"]


def test_news_is_a_blog_with_posts_categories_and_archive(built):
    index = article(built / "news" / "index.html")
    titles = texts(index, ".//p[@class='hd-post__title']")
    assert titles[:2] == ["情暖重阳 爱在敬老院", "标题</a><script>alert(\"news\")</script>"]
    assert texts(index, ".//h2[@id='archive']/following-sibling::ul[1]/li") == ["2026年（4）"]
    post = article(built / "news" / "2026-06-19-duanwu.html")
    assert texts(post, ".//div[@class='hd-article']//li") == ["送去粽子 30 个", "送去香囊 20 个"]
    category = article(built / "news" / "category" / "节日关爱.html")
    assert texts(category, ".//p[@class='hd-post__title']") == ["粽叶飘香迎端午 浓浓关爱暖人心"]
    assert not (built / "news" / "README.html").exists()


def test_rss_feed_lists_the_posts(built):
    channel = ET.parse(built / "feed.xml").getroot().find("channel")
    assert channel.findtext("title") == "测试镇关爱老人志愿服务队 · 新闻动态"
    items = channel.findall("item")
    # Readers decode a title as HTML: the text is published escaped, so it shows as typed and nothing runs
    assert [i.findtext("title") for i in items][:2] == ["情暖重阳 爱在敬老院",
                                                       "标题&lt;/a&gt;&lt;script&gt;alert(\"news\")&lt;/script&gt;"]
    first = items[0]
    assert first.findtext("link") == "https://example.org/news/2026-chongyang.html"
    assert first.findtext("category") == "重阳敬老"
    assert first.findtext("pubDate") == "Tue, 20 Oct 2026 08:00:00 +0800"
    assert "李秀英" not in first.findtext("description")


def test_calendar_feed_has_one_event_per_activity_in_shanghai_time(built):
    calendar = icalendar.Calendar.from_ical((built / "calendar.ics").read_bytes())
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {"2026-chongyang@huodong", "2026-yizhen@huodong", "2026-hostile@huodong"}
    event = events["2026-chongyang@huodong"]
    assert event.decoded("dtstart") == dt.datetime(2026, 10, 18, 14, 0, tzinfo=SHANGHAI)
    assert event.decoded("dtend") == dt.datetime(2026, 10, 18, 16, 30, tzinfo=SHANGHAI)
    assert event["dtstart"].params["TZID"] == "Asia/Shanghai"
    assert str(event["summary"]) == "情暖重阳·走进敬老院志愿服务活动"
    assert str(event["location"]) == "测试镇敬老院"
    assert str(event["url"]) == "https://example.org/activities/2026-chongyang.html"
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Asia/Shanghai"]
    page = article(built / "calendar.html")
    assert page.xpath(".//a[text()='活动日历（calendar.ics）']/@href") == ["calendar.ics"]


def published_photo(root: Path) -> str:
    """Where the fixture's chongyang.jpg is published: a name made of its bytes, not its file name."""
    names = [p.relative_to(root / "site").as_posix() for p in (root / "site" / "media").iterdir()]
    assert len(names) == 1 and re.fullmatch(r"media/[a-p]{20}\.jpg", names[0]), names
    return names[0]


def test_published_photo_has_no_exif_and_a_neutral_name(built, tmp_path):
    data = (built.parent / "site" / published_photo(built.parent)).read_bytes()
    assert b"Exif" not in data and b"TestCam" not in data
    image = Image.open(built.parent / "site" / published_photo(built.parent))
    assert dict(image.getexif()) == {}
    assert image.getexif().get_ifd(0x8825) == {}
    assert image.size == (640, 480)


def test_no_yaml_source_and_no_internal_value_reaches_the_site(built):
    assert not [p for p in built.rglob("*") if p.suffix in (".yaml", ".yml", ".md")]
    values = internal_values(built.parent)
    assert "李秀英" in values and "0571-86509999" in values  # the scan knows what to look for
    assert leaks(built, values) == []


def test_commendations_page(built):
    page = article(built / "commendations.html")
    assert texts(page, ".//p[@class='hd-honours__title']") == ["优秀志愿者"]
    assert page.xpath(".//p[@class='hd-honours__from']/a/@href") == ["activities/2026-chongyang.html"]


def test_404_page_is_chinese(built):
    assert texts(html(built / "404.html"), "//article//h1") == ["找不到这个页面（404）"]


def test_no_request_leaves_the_site(built):
    """No Google Fonts, no CDN scripts: every src/href to another host is a plain link."""
    for path in built.rglob("*.html"):
        tree = html(path)
        loaded = "//script/@src | //link[not(@rel='canonical')]/@href | //img/@src | //iframe/@src"
        external = [u for u in tree.xpath(loaded) if "//" in u]
        assert external == [], path


def test_photos_written_inside_news_text_are_published_without_exif(tmp_path, caplog):
    root = fixture_project(tmp_path / "project")
    exif_photo(root / "content/media/2026/包粽子.jpg")
    (root / "content/news/2026-06-20-photos.md").write_text(
        "---\ntitle: 端午包粽子\ndate: 2026-06-20\n---\n"
        "老人和志愿者一起包粽子。\n\n![包粽子](../media/2026/包粽子.jpg)\n\n"
        "![同一张](content/media/2026/包粽子.jpg)\n\n"
        "![名单](../people/elders.yaml)\n\n![没有这张](../media/missing.jpg)\n\n![外站](https://example.com/a.jpg)\n",
        encoding="utf-8")
    build_site(root)
    post = article(root / "site/news/2026-06-20-photos.html")
    sources = post.xpath(".//div[@class='hd-article']//img/@src")
    assert len(sources) == 2 and sources[0] == sources[1] and re.fullmatch(r"\.\./media/[a-p]{20}\.jpg", sources[0])
    assert texts(post, ".//div[@class='hd-article']/figure[@class='hd-figure']/figcaption") == ["包粽子", "同一张"]
    assert not list((root / "site").rglob("包粽子*"))
    with Image.open(root / "site/news" / sources[0]) as image:
        assert dict(image.getexif()) == {}
    assert not list((root / "site").rglob("elders*"))
    assert not list((root / "site").rglob("missing.jpg"))
    assert "新闻《端午包粽子》的照片：找不到图片 content/media/missing.jpg，请检查文件名（包括扩展名 .jpg/.png）。网站不会发布它" \
        in caplog.messages


def test_a_contacts_phone_number_is_one_line_and_a_call_link_unless_masked(built_demo):
    from generator.website.render import phone_links

    page = article(built_demo / "activities" / "2025-chongyang-jinglaoyuan.html")
    contact = page.xpath(".//div[@class='hd-facts']//th[text()='联系人']/following-sibling::td")[0]
    assert contact.xpath("./a[@class='hd-nowrap']/@href") == ["tel:057186521234"]
    assert texts(contact, ".") == ["竹亭中心小学政教处 王老师 0571-86521234"]
    assert str(phone_links("王老师 139****5108 <b>")) == '王老师 <span class="hd-nowrap">139****5108</span> &lt;b&gt;'
    assert str(phone_links("2026-10-18 集合")) == "2026-10-18 集合"
