"""Fonts subset once per build: small embedded subsets, every character still extracts, stable fingerprints."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pypdf
import pytest
from fontTools.ttLib import TTFont

from generator.content.project import load_project
from generator.printing import fontcache
from generator.printing.run import print_project
from generator.scaffold import init_project
from tests.test_engine import VISIT as ENGINE_VISIT

RARE = "王堃、李喆、张昇"                 # names beyond GB 2312
EXT_B = "𠀋𠂇"                           # CJK Extension B, which Noto CJK has
PUNCT = "“好！”（见《通知》）：谢谢？"      # full-width punctuation
BACKGROUND = f"{RARE}和{EXT_B}两位老人说：{PUNCT}"

VISIT = ENGINE_VISIT + f"background: {BACKGROUND}\n"
ONLY = ["plan", "signup-fillable"]


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("fonts") / "p"
    init_project(root, name="字体测试志愿服务队")
    (root / "content/activities/2026-visit.yaml").write_text(VISIT, encoding="utf-8")
    print_project(load_project(root), only=ONLY)
    return root


def pdftotext(path: Path) -> str:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True)
    return re.sub(r"\s+", "", out.stdout)


def pdffonts(path: Path) -> list[list[str]]:
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    return [line.split() for line in out.splitlines()[2:]]


def test_rare_ext_b_and_full_width_punctuation_extract_as_written(project):
    assert BACKGROUND in pdftotext(project / "plans/2026-visit/plan.pdf")


def test_embedded_fonts_are_small_subsets_of_the_build_subsets(project):
    fonts = pdffonts(project / "plans/2026-visit/plan.pdf")
    names = {row[0].split("+", 1)[1] for row in fonts}
    assert {"huodong-serif", "huodong-serif-extra", "huodong-sans", "huodong-title-Bold"} <= names
    # name type… emb sub uni: every font embedded and subset
    assert all(row[-5:-2] == ["yes", "yes", "yes"] for row in fonts), fonts
    cached = list((project / ".huodong-cache/fonts").iterdir())
    assert all(TTFont(path, lazy=True)["maxp"].numGlyphs < 8500 for path in cached if path.stat().st_size)


def test_the_fillable_sheet_embeds_no_font_for_its_fields(project):
    """The fields are set in STSong-Light, which the reader's computer supplies (printing/fillable.py): the sheet
    embeds the subsets its printed text uses and nothing else (a field's font embedded whole was 380 KB of a
    490 KB sheet)."""
    sheet = project / "plans/2026-visit/signup-fillable.pdf"
    fonts = pdffonts(sheet)
    assert {row[0].split("+", 1)[1] for row in fonts} == {"huodong-serif", "huodong-sans"}
    assert all(row[-5:-2] == ["yes", "yes", "yes"] for row in fonts), fonts
    form = pypdf.PdfReader(sheet).trailer["/Root"]["/AcroForm"]
    assert [font.get_object()["/BaseFont"] for font in form["/DR"]["/Font"].values()] == ["/STSong-Light-UniGB-UCS2-H"]
    assert sheet.stat().st_size < 120_000


def test_subsets_have_no_hinting_and_no_subroutines(project):
    folder = project / ".huodong-cache/fonts"
    for path in folder.iterdir():
        if not path.stat().st_size:
            continue
        font = TTFont(path, lazy=True)
        assert not {"fpgm", "prep", "cvt ", "hdmx", "vmtx", "VORG"} & set(font.keys()), path
        if "CFF " in font:
            assert len(font["CFF "].cff.GlobalSubrs) == 0, path


def test_base_faces_hold_gb2312_and_extra_faces_only_the_rare_characters(project):
    rare = fontcache.rare_characters(project)
    assert set("堃喆昇") | set(EXT_B) <= rare
    assert not set("的一是了关爱空巢老人，。：") & rare
    assert len(fontcache.BASE) > 6763 + 94
    serif = fontcache.resolve(fontcache.ROLES[0][1], 400)
    extra = next(p for p in (project / ".huodong-cache/fonts").iterdir() if p.name.startswith(f"{serif.key}-x"))
    cmap = set(map(chr, TTFont(extra, lazy=True).getBestCmap()))
    assert set("堃喆昇") | set(EXT_B) <= cmap <= rare


def test_a_new_rare_character_renders_again_only_that_activitys_documents(project):
    plan = project / "plans/2026-visit/plan.pdf"
    others = {p: p.stat().st_mtime_ns for p in (project / "plans").rglob("*.pdf") if p.parent.name != "2026-visit"}
    assert others
    fonts_before = {p.name for p in (project / ".huodong-cache/fonts").iterdir()}
    path = project / "content/activities/2026-visit.yaml"
    path.write_text(VISIT.replace("organiser: 竹亭镇团委", "organiser: 竹亭镇团委（联系人：赵燊）"), encoding="utf-8")

    result = print_project(load_project(project), only=ONLY)

    assert {p.relative_to(project / "plans").as_posix() for p in result.written} == {
        "2026-visit/plan.pdf", "2026-visit/signup-fillable.pdf"}
    assert {p: p.stat().st_mtime_ns for p in others} == others
    assert "燊" in pdftotext(plan)
    fonts_after = {p.name for p in (project / ".huodong-cache/fonts").iterdir()}
    changed = fonts_before ^ fonts_after
    assert changed and all("-x" in name for name in changed)  # only the extra faces were remade


def test_base_faces_are_made_once_per_computer_and_copied_into_the_next_project(tmp_path, monkeypatch):
    """A base face is the same for every project: a second project copies it from the user's cache
    (no subsetting) byte for byte; faces of one project's rare characters stay in that project."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("LOCALAPPDATA", raising=False)
    first, second = tmp_path / "a", tmp_path / "b"
    for root in (first, second):
        init_project(root, name="字体测试志愿服务队")
    (first / "content/activities/2026-visit.yaml").write_text(VISIT, encoding="utf-8")
    fontcache.prepare(first)
    shared = {p.name: p.read_bytes() for p in fontcache.shared_folder().iterdir() if not p.name.startswith(".")}
    assert shared and not any("-x" in name for name in shared)

    made = []
    monkeypatch.setattr(fontcache, "_subset", lambda source, chars: made.append(chars) or b"")
    fontcache.prepare(second)

    assert made == []  # the second project has no rare characters: every face came from the cache
    copied = {p.name: p.read_bytes() for p in (second / ".huodong-cache/fonts").iterdir()}
    assert copied == shared


def test_an_unwritable_user_cache_still_makes_the_projects_own_faces(tmp_path, monkeypatch):
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the cache folder would be", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    monkeypatch.delenv("LOCALAPPDATA", raising=False)
    root = tmp_path / "p"
    init_project(root, name="字体测试志愿服务队")
    fonts = fontcache.prepare(root)
    assert "huodong-serif" in fonts.css
    assert any(p.stat().st_size for p in (root / ".huodong-cache/fonts").iterdir())


def test_common_characters_have_the_lowest_glyph_numbers_of_a_base_face(project):
    """A PDF embeds every glyph slot up to its highest glyph: the characters nearly every document has come first."""
    serif = fontcache.resolve(fontcache.ROLES[0][1], 400)
    face = TTFont(project / ".huodong-cache/fonts" / serif.key, lazy=True)
    number = {name: gid for gid, name in enumerate(face.getGlyphOrder())}
    cmap = face.getBestCmap()

    def gid(char: str) -> int:
        return number[cmap[ord(char)]]

    assert max(map(gid, "，。、：；！？（）《》“”0123456789AZaz")) < 300
    assert max(map(gid, "的一是了不在人有我这中大来上国个到说们")) < 400
    assert min(map(gid, "瘪")) > 3000  # a level-1 hanzi seldom written
    assert face["maxp"].numGlyphs > 7000  # nothing was dropped: the same glyphs, renumbered


def test_renumbering_keeps_every_glyph_and_how_text_shapes(tmp_path):
    """commonest_first changes glyph numbers only: each glyph keeps its outline, width and private dict, and
    text shapes to the same glyphs (full-width quotes by locl, the one-piece —— by ccmp)."""
    import io

    import uharfbuzz as hb

    from generator import fonts

    source = fontcache.resolve(fonts.SERIF, 400)
    if source is None:
        pytest.skip("no CJK serif font installed")
    chars = frozenset("关于开展九九重阳敬老爱老志愿服务活动的通知“”（）——…·，。：fiABC123" + "瘪鏖")
    face = hb.Face(hb.Blob.from_file_path(str(source.path)), source.index)
    options = hb.SubsetInput()
    for char in chars:
        options.unicode_set.add(ord(char))
    options.flags = hb.SubsetFlags.NO_HINTING | hb.SubsetFlags.DESUBROUTINIZE
    plain = hb.subset(face, options).blob.data
    renumbered = fontcache.commonest_first(plain, chars)

    before, after = TTFont(io.BytesIO(plain)), TTFont(io.BytesIO(renumbered))
    assert sorted(before.getGlyphOrder()) == sorted(after.getGlyphOrder())
    assert after.getGlyphOrder() != before.getGlyphOrder()
    top_before, top_after = (font["CFF "].cff.topDictIndex[0] for font in (before, after))
    index_before = {name: gid for gid, name in enumerate(before.getGlyphOrder())}
    index_after = {name: gid for gid, name in enumerate(after.getGlyphOrder())}
    for name in before.getGlyphOrder():
        old, new = top_before.CharStrings[name], top_after.CharStrings[name]
        old.decompile()
        new.decompile()
        assert old.program == new.program, name
        assert before["hmtx"][name] == after["hmtx"][name], name
        assert top_before.FDSelect[index_before[name]] == top_after.FDSelect[index_after[name]], name
    assert before.getBestCmap() == after.getBestCmap()

    def shaped(data: bytes, font: TTFont) -> list[tuple[str, int]]:
        buffer = hb.Buffer()
        buffer.add_str("“敬老”——fi，瘪")
        buffer.guess_segment_properties()
        buffer.language = "zh-cn"
        hb.shape(hb.Font(hb.Face(data)), buffer)
        order = font.getGlyphOrder()
        return [(order[info.codepoint], pos.x_advance) for info, pos in zip(buffer.glyph_infos, buffer.glyph_positions)]

    assert shaped(plain, before) == shaped(renumbered, after)
    numbers = [index_after[name] for name, _ in shaped(renumbered, after)]
    assert max(numbers[:-1]) < numbers[-1]  # everything before the rare 瘪 has a lower number than it


def test_a_document_of_common_characters_embeds_few_glyph_slots(project):
    from weasyprint.pdf.fonts import Font  # noqa: F401  (the embedding hook is installed with printing)

    from generator.printing.pdf import lay_out

    data = lay_out(project, "<body class='gongwen'><p>关于开展敬老志愿服务活动的通知：各班级，请按时到达。</p></body>").write_pdf()
    counts = embedded_glyph_counts(data)
    # its rarest character, 敬, is about the 1,550th glyph; in the font's own order it kept about 8,000
    assert counts and max(counts.values()) < 2000, counts


def test_our_faces_are_embedded_in_one_pass_as_in_weasyprints_two(project, monkeypatch):
    from weasyprint.pdf.fonts import Font

    from generator.printing.pdf import lay_out

    assert Font._harfbuzz_subset.one_pass  # installed with printing
    html = "<body class='gongwen'><h1>关于开展“敬老”活动的通知</h1><p>各班级——请按时到达，谢谢！fi 123</p></body>"
    one = embedded_fonts(lay_out(project, html).write_pdf())
    monkeypatch.setattr(Font, "_harfbuzz_subset", Font._harfbuzz_subset.original)
    two = embedded_fonts(lay_out(project, html).write_pdf())
    assert one.keys() == two.keys() and any("huodong-" in name for name in one)
    for name, font in one.items():
        other = two[name]
        assert font.getGlyphOrder() == other.getGlyphOrder(), name
        top, other_top = font["CFF "].cff.topDictIndex[0], other["CFF "].cff.topDictIndex[0]
        for glyph in font.getGlyphOrder():
            mine, theirs = top.CharStrings[glyph], other_top.CharStrings[glyph]
            mine.decompile()
            theirs.decompile()
            assert mine.program == theirs.program and font["hmtx"][glyph] == other["hmtx"][glyph], (name, glyph)


def test_one_pass_gives_way_when_the_first_pass_would_not_end_at_the_highest_glyph(project):
    from generator.printing import embedding

    serif = fontcache.resolve(fontcache.ROLES[0][1], 400)
    content = (project / ".huodong-cache/fonts" / serif.key).read_bytes()
    glyphs = TTFont(project / ".huodong-cache/fonts" / serif.key, lazy=True)["maxp"].numGlyphs
    assert embedding.one_pass(content, 0, [1, 5, 40], hinting=False, missing=False) is not None
    # WeasyPrint numbers a character no font has beyond the font's glyphs: its two passes handle that
    assert embedding.one_pass(content, 0, [1, 5, glyphs + 3], hinting=False, missing=True) is None


def embedded_fonts(data: bytes) -> dict[str, TTFont]:
    import io

    import pypdf

    found = {}
    for page in pypdf.PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            stream = next((descriptor[key] for key in ("/FontFile3", "/FontFile2") if key in descriptor), None)
            if stream is not None:
                found[str(font["/BaseFont"]).split("+", 1)[-1]] = TTFont(io.BytesIO(stream.get_object().get_data()))
    return found


def embedded_glyph_counts(data: bytes) -> dict[str, int]:
    return {name: font["maxp"].numGlyphs for name, font in embedded_fonts(data).items()}


def test_a_faces_bytes_are_copied_out_of_harfbuzz_once_and_are_that_faces_file(project):
    """WeasyPrint copies each font's whole file for every document; ours are remembered per process, keyed by
    where HarfBuzz holds them (the blob kept alive meanwhile), never for a whole system font."""
    from generator.printing import embedding
    from generator.printing.pdf import lay_out

    embedding._DATA.clear()
    for text in ("关于开展敬老志愿服务活动的通知", "各班级：请按时到达。", "龘"):  # 龘: only the system font has it
        data = lay_out(project, f"<body class='gongwen'><p>{text}</p></body>").write_pdf()
        assert text in pdftotext_bytes(data)
    remembered = [data for data, _ in embedding._DATA.values()]
    ours = {path.read_bytes() for path in (project / ".huodong-cache/fonts").iterdir() if path.stat().st_size}
    import glob, os
    shared = {open(f, "rb").read(): f for f in glob.glob(os.path.expanduser("~/.cache/huodong/fonts/*"))}
    assert remembered and all(data in ours for data in remembered)
    assert all(len(data) <= embedding.LARGEST for data in remembered)


def pdftotext_bytes(data: bytes) -> str:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True)
    return re.sub(r"\s+", "", out.stdout.decode("utf-8"))
