"""The demo site meets WCAG 2.2 AA on a desktop (1280 px) and on a phone (390 px), and stays light.

axe-core (tests/assets/axe-core/axe.min.js, vendored from npm's axe-core 4.14.1 under the
Mozilla Public License 2.0, see LICENSE beside it) audits every page of the demo site in
the session's one Chromium: each page is loaded once, audited at 1280 px, then laid out
again at 390 px and audited there, where it is also checked to fit the screen.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from .browser import serve
from .site_helpers import REPO

AXE = Path(__file__).parent / "assets" / "axe-core" / "axe.min.js"
CSS = REPO / "templates" / "site" / "assets" / "huodong.css"
AXE_RUN = """axe.run(document, {resultTypes: ['violations'], runOnly: {type: 'tag',
  values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})
  .then(r => r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', ')))"""

# Every box wider than the screen: fine only inside a scroll region that shows it scrolls and takes
# keyboard focus (class hd-scroll, tabindex), or when hidden (the closed drawer, visually hidden text).
TOO_WIDE = """(() => {
  const width = document.documentElement.clientWidth, found = [];
  if (document.scrollingElement.scrollWidth > width + 1) found.push('page scrolls sideways');
  for (const e of document.querySelectorAll('body *')) {
    const box = e.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 1 || getComputedStyle(e).visibility === 'hidden') continue;
    let up = e.parentElement, why = 'wider than the screen';
    for (; up && up !== document.body; up = up.parentElement) {
      const style = getComputedStyle(up), outer = up.getBoundingClientRect();
      if (style.visibility === 'hidden' || (style.overflow === 'hidden' && outer.width <= 1)) { why = null; break; }
      if (style.position === 'fixed' && outer.left >= width) { why = null; break; }
      if (style.overflowX !== 'visible' && outer.right <= width + 1) {
        why = up.scrollWidth <= up.clientWidth + 1 || (up.tabIndex >= 0 && up.classList.contains('hd-scroll'))
          ? null : 'in a scroll region without focus or cue: ' + up.className;
        break;
      }
    }
    if (why) found.push(e.tagName.toLowerCase() + '.' + e.className + ' ' + why);
  }
  return [...new Set(found)];
})()"""

# Phone facts: table text size, the home totals on one line each.
PHONE_FACTS = """(() => ({
  table_text: Math.min(...[...document.querySelectorAll('article td')].map(e => parseFloat(getComputedStyle(e).fontSize))),
  split_totals: [...document.querySelectorAll('.hd-total strong')].filter(e => e.getClientRects().length > 1
    || e.getBoundingClientRect().height > 1.5 * parseFloat(getComputedStyle(e).lineHeight)).map(e => e.textContent),
}))()"""


def pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


@pytest.fixture(scope="module")
def demo_served(built_demo, chromium):
    with serve(built_demo) as base:
        yield chromium, base
    chromium.viewport(1280)


@pytest.fixture(scope="module")
def audit(demo_served, built_demo):
    """Per page: axe's serious/critical violations at 1280 and 390 px, what is too wide at 390 px, phone facts."""
    browser, base = demo_served
    axe = AXE.read_text(encoding="utf-8")
    found = {}
    for page in pages(built_demo):
        browser.viewport(1280)
        browser.open(base + page)
        browser.run_script(axe)
        desktop = browser.evaluate_async(AXE_RUN)
        browser.viewport(390)
        phone = browser.evaluate_async(AXE_RUN)
        found[page] = {"1280": desktop, "390": phone, "too_wide": browser.evaluate(TOO_WIDE),
                       "facts": browser.evaluate(PHONE_FACTS)}
    return found


def test_every_page_has_no_serious_axe_violation_on_desktop_and_phone(audit):
    assert len(audit) >= 40
    violations = {f"{page} @{width}px": audit[page][width]
                  for page in audit for width in ("1280", "390") if audit[page][width]}
    assert violations == {}


def test_nothing_is_wider_than_a_phone_unless_it_scrolls_reachably(audit):
    assert {page: found["too_wide"] for page, found in audit.items() if found["too_wide"]} == {}


def test_phone_text_in_tables_is_16px_and_totals_stay_whole(audit):
    assert audit["calendar.html"]["facts"]["table_text"] >= 16
    assert audit["commendations.html"]["facts"]["table_text"] >= 16
    assert audit["activities/2026-chongyang-jinglaoyuan.html"]["facts"]["table_text"] >= 16
    assert audit["index.html"]["facts"]["split_totals"] == []


def test_activity_facts_fit_a_320px_phone(demo_served):
    browser, base = demo_served
    browser.viewport(320)
    browser.open(base + "activities/2026-chongyang-jinglaoyuan.html")
    assert browser.evaluate("document.querySelector('.hd-facts table').getBoundingClientRect().right") <= 320
    assert browser.evaluate(TOO_WIDE) == []


def test_closed_drawer_takes_no_tab_stops_on_a_phone(demo_served):
    browser, base = demo_served
    browser.viewport(390)
    browser.open(base + "activities/2026-chongyang-jinglaoyuan.html")
    where = []
    for _ in range(10):
        browser.key("Tab", "Tab", 9)
        where.append(browser.evaluate("""(() => { const e = document.activeElement;
            return e.closest('.md-sidebar--primary') ? 'drawer' : e.closest('article') ? 'article'
              : e.classList.contains('md-skip') ? 'skip' : 'header'; })()"""))
    assert where[0] == "skip"
    assert "drawer" not in where
    assert "article" in where  # the page's own links come within ten Tab presses


def test_skip_link_goes_to_each_pages_title(built_demo):
    import lxml.html

    for page in pages(built_demo):
        if page == "404.html":
            continue  # the theme renders it without a page, hence without a skip link
        doc = lxml.html.fromstring((built_demo / page).read_text(encoding="utf-8"))
        if page.startswith("verify/"):  # a certificate's page stands alone: no header or navigation to skip
            assert not doc.xpath("//nav") and len(doc.xpath("//h1")) == 1, page
            continue
        skip = doc.xpath("//a[@class='md-skip']/@href")
        h1 = doc.xpath("//article//h1/@id")
        assert h1 and skip == ["#" + h1[0]], page


def test_search_dialog_and_nav_expanders_are_named(built_demo):
    import lxml.html

    doc = lxml.html.fromstring((built_demo / "index.html").read_text(encoding="utf-8"))
    assert doc.xpath("//div[@role='dialog']/@aria-label") == ["搜索"]
    expanders = doc.xpath("//div[contains(@class, 'md-nav__container')]/label")  # icon-only in the theme
    assert {" ".join(e.text_content().split()) for e in expanders} >= {"展开 活动", "展开 新闻"}


def test_search_index_is_utf8_small_and_without_redundant_zero_width_spaces(built_demo):
    raw = (built_demo / "search" / "search_index.json").read_bytes()
    assert len(raw) <= 120_000
    assert b"\\u" not in raw.replace(b"\\u200b", b"").replace(b"\\u3000", b"")  # only in the separator pattern
    index = json.loads(raw)
    texts = [d[f] for d in index["docs"] for f in ("title", "text")]
    assert any("敬老院" in t for t in texts)
    separator = re.compile(index["config"]["separator"].replace("\\u200b", ""))
    for text in texts:
        assert not text.startswith("\u200b") and not text.endswith("\u200b") and "\u200b\u200b" not in text
        for before, after in re.findall("(.)\u200b(.)", text):
            assert not separator.match(before) and not separator.match(after), (before, after, text[:80])
    offline = (built_demo / "search" / "search_index.js").read_text(encoding="utf-8")
    assert offline == "var __index = " + raw.decode("utf-8")


@pytest.mark.parametrize("query, title", [
    ("重阳", "情暖重阳·竹亭中心小学走进敬老院志愿服务活动"),
    ("敬老院", "情暖重阳·竹亭中心小学走进敬老院志愿服务活动"),
    ("义诊", "健康进村 温暖过冬——溪口村老年人健康义诊"),
    ("饺子", "冬至饺子香 邻里情意浓——长庆社区“小红旗”志愿队走访慰问高龄老人"),
    ("学雷锋", "学雷锋·关爱空巢老人志愿服务月"),
    ("空巢老人", "竹亭镇党员关爱空巢老人“多帮一”结对帮扶行动"),  # a user-dictionary word, found whole
])
def test_browser_search_finds_chinese_words(demo_served, built_demo, query, title):
    browser, base = demo_served
    browser.viewport(1280)
    browser.open(base + "index.html?q=" + query)
    browser.wait_for("document.querySelectorAll('.md-search-result__item').length > 0")
    found = browser.evaluate("[...document.querySelectorAll('.md-search-result__item h1')]"
                             ".map(e => e.textContent.replaceAll('\\u200b', ''))")
    assert title in found
    assert browser.errors() == []


def test_pasted_text_searches_without_a_key_press(demo_served):
    browser, base = demo_served
    browser.viewport(1280)
    browser.open(base + "index.html")
    browser.evaluate("document.querySelector('#__search').checked = true; document.querySelector('.md-search__input').focus()")
    browser.call("Input.insertText", session=browser.session, text="饺子")  # as a paste or an input method does
    browser.wait_for("document.querySelectorAll('.md-search-result__item').length > 0")


def contrast(foreground: str, background: str) -> float:
    """WCAG 2.x contrast ratio of two #rrggbb colours."""
    def luminance(colour: str) -> float:
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def blend(colour: str, opacity: float, background: str) -> str:
    mixed = [round(int(colour[i:i + 2], 16) * opacity + int(background[i:i + 2], 16) * (1 - opacity)) for i in (1, 3, 5)]
    return "#" + "".join(f"{c:02x}" for c in mixed)


def test_palette_contrast_ratios_from_the_css():
    css = CSS.read_text(encoding="utf-8")
    value = dict(re.findall(r"(--[\w-]+):\s*(#[0-9a-fA-F]{6})\b", css))
    orange, dark, warm, muted, white = value["--hd-orange"], value["--hd-orange-dark"], value["--hd-warm"], value["--hd-muted"], "#ffffff"
    assert "--md-primary-fg-color: var(--hd-orange)" in css and "--md-typeset-a-color: var(--hd-orange)" in css
    assert "--md-accent-fg-color: var(--hd-orange-dark)" in css
    tab_opacity = float(re.search(r"\.md-tabs__link \{ opacity: ([\d.]+); \}", css)[1])
    ratios = {
        "header and buttons: white on orange": contrast(white, orange),
        "links: orange on white": contrast(orange, white),
        "hover, focus, search highlight: dark orange on white": contrast(dark, white),
        "inactive tabs": contrast(blend(white, tab_opacity, orange), orange),
        "totals' numbers": contrast(orange, warm),
        "secondary text on white": contrast(muted, white),
        "totals' labels": contrast(muted, warm),
    }
    for selector in ("festival", "open", "done"):
        rule = re.search(rf"\.hd-tag--{selector} \{{ background: (#\w{{6}}|#\w{{3}}); color: (#\w{{6}}|#\w{{3}}); \}}", css)
        colours = [c if len(c) == 7 else "#" + "".join(ch * 2 for ch in c[1:]) for c in rule.groups()]
        ratios[f"tag {selector}"] = contrast(colours[1], colours[0])
    assert {name: round(r, 2) for name, r in ratios.items() if r < 4.5} == {}
    assert 5.5 < ratios["header and buttons: white on orange"] < 6


def test_mkdocs_yml_and_init_scaffold_use_the_css_palette():
    import yaml

    for path in (REPO / "mkdocs.yml", REPO / "generator" / "scaffolds" / "mkdocs.yml"):
        palette = yaml.safe_load(path.read_text(encoding="utf-8"))["theme"]["palette"]
        assert palette == {"primary": "custom", "accent": "custom"}, path


def test_photos_keep_their_place_and_are_not_described_twice(built_demo):
    import lxml.html
    from PIL import Image

    page = built_demo / "activities" / "2026-chongyang-jinglaoyuan.html"
    figures = lxml.html.fromstring(page.read_text(encoding="utf-8")).xpath("//div[@class='hd-photos']/figure")
    assert figures
    for figure in figures:
        img = figure.find("img")
        with Image.open(page.parent / img.get("src")) as photo:
            assert (int(img.get("width")), int(img.get("height"))) == photo.size
        caption = figure.findtext("figcaption")
        assert img.get("alt") == ("" if caption else "活动照片")


def test_search_words_keep_words_whole_and_a_projects_own_words_renew_the_cache(tmp_path):
    from generator.website.segmenter import RememberedSegmenter

    segmenter = RememberedSegmenter(tmp_path)
    segmenter.install()
    try:
        import jieba

        assert list(jieba.cut("关爱空巢老人结对帮扶".encode("utf-8"))) == ["关爱", "空巢老人", "结对帮扶"]
    finally:
        segmenter.uninstall(save=True)
    assert RememberedSegmenter(tmp_path).known  # remembered for the next build
    own = tmp_path / "templates" / "site" / "search-words.txt"
    own.parent.mkdir(parents=True)
    own.write_text("竹亭镇 2000 ns\n", encoding="utf-8")
    renewed = RememberedSegmenter(tmp_path)
    assert renewed.words[-1] == own and renewed.known == {}  # other words, other segments
