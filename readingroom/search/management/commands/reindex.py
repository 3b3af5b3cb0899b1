"""`readingroom reindex`: rebuild the search index beside the live one and swap atomically."""

from __future__ import annotations

import sys
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from tqdm import tqdm

from readingroom.search.consistency import public_ids, reindex


class Command(BaseCommand):
    help = (
        "Rebuild the search index from the database in a new directory while searches go on "
        "answering from the live one, then switch to it atomically and apply the outbox rows "
        "that arrived meanwhile. The old index is removed afterwards."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-progress", action="store_true", help="Hide the progress bar.")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        bar = tqdm(
            total=len(public_ids()),
            unit=" documents",
            disable=options["no_progress"] or not options["verbosity"],
            file=sys.stderr,
            leave=False,
        )

        def report(done: int) -> None:
            bar.update(done)

        count = reindex(report=report)
        bar.close()
        seconds = time.monotonic() - started
        if options["verbosity"]:
            self.stdout.write(f"Reindexed {count} documents in {seconds:.1f} s.")
