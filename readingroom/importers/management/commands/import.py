"""`readingroom import FORMAT PATH...`: load files into the archive, each all-or-nothing."""

from __future__ import annotations

import sys
from contextlib import nullcontext
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from readingroom.catalogue.models import Status
from readingroom.catalogue.statistics import refresh_statistics
from readingroom.collector import collector_for_bulk_work
from readingroom.importers.pipeline import FORMATS, import_file
from readingroom.search.alongside import indexer_alongside


class Command(BaseCommand):
    help = "Import records from files (jsonl, csv, tei, listing). Each file is all-or-nothing."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("format", choices=sorted(FORMATS))
        parser.add_argument("paths", nargs="+", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and report; write nothing."
        )
        parser.add_argument(
            "--status",
            choices=[Status.DRAFT, Status.REVIEW, Status.PUBLISHED],
            default=Status.DRAFT,
            help="Publication state for records that do not state one (default: draft).",
        )
        parser.add_argument(
            "--prefer-source",
            action="store_true",
            help="Where an editor and the file both changed a field since the last import, take "
            "the file's value (default: keep the editor's; either way the conflict is reported).",
        )
        parser.add_argument("--no-progress", action="store_true", help="Hide the progress bar.")
        parser.add_argument(
            "--index-alongside",
            action="store_true",
            help="Index each file in a second process while the next one is written "
            "(faster for many files on two or more cores).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        alongside = options["index_alongside"] and not options["dry_run"]
        indexing = indexer_alongside(options["verbosity"]) if alongside else nullcontext()
        with collector_for_bulk_work(), indexing:
            self.import_files(options)

    def import_files(self, options: dict[str, Any]) -> None:
        failed = 0
        changed = False
        for path in options["paths"]:
            bar = tqdm(
                desc=path.name,
                unit=" records",
                disable=options["no_progress"],
                file=sys.stderr,
                leave=False,
            )
            report = import_file(
                options["format"],
                path,
                dry_run=options["dry_run"],
                default_status=options["status"],
                progress=bar.update,
                prefer_source=options["prefer_source"],
            )
            bar.close()
            changed |= report.ok and not options["dry_run"] and report.summary.changes > 0
            if report.ok:
                verb = "would import" if options["dry_run"] else "imported"
                self.stdout.write(f"{path}: {verb} {report.records} records ({report.summary})")
                for conflict in report.summary.conflicts:
                    self.stdout.write(f"  conflict: {conflict}")
            else:
                failed += 1
                self.stderr.write(f"{path}: not imported; the archive is unchanged.")
                for problem in report.problems:
                    self.stderr.write(f"  {problem}")
        if changed:
            refresh_statistics()
        if failed:
            raise CommandError(f"{failed} of {len(options['paths'])} files failed to import")
