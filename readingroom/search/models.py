"""The outbox: every change to a searchable record leaves a row here in the same transaction.

The indexer applies rows in id order and deletes them only after the index has committed, so a
crash anywhere repeats work (idempotent: a document is re-read from the database and replaced)
and never loses it.
"""

from django.db import models


class OutboxEntry(models.Model):
    document_id = models.PositiveBigIntegerField(help_text="Public id of the document to refresh.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name_plural = "outbox entries"

    def __str__(self) -> str:
        return f"document {self.document_id}"
