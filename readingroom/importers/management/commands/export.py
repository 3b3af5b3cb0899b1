"""`readingroom export FORMAT PATH`: write the archive in the canonical format."""

from __future__ import annotations

import gzip
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from readingroom.interchange import jsonl
from readingroom.interchange.export import export_records


class Command(BaseCommand):
    help = "Export every record as JSON Lines (PATH '-' for standard output; .gz compresses)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("format", choices=["jsonl"])
        parser.add_argument("path")
        parser.add_argument(
            "--public-only", action="store_true", help="Only what readers may see (bulk dumps)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        records = export_records(public_only=options["public_only"])
        if options["path"] == "-":
            count = jsonl.write(records, sys.stdout)
        else:
            path = Path(options["path"])
            opener = gzip.open if path.suffix == ".gz" else open
            with opener(path, "wt", encoding="utf-8", newline="\n") as stream:  # type: ignore[operator]
                count = jsonl.write(records, stream)
        self.stderr.write(f"exported {count} records")
