"""Query pieces the pages share, written so the database's planner cannot go wrong.

"Is the linked document public?" is asked as a correlated EXISTS on the document's primary key,
with `Document.objects.public()` as the one definition of public: each row costs one primary
key lookup, whatever the archive's size. (`document__in=Document.objects.public()` makes SQLite
list every public document first: a second at 10^5 documents.)
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Exists, OuterRef, QuerySet

from readingroom.catalogue.models import Document


def is_public_document(field: str = "document_id") -> Exists:
    """True where the document that `field` points at is public."""
    return Exists(Document.objects.public().filter(pk=OuterRef(field)))


def public_by_ids(public_ids: Iterable[int]) -> QuerySet[Document]:
    """Public documents with these public ids, found by the unique index on public ids."""
    return Document.objects.filter(public_id__in=list(public_ids)).filter(is_public_document("pk"))
