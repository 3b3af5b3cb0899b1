"""What each hand-made fast path earns: its CPU time per document against its plain twin's (the
reference its property test compares it with), on documents of the archive, and that saving as
a share of the import's end-to-end time per document. A fast path stays only while its share is
at least KEEP (docs/performance.md). Part of `readingroom benchmark N`.

Measured and put back to the plain code (each under 2% at 10^5 documents): the fingerprint's
JSON written through CPython's C encoder by hand, the hand-rolled apostrophe join with its cache
of short texts, the cycle collector paused while an index batch is built; and new documents'
rows built without a Document instance (3.6% at 10^5, 18.8 against 34.9 µs a document).
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import IO, Any

from django.db import transaction

from readingroom.catalogue.models import Document
from readingroom.catalogue.rows import insert_rows, plain_insert_rows
from readingroom.interchange import export

KEEP = 0.05  # of an end-to-end figure
SAMPLE = 20_000  # documents measured
ROUNDS = 3  # alternating runs of each twin; the least CPU time counts
COLUMNS = [f.name for f in Document._meta.concrete_fields if not f.primary_key]
Writer = Callable[[Any, Sequence[str], Any], int]


@dataclass(frozen=True)
class Twins:
    name: str
    fast: Callable[[], object]
    plain: Callable[[], object]


class RolledBack(Exception):
    """Ends a measured write: nothing it wrote stays."""


def cpu_seconds(work: Callable[[], object]) -> float:
    started = time.process_time()
    work()
    return time.process_time() - started


def least_times(twins: Twins) -> tuple[float, float]:
    """(fast, plain) CPU seconds, the least of ROUNDS alternating runs of each."""
    fast, plain = [], []
    for _ in range(ROUNDS):
        fast.append(cpu_seconds(twins.fast))
        plain.append(cpu_seconds(twins.plain))
    return min(fast), min(plain)


def new_document_rows(count: int) -> list[list[Any]]:
    """Rows of the archive's documents as new documents would have them (keys and public ids
    of their own), in COLUMNS order."""
    rows = [list(row) for row in Document.objects.order_by("pk").values_list(*COLUMNS)[:count]]
    key, public_id = COLUMNS.index("key"), COLUMNS.index("public_id")
    for row in rows:
        row[key] = f"fast-path-{row[key]}"
        row[public_id] += 10**15
    return rows


def written(write: Writer, rows: list[list[Any]]) -> Callable[[], object]:
    def write_and_roll_back() -> object:
        try:
            with transaction.atomic():
                write(Document, COLUMNS, rows)
                raise RolledBack
        except RolledBack:
            return len(rows)

    return write_and_roll_back


def twins_of(rows: list[list[Any]]) -> list[Twins]:
    pks = list(Document.objects.order_by("pk").values_list("pk", flat=True)[: len(rows)])
    return [
        Twins(
            "document rows: plain INSERTs, COPY on PostgreSQL (catalogue/rows.py), not bulk_create",
            written(insert_rows, rows),
            written(plain_insert_rows, rows),
        ),
        Twins(
            "canonical records from flat queries (interchange/export.document_records), "
            "not prefetched Documents (document_record)",
            lambda: export.document_records(pks),
            lambda: prefetched_records(pks),
        ),
    ]


def prefetched_records(pks: list[int]) -> list[dict[str, Any]]:
    documents = export.documents_for_export(Document.objects.filter(pk__in=pks))
    return [export.document_record(document) for document in documents]


def measure(out: IO[str], import_rate: float | None, count: int = SAMPLE) -> None:
    """Print each fast path's saving per document, and its share of the import's end-to-end
    time per document (`import_rate`: documents/s, as the benchmark's import measured it)."""
    rows = new_document_rows(count)
    if not rows:
        return
    gc.collect()
    out.write(f"Fast paths, CPU per document ({len(rows):,} documents):\n")
    per_document = 1 / import_rate if import_rate else None
    for twins in twins_of(rows):
        fast, plain = least_times(twins)
        out.write(f"  {twins.name}\n    {_figures(fast, plain, len(rows), per_document)}\n")
    out.flush()


def _figures(fast: float, plain: float, count: int, per_document: float | None) -> str:
    line = f"fast {fast / count * 1e6:.1f} µs, plain {plain / count * 1e6:.1f} µs"
    if per_document is None:
        return line
    share = (plain - fast) / count / per_document
    verdict = "keep" if share >= KEEP else "below 5%: the plain code is enough"
    return f"{line}: saves {share:.1%} of the import's end-to-end time ({verdict})"
