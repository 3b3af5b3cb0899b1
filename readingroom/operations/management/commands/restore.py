"""`readingroom restore PATH`: bring a backup back into an empty data directory/database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from readingroom.operations.backup import BackupError
from readingroom.operations.databases import DatabaseCopyError
from readingroom.operations.restore import restore_backup


class Command(BaseCommand):
    help = (
        "Restore a backup made by `readingroom backup` into an empty archive (a new "
        "READINGROOM_DATA_DIR; with PostgreSQL, a newly created database in DATABASE_URL), "
        "then migrate and rebuild the search index."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="The backup directory.")
        parser.add_argument(
            "--no-reindex", action="store_true", help="Leave rebuilding the index for later."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = restore_backup(options["path"], reindex=not options["no_reindex"])
        except (BackupError, DatabaseCopyError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(report.summary())
