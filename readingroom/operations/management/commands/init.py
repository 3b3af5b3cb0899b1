"""`readingroom init`: create the data directory, migrate, collect static files (idempotent)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from readingroom.operations.setup import SetupError, initialise


class Command(BaseCommand):
    help = (
        "Prepare the archive: create the data directory (READINGROOM_DATA_DIR), apply database "
        "migrations and collect static files. Safe to run again at any time."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        verbosity = options["verbosity"]
        try:
            report = initialise(verbosity=max(verbosity - 1, 0))
        except SetupError as error:
            raise CommandError(str(error)) from error
        if verbosity:
            self.stdout.write(report.summary())
