"""The public view: the one place that decides what may be published, and how.

Beneficiaries are old, often ill and alone. Their names, addresses, phones and
health notes, and volunteers' phones, stay internal. The website is built only
from the dataclasses below, which have no field that could hold those values:
beneficiaries become a count, the communities they live in and masked names
(李秀英 → 李奶奶). Free text the organiser wrote (titles, report text, news, own
pages, site.yaml, commendations) is passed through ``Scrubber`` so that a name,
phone, ID number or house address typed into it by mistake is masked too, and
``masking_warnings`` tells the organiser where (file:line:col).

``Scrubber`` is the one function all publishing goes through: the view applies
it field by field, and website/gate.py applies it once more to every file of
site/ (pages, search index, feeds, calendar, sitemap, file names) as the build
ends. Public downloads (the sign-up sheet) are rendered from ``public_project``.
"""

from __future__ import annotations

import datetime as dt
import bisect
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Any, Callable

from pathlib import Path

from .content.errors import WARNING, Problem
from .content.models import Activity, Beneficiary, SiteConfig
from .content.project import Project

COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 诸葛 上官 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 轩辕 令狐 钟离 端木 "
    "独孤 南宫 西门 百里 呼延 申屠 太史 万俟 闻人 澹台 公冶 宗政 濮阳 淳于 单于 赫连".split()
)
ADDRESS_TITLES = {"女": "奶奶", "男": "爷爷"}
UNKNOWN_TITLE = "某某"
# What a name in free text may be followed by; "李秀英奶奶" becomes "李奶奶", not "李奶奶奶奶".
HONORIFIC = re.compile("(?:老奶奶|老爷爷|老大爷|奶奶|爷爷|大爷|大妈|大娘|阿姨|阿婆|阿公|婆婆|老人)?")
HIDDEN = "（不公开）"


def surname(name: str) -> str | None:
    """The family name of a Chinese name, or None when it cannot be told."""
    name = name.strip()
    if len(name) >= 3 and name[:2] in COMPOUND_SURNAMES:
        return name[:2]
    if name and "\u4e00" <= name[0] <= "\u9fff":
        return name[0]
    return None


def mask_name(name: str, gender: str | None = None) -> str:
    """李秀英 (女) → 李奶奶, (男) → 李爷爷, unknown → 李某某."""
    family = surname(name)
    if family is None:
        return "某老人"
    return family + ADDRESS_TITLES.get(gender or "", UNKNOWN_TITLE)


def mask_phones(text: str) -> str:
    """Mobile and ID numbers never appear whole: 13900005108 → 139****5108."""
    return Scrubber({}, {})(text)



# What a masked value was, for the organiser's warning ("背景里写了老人的姓名…").
NAME, PHONE, ID, ADDRESS, HEALTH, PRIVATE = "老人的姓名", "电话号码", "身份证号", "住址", "健康状况", "内部信息"
# Separators an organiser puts inside a number: 139 0000 5108, 0571-86501234, (0571)86501234.
DIGIT_GAP = frozenset(" \t\u3000-‐‑–—.()（）")
# Spacing inside a name or an address (张 桂芝); dropped when matching.
SPACING = frozenset(" \t\u3000\u200b\u200c\u200d\ufeff\u00a0")
SENTENCE_END = re.compile(r"[。！？!?；;\n]")
# The house-level part of an address: 3栋2单元501室, 幸福路12号, 六组3号.
NUMERAL = "0-9一二三四五六七八九十百千零〇两"
HOUSE = re.compile(f"[{NUMERAL}]+(?:号楼|栋|幢|单元|室|号|组|弄)")
HOUSE_END = re.compile(f"[{NUMERAL}]+(?:号楼|栋|幢|单元|室|号)")


@dataclass(frozen=True)
class Masked:
    """One value the scrubber replaced: where in the text, what it was, what is shown instead."""

    start: int
    end: int
    found: str
    shown: str
    kind: str


def _fold_table() -> dict[int, str]:
    """Every character whose NFKC form is one other character: full-width digits and letters, the
    ideographic space, circled digits… Folding only these keeps each position where it was."""
    table = {}
    blocks = (range(0xA0, 0x100), range(0x2000, 0x2070), range(0x2460, 0x2500), range(0x3000, 0x3001),
              range(0xFF00, 0xFFF0))  # Latin-1 spaces, general punctuation, enclosed digits, full-width forms
    for code in (c for block in blocks for c in block):
        char = chr(code)
        folded = unicodedata.normalize("NFKC", char)
        if folded != char and len(folded) == 1:
            table[code] = folded
    return table


FOLD = _fold_table()
GAPS = re.compile("[" + re.escape("".join(SPACING | DIGIT_GAP)) + "]+")


class _Key:
    """Text normalised for matching (NFKC, no spacing inside names or digit runs), with where each
    stretch of it was in the original, so a match maps back to what the organiser wrote."""

    def __init__(self, text: str, folded: str | None = None):
        self.original = text
        folded = text.translate(FOLD) if folded is None else folded  # one character for one
        pieces: list[str] = []
        self.starts: list[int] = []  # where each stretch starts in the key …
        self.origin: list[int] = []  # … and in the original
        done = size = 0

        def keep(piece: str, at: int) -> None:
            nonlocal size
            pieces.append(piece)
            self.starts.append(size)
            self.origin.append(at)
            size += len(piece)

        for gap in GAPS.finditer(folded):
            a, b = gap.span()
            before, after = folded[a - 1:a], folded[b:b + 1]
            if before.isascii() and before.isalpha() and after.isascii() and after.isalpha():
                continue  # Mary Li
            keep(folded[done:a], done)
            if not (before.isdigit() and after.isdigit()):  # 139 0000 5108, 0571-86501234: all dropped
                for at in range(a, b):  # 张 桂芝: spacing dropped, other marks kept
                    if folded[at] not in SPACING:
                        keep(folded[at], at)
            done = b
        keep(folded[done:], done)
        self.text = "".join(pieces)
        self.folded = folded

    def _at(self, position: int) -> int:
        i = bisect.bisect_right(self.starts, position) - 1
        return self.origin[i] + position - self.starts[i]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original text's span of key[start:end]."""
        return self._at(start), (self._at(end - 1) + 1 if end > start else self._at(start))


def key(text: str) -> str:
    return _Key(text).text


# Where Markdown names an image: ![说明](../media/合影.jpg) or <img src="...">.
IMAGE_SOURCE = re.compile(r"""!\[[^\]]*\]\(\s*<?([^)>\s]+)|<img\b[^>]*?\bsrc\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
MOBILE_LOOSE = re.compile(r"(?<!\d)(1[3-9]\d)[ \-]?(\d{4})[ \-]?(\d{4})(?!\d)")
ID_LOOSE = re.compile(r"(?<![0-9A-Za-z])\d{6}[ \-]?\d{8}[ \-]?\d{3}[\dXx](?![0-9A-Za-z])")


class Scrubber:
    """Replaces internal values an organiser typed into public free text.

    ``secrets`` maps an internal value (address, phone) to what replaces it and
    what kind it is; ``names`` maps a full name to its masked form; ``health``
    are health details, masked only in a sentence that names someone. Text and
    values are compared normalised (full-width digits, spaces inside a name or
    a number, 0571-86501234 and (0571)86501234 are the same). Mobile and ID
    numbers are masked wherever they appear, known or not. Ordinary words
    (needs such as 打扫卫生) are never search terms.
    """

    def __init__(self, secrets: dict[str, tuple[str, str]], names: dict[str, str],
                 health: set[str] | frozenset[str] = frozenset()):
        table: dict[str, tuple[str, str]] = {}
        plain: list[str] = []  # a roster's phones and IDs: ASCII digits, whose one variant is the value itself
        others: list[str] = []  # every other variant, and the names
        for value, found in secrets.items():
            kind = found[1]
            if (value.isdigit() and value.isascii() and len(value) >= 7
                    and (kind == ID or (kind == PHONE and value[0] != "0"))):  # _variants(value, kind) == {value}
                table.setdefault(value, found)
                plain.append(value)
                continue
            for variant in _variants(value, kind):
                table.setdefault(variant, found)
                others.append(variant)
        for name, masked in names.items():
            if len(k := key(name)) >= 2:
                table[k] = (masked, NAME)
                others.append(k)
        self._table, self._plain, self._others = table, plain, others  # indexed when first needed (below)
        self._health = _index({k: (HIDDEN, HEALTH) for term in health for k in _clauses(term)})
        self._inputs = (secrets, names, health)
        # A quick look for any value by its last characters, spaced or not (an address starts with its
        # village, which pages name often): the normalised copy is made only of text that may hold one.
        # Numbers (most of a roster) by their last seven digits through one pattern and a set: a pattern
        # listing 100,000 phone numbers takes minutes to compile.
        gap = f"[{re.escape(''.join(SPACING | DIGIT_GAP))}]*"
        heads = {gap.join(map(re.escape, v[-4:])) for v in others if not v.isdigit() or len(v) < 7}
        self._gaps = re.compile(gap)
        self._seven = re.compile(rf"(?=(\d(?:{gap}\d){{6}}))")
        self._heads = re.compile("|".join(sorted(heads))) if heads else None

    # A roster's 100,000 numbers are indexed only when a text may hold one (a seven-digit run), and all the
    # values only when a text's quick look finds one: `check` of a project whose pages name no one builds neither.
    @cached_property
    def _digit_heads(self) -> frozenset[str]:
        return frozenset({v[-7:] for v in self._plain} | {v[-7:] for v in self._others if v.isdigit() and len(v) >= 7})

    @cached_property
    def _index(self):
        return _index(self._table)

    @property
    def fingerprint(self) -> str:
        """A digest of what this scrubber masks: a text it left unchanged stays unchanged by any
        scrubber with the same fingerprint (and the same code)."""
        import hashlib

        secrets, names, health = self._inputs
        h = hashlib.sha256()
        for part in (sorted(secrets.items()), sorted(names.items()), sorted(health)):
            h.update(repr(part).encode("utf-8", "surrogatepass"))
        return h.hexdigest()

    def __call__(self, text: str | None, markdown: bool = False) -> str | None:
        """``text`` with every internal value replaced. With ``markdown``, the addresses of images
        are kept as written: the website replaces each with its published, neutral name or drops it."""
        if not text:
            return text
        found = self.scan(text)
        if markdown:
            kept = [m.span(1 if m[1] else 2) for m in IMAGE_SOURCE.finditer(text)]
            found = [m for m in found if not any(a < m.end and m.start < b for a, b in kept)]
        if not found:
            return text
        out, done = [], 0
        for masked in found:
            out.append(text[done:masked.start] + masked.shown)
            done = masked.end
        return "".join(out) + text[done:]

    def _maybe(self, folded: str) -> bool:
        """Whether ``folded`` may hold a known value (its last characters are there, spaced or not)."""
        if self._heads is not None and self._heads.search(folded):
            return True
        return any(self._gaps.sub("", m[1]) in self._digit_heads for m in self._seven.finditer(folded))

    def scan(self, text: str | None) -> list[Masked]:
        """Every value that ``__call__`` replaces in ``text``, in order."""
        if not text:
            return []
        folded = text.translate(FOLD)
        if not self._maybe(folded):
            return _disjoint(_numbers_in(folded, text))
        squeezed = _Key(text, folded)
        found = _find(squeezed, self._index)
        named = [m for m in found if m.kind == NAME]
        if named and self._health[0]:
            for start, end in _sentences(text):
                if any(start <= m.start < end for m in named):
                    found += [m for m in _find(squeezed, self._health) if start <= m.start < end]
        return _disjoint(found + _numbers_in(folded, text))


def _numbers_in(folded: str, text: str) -> list[Masked]:
    """Every mobile and ID number, known or not (folding keeps positions, so they are the text's)."""
    found = []
    for pattern, kind, shown in ((ID_LOOSE, ID, lambda m: HIDDEN),
                                 (MOBILE_LOOSE, PHONE, lambda m: f"{m[1]}****{m[3]}")):
        for match in pattern.finditer(folded):
            start, end = match.span()
            found.append(Masked(start, end, text[start:end], shown(match), kind))
    return found


_NOT_ID_DIGIT = re.compile(r"[^0-9Xx]")


def _variants(value: str, kind: str) -> set[str]:
    """The forms of an internal value worth looking for, normalised."""
    # ASCII letters and digits (most of a roster's phones and IDs) are their own key: nothing to fold or drop
    plain = value.isascii() and value.isalnum()
    k = value if plain else key(value)
    if kind in (PHONE, ID) and len(digits := k if plain and k.isdigit() else _NOT_ID_DIGIT.sub("", k)) >= 7:
        k = digits  # (0571)86501234 → 057186501234
    if len(k) < 2 or (kind == PHONE and k.isdigit() and len(k) < 7):
        return set()  # too short to tell from other numbers
    found = {k}
    if kind == PHONE and k.isdigit() and k.startswith("0") and len(k) >= 10:
        found.add(k[-8:] if len(k) >= 11 else k[-7:])  # a landline without its area code
    if kind == ADDRESS:
        if len(k) >= 6:
            found.add(k[:-1])  # 溪口村六组3号 written as 溪口村六组3
        house = HOUSE.search(k)
        if house and HOUSE_END.search(k, house.start()):
            tail = k[house.start():]
            found.add(tail)
            if len(tail) >= 4:
                found.add(tail[:-1])
    return found


def _clauses(term: str) -> set[str]:
    """独居，患高血压 → {独居，患高血压, 独居, 患高血压}: each part is a health detail of its own."""
    parts = {key(p) for p in re.split(r"[，,、；;。\s]+", term)} | {key(term)}
    return {p for p in parts if len(p) >= 2}


def _index(table: dict[str, tuple[str, str]]):
    """Values by their first character, then by length: a position is tried against one set per length,
    so a roster of 100,000 phone numbers costs a handful of lookups per digit, not 100,000."""
    index: dict[str, dict[int, dict[str, tuple[str, str]]]] = {}
    for value, found in table.items():
        index.setdefault(value[0], {}).setdefault(len(value), {})[value] = found
    index_by_length = {first: sorted(by_length.items(), reverse=True) for first, by_length in index.items()}
    starts = re.compile("[" + re.escape("".join(index)) + "]") if index else None
    return index_by_length, starts


def _find(squeezed: _Key, indexed) -> list[Masked]:
    index, starts = indexed
    if starts is None:
        return []
    text, found = squeezed.text, []
    match = starts.search(text)
    while match:
        at, done = match.start(), match.start() + 1
        for length, values in index[text[at]]:  # longest first
            if (hit := values.get(text[at:at + length])) is not None:
                shown, kind = hit
                done = at + length
                if kind == NAME:
                    done = HONORIFIC.match(text, done).end()
                start, end = squeezed.span(at, done)
                original = squeezed.original
                if start and original[start - 1] in "(（" and any(c in original[start:end] for c in ")）"):
                    start -= 1  # (0571)86501234: the area code's opening bracket goes with it
                found.append(Masked(start, end, squeezed.original[start:end], shown, kind))
                break
        match = starts.search(text, done)
    return found


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for end in SENTENCE_END.finditer(text):
        spans.append((start, end.end()))
        start = end.end()
    return spans + [(start, len(text))]


def _disjoint(found: list[Masked]) -> list[Masked]:
    """Earliest first; of overlapping values the longer wins."""
    chosen: list[Masked] = []
    for masked in sorted(found, key=lambda m: (m.start, -(m.end - m.start))):
        if chosen and masked.start < chosen[-1].end:
            continue
        chosen.append(masked)
    return chosen


def beneficiary_secrets(person: Beneficiary) -> dict[str, tuple[str, str]]:
    secrets = {person.phone: (HIDDEN, PHONE)} if person.phone else {}
    if person.address:
        secrets[person.address] = (person.community or HIDDEN, ADDRESS)
    return secrets


COUNTED = "一位老人"  # a name in free text when site.yaml says beneficiaries_on_site: count


def scrubber_for(beneficiaries: list[Beneficiary], records=None, counts_only: bool = False) -> Scrubber:
    """Every identifying value of the activities' beneficiaries and, when given, the records.

    Needs, notes and visit notes are not search terms: they are ordinary words
    (打扫卫生) that only say something private next to a name. ``counts_only``
    (site.yaml ``beneficiaries_on_site: count``) shows a name as 一位老人, not 李奶奶.
    """
    masked = (lambda name, gender: COUNTED) if counts_only else mask_name
    secrets: dict[str, tuple[str, str]] = {}
    names: dict[str, str] = {}
    health: set[str] = set()
    for person in beneficiaries:
        secrets.update(beneficiary_secrets(person))
        names[person.name] = masked(person.name, person.gender)
        health.update(filter(None, [person.notes]))
    if records is not None:
        for elder in records.elders:
            secrets.update({t: (HIDDEN, PHONE) for t in (elder.phone, *_numbers(elder.contact)) if t})
            if elder.contact:
                secrets[elder.contact] = (HIDDEN, PRIVATE)
            if elder.address:
                secrets[elder.address] = (elder.community or HIDDEN, ADDRESS)
            names[elder.name] = masked(elder.name, elder.gender)
            health.update(filter(None, [elder.health, elder.notes]))
        for volunteer in records.volunteers.values():  # a roster may have 100,000: no comprehension per one
            if volunteer.phone:
                secrets[volunteer.phone] = (HIDDEN, PHONE)
            if volunteer.id_number:
                secrets[volunteer.id_number] = (HIDDEN, ID)
    return Scrubber(secrets, names, health)


def _numbers(text: str | None) -> list[str]:
    """The phone numbers inside a free-text contact (儿子 王强 138 0000 1111)."""
    return re.findall(r"\d{7,}", key(text or ""))


# ---- the public view ---------------------------------------------------------

@dataclass(frozen=True)
class PublicItem:
    time: str
    item: str
    place: str | None


@dataclass(frozen=True)
class PublicTrack:
    name: str
    items: tuple[PublicItem, ...]


@dataclass(frozen=True)
class PublicParticipant:
    group: str
    count: int | None


@dataclass(frozen=True)
class PublicSignup:
    capacity: int
    deadline: dt.date | None
    form_url: str | None
    contact: str | None


@dataclass(frozen=True)
class PublicPhoto:
    file: str  # relative to content/media/
    caption: str | None


@dataclass(frozen=True)
class PublicReport:
    published: dt.date
    title: str
    text: str  # Markdown, scrubbed; rendered and sanitised by the website
    served: int | None
    volunteers: int | None
    photos: tuple[PublicPhoto, ...]
    category: str


@dataclass(frozen=True)
class PublicCommendation:
    title: str
    names: tuple[str, ...]
    reason: str | None
    date: dt.date | None
    activity_id: str | None
    activity_title: str | None


@dataclass(frozen=True)
class PublicActivity:
    id: str
    title: str
    kind: str
    kind_label: str
    day: dt.date
    end_day: dt.date | None
    festival: str | None
    start: dt.time | None
    end: dt.time | None
    time: str | None
    location: str
    organiser: str
    co_organisers: tuple[str, ...]
    theme: str | None
    background: str | None
    purpose: tuple[str, ...]
    audience: str | None
    participants: tuple[PublicParticipant, ...]
    volunteer_count: int
    tracks: tuple[PublicTrack, ...]
    beneficiary_count: int
    beneficiary_names: tuple[str, ...]  # masked
    communities: tuple[str, ...]
    requirements: tuple[str, ...]
    signup: PublicSignup | None
    contact: str | None
    tags: tuple[str, ...]
    report: PublicReport | None
    commendations: tuple[PublicCommendation, ...]
    volunteer_hours: Decimal  # attendance hours, or volunteers × activity hours

    @property
    def year(self) -> int:
        return self.day.year


@dataclass(frozen=True)
class PublicContact:
    name: str | None
    phone: str | None
    email: str | None
    address: str | None


@dataclass(frozen=True)
class PublicSite:
    name: str
    short_name: str | None
    description: str | None
    url: str | None
    region: str | None
    contact: PublicContact


@dataclass(frozen=True)
class PublicProject:
    site: PublicSite
    activities: tuple[PublicActivity, ...]  # by date
    commendations: tuple[PublicCommendation, ...]  # newest first
    honour_roll: tuple  # records.public.HonourRow: volunteers by hours, names as they consented
    programme: Any  # records.public.PublicTotals: counts only (elders in the archive, visits made)
    scrubber: Scrubber  # for free text read later (news posts): masks every known internal value

    def activity(self, activity_id: str) -> PublicActivity | None:
        return next((a for a in self.activities if a.id == activity_id), None)


def public_view(project: Project) -> PublicProject:
    """Everything the website may show, and nothing more."""
    from .records.load import load_records
    from .records.public import honour_roll, public_commendations, public_name, public_totals

    records = load_records(project)
    clean = project_scrubber(project, records)
    counts_only = project.site.beneficiaries_on_site == "count"
    known = {*records.volunteers, *(v.name for v in records.volunteers.values())}

    def person(name: str) -> str:
        """Volunteers on the roster appear as they consented; units and others as written."""
        return public_name(records, _volunteer_id(records, name)) if name in known else name

    # an unedited example (`example: true`, written by `huodong init`) is only printed, never published
    activities = tuple(public_activity(a, clean, person, counts_only) for a in project.activities if not a.example)
    commendations = [c for a in activities for c in a.commendations] + public_commendations(project, records, clean)
    return PublicProject(
        site=public_site(project.site, clean),
        activities=activities,
        commendations=tuple(sorted(commendations, key=lambda c: c.date or dt.date.min, reverse=True)),
        honour_roll=tuple(honour_roll(project, records=records)),
        programme=public_totals(project, records=records),
        scrubber=clean,
    )


def project_scrubber(project: Project, records=None) -> Scrubber:
    """The scrubber of everything published for a project: every activity's beneficiaries and the records.

    Made once per loaded project (check's warnings, the public view and the public sheets all ask), like
    its records (records.load.load_records).
    """
    scrubber = project.__dict__.get("_scrubber")
    if scrubber is None:
        from .records.load import collector_paused, load_records

        if records is None:
            records = load_records(project, strict=False)
        with collector_paused():
            scrubber = project.__dict__["_scrubber"] = scrubber_for(
                [p for a in project.activities for p in a.beneficiaries], records,
                counts_only=project.site.beneficiaries_on_site == "count")
    return scrubber


def _volunteer_id(records, name: str) -> str:
    return next((v.id for v in records.volunteers.values() if name in (v.id, v.name)), name)


def public_site(site: SiteConfig, clean: Scrubber | None = None) -> PublicSite:
    clean = clean or Scrubber({}, {})
    contact = site.contact
    return PublicSite(
        name=clean(site.name), short_name=clean(site.short_name), description=clean(site.description),
        url=site.url, region=clean(site.region),
        contact=PublicContact(clean(contact.name), clean(contact.phone), clean(contact.email), clean(contact.address)),
    )


def public_activity(activity: Activity, clean: Scrubber | None = None,
                    person: Callable[[str], str] = str, counts_only: bool = False) -> PublicActivity:
    """One activity as the site shows it; ``person`` says how a commended volunteer is named;
    ``counts_only`` leaves out the beneficiaries' masked names and communities (only their number)."""
    clean = clean or scrubber_for(activity.beneficiaries)
    texts = lambda values: tuple(clean(v) for v in values)  # noqa: E731
    people = activity.beneficiaries
    return PublicActivity(
        id=activity.id, title=clean(activity.title), kind=activity.kind, kind_label=activity.kind_label,
        day=activity.day, end_day=activity.end_date, festival=activity.festival,
        start=activity.time.start if activity.time else None,
        end=activity.time.end if activity.time else None,
        time=str(activity.time) if activity.time else None,
        location=clean(activity.location), organiser=clean(activity.organiser),
        co_organisers=texts(activity.co_organisers), theme=clean(activity.theme),
        background=clean(activity.background), purpose=texts(activity.purpose),
        audience=clean(activity.audience),
        participants=tuple(PublicParticipant(clean(p.group), p.count) for p in activity.participants),
        volunteer_count=activity.volunteer_count,
        tracks=tuple(
            PublicTrack(clean(t.name), tuple(PublicItem(str(i.time), clean(i.item), clean(i.place)) for i in t.items))
            for t in activity.tracks
        ),
        beneficiary_count=len(people),
        beneficiary_names=() if counts_only else tuple(mask_name(p.name, p.gender) for p in people),
        communities=() if counts_only else tuple(dict.fromkeys(p.community for p in people if p.community)),
        requirements=texts(activity.requirements),
        signup=_signup(activity, clean),
        contact=clean(activity.contact),
        tags=texts(activity.tags),
        report=_report(activity, clean),
        commendations=tuple(
            PublicCommendation(clean(c.title), tuple(person(clean(n)) for n in c.names), clean(c.reason),
                               activity.day, activity.id, clean(activity.title))
            for c in activity.commendations
        ),
        volunteer_hours=volunteer_hours(activity),
    )


def volunteer_hours(activity: Activity) -> Decimal:
    """Recorded attendance hours; without attendance, volunteers × the activity's hours."""
    default = Decimal(str(activity.hours)) if activity.hours else Decimal(0)
    if activity.attendance:
        return sum((a.hours if a.hours is not None else default for a in activity.attendance), Decimal(0))
    return activity.volunteer_count * default


def _signup(activity: Activity, clean: Scrubber) -> PublicSignup | None:
    signup = activity.signup
    if signup is None:
        return None
    return PublicSignup(signup.capacity, signup.deadline, signup.form_url, clean(signup.contact))


def _report(activity: Activity, clean: Scrubber) -> PublicReport | None:
    report = activity.report
    if report is None:
        return None
    return PublicReport(
        published=report.published,
        title=clean(report.title or activity.title),
        text=clean(report.text, markdown=True),
        served=report.served,
        volunteers=report.volunteers,
        photos=tuple(PublicPhoto(p.file, clean(p.caption)) for p in report.photo_list()),  # file: see media.photo_uri
        category=clean(report.category) or activity.kind_label,
    )



# ---- printed documents the site offers ---------------------------------------

def public_project(project: Project, clean: Scrubber | None = None) -> Project:
    """The project as a document published on the site may print it (the blank sign-up sheet):
    every text the sheet can show scrubbed, nothing internal (beneficiaries, groups, supplies) kept."""
    clean = clean or project_scrubber(project)
    site = project.site.model_copy(update={
        "name": clean(project.site.name), "short_name": clean(project.site.short_name),
        "signatory": clean(project.site.signatory), "region": clean(project.site.region)})
    return Project(root=project.root, site=site, activities=[_public_copy(a, clean) for a in project.activities],
                   sources=dict(project.sources))


def _public_copy(activity: Activity, clean: Scrubber) -> Activity:
    signup = activity.signup and activity.signup.model_copy(update={
        "contact": clean(activity.signup.contact), "fields": [clean(f) for f in activity.signup.fields]})
    copy = activity.model_copy(update={
        "title": clean(activity.title), "location": clean(activity.location), "organiser": clean(activity.organiser),
        "contact": clean(activity.contact), "theme": clean(activity.theme), "signup": signup,
        "beneficiaries": [], "groups": [], "supplies": [], "budget": None, "responsibilities": [],
        "attendance": [], "schedule": None, "report": None, "background": None, "notice": None,
    })
    copy._festival = activity.festival
    return copy


# ---- telling the organiser ------------------------------------------------------

# What the organiser calls each published field, for "背景里写了…".
LABELS = {
    "title": "活动名称", "location": "地点", "organiser": "主办单位", "co_organisers": "协办单位", "theme": "活动主题",
    "background": "背景", "purpose": "活动目的", "audience": "活动对象", "participants": "参与人员",
    "schedule": "活动流程", "requirements": "注意事项", "signup": "报名信息", "contact": "对外联系人", "tags": "标签",
    "report": "活动报道", "commendations": "活动表彰", "name": "组织名称", "short_name": "简称",
    "description": "一句话介绍", "region": "所在地区", "signatory": "落款", "reason": "表彰理由", "units": "获表彰的集体",
    "people": "获表彰的个人", "caption": "照片说明", "file": "照片文件名", "text": "报道正文", "category": "栏目",
    "phone": "联系电话", "address": "单位地址", "email": "邮箱",
}
# Parts of an activity file that only internal printouts show: not scanned.
INTERNAL_KEYS = {"beneficiaries", "groups", "supplies", "budget", "responsibilities", "safety", "checklist",
                 "attendance", "notice", "phases", "principles", "owner", "fields", "id", "kind", "date", "time",
                 "end_date", "form_url", "capacity", "deadline", "count", "url", "logo", "year", "document", "issuer",
                 "number", "published", "served", "volunteers"}
CONTACT_KEYS = {"contact", "phone"}
_NAME_ONLY = re.compile(HONORIFIC.pattern.removesuffix("?") + "$")


def publishing_warnings(project: Project) -> list[Problem]:
    """masking_warnings for `check`, which reports content errors itself: none when the content has errors."""
    from .content.errors import ContentError

    if project.errors:
        return []
    try:
        return masking_warnings(project)
    except ContentError:
        return []  # the records have errors; `check` lists them


def masking_warnings(project: Project, clean: Scrubber | None = None) -> list[Problem]:
    """A located warning for every value the site will show masked, so that the organiser can
    rewrite the sentence: activities, site.yaml, commendations, news and own pages."""
    clean = clean or project_scrubber(project)
    return sorted({p for path in masking_sources(project) for p in file_masking_warnings(project, path, clean)})


def masking_sources(project: Project) -> list[Path]:
    """The files masking_warnings reads: each one's warnings depend on it alone (and on the scrubber)."""
    root = Path(project.root)
    files = [root / "content" / "site.yaml", *project.sources.values(),
             *sorted((root / "content" / "commendations").glob("*.y*ml"))]
    for folder in ("news", "pages"):
        files += [path for path in sorted((root / "content" / folder).glob("*.md")) if path.name.lower() != "readme.md"]
    return [path for path in files if path.is_file()]


def file_masking_warnings(project: Project, path: Path, clean: Scrubber) -> list[Problem]:
    """masking_warnings of one of masking_sources."""
    from .content.errors import display_path
    from .content.loader import YamlError, load_yaml, read_text

    root = Path(project.root)
    found: list[Problem] = []
    if path.suffix == ".md":
        news = path.parent.name == "news"
        label = "新闻稿" if news else "页面"
        try:  # read as the site reads it (a GBK page too); news files' encoding is reported with the news
            text, warnings = read_text(path, display_path(path, root))
        except YamlError as error:
            return [] if news else list(error.problems)
        if not news:
            found += warnings
        for masked in clean.scan(text):
            line = text.count("\n", 0, masked.start) + 1
            column = masked.start - (text.rfind("\n", 0, masked.start) + 1) + 1
            found.append(Problem(display_path(path, root), line, column, _message(label, (), masked), WARNING))
        return found
    try:
        located = load_yaml(path, display_path(path, root))
    except YamlError:
        return found  # `check` reports the file's syntax itself
    lines = path.read_text(encoding="utf-8-sig", errors="replace").splitlines()
    for loc, text in _texts(located.data, ()):
        label = _label(loc, commendation=path.parent.name == "commendations")
        line, column = located.position(loc)
        for masked in clean.scan(text):
            at = _locate(lines, masked.found, line, column)
            found.append(Problem(located.path, *at, _message(label, loc, masked), WARNING))
    return found


def _texts(data: Any, loc: tuple):
    """Every string at a published place of a YAML document, with its path."""
    if isinstance(data, str):
        yield loc, data
    elif isinstance(data, int) and not isinstance(data, bool):  # a phone typed without quotes is shown as written
        yield loc, str(data)
    elif isinstance(data, dict):
        for k, v in data.items():
            if k not in INTERNAL_KEYS:
                yield from _texts(v, (*loc, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _texts(v, (*loc, i))


def _locate(lines: list[str], found: str, line: int, column: int) -> tuple[int, int]:
    """Where ``found`` is written, searching from the value's position; else the value's position."""
    for number in range(line, min(len(lines), line + 200) + 1):
        at = lines[number - 1].find(found, column - 1 if number == line else 0)
        if at >= 0:
            return number, at + 1
    return line, column


def _label(loc: tuple, commendation: bool) -> str:
    """What the organiser calls the field at ``loc``: a report's or a commendation's title is not the activity's."""
    keys = [p for p in loc if isinstance(p, str)]
    if keys[-1:] == ["title"] and ("report" in keys or commendation):
        return "报道标题" if "report" in keys else "表彰名称"
    return LABELS.get(next((k for k in reversed(keys) if k in LABELS), ""), "这段文字")


def _message(label: str, loc: tuple, masked: Masked) -> str:
    if masked.kind == PHONE and MOBILE_LOOSE.search(unicodedata.normalize("NFKC", masked.found)) \
            and set(loc) & CONTACT_KEYS:
        return (f"{label}里写了手机号“{masked.found}”，网站上会显示为“{masked.shown}”，别人无法拨打。"
                "建议改写成办公电话。")
    what = {NAME: "老人的姓名", PHONE: "电话号码", ID: "身份证号", ADDRESS: "老人的住址",
            HEALTH: "老人的健康状况", PRIVATE: "老人的联系人"}[masked.kind]
    found = _NAME_ONLY.sub("", masked.found) if masked.kind == NAME else masked.found
    return f"{label}里写了{what}“{found}”，网站上会显示为“{masked.shown}”。建议改写。"
