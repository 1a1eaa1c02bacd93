"""A big sheet's volunteers made without pydantic where that changes nothing.

pydantic validates a roster row in about 9 µs, so a sheet of 100,000 rows spent most of `check` there.
Most rows are plain (an id, a name, a mobile number, 是/否) and come out of validation as they went in,
or as the field's own validator turns them. ``quick_volunteers`` makes those rows directly and leaves
every other row (a value pydantic would coerce, or an error to report) to full validation, so the
volunteers and every problem are the ones ``Volunteer.model_validate`` gives.
"""

from __future__ import annotations

import datetime as dt
import re
from itertools import repeat
from typing import Any, Callable, Iterable

from ..content.dates import parse_day
from .models import Volunteer, _id_number, _person_id, _phone, _yes_no

UNSET = object()  # the row leaves the cell empty: the field keeps its default
FULL = object()  # only pydantic can judge this cell: a value to coerce, or an error to report


def _text(value: Any) -> bool:
    """A value that pydantic's ``str`` with str_strip_whitespace keeps as it is.

    (pydantic strips Unicode White_Space, all of which str.strip() strips too.)
    """
    return type(value) is str and value.strip() == value


# Per field: its own "before" validator (or None), and whether what comes out of it is final, i.e. already
# of the field's type, so that pydantic's remaining step (stripping, the type check) would leave it as it is.
FIELDS: dict[str, tuple[Callable[[Any], Any] | None, Callable[[Any], bool]]] = {
    "id": (_person_id, _text),
    "name": (None, _text),  # min_length=1: an empty name is UNSET, see _column
    "unit": (None, _text),
    "phone": (_phone, _text),
    "id_type": (None, _text),
    "id_number": (None, _text),  # its validator reads id_type: see _id_numbers
    "national_id": (None, _text),
    "gender": (None, lambda value: type(value) is str and value in ("男", "女")),
    "publish_name": (_yes_no, lambda value: type(value) is bool),
    "joined": (parse_day, lambda value: type(value) is dt.date),  # the Day type's parser
}
assert FIELDS.keys() == Volunteer.model_fields.keys(), "quick.FIELDS must follow the Volunteer model"

# Whole columns at once, for the two that are unique per row: every value (an int or a str) written out
# must match the pattern; then it is what the validator returns for it (_person_id: an id like v01 or 17;
# _phone: a mobile number written plainly).
_LINES = {
    "id": re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*(?:\n[A-Za-z0-9][A-Za-z0-9_-]*)*"),
    "phone": re.compile(r"1[3-9][0-9]{9}(?:\n1[3-9][0-9]{9})*"),
}

_REQUIRED = frozenset(name for name, field in Volunteer.model_fields.items() if field.is_required())
_TEMPLATE = {name: None if field.is_required() else field.default for name, field in Volunteer.model_fields.items()}
# What model_construct sets is set below; a factory default, a post-init or private attributes would need more.
_CONSTRUCTIBLE = not (Volunteer.__pydantic_post_init__ or Volunteer.__private_attributes__
                      or Volunteer.model_config.get("extra") == "allow"
                      or any(field.default_factory for field in Volunteer.model_fields.values()))


def quick_volunteers(rows: list[dict[str, Any]]) -> list[Volunteer | None]:
    """Each row (a sheet's cells by field) as ``Volunteer.model_validate`` makes it, or None where a cell
    needs full validation.

    The caller validates the None rows with pydantic, and sends a sheet holding a control character (or a
    lone surrogate, which pydantic refuses) the full way altogether.
    """
    keys = set().union(*rows)
    if not rows or not keys <= FIELDS.keys() or not _CONSTRUCTIBLE:
        return [None] * len(rows)
    given = [key for key in FIELDS if key in keys]
    columns = [_column(key, list(map(dict.get, rows, repeat(key), repeat(UNSET))), rows) for key in given]
    full = any(FULL in column for column in columns)
    gaps = any(UNSET in column for column in columns)  # a row leaves a field empty: it keeps its default
    if not full and not gaps:  # every row plain and complete (a big sheet, mostly): one loop, no call per row
        return _construct_all(given, zip(*columns))
    return [None if full and FULL in cells else _construct(
        dict(zip(given, cells)) if not gaps else {key: cell for key, cell in zip(given, cells) if cell is not UNSET})
        for cells in zip(*columns)]


# model_construct's four slots, set through their descriptors
_SET_DICT = object.__setattr__
_SET_FIELDS_SET, _SET_EXTRA, _SET_PRIVATE = (getattr(Volunteer, name).__set__ for name in (
    "__pydantic_fields_set__", "__pydantic_extra__", "__pydantic_private__"))


def _construct(values: dict[str, Any]) -> Volunteer:
    """What ``Volunteer.model_construct(**values)`` makes: every field in the model's order, the given ones set."""
    volunteer = Volunteer.__new__(Volunteer)
    _SET_DICT(volunteer, "__dict__", {**_TEMPLATE, **values})
    _SET_FIELDS_SET(volunteer, set(values))
    _SET_EXTRA(volunteer, None)
    _SET_PRIVATE(volunteer, None)
    return volunteer


def _construct_all(given: list[str], rows: Iterable[tuple[Any, ...]], new=Volunteer.__new__) -> list[Volunteer]:
    """``_construct(dict(zip(given, cells)))`` of every row's cells."""
    fields = set(given)
    made = []
    for cells in rows:
        values = _TEMPLATE.copy()  # the model's order, as {**_TEMPLATE, **values} keeps it
        values.update(zip(given, cells))
        volunteer = new(Volunteer)
        _SET_DICT(volunteer, "__dict__", values)
        _SET_FIELDS_SET(volunteer, fields.copy())
        _SET_EXTRA(volunteer, None)
        _SET_PRIVATE(volunteer, None)
        made.append(volunteer)
    return made


def _column(key: str, values: list[Any], rows: list[dict[str, Any]]) -> list[Any]:
    """The column's cells as validation leaves them; FULL for a cell it must judge, UNSET for an empty one."""
    if key == "id_number":
        cells = _id_numbers(values, rows)
    elif (lines := _LINES.get(key)) is not None and (written := _written(values, lines)) is not None:
        cells = written
    elif FIELDS[key] == (None, _text):  # text as it is: no call per cell
        cells = [v if v is UNSET or (type(v) is str and v.strip() == v) else FULL for v in values]
    else:
        cells = _cells(values, *FIELDS[key])
    if key in _REQUIRED:  # a row without it, or with "" for the name (min_length=1), is an error to report
        return [FULL if cell is UNSET or cell == "" else cell for cell in cells]
    return cells


def _written(values: list[Any], lines: re.Pattern[str]) -> list[Any] | None:
    """The values written out, when each is an int or str and matches ``lines``; else None."""
    given = [v for v in values if v is not UNSET]
    if not given or not set(map(type, given)) <= {int, str}:
        return None
    try:
        texts = list(map(str, given))
    except ValueError:  # an int too long to write out
        return None
    text = "\n".join(texts)
    if text.count("\n") != len(texts) - 1 or not lines.fullmatch(text):  # a value may hold a line break itself
        return None
    if len(given) == len(values):
        return texts
    written = iter(texts)
    return [UNSET if v is UNSET else next(written) for v in values]


def _cells(values: list[Any], validator: Callable[[Any], Any] | None, final: Callable[[Any], bool]) -> list[Any]:
    """Cell by cell; a column of few distinct values (是/否, a school) runs each value once."""
    try:
        few = len(set(values)) * 4 <= len(values)
    except TypeError:  # an unhashable value
        few = False
    if not few:
        return [_cell(v, validator, final) for v in values]
    done: dict[tuple[type, Any], Any] = {}  # by type too: 1, 1.0 and True are one dict key
    return [done[k] if (k := (type(v), v)) in done else done.setdefault(k, _cell(v, validator, final))
            for v in values]


def _cell(value: Any, validator: Callable[[Any], Any] | None, final: Callable[[Any], bool]) -> Any:
    if value is UNSET:
        return value
    if validator is not None:
        try:
            value = validator(value)
        except Exception:  # an error pydantic reports, in its own words
            return FULL
    return value if final(value) else FULL


class _Before:
    """What ``_id_number`` reads of pydantic's ValidationInfo: the id_type validated before it."""

    def __init__(self, id_type: Any):
        self.data = {} if id_type is UNSET else {"id_type": id_type}


def _id_numbers(values: list[Any], rows: list[dict[str, Any]]) -> list[Any]:
    kinds = [row.get("id_type", UNSET) for row in rows]  # a kind pydantic would change sends the row the full way
    return [_cell(v, lambda v, kind=kind: _id_number(v, _Before(kind)), _text) for v, kind in zip(values, kinds)]
