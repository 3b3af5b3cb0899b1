"""`readingroom check`: Django's system checks, proof that the search index agrees with the
database (counts and per-document fingerprints), and the public records' pages rendered as
readers get them (a sample of each type, or all). Exits non-zero when anything differs or fails."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.core.management.commands import check

from readingroom.operations.pages import render_pages
from readingroom.search.backend import SearchUnavailable
from readingroom.search.consistency import compare

# Pages are rendered only when asked: rendering writes now and then (the day's embargo
# releases, rate-limit counters), which must not wait on an import holding SQLite's lock.
SAMPLE = 0


class Command(check.Command):
    help = (
        "Run Django's system checks, then compare the search index with the database: public "
        "documents missing from the index, documents in it that are not public, documents "
        "indexed from an older version, and outbox rows waiting; with --pages, render the "
        "pages, citation files, manifests, API and OAI-PMH records of a sample of public records "
        "of each type (--pages all: every one). Exits 1 if they disagree or a page fails. (With "
        "--database, as Django's test runner calls it, only the system checks run.)"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--system-only", action="store_true", help="Only Django's system checks."
        )
        parser.add_argument(
            "--pages",
            default=str(SAMPLE),
            help="Public records of each type whose pages are rendered: a number, or 'all' "
            "(default: none).",
        )

    def handle(self, *app_labels: Any, **options: Any) -> None:
        system_only = options.pop("system_only", False)
        pages = _sample(options.pop("pages", str(SAMPLE)))
        super().handle(*app_labels, **options)
        if system_only or options.get("databases") or options.get("list_tags"):
            return
        try:
            comparison = compare()
        except (SearchUnavailable, OSError) as error:  # missing, older, unreadable
            raise CommandError(f"the search index cannot be read: {error}") from error
        for line in comparison.lines():
            self.stdout.write(line)
        report = render_pages(pages) if pages != 0 else None
        for line in report.lines() if report else []:
            self.stdout.write(line)
        if not comparison.agree:
            raise CommandError("the search index and the database disagree")
        if report and report.failures:
            raise CommandError(f"{len(report.failures)} public pages failed to render")


def _sample(value: str) -> int | None:
    """--pages: None for all, else how many of each type."""
    if value == "all":
        return None
    if not (value.isascii() and value.isdigit()):
        raise CommandError(f"--pages takes a number or 'all', not {value!r}")
    return int(value)
