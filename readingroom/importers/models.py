"""What each imported record's source last said: the provenance a re-import needs so that it
changes only what the source changed and never undoes an editor (sources.py)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from readingroom.editorial.models import Job


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


class ImportRun(models.Model):
    """A file imported from the admin: who uploaded it, what its dry run said, and what its
    import did (`uploaded.py`). The command line's imports are in history, not here."""

    class State(models.TextChoices):
        CHECKED = "checked", "checked: ready to import"
        REFUSED = "refused", "refused: the file has problems"
        IMPORTED = "imported", "imported"
        FAILED = "failed", "failed: nothing was written"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    file_name = models.CharField(max_length=255)  # as uploaded
    stored = models.CharField(max_length=500)  # the copy kept, under DATA_DIR/imports
    sha256 = models.CharField(max_length=64)
    format = models.CharField(max_length=20)
    default_status = models.CharField(max_length=20)
    state = models.CharField(max_length=20, choices=State.choices)
    checked_at = models.DateTimeField()
    imported_at = models.DateTimeField(null=True, blank=True)
    check_report = models.JSONField(default=dict)
    import_report = models.JSONField(default=dict, blank=True)
    # the background job writing it, once confirmed (a large file: uploaded.IMPORT_FILE)
    job = models.ForeignKey(Job, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-checked_at", "-pk"]
        verbose_name = "import"

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_state_display()})"
