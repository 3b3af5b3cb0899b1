"""What the open interfaces must remember that the catalogue forgets.

A document deleted from the database leaves a `Tombstone`, so OAI-PMH keeps reporting it as
deleted (the repository declares `deletedRecord` persistent). Withdrawn documents need no
tombstone: their row stays, and `oai.repository` reports them as deleted from it.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class Tombstone(models.Model):
    """A document that was public once and has since been deleted from the database."""

    public_id = models.PositiveBigIntegerField(unique=True)
    deleted_at = models.DateTimeField(default=timezone.now, db_index=True)
    set_specs = models.JSONField(default=list, blank=True, help_text="OAI sets it belonged to.")

    class Meta:
        ordering = ["deleted_at", "public_id"]

    def __str__(self) -> str:
        return f"document {self.public_id} deleted {self.deleted_at:%Y-%m-%d}"


class RateWindow(models.Model):
    """Requests one client made in one window of the rate limit, counted in the database when
    READINGROOM_RATE_LIMITS=database, so that every process and node counts alike
    (throttle.py). Rows of past windows are deleted as new ones begin."""

    counted = models.CharField(max_length=20)  # what is counted ("rate", "cuts")
    client = models.CharField(max_length=100)
    window = models.BigIntegerField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["counted", "client", "window"], name="one_count")
        ]

    def __str__(self) -> str:
        return f"{self.client}: {self.count} {self.counted} in window {self.window}"
