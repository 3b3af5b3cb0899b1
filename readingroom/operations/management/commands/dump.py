"""`readingroom dump [--if-stale | --loop]`: rebuild the bulk data files served at /data/."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from readingroom.operations.supervision import supervised
from readingroom.protocols import bulk
from readingroom.protocols.dump_schedule import locked_build, look_every, rebuild_if_due


class Command(BaseCommand):
    help = (
        "Build the bulk data (JSON Lines, CSV, scans, manifest) served at /data/. With --loop "
        "(as `serve` runs it), rebuild whenever the public archive has changed and the files "
        "are READINGROOM_DUMP_SECONDS old."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-stale", action="store_true", help="Only when the archive changed since."
        )
        parser.add_argument(
            "--loop", action="store_true", help="Keep rebuilding when due, until stopped."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["loop"]:
            try:
                supervised(lambda: self.report(rebuild_if_due()), look_every(), "dumps")
            except KeyboardInterrupt:
                self.stdout.write("Stopped.")
            return
        result = locked_build(when=bulk.is_stale if options["if_stale"] else lambda: True)
        if result is None:
            self.stdout.write("The bulk data is up to date.")
        self.report(result)

    def report(self, result: dict[str, Any] | None) -> None:
        for file in (result or {}).get("files", []):
            self.stdout.write(
                f"{file['name']}: {file['records']} records, {file['bytes']} bytes, "
                f"sha256 {file['sha256']}"
            )
        self.stdout.flush()
