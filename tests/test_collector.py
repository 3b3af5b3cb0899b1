"""The cycle collector's setting for bulk commands is put back after, even when the work
fails."""

from __future__ import annotations

import gc

import pytest

from readingroom.collector import BULK_THRESHOLD, collector_for_bulk_work


def test_bulk_work_runs_the_collector_less_often_and_puts_it_back() -> None:
    before = gc.get_threshold()
    assert before != BULK_THRESHOLD
    with pytest.raises(RuntimeError), collector_for_bulk_work():
        assert gc.get_threshold() == BULK_THRESHOLD
        assert gc.isenabled()  # it still runs
        raise RuntimeError("an import that fails")
    assert gc.get_threshold() == before
