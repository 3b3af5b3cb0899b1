"""Proving the index and the database agree, and rebuilding the index when they should.

`compare` builds every public document as the indexer would (`documents.build`) and compares
fingerprints with what the index holds: documents missing from the index, documents in it that
are not public (or no longer exist), documents indexed from an older version (stale), and
outbox rows still waiting. `reindex` builds a whole new generation beside the live one, swaps
CURRENT to it, then applies what arrived meanwhile.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from readingroom.catalogue.models import Document

from . import service
from .backend import BULK, WriterOptions
from .documents import build
from .indexer import apply_outbox, drain
from .models import OutboxEntry
from .tantivy.engine import TantivyBackend

CHUNK = 2000
SHOWN = 20  # ids listed per kind of difference


@dataclass
class Comparison:
    database: int = 0  # public documents
    index: int = 0  # indexed documents
    missing: list[int] = field(default_factory=list)
    extra: list[int] = field(default_factory=list)
    stale: list[int] = field(default_factory=list)
    pending: list[int] = field(default_factory=list)  # documents with outbox rows waiting

    @property
    def agree(self) -> bool:
        return not (self.missing or self.extra or self.stale or self.pending)

    def lines(self) -> list[str]:
        lines = [f"Database: {self.database} public documents. Index: {self.index} documents."]
        for label, ids in (
            ("Missing from the index", self.missing),
            ("In the index but not public in the database", self.extra),
            ("Indexed from an older version (stale)", self.stale),
            ("Waiting in the outbox", self.pending),
        ):
            if ids:
                lines.append(f"{label} ({len(ids)}): {_listed(ids)}")
        if self.agree:
            lines.append("The search index agrees with the database.")
        else:
            lines.append(
                "The search index and the database disagree: `readingroom indexer` applies "
                "the outbox; `readingroom reindex` rebuilds the index."
            )
        return lines


def _listed(ids: Sequence[int]) -> str:
    shown = ", ".join(str(i) for i in ids[:SHOWN])
    return shown + (f" and {len(ids) - SHOWN} more" if len(ids) > SHOWN else "")


def chunks(ids: Sequence[int], size: int = CHUNK) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def public_ids() -> list[int]:
    return list(Document.objects.public().order_by("public_id").values_list("public_id", flat=True))


def compare(backend: Any = None) -> Comparison:
    backend = backend or service.get_backend()
    indexed = backend.fingerprints()
    ids = public_ids()
    result = Comparison(database=len(ids), index=len(indexed))
    for chunk in chunks(ids):
        documents, _ = build(chunk)
        for document in documents:
            found = indexed.get(document.public_id)
            if found is None:
                result.missing.append(document.public_id)
            elif found != document.fingerprint:
                result.stale.append(document.public_id)
    result.extra = sorted(set(indexed) - set(ids))
    result.pending = sorted(set(OutboxEntry.objects.values_list("document_id", flat=True)))
    return result


Report = Callable[[int], None]


def reindex(backend: Any = None, report: Report | None = None, chunk: int = CHUNK) -> int:
    """Rebuild the index from the database; returns the number of documents indexed.

    Tantivy: a new generation is built beside the live one while searches go on answering
    from it (outbox rows wait meanwhile), then CURRENT is swapped, the rows that were pending
    when the build started are deleted (the build read their changes), the rest applied, and
    the old generation removed. Other backends are cleared and refilled."""
    backend = backend or service.get_backend()
    if not isinstance(backend, TantivyBackend):
        return _refill(backend, report, chunk)
    directory = backend.directory
    with directory.exclusive(wait=None):
        covered = list(OutboxEntry.objects.values_list("id", flat=True))
        path = directory.new_generation()
        with backend.session(path, BULK) as writing:
            count = _fill(writing, report, chunk)
        directory.publish(path)
        for rows in chunks(covered):
            OutboxEntry.objects.filter(id__in=rows).delete()
        with backend.session(path, WriterOptions()) as writing:
            drain(writing)
        directory.remove_others()
    apply_outbox(backend)  # rows that came after our last look, while we held the lock
    return count


def _fill(writing: Any, report: Report | None, chunk: int) -> int:
    count = 0
    for ids in chunks(public_ids(), chunk):
        documents, _ = build(ids)
        writing.add(documents)
        count += len(documents)
        if report:
            report(len(documents))
    writing.commit()
    return count


def _refill(backend: Any, report: Report | None, chunk: int) -> int:
    covered = list(OutboxEntry.objects.values_list("id", flat=True))
    with backend.writer(wait=None) as writing:
        writing.clear()
        count = 0
        for ids in chunks(public_ids(), chunk):
            documents, _ = build(ids)
            writing.replace(documents, [])
            count += len(documents)
            if report:
                report(len(documents))
    for rows in chunks(covered):
        OutboxEntry.objects.filter(id__in=rows).delete()
    apply_outbox(backend)
    return count
