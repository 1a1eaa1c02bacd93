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
