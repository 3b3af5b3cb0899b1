"""`readingroom backup PATH`: a consistent backup while the site keeps serving."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from readingroom.operations.backup import BackupError, make_backup
from readingroom.operations.databases import DatabaseCopyError


class Command(BaseCommand):
    help = (
        "Back up the archive (database, media, secret key) into PATH, a new or empty "
        "directory, while the site keeps serving. The search index is rebuilt on restore."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="A new or empty directory.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = make_backup(options["path"])
        except (BackupError, DatabaseCopyError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(report.summary())
