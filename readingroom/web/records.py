"""Finding a public record by its id, following merges; one rule for every record type."""

from __future__ import annotations

from django.http import Http404

from readingroom.catalogue.models import (
    RECORD_MODELS,
    Document,
    Person,
    PublicRecord,
)
from readingroom.catalogue.visibility import public_by_ids


def find_record(record_type: str, public_id: int) -> PublicRecord:
    """The record with this public id, or the record it was merged into; 404 otherwise."""
    model = RECORD_MODELS[record_type]
    queryset = model._default_manager.all()
    if model is Document:
        queryset = public_by_ids([public_id])
    record = queryset.filter(public_id=public_id).first()
    if record is None:
        raise Http404(f"No {record_type} {public_id}")
    while isinstance(record, Person) and record.merged_into_id is not None:
        record = Person.objects.get(pk=record.merged_into_id)
    return record  # type: ignore[return-value]
