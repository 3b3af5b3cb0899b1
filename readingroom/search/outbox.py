"""Writing to the outbox. Call these inside the transaction that changes the records."""

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from readingroom.catalogue.rows import insert_rows

from .models import OutboxEntry


def enqueue_documents(public_ids: Iterable[int]) -> int:
    """Record that these documents must be re-indexed; returns how many rows were written."""
    ids = sorted(set(public_ids))
    if not ids:
        return 0
    # Plain rows, not bulk_create: an import enqueues tens of thousands at once. One time for
    # the rows of one call (bulk_create took a microsecond-apart time for each).
    now = timezone.now()
    insert_rows(OutboxEntry, ("document_id", "created_at"), ((i, now) for i in ids))
    transaction.on_commit(_apply_after_commit)
    return len(ids)


def _apply_after_commit() -> None:
    from .indexer import apply_outbox_soon

    apply_outbox_soon()


def latest_entry() -> int:
    """The id of the newest row waiting in the outbox, 0 when none waits: it changes at the
    commit of every change to a record (ids only grow), before the index applies it."""
    return OutboxEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
