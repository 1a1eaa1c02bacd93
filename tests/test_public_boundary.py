"""The public boundary (issue 11): a probe project with private values in every free-text place and
hostile markup in every text field; every file of its site is read and none may hold either.

Also: the scrubber's normalisation (variants of a private value), what it must not mask (ordinary
words), and the located warnings that tell the organiser what the site will show masked.
"""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from pathlib import Path

import lxml.html
import pytest
from PIL import Image

from generator.content.models import Beneficiary
from generator.content.project import load_project
from generator.engine.workers import Job
from generator.privacy import masking_warnings, public_view, scrubber_for

from .site_helpers import mkdocs_yml

# The private values planted; each must be absent from site/, in any of the forms below.
NAME, NAME2 = "欧阳秀英", "张桂芝"
MOBILE, ID_NUMBER, LANDLINE = "13712345670", "110105194912310027", "057186501234"
ADDRESS = "幸福小区3栋2单元501室"
ELDER_NAME, ELDER_PHONE, ELDER_ADDRESS = "李德福", "13800138011", "栗山村五组12号"
HEALTH = "阿尔茨海默"
VOLUNTEER_PHONE, VOLUNTEER_ID = "13900001021", "330102201001011234"
PRIVATE = (NAME, NAME2, MOBILE, ID_NUMBER, LANDLINE, ADDRESS, ELDER_NAME, ELDER_PHONE, ELDER_ADDRESS,
           VOLUNTEER_PHONE, VOLUNTEER_ID)
# Every form an organiser might type them in.
SAY = (f"看望欧阳秀英奶奶和张 桂芝（{HEALTH}），手机１３７１２３４５６７０、137-1234-5670，身份证 110105 19491231 0027，"
       f"座机(0571)86501234 或 0571-86501234，住幸福小区3栋2单元501，李德福爷爷住栗山村五组12，电话 138 0013 8011，"
       f"志愿者 13900001021 / 330102201001011234")
# Hostile markup; each payload names a marker that must never be live in site/.
HOSTILE = '<script>probe1()</script><img src=x onerror=probe2()><svg onload=probe3()></svg><a href="javascript:probe4()">链接</a>'
MARKDOWN_HOSTILE = HOSTILE + '\n\n[点我](javascript:probe5())\n\n段落文字\n{: onclick="probe6()" }\n'
MARKERS = [f"probe{i}" for i in range(1, 10)]


def q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a YAML double-quoted scalar


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def probe_project(root: Path) -> Path:
    c = root / "content"
    write(root / "mkdocs.yml", mkdocs_yml().replace("plugins:\n", "markdown_extensions:\n  - attr_list\nplugins:\n"))
    write(c / "site.yaml", f"name: {q('测试队' + HOSTILE)}\ndescription: {q(SAY + HOSTILE)}\n"
                          f"url: https://example.org/\ncontact:\n  name: {q(NAME)}\n  phone: {q(MOBILE)}\n"
                          f"  address: {q(ADDRESS)}\n")
    write(c / "activities" / "probe.yaml", f"""\
title: {q('重阳走访' + SAY + HOSTILE)}
kind: visit
date: 2026-10-18
time: "14:00-16:00"
location: {q(SAY + HOSTILE)}
organiser: {q(SAY + HOSTILE)}
co_organisers: [{q(SAY + HOSTILE)}]
theme: {q(SAY + HOSTILE)}
background: {q(SAY + HOSTILE)}
purpose: [{q(SAY + HOSTILE)}]
audience: {q(SAY + HOSTILE)}
participants:
  - group: {q(SAY + HOSTILE)}
    count: 4
schedule:
  - time: "14:00"
    item: {q(SAY + HOSTILE)}
    place: {q(SAY + HOSTILE)}
beneficiaries:
  - name: {NAME}
    gender: 女
    address: {ADDRESS}
    community: 长庆社区
    phone: "{MOBILE}"
    notes: {HEALTH}，独居
    needs: [打扫卫生]
  - name: {NAME2}
    gender: 女
    phone: "(0571)86501234"
    community: 溪口村
requirements: [{q(SAY + HOSTILE)}]
signup:
  capacity: 5
  contact: {q(SAY + HOSTILE)}
contact: {q(SAY + HOSTILE)}
tags: [{q(SAY + HOSTILE)}]
report:
  published: 2026-10-20
  title: {q(SAY + HOSTILE)}
  category: {q(SAY + HOSTILE)}
  text: {q(SAY + MARKDOWN_HOSTILE + f'![{SAY}](../media/{NAME}-{MOBILE}.jpg)')}
  photos:
    - file: {NAME}-{MOBILE}.jpg
      caption: {q(SAY + HOSTILE)}
commendations:
  - title: {q(SAY + HOSTILE)}
    names: [{q(NAME)}]
    reason: {q(SAY + HOSTILE)}
""")
    write(c / "news" / "2026-10-21-probe.md", f"---\ntitle: {q(SAY + HOSTILE)}\ndate: 2026-10-21\n"
                                             # a news category is at most 20 characters (check refuses more)
                                             f"category: {q(NAME + '<i>probe7</i>')}\nsummary: {q(SAY + HOSTILE)}\n---\n"
                                             f"{SAY}\n\n{MARKDOWN_HOSTILE}\n")
    write(c / "pages" / "about.md", f"---\ntitle: {q(SAY + HOSTILE)}\ndescription: {q(SAY + HOSTILE)}\n---\n"
                                   f"{SAY}\n\n{MARKDOWN_HOSTILE}\n")
    write(c / "pages" / f"{NAME}<img src=x onerror=probe7()>.md", f"{SAY}\n")
    write(c / "commendations" / "probe.yaml", f"title: {q(SAY + HOSTILE)}\nyear: 2026\ndate: 2026-10-20\n"
                                             f"reason: {q(SAY + HOSTILE)}\npeople: [{q(NAME)}]\n"
                                             f"units: [{q(SAY + HOSTILE)}]\n")
    write(c / "people" / "elders.yaml", f"""\
elders:
  - id: e01
    name: {ELDER_NAME}
    gender: 男
    address: {ELDER_ADDRESS}
    community: 栗山村
    phone: "{ELDER_PHONE}"
    risk: 黄
    health: {HEALTH}
""")
    write(c / "people" / "volunteers.yaml", f"""\
volunteers:
  - id: v01
    name: 王小明
    phone: "{VOLUNTEER_PHONE}"
    id_number: "{VOLUNTEER_ID}"
""")
    photo = c / "media" / f"{NAME}-{MOBILE}.jpg"
    photo.parent.mkdir(parents=True, exist_ok=True)
    exif = Image.Exif()
    exif[0x010E] = f"{NAME} {MOBILE}"  # ImageDescription
    exif[0x010F] = "TestCam"
    Image.new("RGB", (64, 48), "orange").save(photo, exif=exif)
    return root


def normalised(text: str) -> str:
    """Text as the probe compares it: NFKC, no spacing or dashes inside names and numbers."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s\-()（）]+", "", text)


def readable(path: Path) -> list[str]:
    """Every text a file of the site carries: its name, its text, JSON strings, PDF text, image metadata."""
    from pypdf import PdfReader

    found = [path.name]
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    if path.suffix == ".pdf":
        reader = PdfReader(path)
        found += [page.extract_text() for page in reader.pages] + [str(reader.metadata)]
    elif path.suffix.lower() in (".jpg", ".jpeg", ".png", ".webp"):
        with Image.open(path) as image:
            found += [str(image.info), str(dict(image.getexif()))]
        found.append(data.decode("latin-1"))
    else:
        text = data.decode("utf-8", errors="replace")
        found.append(text)
        if path.suffix in (".json", ".js") and "{" in text:
            try:  # the search index writes Chinese as \u escapes
                found.append(json.dumps(json.loads(text[text.find("{"):]), ensure_ascii=False))
            except ValueError:
                pass
    return found


@pytest.fixture(scope="module")
def probe_site(tmp_path_factory) -> Path:
    from generator.engine.build import public_sheet_jobs
    from generator.engine.atomic import write_bytes
    from generator.website.build import build_site

    root = probe_project(tmp_path_factory.mktemp("probe") / "project")
    project = load_project(root)
    for job in public_sheet_jobs(project, {"probe": Job("plans/probe/signup.pdf", "x", bytes)}).values():
        write_bytes(root / job.output, job.render())  # what `huodong build` offers for download
    return build_site(root)


def test_no_private_value_in_any_file_of_the_site(probe_site):
    files = [p for p in probe_site.rglob("*") if p.is_file()]
    assert {"downloads/probe-signup.pdf", "feed.xml", "calendar.ics", "search/search_index.json",
            "sitemap.xml.gz"} <= {p.relative_to(probe_site).as_posix() for p in files}
    assert any(p.suffix == ".jpg" for p in files)
    # The planted text is published, masked: the walk below reads real content
    for published in ("activities/probe.html", "downloads/probe-signup.pdf", "feed.xml", "about.html"):
        assert "欧阳奶奶" in "".join(readable(probe_site / published)), published
    wanted = {normalised(v) for v in PRIVATE}
    leaked = sorted({f"{p.relative_to(probe_site)}: {v}" for p in files for text in readable(p)
                     for v in wanted if v in normalised(text)})
    assert leaked == []
    health = [p for p in files if p.suffix == ".html" and HEALTH in p.read_text(encoding="utf-8")]
    assert health == []  # it is written next to a name everywhere in the probe


def test_no_live_markup_in_any_page_or_feed(probe_site):
    live = []
    for path in probe_site.rglob("*.html"):
        tree = lxml.html.fromstring(path.read_bytes())
        for element in tree.iter():
            if not isinstance(element.tag, str):
                continue
            attributes = " ".join(f"{k}={v}" for k, v in element.attrib.items()
                                  if k.startswith("on") or v.strip().lower().startswith("javascript:"))
            inline = element.text or "" if element.tag in ("script", "style") else ""
            if any(m in attributes + inline for m in MARKERS) or element.tag == "svg" and element.get("onload"):
                live.append(f"{path.relative_to(probe_site)}: <{element.tag} {attributes}>")
    assert live == []
    feed = lxml.etree.parse(str(probe_site / "feed.xml"))
    for text in feed.xpath("//title/text() | //description/text() | //category/text()"):
        assert not re.search(r"<[a-zA-Z/!]", text), text  # readers decode it as HTML: it must be escaped text


def test_nav_shows_own_page_titles_and_file_names_as_text(probe_site):
    page = lxml.html.fromstring((probe_site / "index.html").read_bytes())
    nav = " ".join(page.xpath("//nav//text()"))
    assert "onerror=probe7()" in nav  # shown as text, so nothing runs
    assert not page.xpath("//nav//img")


def test_ordinary_words_are_not_masked():
    people = [Beneficiary(name=NAME, gender="女", needs=["打扫卫生", "陪老人聊天"], notes="独居")]
    clean = scrubber_for(people)
    assert clean("分组入户，打扫卫生，陪老人聊天，独居老人优先。") == "分组入户，打扫卫生，陪老人聊天，独居老人优先。"
    assert clean(f"{NAME}奶奶独居多年。独居老人优先。") == "欧阳奶奶（不公开）多年。独居老人优先。"


@pytest.mark.parametrize("written, shown", [
    ("手机１３７１２３４５６７０", "手机137****5670"),
    ("身份证 110105 19491231 002X", "身份证 （不公开）"),
    ("座机 0571-86501234", "座机 （不公开）"),
    ("座机 86501234", "座机 （不公开）"),
    ("看望张 桂芝奶奶", "看望张奶奶"),
    ("住幸福小区3栋2单元501", "住长庆社区"),
    ("住3栋2单元501室的老人", "住长庆社区的老人"),
    ("办公室 0571-12345678", "办公室 0571-12345678"),
])
def test_variants_of_a_private_value_are_masked(written, shown):
    people = [Beneficiary(name="张桂芝", gender="女", phone="(0571)86501234", address=ADDRESS, community="长庆社区")]
    assert scrubber_for(people)(written) == shown


def test_counts_only_names_nobody(tmp_path):
    people = [Beneficiary(name=NAME, gender="女")]
    assert scrubber_for(people, counts_only=True)(f"和{NAME}奶奶聊天") == "和一位老人聊天"
    root = tmp_path / "p"
    write(root / "content" / "site.yaml", "name: 测试队\nbeneficiaries_on_site: count\n")
    write(root / "content" / "activities" / "x.yaml", f"title: 走访\nkind: visit\ndate: 2026-10-18\nlocation: 栗山村\n"
                                                     f"organiser: 老龄办\nbackground: 看望{NAME}奶奶\n"
                                                     f"beneficiaries:\n  - {{name: {NAME}, gender: 女, community: 栗山村}}\n")
    activity = public_view(load_project(root)).activities[0]
    assert (activity.beneficiary_count, activity.beneficiary_names, activity.communities) == (1, (), ())
    assert activity.background == "看望一位老人"


def test_each_masking_is_a_located_warning(tmp_path):
    root = tmp_path / "p"
    write(root / "content" / "site.yaml", "name: 测试队\ncontact:\n  phone: \"13912345678\"\n")
    write(root / "content" / "activities" / "x.yaml", f"""\
title: 重阳走访
kind: visit
date: 2026-10-18
location: 溪口村
organiser: 老龄办
contact: 王老师 139 0000 5108
beneficiaries:
  - name: {NAME}
    gender: 女
    notes: 独居
background: |
  今年重阳节，
    我们去看望{NAME}奶奶。
""")
    shown = [str(p) for p in masking_warnings(load_project(root))]
    assert shown == [
        "content/activities/x.yaml:6:14: 警告：对外联系人里写了手机号“139 0000 5108”，网站上会显示为“139****5108”，"
        "别人无法拨打。建议改写成办公电话。",
        f"content/activities/x.yaml:13:10: 警告：背景里写了老人的姓名“{NAME}”，网站上会显示为“欧阳奶奶”。建议改写。",
        "content/site.yaml:3:11: 警告：联系电话里写了手机号“13912345678”，网站上会显示为“139****5678”，"
        "别人无法拨打。建议改写成办公电话。",
    ]


@pytest.mark.parametrize("page", [False, True])
def test_news_markdown_cannot_carry_live_markup(page):
    import markdown

    from generator.website.markup import render_markdown, sanitise

    text = ('<svg onload="probe3()"><circle/></svg>\n\n[点我](javascript:probe5()) '
            '<a href="JaVaScRiPt:probe4()">大写</a>\n\n段落\n{: onclick="probe6()" }\n')
    # News and reports are rendered without attr_list; own pages may enable it in mkdocs.yml
    out = str(sanitise(markdown.markdown(text, extensions=["attr_list"]), page=True) if page else render_markdown(text))
    tree = lxml.html.fromstring(f"<div>{out}</div>")
    assert [a for e in tree.iter() for a in e.attrib if a.startswith("on")] == []
    assert [h for h in tree.xpath("//@href") if "javascript" in h.lower()] == []
    assert "点我" in tree.text_content() and "段落" in tree.text_content()


def test_a_build_repeats_the_masking_warnings_without_scanning_unchanged_content(tmp_path, monkeypatch):
    import generator.privacy as privacy
    from generator.engine.build import masking_report

    root = tmp_path / "p"
    write(root / "content" / "site.yaml", "name: 测试队\n")
    activity = root / "content" / "activities" / "x.yaml"
    other = root / "content" / "activities" / "y.yaml"
    write(activity, f"title: 走访\nkind: visit\ndate: 2026-10-18\nlocation: 溪口村\norganiser: 老龄办\n"
                    f"beneficiaries:\n  - {{name: {NAME}, gender: 女}}\nbackground: 看望{NAME}奶奶\n")
    write(other, "title: 义诊\nkind: clinic\ndate: 2026-11-18\nlocation: 溪口村\norganiser: 卫生院\n")
    scans = []
    real = privacy.file_masking_warnings
    monkeypatch.setattr(privacy, "file_masking_warnings",
                        lambda project, path, clean: scans.append(path.name) or real(project, path, clean))
    first = [str(p) for p in masking_report(load_project(root))]
    assert first == [f"content/activities/x.yaml:8:15: 警告：背景里写了老人的姓名“{NAME}”，网站上会显示为“欧阳奶奶”。建议改写。"]
    assert sorted(scans) == ["site.yaml", "x.yaml", "y.yaml"]
    assert [str(p) for p in masking_report(load_project(root))] == first and len(scans) == 3

    activity.write_text(activity.read_text(encoding="utf-8").replace("看望", "去看望"), encoding="utf-8")
    assert [str(p) for p in masking_report(load_project(root))] == [first[0].replace(":8:15:", ":8:16:")]
    assert scans[3:] == ["x.yaml"]  # content changed: only the changed file scanned again

    other.write_text(other.read_text(encoding="utf-8") + f"beneficiaries:\n  - {{name: 张桂兰, gender: 女}}\n",
                     encoding="utf-8")
    masking_report(load_project(root))
    assert sorted(scans[4:]) == ["site.yaml", "x.yaml", "y.yaml"]  # a new name to mask: every file again


def test_a_masking_warning_names_the_title_the_organiser_wrote(tmp_path):
    root = tmp_path / "p"
    write(root / "content" / "site.yaml", "name: 测试队\n")
    write(root / "content" / "activities" / "x.yaml", "title: 走访\nkind: visit\ndate: 2026-10-18\nlocation: 溪口村\n"
                                                     "organiser: 老龄办\nreport:\n  published: 2026-10-19\n"
                                                     "  title: 看望139 1234 5678的老人\n  text: 今天去了。\n")
    write(root / "content" / "commendations" / "c.yaml", "title: 表彰13912345678\nyear: 2026\ndate: 2026-10-20\n"
                                                        "people: [王小明]\n")
    shown = [str(p) for p in masking_warnings(load_project(root))]
    assert shown == [
        "content/activities/x.yaml:8:12: 警告：报道标题里写了电话号码“139 1234 5678”，网站上会显示为“139****5678”。建议改写。",
        "content/commendations/c.yaml:1:10: 警告：表彰名称里写了电话号码“13912345678”，网站上会显示为“139****5678”。建议改写。",
    ]
