"""`readingroom relevance`: the multilingual relevance set's recall@10 and MRR here."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError

from readingroom.search.relevance import RELEVANCE_SET, judge, summary


class Command(BaseCommand):
    help = (
        "Run the relevance set (queries in every script and the documents each must find) "
        "against this archive's search and print recall@10 and MRR, query by query and overall. "
        "The set's documents are the demo corpus's: run it after `readingroom demo`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--set", type=Path, default=RELEVANCE_SET, help="A relevance set.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            judged = judge(options["set"])
        except LookupError as error:
            raise CommandError(str(error)) from error
        except DatabaseError as error:
            raise CommandError(
                f"this archive has no documents to judge ({error}): run `readingroom demo` first"
            ) from error
        for entry in judged:
            ranks = " ".join("-" if rank is None else str(rank) for rank in entry.ranks)
            self.stdout.write(
                f"{entry.recall:5.2f} {entry.reciprocal_rank:5.2f}  ranks {ranks:<8} "
                f"{entry.script:<32} {entry.query}"
            )
        recall, mrr = summary(judged)
        self.stdout.write(f"recall@10 {recall:.3f}  MRR {mrr:.3f}  ({len(judged)} queries)")
