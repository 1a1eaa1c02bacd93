"""The public view: the one place that decides what may be published, and how.

Beneficiaries are old, often ill and alone. Their names, addresses, phones and
health notes, and volunteers' phones, stay internal. The website is built only
from the dataclasses below, which have no field that could hold those values:
beneficiaries become a count, the communities they live in and masked names
(李秀英 → 李奶奶). Free text the organiser wrote (titles, report text, news) is
passed through ``Scrubber`` so that a name or phone typed into it by mistake is
masked too.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Callable

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
MOBILE = re.compile(r"(?<!\d)(1[3-9]\d)[ -]?(\d{4})[ -]?(\d{4})(?!\d)")
ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
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
    text = MOBILE.sub(lambda m: f"{m[1]}****{m[3]}", text)
    return ID_NUMBER.sub(HIDDEN, text)


class Scrubber:
    """Replaces internal values an organiser typed into public free text.

    ``secrets`` maps an internal value (address, phone, health note) to what
    replaces it; ``names`` maps a full name to its masked form. Text is scanned
    once, trying only the values that start with the character at hand.
    """

    def __init__(self, secrets: dict[str, str], names: dict[str, str]):
        table = {v: (r, False) for v, r in secrets.items() if len(v) >= 2}
        table.update({n: (m, True) for n, m in names.items() if len(n) >= 2})
        self._index: dict[str, list[tuple[str, str, bool]]] = {}
        for value in sorted(table, key=len, reverse=True):
            self._index.setdefault(value[0], []).append((value, *table[value]))
        self._starts = re.compile("[" + re.escape("".join(self._index)) + "]") if self._index else None

    def __call__(self, text: str | None) -> str | None:
        if not text:
            return text
        if self._starts is not None:
            text = self._replace(text)
        return mask_phones(text)

    def _replace(self, text: str) -> str:
        out, done = [], 0
        match = self._starts.search(text)
        while match:
            at = match.start()
            for value, replacement, is_name in self._index[text[at]]:
                if text.startswith(value, at):
                    out.append(text[done:at] + replacement)
                    done = at + len(value)
                    if is_name:
                        done = HONORIFIC.match(text, done).end()
                    break
            match = self._starts.search(text, max(done, at + 1))
        return "".join(out) + text[done:]


def beneficiary_secrets(person: Beneficiary) -> dict[str, str]:
    secrets = {value: HIDDEN for value in (person.phone, person.notes) if value}
    if person.address:
        secrets[person.address] = person.community or HIDDEN
    return secrets


def scrubber_for(beneficiaries: list[Beneficiary], records=None) -> Scrubber:
    """Every internal value of the activities' beneficiaries and, when given, the records."""
    secrets: dict[str, str] = {}
    names: dict[str, str] = {}
    for person in beneficiaries:
        secrets.update(beneficiary_secrets(person))
        names[person.name] = mask_name(person.name, person.gender)
    if records is not None:
        for elder in records.elders:
            texts = [elder.phone, elder.contact, elder.health, elder.notes, *(v.notes for v in elder.visits)]
            secrets.update({t: HIDDEN for t in texts if t})
            if elder.address:
                secrets[elder.address] = elder.community or HIDDEN
            names[elder.name] = mask_name(elder.name, elder.gender)
        for volunteer in records.volunteers.values():
            secrets.update({t: HIDDEN for t in (volunteer.phone, volunteer.id_number) if t})
    return Scrubber(secrets, names)


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
    clean = scrubber_for([p for a in project.activities for p in a.beneficiaries], records)
    known = {*records.volunteers, *(v.name for v in records.volunteers.values())}

    def person(name: str) -> str:
        """Volunteers on the roster appear as they consented; units and others as written."""
        return public_name(records, _volunteer_id(records, name)) if name in known else name

    # an unedited example (`example: true`, written by `huodong init`) is only printed, never published
    activities = tuple(public_activity(a, clean, person) for a in project.activities if not a.example)
    commendations = [c for a in activities for c in a.commendations] + public_commendations(project, records)
    return PublicProject(
        site=public_site(project.site),
        activities=activities,
        commendations=tuple(sorted(commendations, key=lambda c: c.date or dt.date.min, reverse=True)),
        honour_roll=tuple(honour_roll(project, records=records)),
        programme=public_totals(project, records=records),
        scrubber=clean,
    )


def _volunteer_id(records, name: str) -> str:
    return next((v.id for v in records.volunteers.values() if name in (v.id, v.name)), name)


def public_site(site: SiteConfig) -> PublicSite:
    clean = mask_phones
    return PublicSite(
        name=site.name, short_name=site.short_name, description=site.description, url=site.url,
        region=site.region,
        contact=PublicContact(site.contact.name, site.contact.phone, site.contact.email,
                              site.contact.address and clean(site.contact.address)),
    )


def public_activity(activity: Activity, clean: Scrubber | None = None,
                    person: Callable[[str], str] = str) -> PublicActivity:
    """One activity as the site shows it; ``person`` says how a commended volunteer is named."""
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
        beneficiary_names=tuple(mask_name(p.name, p.gender) for p in people),
        communities=tuple(dict.fromkeys(p.community for p in people if p.community)),
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
        text=clean(report.text),
        served=report.served,
        volunteers=report.volunteers,
        photos=tuple(PublicPhoto(p.file, clean(p.caption)) for p in report.photo_list()),
        category=clean(report.category) or activity.kind_label,
    )

