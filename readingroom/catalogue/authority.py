"""Authority records: which documents a record touches."""

from __future__ import annotations

from django.db.models import Model, QuerySet

from .models import (
    Collection,
    Document,
    DocumentPerson,
    Person,
    Place,
    Repository,
    Subject,
)


def linked_documents(record: Model) -> QuerySet[Document]:
    """Documents whose searchable form includes this record's names."""
    if isinstance(record, Person):
        return Document.objects.filter(person_links__person=record).distinct()
    if isinstance(record, Place | Subject | Repository):
        return record.documents.all()
    if isinstance(record, Collection):
        return Document.objects.filter(memberships__collection=record)
    return Document.objects.none()


def linked_document_count(record: Model) -> int:
    """How many documents `linked_documents` names, counted in the database."""
    if isinstance(record, Person):
        links = DocumentPerson.objects.filter(person=record)
        return links.values("document_id").distinct().count()
    return linked_documents(record).count()


def linked_document_ids(record: Model) -> set[int]:
    return set(linked_documents(record).values_list("public_id", flat=True))
