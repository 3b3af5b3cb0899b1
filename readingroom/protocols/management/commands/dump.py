"""`readingroom dump [--if-stale]`: rebuild the bulk data files served at /data/."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from readingroom.protocols import bulk


class Command(BaseCommand):
    help = "Build the bulk data (JSON Lines, CSV, scans, manifest) served at /data/."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-stale", action="store_true", help="Only when the archive changed since."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_stale"] and not bulk.is_stale():
            self.stdout.write("The bulk data is up to date.")
            return
        result = bulk.build()
        for file in result["files"]:
            self.stdout.write(
                f"{file['name']}: {file['records']} records, {file['bytes']} bytes, "
                f"sha256 {file['sha256']}"
            )
