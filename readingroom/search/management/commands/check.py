"""`readingroom check`: Django's system checks, then proof that the search index agrees with the
database (counts and per-document fingerprints). Exits non-zero when anything differs."""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.core.management.commands import check

from readingroom.search.consistency import compare


class Command(check.Command):
    help = (
        "Run Django's system checks, then compare the search index with the database: public "
        "documents missing from the index, documents in it that are not public, documents "
        "indexed from an older version, and outbox rows waiting. Exits 1 if they disagree. "
        "(With --database, as Django's test runner calls it, only the system checks run.)"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--system-only", action="store_true", help="Only Django's system checks."
        )

    def handle(self, *app_labels: Any, **options: Any) -> None:
        system_only = options.pop("system_only", False)
        super().handle(*app_labels, **options)
        if system_only or options.get("databases") or options.get("list_tags"):
            return
        comparison = compare()
        for line in comparison.lines():
            self.stdout.write(line)
        if not comparison.agree:
            raise CommandError("the search index and the database disagree")
