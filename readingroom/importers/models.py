"""What each imported record's source last said: the provenance a re-import needs so that it
changes only what the source changed and never undoes an editor (sources.py)."""

from __future__ import annotations

from django.db import models


class SourceRecord(models.Model):
    """The last import of one record: its file and line, and a fingerprint of each field's
    value as the file gave it (which may not be the archive's value: an editor's stays)."""

    record_type = models.CharField(max_length=20)
    key = models.CharField(max_length=200)
    file = models.CharField(max_length=500)
    line = models.PositiveIntegerField(null=True, blank=True)
    fingerprints = models.JSONField(default=dict)
    imported_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["record_type", "key"], name="one_source_per_record")
        ]

    def __str__(self) -> str:
        return f"{self.record_type} {self.key} from {self.file}"
