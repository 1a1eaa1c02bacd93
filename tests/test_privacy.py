"""privacy.py: masking names, scrubbing free text, and a public view that cannot hold internal data."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from generator.content.models import Activity, Beneficiary
from generator.privacy import (PublicActivity, PublicProject, PublicReport, mask_name, mask_phones, public_activity,
                               scrubber_for, volunteer_hours)

ACTIVITY = dict(title="重阳走访", kind="visit", date="2026-10-18", time="14:00-16:30", location="溪口村",
                organiser="竹亭镇老龄办")


@pytest.mark.parametrize("name, gender, masked", [
    ("李秀英", "女", "李奶奶"), ("李建国", "男", "李爷爷"), ("李明", None, "李某某"),
    ("欧阳秀英", "女", "欧阳奶奶"), ("欧阳", "男", "欧爷爷"), ("Mary Li", "女", "某老人"),
])
def test_mask_name(name, gender, masked):
    assert mask_name(name, gender) == masked


def test_mask_phones_keeps_office_numbers_and_hides_mobiles_and_ids():
    text = "办公室 0571-12345678，手机 139 0000 5108，身份证 33010219360412123X"
    assert mask_phones(text) == "办公室 0571-12345678，手机 139****5108，身份证 （不公开）"


def test_scrubber_masks_names_with_honorifics_and_cuts_addresses_to_the_community():
    people = [Beneficiary(name="李秀英", gender="女", address="溪口村六组 3 号", community="溪口村",
                          phone="0571-86500112", notes="独居，患高血压")]
    clean = scrubber_for(people)
    assert clean("看望李秀英奶奶（住溪口村六组 3 号，电话 0571-86500112，独居，患高血压）") == \
        "看望李奶奶（住溪口村，电话 （不公开），（不公开））"
    assert clean(None) is None


def test_public_views_have_no_field_for_internal_data():
    for view in (PublicActivity, PublicReport, PublicProject):
        names = {f.name for f in dataclasses.fields(view)}
        assert not names & {"beneficiaries", "address", "phone", "notes", "attendance", "groups", "id_number"}


def test_public_activity_counts_and_masks_beneficiaries():
    activity = Activity.model_validate({**ACTIVITY, "beneficiaries": [
        {"name": "李秀英", "gender": "女", "community": "溪口村", "address": "溪口村六组 3 号"},
        {"name": "王建国", "gender": "男", "community": "长庆社区"},
        {"name": "赵明", "community": "溪口村"},
    ], "report": {"published": "2026-10-20", "text": "李秀英奶奶笑了。"}})
    public = public_activity(activity)
    assert public.beneficiary_count == 3
    assert public.beneficiary_names == ("李奶奶", "王爷爷", "赵某某")
    assert public.communities == ("溪口村", "长庆社区")
    assert public.report.text == "李奶奶笑了。"
    assert public.report.category == "走访慰问"


def test_volunteer_hours_from_attendance_or_headcount():
    plain = Activity.model_validate({**ACTIVITY, "participants": [{"group": "学生", "count": 10}]})
    assert volunteer_hours(plain) == Decimal("25.0")
    recorded = Activity.model_validate({**ACTIVITY, "attendance": [{"volunteer": "v01", "hours": 3},
                                                                   {"volunteer": "v02"}]})
    assert volunteer_hours(recorded) == Decimal("5.5")


def test_a_landline_written_with_its_area_code_in_brackets_is_masked_whole():
    from generator.privacy import HIDDEN, PHONE, Scrubber

    clean = Scrubber({"0571-86501234": (HIDDEN, PHONE)}, {})
    assert clean("座机(0571)86501234 或 （0571）86501234，0571-86501234") == "座机（不公开） 或 （不公开），（不公开）"


def test_roster_numbers_written_plainly_are_masked_however_a_page_spaces_them():
    """Plain ASCII values (a roster's phones and IDs) take a shortcut to their key; it must match the long way."""
    import string

    from generator.privacy import HIDDEN, ID, PHONE, Scrubber, key

    for value in (string.ascii_letters + string.digits, *string.ascii_letters, *string.digits, "13900005108"):
        assert key(value) == value
    clean = Scrubber({"13900005108": (HIDDEN, PHONE), "33010219360412123X": (HIDDEN, ID),
                      "057186501234": (HIDDEN, PHONE), "12345": (HIDDEN, PHONE), "A1234567": (HIDDEN, ID)}, {})
    assert clean("手机 139 0000 5108，１３９００００５１０８，证件 33010219360412123X、A1234567，座机 86501234，分机 12345") == \
        "手机 （不公开），（不公开），证件 （不公开）、A（不公开），座机 （不公开），分机 12345"
