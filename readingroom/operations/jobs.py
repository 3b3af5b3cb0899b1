"""The kinds of background job the archive's worker runs (editorial/jobs.py takes and runs
them): each kind's work is a plain function of the app that owns it."""

from __future__ import annotations

from collections.abc import Mapping

from readingroom.editorial.bulk_changes import BULK_CHANGE, run_bulk_change
from readingroom.editorial.jobs import Runner
from readingroom.editorial.merges import MERGE_PEOPLE, run_merge

RUNNERS: Mapping[str, Runner] = {
    MERGE_PEOPLE: run_merge,
    BULK_CHANGE: run_bulk_change,
}
