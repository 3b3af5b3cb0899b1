"""What readers may see, beyond documents. `Document.objects.public(today)` is the one rule for
documents; an authority record (person, place, subject, repository, collection) is public when
at least one public document links to it, so a person who appears only in unreleased documents
has no public page, count or facet value anywhere.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Exists, Model, OuterRef, QuerySet

from readingroom.catalogue.models import (
    Collection,
    Document,
    Person,
    Place,
    Repository,
    Subject,
)

# The path from a document to each authority model's records.
DOCUMENT_LINKS: dict[type[Model], str] = {
    Person: "person_links__person",
    Place: "places",
    Subject: "subjects",
    Repository: "repository",
    Collection: "memberships__collection",
}


def public_documents(today: dt.date | None = None) -> QuerySet[Document]:
    return Document.objects.public(today)


def public_records(model: type[Model], today: dt.date | None = None) -> QuerySet[Any]:
    """The records of `model` readers may see (documents: the public ones). One EXISTS per
    record, which stops at its first public document whatever the archive's size."""
    if model is Document:
        return public_documents(today)
    link = DOCUMENT_LINKS[model]
    named = Exists(public_documents(today).filter(**{link: OuterRef("pk")}))
    return model._default_manager.filter(named)


def is_public(record: Model, today: dt.date | None = None) -> bool:
    return public_records(type(record), today).filter(pk=record.pk).exists()
