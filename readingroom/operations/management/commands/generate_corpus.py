"""`readingroom generate-corpus N PATH`: a benchmark corpus as canonical JSON Lines."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from readingroom.interchange.problems import ImportFailed
from readingroom.operations.corpus_generator import write_corpus

CORPUS = Path(__file__).resolve().parents[3] / "importers" / "corpus" / "frus"


def _count(value: str) -> int:
    number = int(value)
    if number < 1:
        raise ValueError(value)
    return number


class Command(BaseCommand):
    help = (
        "Write N generated documents (with some 2,800 people, places, subjects, repositories "
        "and collections) as canonical JSON Lines to PATH (.gz compresses), recombined from "
        "the real FRUS texts of the demo corpus. The same --seed gives the same file."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("count", type=_count, help="How many documents.")
        parser.add_argument("path", type=Path)
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
        parser.add_argument(
            "--tei",
            type=Path,
            default=CORPUS,
            help="Directory of FRUS volumes to draw texts from (default: the demo corpus).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            documents, others = write_corpus(
                options["count"], options["path"], options["tei"], options["seed"]
            )
        except (ImportFailed, ValueError, OSError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"{documents} documents and {others} other records written to {options['path']}"
        )
