"""The scrubber's table of a roster's plain phone and ID numbers is made without ``_variants``: it must be
the table ``_variants`` gives, value for value, and the quick look by last characters the same."""

from __future__ import annotations

import random
import re

from generator.privacy import (ADDRESS, DIGIT_GAP, HIDDEN, ID, NAME, PHONE, PRIVATE, SPACING, Scrubber, _index,
                               _variants, key)


def reference(secrets: dict[str, tuple[str, str]], names: dict[str, str]):
    """What Scrubber.__init__ made before the plain numbers' shortcut: every value through _variants."""
    table: dict[str, tuple[str, str]] = {}
    for value, found in secrets.items():
        for variant in _variants(value, found[1]):
            table.setdefault(variant, found)
    for name, masked in names.items():
        if len(k := key(name)) >= 2:
            table[k] = (masked, NAME)
    gap = f"[{re.escape(''.join(SPACING | DIGIT_GAP))}]*"
    heads = {gap.join(map(re.escape, v[-4:])) for v in table if not v.isdigit() or len(v) < 7}
    digit_heads = frozenset(v[-7:] for v in table if v.isdigit() and len(v) >= 7)
    return _index(table), digit_heads, ("|".join(sorted(heads)) if heads else None)


def number(chance: random.Random) -> str:
    digits = "".join(chance.choice("0123456789") for _ in range(chance.choice([1, 2, 5, 6, 7, 8, 9, 10, 11, 12, 18])))
    form = chance.random()
    if form < 0.6:
        return digits  # most of a roster: plain
    if form < 0.7:
        return "0" + digits  # a landline with its area code
    if form < 0.8:
        return digits.translate(str.maketrans("0123456789", "０１２３４５６７８９"))  # full width
    if form < 0.9:
        return f"{digits[:3]}-{digits[3:]}" if len(digits) > 3 else digits + "X"
    return f"(0571){digits}" if chance.random() < 0.5 else digits[:-1] + "x"


def test_the_plain_numbers_shortcut_gives_the_same_table_as_variants():
    chance = random.Random(20261125)
    for _ in range(40):
        secrets: dict[str, tuple[str, str]] = {}
        for _ in range(chance.randint(0, 300)):
            kind = chance.choice([PHONE, PHONE, ID, ADDRESS, PRIVATE])
            value = number(chance) if kind in (PHONE, ID) else chance.choice(
                ["溪口村六组3号", "竹亭镇 12 号", "幸福里2栋301室", "儿子 王强 138 0000 1111", "x", "13900001111"])
            secrets.setdefault(value, (HIDDEN if kind != ADDRESS else "溪口村", kind))  # one value, two kinds: first wins
        names = {chance.choice(["张桂芝", "李 建国", "王", "Mary Li", "13900001111"]): "张奶奶" for _ in range(3)}
        scrubber = Scrubber(secrets, names)
        index, digit_heads, heads = reference(secrets, names)
        assert scrubber._index[0] == index[0]
        assert (scrubber._index[1] and scrubber._index[1].pattern) == (index[1] and index[1].pattern)
        assert scrubber._digit_heads == digit_heads
        assert (scrubber._heads and scrubber._heads.pattern) == heads


def test_a_roster_scrubber_masks_its_numbers_as_before():
    secrets = {str(13900000000 + i): (HIDDEN, PHONE) for i in range(1, 1001)}
    secrets["110101199003071234"] = (HIDDEN, ID)
    secrets["057186501234"] = (HIDDEN, PHONE)
    clean = Scrubber(secrets, {"张桂芝": "张奶奶"})
    assert clean("张桂芝（电话 13900000999）住 8650 1234 号，证件 110101199003071234") == \
        "张奶奶（电话 （不公开））住 （不公开） 号，证件 （不公开）"
