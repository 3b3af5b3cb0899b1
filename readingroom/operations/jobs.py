"""The kinds of background job the archive's worker runs (editorial/jobs.py takes and runs
them): each kind's work is a plain function of the app that owns it."""

from __future__ import annotations

from collections.abc import Mapping

from readingroom.editorial.bulk_changes import BULK_CHANGE, run_bulk_change
from readingroom.editorial.jobs import CHECK, JobRefused, Runner
from readingroom.editorial.merges import MERGE_PEOPLE, UNMERGE_PEOPLE, run_merge, run_unmerge
from readingroom.editorial.models import Job
from readingroom.importers.uploaded import IMPORT_FILE, run_import
from readingroom.search.consistency import compare

from .pages import render_pages

PAGES_CHECKED = 5  # public records of each type whose pages a check from the desk renders


def run_check(job: Job) -> str:
    """`readingroom check` from the editors' dashboard: the index against the database, and
    a few pages of each type rendered; what it found, in its own words."""
    comparison = compare()
    report = render_pages(PAGES_CHECKED)
    lines = [*comparison.lines(), *report.lines()]
    if comparison.agree and not report.failures:
        return "\n".join(lines)
    raise JobRefused("\n".join(["The check found problems:", *lines]))


RUNNERS: Mapping[str, Runner] = {
    MERGE_PEOPLE: run_merge,
    UNMERGE_PEOPLE: run_unmerge,
    BULK_CHANGE: run_bulk_change,
    CHECK: run_check,
    IMPORT_FILE: run_import,
}
