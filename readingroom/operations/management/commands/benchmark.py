"""`readingroom benchmark N`: import N generated documents end to end and measure searches."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from readingroom.operations.benchmark import Bench, Plan, default_workdir


class Command(BaseCommand):
    help = (
        "Generate N documents from the demo's FRUS texts (`generate-corpus`), import them into "
        "a new archive in a work directory (import and indexing, end to end, timed), then "
        "measure search latency percentiles for a fixed mix of queries, with and without facet "
        "counts, the whole /search page, and the search process's memory. Prints every figure."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("count", type=int, help="How many documents (e.g. 100000).")
        parser.add_argument("--workdir", type=Path, help="Work directory (default: in /tmp).")
        parser.add_argument("--corpus", type=Path, help="Import this corpus, not a new one.")
        parser.add_argument(
            "--database-url", help="Import into this (empty) PostgreSQL database, not SQLite."
        )
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--keep", action="store_true", help="Keep the archive and the import files."
        )
        parser.add_argument(
            "--queries", type=int, default=100, help="Different queries of each kind (100)."
        )
        parser.add_argument(
            "--measure", action="store_true", help="(Internal) measure the current archive."
        )
        parser.add_argument(
            "--import-rate",
            type=float,
            help="(With --measure) the import's documents/s, for the fast paths' shares.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["measure"]:
            from readingroom.operations import fastpaths
            from readingroom.search import benchmark_queries

            benchmark_queries.measure(sys.stdout, options["count"], options["queries"])
            fastpaths.measure(sys.stdout, options["import_rate"])
            return
        plan = Plan(
            count=options["count"],
            workdir=options["workdir"] or default_workdir(options["count"]),
            corpus=options["corpus"],
            database_url=options["database_url"],
            seed=options["seed"],
            keep=options["keep"],
            queries=options["queries"],
        )
        Bench(plan, sys.stdout).start()
