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

An indexer that follows an import (`alongside.py`) may find the rows it applied impossible to
delete for a while: on SQLite the import's transaction holds the only write lock. It then goes
on past them (`AppliedRows` with `defer`) and deletes them when the lock is free. That is safe
on SQLite only, where transactions commit one at a time and ids are never reused, so every row
committed later has a larger id; elsewhere rows are deleted as they are applied.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import OperationalError, connection

from . import service
from .backend import BULK
from .documents import build
from .generations import IndexBusy
from .models import OutboxEntry

BATCH = 2000
BULK_BATCH = 10_000  # rows per commit when there are many: fewer, larger segments to merge
SOON_WAIT = 5.0  # seconds an editor's save waits for another writer (settings.SEARCH_SOON_WAIT)
BULK_ROWS = 5000  # more pending rows than this (an import): a writer with more memory and threads
DEFERRED_WAIT_MS = 50  # how long a deferring indexer waits for the write lock to delete rows
log = logging.getLogger(__name__)
indexed_elsewhere: ContextVar[bool] = ContextVar("indexed_elsewhere", default=False)


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


@dataclass
class AppliedRows:
    """Outbox rows applied to the index and still to be deleted, and where to read on from."""

    defer: bool = False  # go on past rows that cannot be deleted yet (SQLite only)
    after: int = 0
    ids: list[int] = field(default_factory=list)

    def pending(self, batch: int) -> list[tuple[int, int]]:
        rows = OutboxEntry.objects.filter(id__gt=self.after) if self.defer else OutboxEntry.objects
        return list(rows.order_by("id").values_list("id", "document_id")[:batch])

    def applied(self, row_ids: list[int]) -> None:
        self.ids.extend(row_ids)
        if self.defer:
            self.after = max(self.after, *row_ids)
        self.delete(wait=not self.defer)

    def delete(self, wait: bool) -> bool:
        """Delete the applied rows; False if the database is busy and `wait` is False."""
        while self.ids:
            chunk = self.ids[:BULK_BATCH]
            try:
                with _lock_wait(None if wait else DEFERRED_WAIT_MS):
                    OutboxEntry.objects.filter(id__in=chunk).delete()
            except OperationalError:  # "database is locked": another transaction is writing
                if wait:
                    raise
                return False
            del self.ids[: len(chunk)]
        return True


@contextmanager
def _lock_wait(milliseconds: int | None) -> Iterator[None]:
    """SQLite's wait for the write lock set for a moment (None: leave it as configured)."""
    if milliseconds is None or connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        configured = cursor.execute("PRAGMA busy_timeout").fetchone()[0]
        cursor.execute(f"PRAGMA busy_timeout = {int(milliseconds)}")
        try:
            yield
        finally:
            cursor.execute(f"PRAGMA busy_timeout = {int(configured)}")


def drain(
    writing: Any, batch: int = BATCH, report: Report | None = None, rows: AppliedRows | None = None
) -> Progress:
    """Apply pending rows in order through an open writer session until none are left."""
    rows = rows or AppliedRows()
    progress = Progress()
    while pending_rows := rows.pending(batch):
        documents, deleted = build(document_id for _, document_id in pending_rows)
        writing.replace(documents, deleted)
        rows.applied([row_id for row_id, _ in pending_rows])
        step = Progress(len(pending_rows), len(documents), len(deleted), 1)
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
    rows: AppliedRows | None = None,
) -> Progress:
    """Apply the whole outbox; raises IndexBusy if another writer holds the lock longer than
    `wait` seconds (None: wait as long as it takes). With `rows` deferring, returns when no
    row is left past those applied, which may wait in the outbox to be deleted."""
    backend = backend or service.get_backend()
    rows = rows or AppliedRows()
    progress = Progress()
    while True:
        with backend.writer(wait=wait, options=options) as writing:
            progress.add(drain(writing, batch, report, rows))
        # Released. Anyone who gave up waiting while we held the lock relies on this look.
        if not rows.pending(1):
            return progress


def apply_outbox_soon() -> None:
    """Called after a commit that wrote outbox rows: apply them now, so the next request (in
    any process) sees the change. Never raises: the change is committed; at worst its rows
    wait in the outbox for the next writer (and `readingroom check` lists them)."""
    if not getattr(settings, "SEARCH_APPLY_ON_COMMIT", True) or indexed_elsewhere.get():
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
