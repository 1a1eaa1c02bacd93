"""Loading the programme records of a project: roster, archive, commendations, settings.

``load_records`` is the one entry point; after it no code reads the people
files. Every problem is located (file:line:column, or file:row:column for a
spreadsheet) and all are collected in one pass.
"""

from __future__ import annotations

import gc
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Iterator

from ..content.errors import ContentError, Problem, display_path
from ..content.loader import Located, YamlError, load_yaml
from ..content.project import Project
from ..content.validation import validate
from .models import (
    DEFAULT_CADENCE,
    Cadence,
    Commendation,
    Elder,
    ElderFile,
    RecordsSettings,
    Volunteer,
)
from .readahead import roster_path
from .volunteers import duplicate_ids, load_volunteers

_ASCII_ID = re.compile(r"^[A-Za-z0-9_-]+$")


@dataclass
class Records:
    volunteers: dict[str, Volunteer] = field(default_factory=dict)
    elders: list[Elder] = field(default_factory=list)
    cadence: dict[str, Cadence] = field(default_factory=lambda: dict(DEFAULT_CADENCE))
    commendations: list[Commendation] = field(default_factory=list)
    settings: RecordsSettings = field(default_factory=RecordsSettings)
    problems: list[Problem] = field(default_factory=list)
    issuer: str = ""  # who issues certificates: records.yaml, else site.yaml's 落款 or name

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    def volunteer_id(self, person: str) -> str | None:
        """The roster id ``person`` stands for: an id, or the name of exactly one volunteer."""
        if person in self.volunteers:
            return person
        named = self.named(person)
        return named[0] if len(named) == 1 else None

    def named(self, name: str) -> list[str]:
        """The ids of the volunteers called ``name``."""
        return self._names.get(name, [])

    @cached_property
    def _names(self) -> dict[str, list[str]]:
        names: dict[str, list[str]] = {}
        for volunteer in self.volunteers.values():
            names.setdefault(volunteer.name, []).append(volunteer.id)
        return names

    def name_of(self, person: str) -> str:
        """A commendation's person: a volunteer id becomes the name, a name stays."""
        return self.volunteers[person].name if person in self.volunteers else person


def load_records(project: Project, *, strict: bool = True) -> Records:
    """The project's records, read once per loaded project (check, the public view and printing all ask)."""
    records = project.__dict__.get("_records")
    if records is None:
        with collector_paused():
            records = project.__dict__["_records"] = _read_records(project)
    if strict and records.errors:
        raise ContentError(records.problems)
    return records


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while a roster is read or indexed: 100,000 rows make a million
    containers, none of them garbage, that every collection would walk again (a sixth of `check`'s time)."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _read_records(project: Project) -> Records:
    people = project.content_dir / "people"
    records = Records()
    known: set[str] | None = None  # ids to check references against; None: no usable roster
    roster = roster_path(people)
    if roster is not None:
        volunteers, found = load_volunteers(roster, project.root)
        records.volunteers = {v.id: v for v in volunteers}
        records.problems += found
        known = None if any(p.is_error for p in found) else set(records.volunteers)
    records.settings = _load_settings(people / "records.yaml", project.root, records.problems)
    records.issuer = records.settings.issuer or project.site.signatory or project.site.name
    _load_elders(people / "elders.yaml", project.root, records, known)
    _load_commendations(project.content_dir / "commendations", project.root, records, known, roster is not None)
    records.problems += check_attendance(project, None if known is None else records, roster is not None)
    records.problems = sorted(set(records.problems))
    return records


def check_attendance(project: Project, roster: Records | None, has_roster: bool = True) -> list[Problem]:
    """Attendance names a roster volunteer (by id, or by a name only one has), once per activity, with a length to count.

    ``roster`` is None when the roster has errors: then names are not checked against it.
    """
    problems: list[Problem] = []
    for activity in project.activities:
        if not activity.attendance:
            continue
        located = load_yaml(project.sources[activity.id], display_path(project.sources[activity.id], project.root))
        seen: set[str] = set()
        for i, entry in enumerate(activity.attendance):
            line, column = located.position(("attendance", i, "volunteer"))
            if not has_roster:
                problems.append(Problem(located.path, line, column, "写了出勤记录，但还没有志愿者名册 "
                                                                    "content/people/volunteers.yaml（或 .xlsx / .csv），请先建立名册"))
                break
            person = entry.volunteer if roster is None else roster.volunteer_id(entry.volunteer)
            if person is None:
                named = roster.named(entry.volunteer)
                message = (f"名册里有 {len(named)} 位志愿者叫“{entry.volunteer}”（编号 {'、'.join(named)}），"
                           "请改写其中一个编号" if named else unknown_volunteer(entry.volunteer, set(roster.volunteers)))
                problems.append(Problem(located.path, line, column, message))
            elif person in seen:
                problems.append(Problem(located.path, line, column, f"志愿者“{entry.volunteer}”在本活动的出勤记录里写了两次，请删掉一处"))
            seen.add(person)
            if entry.hours is None and activity.hours is None:
                problems.append(Problem(located.path, line, column, "活动的 time 没有写结束时间，算不出服务时长："
                                                                    "请把 time 写成 \"14:00-16:30\"，或在这一项写 hours"))
    return problems


def unknown_volunteer(person: str, known: set[str]) -> str:
    sample = "、".join(sorted(known)[:8])
    if _ASCII_ID.match(person):
        return f"志愿者编号“{person}”不在志愿者名册里，请检查拼写或先把这位志愿者加进名册（现有：{sample}…）"
    return f"名册里没有编号或姓名是“{person}”的志愿者，请检查拼写或先把这位志愿者加进名册（现有编号：{sample}…）"


def _load(path: Path, root: Path, problems: list[Problem]) -> Located | None:
    shown = display_path(path, root)
    try:
        located = load_yaml(path, shown)
    except YamlError as error:
        problems.extend(error.problems)
        return None
    problems += located.warnings
    if not isinstance(located.data, dict):
        problems.append(Problem(shown, 1, 1, "文件内容应该是“键: 值”形式，现在不是"))
        return None
    return located


def _load_settings(path: Path, root: Path, problems: list[Problem]) -> RecordsSettings:
    located = _load(path, root, problems) if path.exists() else None
    if located is None:
        return RecordsSettings()
    settings, found = validate(RecordsSettings, located)
    problems += found
    return settings or RecordsSettings()


def _load_elders(path: Path, root: Path, records: Records, known: set[str] | None) -> None:
    located = _load(path, root, records.problems) if path.exists() else None
    if located is None:
        return
    archive, found = validate(ElderFile, located)
    records.problems += found + duplicate_ids(located, "elders", "老人档案") + _elder_links(located, known)
    if archive is not None:
        records.elders = archive.elders
        records.cadence = {**DEFAULT_CADENCE, **archive.cadence}


def _elder_links(located: Located, known: set[str] | None) -> list[Problem]:
    """Paired and visiting volunteers must be in the roster (read raw, so all are reported at once)."""
    if known is None:
        return []
    problems = []

    def check(value: Any, loc: tuple[Any, ...]) -> None:
        people = value if isinstance(value, list) else [value] if value is not None else []
        for k, person in enumerate(people):
            at = (*loc, k) if isinstance(value, list) else loc
            if isinstance(person, (str, int)) and str(person) not in known:
                line, column = located.position(at)
                problems.append(Problem(located.path, line, column, unknown_volunteer(str(person), known)))

    elders = located.data.get("elders")
    for i, elder in enumerate(elders if isinstance(elders, list) else []):
        if not isinstance(elder, dict):
            continue
        check(elder.get("volunteers"), ("elders", i, "volunteers"))
        visits = elder.get("visits")
        for j, visit in enumerate(visits if isinstance(visits, list) else []):
            if isinstance(visit, dict):
                check(visit.get("volunteers"), ("elders", i, "visits", j, "volunteers"))
    return problems


def _load_commendations(folder: Path, root: Path, records: Records, known: set[str] | None, has_roster: bool) -> None:
    for path in sorted(folder.glob("*.y*ml")) if folder.is_dir() else []:
        located = _load(path, root, records.problems)
        if located is None:
            continue
        located.data = {"id": path.stem, **located.data}
        commendation, found = validate(Commendation, located)
        records.problems += found
        if commendation is None:
            continue
        for i, person in enumerate(commendation.people):
            if not _ASCII_ID.match(person):
                continue  # a name of someone outside the roster, e.g. 张建国家庭
            line, column = located.position(("people", i))
            if not has_roster:
                records.problems.append(Problem(located.path, line, column, f"“{person}”像是志愿者编号，但还没有志愿者名册；"
                                                                            "不在名册里的人请直接写姓名"))
            elif known is not None and person not in known:
                records.problems.append(Problem(located.path, line, column, unknown_volunteer(person, known)))
        records.commendations.append(commendation)
    records.commendations.sort(key=lambda c: (c.date, c.id))
