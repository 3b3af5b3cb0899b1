"""What readers may see: the one rule per record type, used by every surface (pages, search
facets, the API, OAI-PMH, feeds, sitemaps, bulk downloads, history).

- A document is public when `Document.objects.public(today)` says so (published, or an embargo
  whose day has come); `readable` in models.py is the same rule for values already read.
- An authority record (person or organization, place, subject, repository, collection) is
  public when at least one public document links to it, so a person who appears only in
  unreleased documents has no public page, count or facet value anywhere.
- A document that was public once (it has a first publication time, `published_at`) and is no
  longer (withdrawn, or taken back to draft) leaves a trace: a withdrawn one a tombstone page
  (410 with its title and the reason), and OAI-PMH a deleted record. A document that was never
  public, whatever its state (a draft, or one imported or set straight to withdrawn), leaves
  none: its address is a plain 404 and harvesters never hear of it (`seen_documents`). One
  taken back to draft or review, or embargoed again, answers its addresses (page, citations,
  manifest, API) with "not available now" and the day it is due back if an embargo sets one
  (`check_available_now`), without its title.
- A person merged into another is never public in their own right: their URL redirects to the
  survivor, and every list shows the survivor only.

Every question is asked as a correlated EXISTS that checks each linked document by primary key:
one index lookup per row, which stops at the first public document whatever the archive's size.
(`document__in=Document.objects.public()` makes SQLite list every public document first, a
second at 10^5 documents; led by the documents' status index instead, it reads thousands of
documents for a rarely named record.)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import Exists, Model, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from .authority import linked_documents
from .models import (
    Collection,
    CollectionMembership,
    Document,
    DocumentPerson,
    Person,
    Place,
    PublicRecord,
    Repository,
    Status,
    Subject,
    readable,
)

# A record is named by a document through these links: (link table, the record's field there).
LINKS: dict[type[Model], tuple[type[Model], str]] = {
    Repository: (Document, "repository"),
    Person: (DocumentPerson, "person"),
    Place: (Document.places.through, "place"),
    Subject: (Document.subjects.through, "subject"),
    Collection: (CollectionMembership, "collection"),
}


def public_documents(today: dt.date | None = None) -> QuerySet[Document]:
    return Document.objects.public(today)


def seen_documents(today: dt.date | None = None) -> QuerySet[Document]:
    """Documents readers may have seen: public now, or published once and since withdrawn or
    taken back. Only these leave a trace when they are not public."""
    public = public_documents(today).values("pk")
    return Document.objects.filter(Q(pk__in=public) | Q(published_at__isnull=False))


def was_seen(document: Document, today: dt.date) -> bool:
    """`seen_documents`' rule for a document already read (say, one being deleted)."""
    return document.published_at is not None or readable(
        document.status, document.embargo_until, today
    )


class NotAvailableNow(Http404):
    """A document readers saw that is not public now, but not withdrawn either: taken back to
    draft or review, or embargoed again. Its addresses say so (and when it is due back, if an
    embargo says), instead of a bare "not found"; its title is not shown."""

    def __init__(self, public_id: int, returns_on: dt.date | None) -> None:
        self.public_id = public_id
        self.returns_on = returns_on
        super().__init__(self.message)

    @property
    def message(self) -> str:
        back = f" It is due back on {self.returns_on:%B %-d, %Y}." if self.returns_on else ""
        return f"Document {self.public_id} was public here and is not available now.{back}"


def check_available_now(public_id: int, today: dt.date | None = None) -> None:
    """Raise NotAvailableNow for a document readers saw that is away for now; return for any
    other id that is not public (never public, withdrawn, unknown), which stays a plain 404."""
    today = today or timezone.localdate()
    away = (
        seen_documents(today)
        .exclude(status=Status.WITHDRAWN)
        .exclude(pk__in=public_documents(today).values("pk"))
        .filter(public_id=public_id)
        .values_list("status", "embargo_until")
        .first()
    )
    if away is not None:
        status, embargo_until = away
        embargoed = status == Status.EMBARGOED and embargo_until and embargo_until > today
        raise NotAvailableNow(public_id, embargo_until if embargoed else None)


def withdrawn_documents() -> QuerySet[Document]:
    """Withdrawn documents that readers saw: each keeps a tombstone at its address."""
    return seen_documents().filter(status=Status.WITHDRAWN)


def is_public_document(field: str = "document_id", today: dt.date | None = None) -> Exists:
    """True where the document that `field` (of the outer query) points at is public."""
    return Exists(public_documents(today).filter(pk=OuterRef(field)))


def named_by_public_document(model: type[Model], today: dt.date | None = None) -> Exists:
    """True for records of `model` (the outer query) that a public document links to."""
    table, field = LINKS[model]
    document = "pk" if table is Document else "document_id"
    links = table._default_manager.filter(**{field: OuterRef("pk")})
    return Exists(links.filter(is_public_document(document, today)))


def public_records(model: type[Model], today: dt.date | None = None) -> QuerySet[Any]:
    """The records of `model` readers may see."""
    if model is Document:
        return public_documents(today)
    records = model._default_manager.filter(named_by_public_document(model, today))
    if model is Person:
        records = records.filter(merged_into__isnull=True)
    return records


def is_public(record: Model, today: dt.date | None = None) -> bool:
    """Whether readers may see the record: `public_records`, asked of one record from its
    links (read in order until one names a public document: a lookup at any size, where
    asking it of the record let PostgreSQL gather all 19,000 links of a person first)."""
    model = type(record)
    if model is Document or model not in LINKS:
        return public_records(model, today).filter(pk=record.pk).exists()
    if model is Person and record.merged_into_id is not None:  # type: ignore[attr-defined]
        return False
    table, field = LINKS[model]
    document = "pk" if table is Document else "document_id"
    links = table._default_manager.filter(**{field: record.pk})
    return bool(links.filter(is_public_document(document, today)).exists())


def public_by_ids(public_ids: Iterable[int]) -> QuerySet[Document]:
    """Public documents with these public ids, found by the unique index on public ids."""
    return Document.objects.filter(public_id__in=list(public_ids)).filter(is_public_document("pk"))


def public_documents_of(record: PublicRecord) -> QuerySet[Document]:
    """The public documents that link to an authority record."""
    return linked_documents(record).filter(is_public_document("pk"))
