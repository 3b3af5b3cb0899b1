"""The editorial record: every version of every record, who made it and why; reviewers'
comments; and how far embargo releases have been handed to the search index.

A version holds the record's canonical dict (readingroom/interchange/export.py) as it was after
the change, so any version can be shown, compared field by field, cited, and restored by
writing the dict back through the importer's writer.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from readingroom.catalogue.models import Document, Person


class RecordType(models.TextChoices):
    DOCUMENT = "document", "document"
    PERSON = "person", "person or organization"
    PLACE = "place", "place"
    SUBJECT = "subject", "subject"
    REPOSITORY = "repository", "repository"
    COLLECTION = "collection", "collection"


class Source(models.TextChoices):
    ADMIN = "admin", "edited in the admin"
    IMPORT = "import", "imported"
    MERGE = "merge", "merge of people"
    RESTORE = "restore", "restored from an earlier version"
    WORKFLOW = "workflow", "publication workflow"


class ChangeSet(models.Model):
    """One act that changed records: a save in the admin, one imported file, a merge, a
    restore, a publish or withdraw action. Its versions share who, when and why."""

    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="changesets",
    )
    source = models.CharField(max_length=20, choices=Source.choices)
    note = models.TextField(blank=True, help_text="Why the change was made.")
    origin = models.CharField(
        max_length=500, blank=True, help_text="The imported file, or what was merged or restored."
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "change"

    def __str__(self) -> str:
        who = self.user.get_username() if self.user else (self.origin or self.get_source_display())
        return f"{self.get_source_display()} by {who} at {self.created_at:%Y-%m-%d %H:%M}"


class Action(models.TextChoices):
    BASELINE = "baseline", "as first recorded"
    CREATED = "created", "created"
    CHANGED = "changed", "changed"
    DELETED = "deleted", "deleted"


class Version(models.Model):
    """A record as it was after one change. Numbered 1, 2, ... per record."""

    changeset = models.ForeignKey(
        ChangeSet, null=True, blank=True, on_delete=models.PROTECT, related_name="versions"
    )
    record_type = models.CharField(max_length=20, choices=RecordType.choices)
    public_id = models.PositiveBigIntegerField()
    number = models.PositiveIntegerField()
    action = models.CharField(max_length=10, choices=Action.choices)
    created_at = models.DateTimeField(default=timezone.now)
    snapshot = models.JSONField(default=dict, help_text="The canonical record; {} when deleted.")
    changed_fields = models.JSONField(default=list)

    class Meta:
        ordering = ["record_type", "public_id", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["record_type", "public_id", "number"], name="unique_version_number"
            )
        ]
        permissions = [
            ("publish_document", "Can publish, embargo and unpublish documents"),
            ("withdraw_document", "Can withdraw published documents"),
            ("merge_people", "Can merge people and organizations"),
            ("restore_version", "Can restore an earlier version of a record"),
        ]

    def __str__(self) -> str:
        return f"{self.record_type} {self.public_id} version {self.number}"

    @property
    def note(self) -> str:
        return self.changeset.note if self.changeset else ""


class Comment(models.Model):
    """A reviewer's (or anyone's) remark on a document, seen by staff in the admin only."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="comments"
    )
    body = models.TextField()
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    resolved = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"comment on document {self.document.public_id}"


class EmbargoRelease(models.Model):
    """The last day whose passed embargoes were handed to the search index (one row)."""

    released_through = models.DateField()

    def __str__(self) -> str:
        return f"embargoes released through {self.released_through}"


class Merge(models.Model):
    """One person merged into another, with everything the merge moved or changed, so that it
    can be undone exactly (editorial/merges.py)."""

    survivor = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="merges_kept")
    merged = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="merges_into")
    changeset = models.ForeignKey(ChangeSet, null=True, blank=True, on_delete=models.SET_NULL)
    # DocumentPerson ids that moved to the survivor
    moved_links = models.JSONField(default=list)
    # links of the merged person the survivor already had: [document id, role, position]
    dropped_links = models.JSONField(default=list)
    # PersonVariant ids the merge added to the survivor
    added_variants = models.JSONField(default=list)
    # the survivor's fields the merge set, with their values before it
    replaced = models.JSONField(default=dict)
    # people merged into the merged person earlier, who now point at the survivor
    repointed = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now)
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.merged} merged into {self.survivor}"


class JobState(models.TextChoices):
    WAITING = "waiting", "waiting"
    RUNNING = "running", "running"
    DONE = "done", "done"
    FAILED = "failed", "failed"


class Job(models.Model):
    """Long editorial work done in the background (editorial/jobs.py): what to do, who asked,
    how far it got, and what it did or why it failed."""

    kind = models.CharField(max_length=40)
    parameters = models.JSONField(default=dict)
    description = models.CharField(max_length=500, help_text="What the job does, in words.")
    state = models.CharField(
        max_length=10, choices=JobState.choices, default=JobState.WAITING, db_index=True
    )
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    outcome = models.TextField(blank=True, help_text="What the job did, or why it failed.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    worker = models.CharField(max_length=200, blank=True, help_text="host:pid running it")
    attempts = models.PositiveIntegerField(default=0)
    changeset = models.ForeignKey(ChangeSet, null=True, blank=True, on_delete=models.SET_NULL)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.description
