"""with_room: deep recursion runs without CPython mapping and unmapping frame-stack chunks."""

from __future__ import annotations

import resource
import sys

import pytest

from generator.engine.stack import ROOM, with_room


def down(depth: int) -> int:
    return 0 if depth == 0 else 1 + down(depth - 1)


def oscillate() -> int:
    """In and out of 400 frames a thousand times, as WeasyPrint's layout goes in and out of nested boxes."""
    return sum(down(400) for _ in range(1000))


def page_faults(function) -> int:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    function()
    return resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before


def test_the_function_runs_in_a_frame_with_room_and_its_result_and_errors_come_back():
    assert with_room(lambda: sys._getframe(1).f_code.co_nlocals) > ROOM
    assert with_room(lambda: down(500)) == 500
    with pytest.raises(ZeroDivisionError):
        with_room(lambda: 1 / 0)


def test_deep_recursion_maps_no_new_stack_chunks():
    oscillate(), with_room(oscillate)  # anything allocated once
    without = page_faults(oscillate)
    if without < 500:
        pytest.skip(f"this Python does not map and unmap frame-stack chunks ({without} page faults)")
    within = page_faults(lambda: with_room(oscillate))
    assert within < without / 10, (within, without)  # 8,000 against about 80 on CPython 3.11
