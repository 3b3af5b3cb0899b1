"""Restoring an earlier version: its snapshot is written back through the importer's writer,
with the same checks an import gets, and the restore is itself a new version.

What a restore leaves as it is now: the publication state (status, embargo, reason for
withdrawal: publishing and withdrawing are their own, permission-checked acts), the scans (their
files are managed on their own), and, for a collection, which documents are in it (each
document says that itself; the curated order of the current members is restored).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from readingroom.catalogue.models import CollectionMembership, Person
from readingroom.editorial.history import Attribution, VersionLog
from readingroom.editorial.models import Action, Source, Version
from readingroom.editorial.releases import WORKFLOW_FIELDS
from readingroom.editorial.snapshots import Snapshot, canonical, snapshots
from readingroom.importers.references import check_file, resolve_merged_people
from readingroom.importers.writer import ArchiveWriter
from readingroom.interchange.canonical import Record, normalize
from readingroom.interchange.problems import ImportFailed, Location


class RestoreRefused(ValueError):
    """The version cannot be restored; the message says why."""


def restore_version(version: Version, user: Any, note: str = "") -> list[Version]:
    """Make the record what it was in `version`. Returns the versions the restore wrote."""
    if version.action == Action.DELETED or not version.snapshot:
        raise RestoreRefused("this version records a deletion; restore an earlier version")
    if version.record_type == "person":
        merged = Person.objects.filter(public_id=version.public_id, merged_into__isnull=False)
        if survivor := merged.values_list("merged_into__name", flat=True).first():
            raise RestoreRefused(
                f"this person was merged into {survivor}; undo the merge first "
                "(the people list's action), then restore"
            )
    current = snapshots(version.record_type, [version.public_id]).get(version.public_id)
    record = _checked_record(version, _as_restored(version, current))
    attribution = Attribution(
        Source.RESTORE,
        user=user,
        note=note,
        origin=f"{version.record_type} {version.public_id}, version {version.number}",
    )
    history = VersionLog(attribution)
    try:
        with transaction.atomic():
            resolve_merged_people([record])
            ArchiveWriter(history=history).write([record])
    except ImportFailed as failure:
        raise RestoreRefused("; ".join(p.message for p in failure.problems)) from failure
    return [] if history.changeset is None else list(history.changeset.versions.all())


def _as_restored(version: Version, current: Snapshot | None) -> Snapshot:
    data = canonical(version.snapshot)
    if version.record_type == "document" and current is not None:
        for name in (*WORKFLOW_FIELDS, "scans"):
            data[name] = current[name]
    if version.record_type == "collection":
        members = set(
            CollectionMembership.objects.filter(
                collection__public_id=version.public_id
            ).values_list("document__key", flat=True)
        )
        data["order"] = [key for key in data.get("order", []) if key in members]
    if current is None:
        data["id"] = version.public_id
    return data


def _checked_record(version: Version, data: Snapshot) -> Record:
    where = Location(f"{version.record_type} {version.public_id} version {version.number}")
    record = normalize(data, where)
    problems = record.problems or check_file([record])
    if problems:
        raise RestoreRefused("; ".join(f"{p.field or 'record'}: {p.message}" for p in problems))
    return record
