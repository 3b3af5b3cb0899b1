"""Records as snapshots (the canonical dicts of readingroom/interchange/export.py) and the
field-by-field difference between two snapshots."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Model

from readingroom.catalogue.fields import RECORDS
from readingroom.catalogue.models import (
    RECORD_MODELS,
    Collection,
    Document,
    Person,
    Place,
    Repository,
    Subject,
)
from readingroom.interchange import export

Snapshot = dict[str, Any]

# Fields that say who the record is rather than what it says: never listed as changes.
IDENTITY = ("type", "key", "id")
# Fields of a snapshot that are not the canonical record (restores leave them out).
EXTRA_FIELDS = ("merged_into",)

# Each field's label (catalogue/fields.py; a name means the same in every record type), and
# the snapshot's own extra fields'.
FIELD_LABELS = {
    **{f.name: f.label for declared in RECORDS.values() for f in declared},
    "merged_into": "merged into",
}


def record_type(record: Model) -> str:
    return record.sequence_name  # type: ignore[attr-defined,no-any-return]


def snapshot(record: Model) -> Snapshot:
    """The record's canonical dict as the database has it now."""
    if isinstance(record, Document):
        return export.document_record(record)
    if isinstance(record, Person):
        survivor = record.merged_into.key if record.merged_into_id else ""  # type: ignore[union-attr]
        return {**export.person_record(record), "merged_into": survivor}
    if isinstance(record, Place):
        return export.place_record(record)
    if isinstance(record, Subject):
        return export.subject_record(record)
    if isinstance(record, Repository):
        return export.repository_record(record)
    if isinstance(record, Collection):
        return export.collection_record(record)
    raise TypeError(f"no snapshot for {type(record).__name__}")


def snapshots(kind: str, public_ids: Iterable[int]) -> dict[int, Snapshot]:
    """Snapshots of these records (those that exist), read with few queries."""
    ids = sorted(set(public_ids))
    queryset: Any = RECORD_MODELS[kind]._default_manager.filter(public_id__in=ids)
    if kind == "document":
        queryset = export.documents_for_export(queryset)
    elif kind in ("person", "place", "subject"):
        queryset = queryset.prefetch_related("variants")
    return {record.public_id: snapshot(record) for record in queryset}


def changed_fields(before: Snapshot | None, after: Snapshot | None) -> list[str]:
    """Names of the fields whose values differ, in the record's own field order."""
    before, after = before or {}, after or {}
    names = list(after) + [name for name in before if name not in after]
    return [name for name in names if name not in IDENTITY and _differs(before, after, name)]


def _differs(before: Snapshot, after: Snapshot, name: str) -> bool:
    if before and after and (name not in before or name not in after):
        # A field declared since the other snapshot was written: there, it was empty.
        return bool(before.get(name) or after.get(name))
    return before.get(name) != after.get(name)


def label(field_name: str) -> str:
    return FIELD_LABELS.get(field_name, field_name.replace("_", " "))


def canonical(snap: Snapshot) -> Snapshot:
    """The snapshot as an importable canonical record (without our extra fields)."""
    return {name: value for name, value in snap.items() if name not in EXTRA_FIELDS}
