"""What readers may see, beyond documents. `Document.objects.public(today)` is the one rule for
documents; an authority record (person, place, subject, repository, collection) is public when
at least one public document links to it, so a person who appears only in unreleased documents
has no public page, count or facet value anywhere.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Model, QuerySet

from readingroom.catalogue.models import (
    Collection,
    Document,
    Person,
    Place,
    Repository,
    Subject,
)

# The path from each authority model to its documents.
DOCUMENT_PATHS: dict[type[Model], str] = {
    Person: "document_links__document",
    Place: "documents",
    Subject: "documents",
    Repository: "documents",
    Collection: "memberships__document",
}


def public_documents(today: dt.date | None = None) -> QuerySet[Document]:
    return Document.objects.public(today)


def public_records(model: type[Model], today: dt.date | None = None) -> QuerySet[Any]:
    """The records of `model` readers may see (documents: the public ones)."""
    if model is Document:
        return public_documents(today)
    path = DOCUMENT_PATHS[model]
    ids = public_documents(today).values("pk")
    return model._default_manager.filter(**{f"{path}__in": ids}).distinct()


def is_public(record: Model, today: dt.date | None = None) -> bool:
    return public_records(type(record), today).filter(pk=record.pk).exists()
