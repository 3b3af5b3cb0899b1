"""Helpers shared by the import tests (tests/test_import_*.py): the shipped corpus, running the
real `import` command, and a full export to prove the archive did or did not change."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import CommandError

from readingroom.catalogue.models import (
    Collection,
    Document,
    IdSequence,
    Person,
    Place,
    Repository,
    Subject,
)
from readingroom.interchange.export import export_records

CORPUS = Path(__file__).resolve().parents[1] / "readingroom" / "importers" / "corpus"
SEED = CORPUS / "seed.jsonl"
NICARAGUA = CORPUS / "frus" / "frus1894Nicaragua.xml.gz"  # 138 documents: the small volume
RUSSIA = CORPUS / "frus" / "frus1918Russiav03.xml.gz"  # has a list of persons
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED_PAGE = FIXTURES / "search-results-page-3-of-5.txt"


@dataclass
class Outcome:
    """What `readingroom import` said, and whether it failed (a non-zero exit on the CLI)."""

    stdout: str
    stderr: str
    error: str | None

    @property
    def failed(self) -> bool:
        return self.error is not None


def run_import(format_name: str, *paths: Path, options: tuple[str, ...] = ()) -> Outcome:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(
            "import",
            format_name,
            *map(str, paths),
            "--no-progress",
            *options,
            stdout=out,
            stderr=err,
        )
    except CommandError as error:
        return Outcome(out.getvalue(), err.getvalue(), str(error))
    return Outcome(out.getvalue(), err.getvalue(), None)


def snapshot() -> list[str]:
    """Every record of the archive in the canonical form, one JSON string each."""
    return [json.dumps(record, ensure_ascii=False) for record in export_records()]


def empty_the_archive() -> None:
    """Delete every record and forget the handed-out ids: an archive as `init` leaves it."""
    Document.objects.all().delete()
    Person.objects.update(merged_into=None)
    for model in (Collection, Person, Place, Subject, Repository):
        model.objects.all().delete()
    IdSequence.objects.all().delete()


@contextmanager
def imported_and_indexed(
    records: list[dict[str, Any]], path: Path, public_ids: range
) -> Iterator[None]:
    """Import `records` as a JSON Lines file at `path` through the real importer, index the
    documents with these public ids in a memory backend used by the service, for the block."""
    from readingroom.search import service
    from readingroom.search.documents import build
    from readingroom.search.memory import MemoryBackend

    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    outcome = run_import("jsonl", path)
    assert not outcome.failed, outcome.error
    backend = MemoryBackend()
    backend.replace(build(public_ids)[0], [])
    service.set_backend(backend)
    try:
        yield
    finally:
        service.set_backend(None)
