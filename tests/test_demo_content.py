"""The repository's demo content and the `huodong new` starters.

The demo in content/ is what `huodong build` shows a newcomer, so it must load
cleanly and exercise every feature the renderers support; the starters must
pass `check` as written, so a new organiser starts from a valid file.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from PIL import ExifTags, Image

from generator.content.models import KIND_LABELS, Activity, Schedule
from generator.content.project import load_project
from generator.scaffold import init_project, new_activity

from .conftest import REPO

SCHEMA_COMMENT = "# yaml-language-server: $schema=../../schema/activity.schema.json"
DEMO_TODAY = dt.date(2026, 11, 23)  # the demo is written so this day has past and upcoming activities
MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
DOC_NUMBER = re.compile(r"^\S+〔\d{4}〕\d+号$")


@pytest.fixture(scope="module")
def demo():
    return load_project(REPO)


def with_feature(demo, predicate) -> list[Activity]:
    return [a for a in demo.activities if predicate(a)]


def news_posts() -> list[tuple[Path, dict, str]]:
    posts = []
    for path in sorted((REPO / "content" / "news").glob("*.md")):
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        posts.append((path, yaml.safe_load(front), body))
    return posts


# ---- the demo project --------------------------------------------------------

def test_demo_loads_without_errors_or_warnings(demo):
    assert [str(p) for p in demo.problems] == []
    assert len(demo.activities) >= 8


def test_every_activity_file_starts_with_the_schema_comment():
    files = sorted((REPO / "content" / "activities").glob("*.yaml"))
    assert files
    for path in files:
        assert path.read_text(encoding="utf-8").splitlines()[0] == SCHEMA_COMMENT, path.name


def test_every_demo_activity_is_a_complete_plan(demo):
    for a in demo.activities:
        assert a.theme and a.background and a.purpose and a.audience and a.contact, a.id
        assert a.participants and all(p.count for p in a.participants), a.id
        assert a.responsibilities and a.requirements and a.safety and a.checklist, a.id


def test_demo_covers_every_kind(demo):
    assert {a.kind for a in demo.activities} == set(KIND_LABELS)


def test_demo_has_past_and_upcoming_activities(demo):
    upcoming = with_feature(demo, lambda a: a.day > DEMO_TODAY)
    past = with_feature(demo, lambda a: a.day < DEMO_TODAY)
    assert len(upcoming) >= 3
    assert len(past) >= 3


def test_demo_dates_festivals_by_name(demo):
    festivals = {a.festival for a in demo.activities if a.festival}
    assert {"重阳节", "中秋节", "腊八节"} <= festivals
    chongyang = demo.activity("2026-chongyang-jinglaoyuan")
    assert chongyang.day == dt.date(2026, 10, 18)


def test_demo_has_a_two_track_schedule(demo):
    two_track = with_feature(demo, lambda a: isinstance(a.schedule, Schedule) and len(a.tracks) >= 2)
    assert two_track
    names = [t.name for t in two_track[0].tracks]
    assert all(names) and len(set(names)) == len(names)
    assert all(len(t.items) >= 3 for t in two_track[0].tracks)


def test_demo_has_a_multi_phase_programme(demo):
    programmes = with_feature(demo, lambda a: a.kind == "programme" and len(a.phases) >= 3)
    assert programmes
    programme = programmes[0]
    assert programme.principles and programme.purpose and programme.responsibilities
    assert all(phase.tasks for phase in programme.phases)
    starts = [phase.start for phase in programme.phases]
    assert starts == sorted(starts)


def test_demo_has_an_official_notice(demo):
    notices = with_feature(demo, lambda a: a.notice is not None)
    assert notices
    for activity in notices:
        notice = activity.notice
        assert DOC_NUMBER.match(notice.number), notice.number
        assert notice.to and notice.signatory and notice.date
        assert notice.date <= activity.day


def test_demo_has_beneficiaries_in_groups(demo):
    visited = with_feature(demo, lambda a: a.beneficiaries and a.groups)
    assert len(visited) >= 2
    for activity in visited:
        group_names = {g.name for g in activity.groups}
        for person in activity.beneficiaries:
            assert person.group in group_names, (activity.id, person.name)
            assert MOBILE.fullmatch(person.phone), (activity.id, person.phone)
            assert person.risk in ("红", "黄", "绿") and person.notes and person.community


def test_demo_has_published_reports_with_existing_photos(demo):
    reported = with_feature(demo, lambda a: a.report is not None)
    assert len(reported) >= 2
    media = REPO / "content" / "media"
    for activity in reported:
        report = activity.report
        assert report.published >= activity.day
        assert report.text.count("\n\n") >= 2, f"{activity.id}: 报道应有几段"
        assert report.served and report.volunteers
        photos = report.photo_list()
        assert photos
        for photo in photos:
            assert (media / photo.file).is_file(), photo.file


def test_demo_supplies_all_priced_so_budgets_total(demo):
    supplied = with_feature(demo, lambda a: a.supplies)
    assert len(supplied) >= 8
    for activity in supplied:
        assert all(s.unit_price is not None for s in activity.supplies), activity.id
        assert activity.supplies_total > 0


def test_demo_signups_are_printable_and_some_online(demo):
    signups = [a.signup for a in demo.activities if a.signup]
    assert len(signups) >= 8
    assert all(20 <= s.capacity <= 60 and s.deadline for s in signups)
    assert sum(1 for s in signups if s.form_url and s.form_url.startswith("https://")) >= 3


def test_public_contacts_are_never_mobile_numbers(demo):
    public = [a.contact for a in demo.activities] + [demo.site.contact.phone]
    assert all(public)
    assert [text for text in public if MOBILE.search(text)] == []


def test_demo_photos_carry_gps_so_the_site_must_strip_it():
    photos = sorted((REPO / "content" / "media").glob("*.jpg"))
    assert len(photos) >= 3
    for path in photos:
        assert path.stat().st_size < 80_000, path.name
        exif = Image.open(path).getexif()
        assert exif.get(ExifTags.Base.Make), path.name
        gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
        assert gps.get(ExifTags.GPS.GPSLatitude) and gps.get(ExifTags.GPS.GPSLongitude), path.name


def test_site_logo_exists(demo):
    assert demo.site.logo == "logo.png"
    assert Image.open(REPO / "content" / "media" / "logo.png").format == "PNG"


def test_news_posts_have_front_matter_and_link_to_real_activities(demo):
    posts = news_posts()
    assert len(posts) >= 2
    known = {a.id for a in demo.activities}
    linked = [front["activity"] for _, front, _ in posts if "activity" in front]
    assert linked and set(linked) <= known
    for path, front, body in posts:
        assert front["title"] and front["category"], path.name
        assert isinstance(front["date"], dt.date), path.name
        assert body.count("\n\n") >= 2, path.name


def test_public_texts_never_name_a_beneficiary(demo):
    names = {p.name for a in demo.activities for p in a.beneficiaries}
    texts = [body for _, _, body in news_posts()]
    texts += [a.report.text for a in demo.activities if a.report]
    leaked = sorted(name for name in names for text in texts if name in text)
    assert leaked == []


# ---- the starters written by `huodong new` -------------------------------------

@pytest.mark.parametrize("kind", sorted(KIND_LABELS))
def test_scaffold_validates_in_a_new_project(tmp_path, kind):
    root = tmp_path / "project"
    init_project(root)
    path = new_activity(root, kind, day=dt.date(2026, 11, 23))
    assert path.name == f"2026-11-23-{kind}.yaml"  # named after the activity's date, not today's
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == SCHEMA_COMMENT
    assert sum(1 for line in text.splitlines() if line.lstrip().startswith("# ")) >= 10
    project = load_project(root)
    assert [str(p) for p in project.problems] == []
    assert project.activity(path.stem).kind == kind
    assert project.activity(path.stem).day == dt.date(2026, 11, 23)
