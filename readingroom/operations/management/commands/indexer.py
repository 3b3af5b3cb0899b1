"""`readingroom indexer [--loop]`: apply the search outbox (once, or on and on for operators)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from readingroom.collector import collector_for_bulk_work
from readingroom.editorial.embargo import release_due
from readingroom.operations.supervision import supervised
from readingroom.search.alongside import follow, input_closed
from readingroom.search.backend import BULK
from readingroom.search.indexer import BULK_BATCH, Progress, apply_outbox


class Command(BaseCommand):
    help = (
        "Apply the search outbox to the index, in order, in batches; each batch is committed to "
        "the index before its rows leave the outbox, so a crash repeats work and loses none. "
        "With --loop, keep watching the outbox (for operators who turn "
        "READINGROOM_SEARCH_APPLY_ON_COMMIT off and run indexing apart from the web)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--loop", action="store_true", help="Keep applying until stopped.")
        parser.add_argument(
            "--interval", type=float, default=1.0, help="Seconds between looks (with --loop)."
        )
        parser.add_argument(
            "--batch", type=int, default=BULK_BATCH, help="Outbox rows per commit (at most)."
        )
        parser.add_argument(
            "--follow-input",
            action="store_true",
            help="Index as rows arrive until standard input closes (`import --index-alongside`).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with collector_for_bulk_work():
            self.index(options)

    def index(self, options: dict[str, Any]) -> None:
        verbose = options["verbosity"] > 0

        def report(step: Progress) -> None:
            if verbose:
                self.stdout.write(f"batch: {step}")
                self.stdout.flush()

        if options["follow_input"]:
            steps = report if options["verbosity"] > 1 else None
            progress = follow(input_closed(), options["batch"], steps, BULK)
            if verbose:
                self.stdout.write(f"Search index, alongside: {progress}.")
            return

        def look() -> None:
            release_due()  # embargoes that passed since the last look join the outbox
            progress = apply_outbox(batch=options["batch"], report=report, options=BULK)
            if verbose and (progress.rows or not options["loop"]):
                self.stdout.write(f"Done: {progress}.")
                self.stdout.flush()

        if not options["loop"]:
            look()
            return
        try:
            supervised(look, options["interval"], "indexer")
        except KeyboardInterrupt:
            self.stdout.write("Stopped.")
