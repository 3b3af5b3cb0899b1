"""The cycle collector's setting for bulk commands, and its pause while a batch is built, are
put back after, even when the work fails."""

from __future__ import annotations

import gc

import pytest

from readingroom.collector import BULK_THRESHOLD, collector_for_bulk_work, collector_paused


def test_bulk_work_runs_the_collector_less_often_and_puts_it_back() -> None:
    before = gc.get_threshold()
    assert before != BULK_THRESHOLD
    with pytest.raises(RuntimeError), collector_for_bulk_work():
        assert gc.get_threshold() == BULK_THRESHOLD
        assert gc.isenabled()  # it still runs
        raise RuntimeError("an import that fails")
    assert gc.get_threshold() == before


def test_a_paused_collector_runs_again_after_the_batch_and_stays_off_if_it_was() -> None:
    assert gc.isenabled()
    with pytest.raises(RuntimeError), collector_paused():
        assert not gc.isenabled()
        raise RuntimeError("a batch that fails")
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # someone else's pause is not ended by ours
    finally:
        gc.enable()
