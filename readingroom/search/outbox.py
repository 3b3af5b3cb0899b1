"""Writing to the outbox. Call these inside the transaction that changes the records."""

from collections.abc import Iterable

from django.db import transaction

from .models import OutboxEntry


def enqueue_documents(public_ids: Iterable[int]) -> int:
    """Record that these documents must be re-indexed; returns how many rows were written."""
    ids = sorted(set(public_ids))
    OutboxEntry.objects.bulk_create([OutboxEntry(document_id=i) for i in ids], batch_size=2000)
    if ids:
        transaction.on_commit(_apply_after_commit)
    return len(ids)


def _apply_after_commit() -> None:
    from .indexer import apply_outbox_soon

    apply_outbox_soon()
