"""The CJK fonts cut down once per build, so each PDF embeds and lays out small fonts.

A system CJK font is 20–27 MB with 65,000 glyphs. WeasyPrint subsets it per
document but keeps every glyph number up to the highest one used, so each PDF
carried ~150 KB of empty glyph slots per face, and loading the big fonts cost
time in every worker. Here each face the print stylesheet uses (serif, serif
bold, sans, sans bold, 楷体) is subset once into ``.huodong-cache/fonts/``:

* two **base** faces: GB2312's 3,755 level-1 hanzi with its symbols, ASCII,
  Latin-1, CJK and full-width punctuation, and its 3,008 level-2 hanzi (kept
  apart so that the common characters have low glyph numbers) — the same on
  every build of every project, so they are made once per computer (kept in
  the user's cache folder as well, ``shared_folder``, from where a new project
  copies them) and never make a document render again;
* an **extra** face: the few characters beyond that base which appear in this
  project's ``content/`` and print templates (names like 堃, 喆, Ext-B
  characters) and which the font has.

The stylesheet lists ``huodong-<role>``, ``huodong-<role>-2`` and ``huodong-<role>-extra`` before the
system font stacks, so a character none of these faces has still falls back to
whatever installed font has it. A document's fingerprint depends on the base
faces only (``fingerprint``): a new rare character changes the extra face, and
only the documents whose own content changed (the ones that use it) render
again. Hinting and vertical-metrics tables are dropped and CFF outlines are
desubroutinized, so the per-document subsets WeasyPrint makes stay small; and
the glyphs are renumbered commonest first (``commonest_first``), because
WeasyPrint keeps every glyph slot up to the highest one a document uses.

Subsetting uses HarfBuzz (uharfbuzz): fontTools takes over a minute per CJK
face on a 2-core machine, HarfBuzz half a second. fontTools only renumbers the
subset's glyphs (0.3 s a face: bounding boxes are not computed again).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from .. import fonts
from ..engine.atomic import write_bytes
from ..engine.cache import CACHE_DIR, digest
from ..templates import template_dirs

FOLDER = "fonts"
TEXT_SUFFIXES = {".yaml", ".yml", ".md", ".markdown", ".txt", ".csv", ".html", ".css", ".json"}
DROP_TABLES = ("vhea", "vmtx", "VORG", "DSIG", "BASE", "JSTF", "LTSH", "PCLT", "hdmx", "EBDT", "EBLC", "EBSC")
# the features HarfBuzz applies to horizontal text by default
HORIZONTAL_FEATURES = ("ccmp", "locl", "rlig", "rclt", "calt", "clig", "liga", "kern", "mark", "mkmk", "curs",
                       "dist", "rvrn")
SUBSET_VERSION = "7"  # bump when the base character set or the subset options change

# (CSS family, font stack of generator/fonts.py, weight): the faces print.css asks for.
ROLES = (
    ("huodong-serif", fonts.SERIF, 400),
    ("huodong-serif", fonts.SERIF, 700),
    ("huodong-title", fonts.TITLE, 700),
    ("huodong-sans", fonts.SANS, 400),
    ("huodong-sans", fonts.SANS, 700),
    ("huodong-kai", fonts.KAI, 400),
)


def families(family: str) -> tuple[str, ...]:
    """The faces of one role, in the order a font stack lists them: ``huodong-serif``, ``huodong-serif-2``…"""
    return tuple(f"{family}{suffix}" for suffix in (*(suffix for suffix, _ in PARTS), EXTRA))


def _ranges(*pairs: tuple[int, int]) -> set[str]:
    return {chr(c) for low, high in pairs for c in range(low, high + 1)}


def _gb2312(first_row: int, last_row: int) -> set[str]:
    """GB 2312's characters in rows ``first_row``–``last_row`` (1–9 symbols, 16–55 level-1 hanzi, 56–87 level 2)."""
    chars = set()
    for high in range(0xA0 + first_row, 0xA0 + last_row + 1):
        for low in range(0xA1, 0xFF):
            try:
                chars.add(bytes((high, low)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return chars


# The base faces. WeasyPrint keeps every glyph slot up to the highest one a
# document uses, so the common characters get a face of their own with low
# glyph numbers: GB 2312's level-1 hanzi (the 3,755 most used) with symbols,
# Latin and punctuation; its 3,008 level-2 hanzi make the second face.
COMMON = frozenset(_gb2312(1, 55) | _ranges(
    (0x20, 0x7E),      # ASCII
    (0xA0, 0xFF),      # Latin-1
    (0x2010, 0x205E),  # general punctuation: — … ‘’ “” ‰ ※
    (0x2100, 0x2199),  # letterlike, number forms (Ⅰ Ⅱ), arrows
    (0x2460, 0x24FF),  # ① ⑴ ⒈
    (0x25A0, 0x25FF),  # □ ■ ○ ● △
    (0x2610, 0x2612),  # ☐ ☑ ☒ (forms' tick boxes)
    (0x3000, 0x303F),  # CJK punctuation: 、。〈〉《》「」【】〇
    (0xFF01, 0xFF5E),  # full-width forms: ，：；！？（）
))
LEVEL2 = frozenset(_gb2312(56, 87))
BASE = COMMON | LEVEL2
PARTS = (("", COMMON), ("-2", LEVEL2))  # CSS family suffix, characters
EXTRA = "-extra"  # the suffix of the face of this project's rare characters


@dataclass(frozen=True)
class Source:
    """One installed font file (and face index in a .ttc) that a role resolves to."""

    path: Path
    index: int
    bold: bool  # a real bold face, not a regular one fontconfig would embolden

    @property
    def key(self) -> str:
        stat = self.path.stat()
        return digest(SUBSET_VERSION, str(self.path), str(self.index), str(stat.st_size),
                      str(stat.st_mtime_ns), *_tool_versions())[:16]


@dataclass(frozen=True)
class FontSet:
    """The subset files of one build and the @font-face rules that load them."""

    folder: Path
    css: str
    fingerprint: str  # base faces only: what every document's look depends on


def _tool_versions() -> tuple[str, ...]:
    """What a subset's bytes depend on besides the font: the subsetter, the reordering, the character counts."""
    return tuple(metadata.version(name) for name in ("uharfbuzz", "fonttools", "jieba"))


@lru_cache(maxsize=32)
def resolve(stack: tuple[str, ...], weight: int) -> Source | None:
    """The font file fontconfig uses for the first installed family of ``stack`` at ``weight``."""
    installed = fonts.cjk_families()
    family = next((name for name in stack if name in installed), None)
    if family is None or shutil.which("fc-match") is None:
        return None
    pattern = f"{family}:weight={'bold' if weight >= 700 else 'regular'}"
    try:
        found = subprocess.run(["fc-match", "-f", "%{file}\t%{index}\t%{weight}", pattern],
                               capture_output=True, text=True, timeout=30, check=False).stdout
        path, index, fc_weight = found.split("\t")
        source = Source(Path(path), int(index), float(fc_weight.split()[0]) >= 200)
    except (OSError, subprocess.SubprocessError, ValueError):
        return None
    if not source.path.is_file() or (weight >= 700 and not source.bold):
        return None  # no bold face: WeasyPrint emboldens the regular one, as before
    return source


def rare_characters(root: Path) -> frozenset[str]:
    """Characters beyond the base set in the project's content/ and print templates (text files)."""
    root = Path(root)
    found: set[str] = set()
    for folder in (root / "content", *template_dirs(root, "print")):
        if not folder.is_dir():
            continue
        for path in folder.rglob("*"):
            if path.suffix.lower() in TEXT_SUFFIXES and path.is_file():
                found.update(path.read_bytes().decode("utf-8", errors="ignore"))
    return frozenset(c for c in found if c not in BASE and c.isprintable() and not c.isspace())


def _subset(source: Source, chars: frozenset[str]) -> bytes:
    import uharfbuzz as hb

    face = hb.Face(hb.Blob.from_file_path(str(source.path)), source.index)
    wanted = set(map(ord, chars)) & set(face.unicodes)
    if not wanted:
        return b""
    options = hb.SubsetInput()
    for codepoint in sorted(wanted):
        options.unicode_set.add(codepoint)
    drop = options.sets(hb.SubsetInputSets.DROP_TABLE_TAG)
    for tag in DROP_TABLES:
        drop.add(table_tag(tag))
    features = options.sets(hb.SubsetInputSets.LAYOUT_FEATURE_TAG)
    features.clear()
    for tag in HORIZONTAL_FEATURES:
        features.add(table_tag(tag))
    # horizontal features only: vertical forms would add thousands of glyphs; locl and ccmp make
    # simplified Chinese's full-width punctuation and the one-piece "——"
    options.flags = hb.SubsetFlags.NO_HINTING | hb.SubsetFlags.DESUBROUTINIZE
    try:
        data = hb.subset(face, options).blob.data
    except Exception:  # noqa: BLE001 — a font HarfBuzz cannot subset: the system font is used as before
        return b""
    try:
        return commonest_first(data, chars)
    except Exception:  # noqa: BLE001 — fontTools cannot reorder it: the subset in the font's own order still prints
        return data


# What nearly every document has, before the hanzi: ASCII, CJK punctuation, full-width forms, — … “ ” ·, and
# the forms' boxes, marks and numbers
EVERYDAY = (*(chr(c) for low, high in ((0x20, 0x7E), (0x3000, 0x303F), (0xFF01, 0xFF5E), (0x2010, 0x205E))
              for c in range(low, high + 1)), *"·×√□■○●△▲◇◆☐☑☒※→←↑↓①②③④⑤⑥⑦⑧⑨⑩")
SEQUENCES = ("——", "……", "fi", "fl", "ff", "ffi", "ffl")  # set as one glyph each (ccmp, liga)
# How Pango shapes our text (lang="zh-CN"): alone; amid Chinese (punctuation and digits take their neighbours'
# script); as a run of Latin letters or digits on its own (a date in a table cell), for which Pango asks for
# English, and Noto CJK's default locl gives the digits narrower forms
SHAPED_AS = ((None, "zh-cn"), ("Hani", "zh-cn"), ("Latn", "en"))


def priority(chars: frozenset[str]) -> list[str]:
    """The texts whose glyphs go first, in order: everyday punctuation, digits and Latin letters and what they
    join into (——, ﬁ); hanzi by how common they are (words.py: character_counts); then the rest of ``chars``
    (symbols, Latin-1) by code point."""
    counts = _character_counts()
    everyday = [c for c in EVERYDAY if c in chars]
    joined = [text for text in SEQUENCES if set(text) <= chars]
    hanzi = sorted((c for c in chars if "\u4e00" <= c <= "\u9fff"), key=lambda c: (-counts[c], c))
    rest = sorted(chars - set(everyday) - set(hanzi))
    return everyday + joined + hanzi + rest


@lru_cache(maxsize=1)
def _character_counts():
    from ..words import character_counts

    return character_counts()


def commonest_first(data: bytes, chars: frozenset[str]) -> bytes:
    """The subset ``data`` with its glyphs renumbered: the glyphs of common characters first, each followed by
    the glyphs simplified Chinese text shapes it to (locl's full-width quotes, ccmp's one-piece ——).

    WeasyPrint embeds, in each PDF, every glyph slot up to the highest glyph number the document uses; in the
    font's own order the common full-width punctuation comes last, so every document kept all 8,000 slots
    (about 70 KB per face, and as much subsetting work). Commonest first, a document's highest glyph is its
    rarest character's.
    """
    import io

    import uharfbuzz as hb
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.reorderGlyphs import reorderGlyphs

    font = TTFont(io.BytesIO(data), recalcBBoxes=False, recalcTimestamp=False)
    old = font.getGlyphOrder()
    cmap = font.getBestCmap()
    shaper = hb.Font(hb.Face(data))
    wanted = [old[0]]  # .notdef stays glyph 0
    for text in priority(chars):
        if len(text) == 1 and ord(text) in cmap:
            wanted.append(cmap[ord(text)])
        for script, language in SHAPED_AS:
            buffer = hb.Buffer()
            buffer.add_str(text)
            buffer.guess_segment_properties()
            if script:
                buffer.script = script
            buffer.language = language
            hb.shape(shaper, buffer)
            wanted += [old[info.codepoint] for info in buffer.glyph_infos]
    first = dict.fromkeys(wanted)
    order = [*first, *(name for name in old if name not in first)]
    top = font["CFF "].cff.topDictIndex[0] if "CFF " in font else None
    fd_of = None
    if top is not None and hasattr(top, "FDSelect"):  # CID-keyed: each glyph's private dict goes with it
        index = {name: gid for gid, name in enumerate(old)}
        fd_of = [top.FDSelect[index[name]] for name in order]
    reorderGlyphs(font, order)
    if fd_of is not None:
        top.FDSelect.gidArray = fd_of
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def table_tag(name: str) -> int:
    """An OpenType tag ("GSUB", "locl") as the number HarfBuzz's sets hold."""
    return int.from_bytes(name.encode("ascii"), "big")


def _ensure(path: Path, source: Source, chars: frozenset[str], shared: bool = False) -> Path | None:
    """The subset at ``path``, made if missing; None when the font has none of ``chars``. ``shared``: a base
    face, the same for every project on this computer, is copied from the user's cache when another project
    made it already, and left there for the next one."""
    if path.is_file():
        return path if path.stat().st_size else None
    data = _from_shared(path.name) if shared else None
    if data is None:
        data = _subset(source, chars)
        if shared:
            _to_shared(path.name, data)
    write_bytes(path, data)  # an empty file remembers "this font has none of these characters"
    return path if data else None


def shared_folder() -> Path | None:
    """The user's own cache folder for base faces (never the shared temporary folder: another user could
    put a font there), or None when there is no home folder."""
    base = os.environ.get("LOCALAPPDATA") if os.name == "nt" else os.environ.get("XDG_CACHE_HOME")
    try:
        folder = Path(base) if base else Path.home() / ".cache"
    except RuntimeError:
        return None
    return folder / "huodong" / FOLDER


def _from_shared(name: str) -> bytes | None:
    folder = shared_folder()
    try:
        return (folder / name).read_bytes() if folder is not None else None
    except OSError:
        return None


def _to_shared(name: str, data: bytes) -> None:
    folder = shared_folder()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_bytes(folder / name, data)
    except OSError:
        pass  # a read-only or full home folder: each project makes its own, as before


def prepare(root: Path) -> FontSet:
    """Make (or find) this build's base and extra subsets under .huodong-cache/fonts/."""
    folder = Path(root).resolve() / CACHE_DIR / FOLDER
    rare = rare_characters(root)
    rules, keys, keep = [], [], set()
    for family, stack, weight in ROLES:
        source = resolve(stack, weight)
        if source is None:
            continue
        key = source.key
        keys.append(f"{family}/{weight}={key}")
        faces = [(suffix, f"{key}{suffix}", chars) for suffix, chars in PARTS]
        if rare:
            faces.append((EXTRA, f"{key}-x{digest(key, ''.join(sorted(rare)))[:16]}", rare))
        for suffix, name, chars in faces:
            keep.add(name)
            path = _ensure(folder / name, source, chars, shared=suffix != EXTRA)
            if path is not None:
                rules.append(f'@font-face {{ font-family: "{family}{suffix}"; font-weight: {weight}; '
                             f'src: url("{path.as_uri()}"); }}')
    _prune(folder, keep)
    return FontSet(folder, "\n".join(rules), digest(SUBSET_VERSION, *keys))


def _prune(folder: Path, keep: set[str]) -> None:
    """Subsets of fonts or rare characters no longer used (the folder would otherwise only grow)."""
    if not folder.is_dir():
        return
    for path in folder.iterdir():
        if path.name not in keep and not path.name.startswith("."):
            path.unlink(missing_ok=True)


_PREPARED: dict[Path, FontSet] = {}


def font_set(root: Path, refresh: bool = False) -> FontSet:
    """This build's fonts: prepared once per build (``refresh``), then shared by every render in the process."""
    root = Path(root).resolve()
    if refresh or root not in _PREPARED:
        _PREPARED[root] = prepare(root)
    return _PREPARED[root]


def source_files() -> list[str]:
    """The installed font files the subsets are cut from (a build that changes nothing checks them again)."""
    found = [resolve(stack, weight) for _, stack, weight in ROLES]
    return sorted({str(source.path) for source in found if source is not None})


def fingerprint(root: Path) -> str:
    """What documents' fingerprints include about fonts: the base faces, not the extra ones."""
    return font_set(root).fingerprint
