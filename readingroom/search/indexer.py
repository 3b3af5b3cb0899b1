"""Applying the outbox to the search index.

Every change to a searchable record leaves an OutboxEntry (a document's public id) in the same
database transaction. The indexer reads pending rows in id order, a batch at a time; builds
those documents as the database has them now (`documents.build`: public ones to index, the rest
to remove); replaces them in the index and commits; and only then deletes exactly the rows it
read. A crash anywhere repeats a batch (re-reading and replacing is idempotent) and loses
nothing.

One process writes at a time (the backend's writer lock). A process that finds the lock taken
waits for it; one that gives up waiting (`apply_outbox_soon`, after an editor's save) can rely
on the holder, which looks at the outbox again after releasing the lock and starts over if rows
are left, so no row is stranded.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from . import service
from .documents import build
from .generations import IndexBusy
from .models import OutboxEntry
from .tantivy_backend import BULK

BATCH = 2000
BULK_BATCH = 10_000  # rows per commit when there are many: fewer, larger segments to merge
SOON_WAIT = 5.0  # seconds an editor's save waits for another writer (settings.SEARCH_SOON_WAIT)
BULK_ROWS = 5000  # more pending rows than this (an import): a writer with more memory and threads
log = logging.getLogger(__name__)


@dataclass
class Progress:
    rows: int = 0
    indexed: int = 0
    removed: int = 0
    batches: int = 0

    def add(self, other: Progress) -> None:
        self.rows += other.rows
        self.indexed += other.indexed
        self.removed += other.removed
        self.batches += other.batches

    def __str__(self) -> str:
        return (
            f"{self.rows} outbox rows applied in {self.batches} batches: "
            f"{self.indexed} documents indexed, {self.removed} removed"
        )


Report = Callable[[Progress], None]


def pending() -> int:
    return OutboxEntry.objects.count()


def drain(writing: Any, batch: int = BATCH, report: Report | None = None) -> Progress:
    """Apply pending rows in order through an open writer session until none are left."""
    progress = Progress()
    while rows := list(OutboxEntry.objects.order_by("id").values_list("id", "document_id")[:batch]):
        documents, deleted = build(document_id for _, document_id in rows)
        writing.replace(documents, deleted)
        OutboxEntry.objects.filter(id__in=[row_id for row_id, _ in rows]).delete()
        step = Progress(len(rows), len(documents), len(deleted), 1)
        progress.add(step)
        if report:
            report(step)
    return progress


def apply_outbox(
    backend: Any = None,
    wait: float | None = None,
    batch: int = BATCH,
    report: Report | None = None,
    options: Any = None,
) -> Progress:
    """Apply the whole outbox; raises IndexBusy if another writer holds the lock longer than
    `wait` seconds (None: wait as long as it takes)."""
    backend = backend or service.get_backend()
    progress = Progress()
    while True:
        with backend.writer(wait=wait, options=options) as writing:
            progress.add(drain(writing, batch, report))
        # Released. Anyone who gave up waiting while we held the lock relies on this look.
        if not OutboxEntry.objects.exists():
            return progress


def apply_outbox_soon() -> None:
    """Called after a commit that wrote outbox rows: apply them now, so the next request (in
    any process) sees the change. Never raises: the change is committed; at worst its rows
    wait in the outbox for the next writer (and `readingroom check` lists them)."""
    if not getattr(settings, "SEARCH_APPLY_ON_COMMIT", True):
        return
    wait = getattr(settings, "SEARCH_SOON_WAIT", SOON_WAIT)
    try:
        if pending() > BULK_ROWS:
            apply_outbox(wait=wait, batch=BULK_BATCH, options=BULK)
        else:
            apply_outbox(wait=wait)
    except IndexBusy:
        log.info("search index busy; the writer holding it applies the outbox")
    except Exception:
        log.exception("could not apply the search outbox; rows stay pending")
