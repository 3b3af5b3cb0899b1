"""`readingroom demo`: build the demo archive from the corpus shipped in the package, serve it.

The corpus is `readingroom/importers/corpus/`: the seed's ten records with their people,
places and repository as JSON Lines, and a few public-domain FRUS volumes as TEI. Every import
is idempotent, so running the demo again finds everything unchanged and starts quickly.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from readingroom.catalogue.models import Status
from readingroom.importers.pipeline import import_file
from readingroom.operations import demo_story

CORPUS = Path(__file__).resolve().parents[3] / "importers" / "corpus"


def corpus_files(corpus: Path = CORPUS) -> list[tuple[str, Path]]:
    """(format, path) in import order: the curated records first, so that FRUS datelines find
    their places (Moscow, Peking as a variant of Beijing) instead of making new ones."""
    files = [("jsonl", path) for path in sorted(corpus.glob("*.jsonl"))]
    files += [("tei", path) for path in sorted((corpus / "frus").glob("*.xml*"))]
    if not files:
        raise CommandError(f"the demo corpus is missing from {corpus}")
    return files


class Command(BaseCommand):
    help = (
        "Create the archive in the data directory (READINGROOM_DATA_DIR), import the demo "
        "corpus that ships with Reading Room (published), and serve it. Safe to run again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--no-serve", action="store_true", help="Build the demo archive but do not serve it."
        )
        parser.add_argument("--port", type=int, default=None, help="Port to serve on (8000).")

    def handle(self, *args: Any, **options: Any) -> None:
        verbosity = options["verbosity"]
        call_command("init", verbosity=verbosity)
        started = time.monotonic()
        for format_name, path in corpus_files():
            self.import_one(format_name, path, verbosity)
        demo_story.tell(self.stdout.write if verbosity else lambda said: None)
        if verbosity:
            self.stdout.write(f"Demo corpus ready in {time.monotonic() - started:.1f} s.")
        if not options["no_serve"]:
            call_command("serve", no_init=True, port=options["port"], verbosity=verbosity)

    def import_one(self, format_name: str, path: Path, verbosity: int) -> None:
        report = import_file(format_name, path, default_status=Status.PUBLISHED)
        if not report.ok:
            problems = "\n".join(f"  {problem}" for problem in report.problems)
            raise CommandError(f"the demo corpus file {path.name} did not import:\n{problems}")
        if verbosity:
            self.stdout.write(f"{path.name}: {report.records} records ({report.summary})")
