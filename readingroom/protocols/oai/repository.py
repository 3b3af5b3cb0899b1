"""Which records the repository has, and in what order.

A document is harvestable when it is public now (a full record), or when it is not public but
was once (`visibility.seen_documents`: withdrawn, or taken back, after it was published; one
that was never public is never named): then only a header with
status="deleted" is given, never its metadata. Documents deleted from the database are given
from their `Tombstone`. Datestamps are `updated_at` (for tombstones `deleted_at`); lists run in
(datestamp, public id) order, which `tokens` relies on.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Min, Q, QuerySet

from readingroom.catalogue.models import Document
from readingroom.catalogue.visibility import seen_documents
from readingroom.interchange.export import documents_for_export
from readingroom.protocols.models import Tombstone

from .sets import document_filter, document_set_specs, tombstone_matches
from .tokens import ListState


@dataclass
class Item:
    public_id: int
    datestamp: dt.datetime
    deleted: bool
    set_specs: list[str] = field(default_factory=list)
    document: Document | None = None  # with the export prefetches, for public items

    @property
    def position(self) -> tuple[dt.datetime, int]:
        return (self.datestamp, self.public_id)


def harvestable() -> QuerySet[Document]:
    return seen_documents()


def find(public_id: int) -> Item | None:
    items = _document_items(documents_for_export(harvestable().filter(public_id=public_id)))
    if items:
        return items[0]
    tombstone = Tombstone.objects.filter(public_id=public_id).first()
    return _tombstone_item(tombstone) if tombstone else None


def earliest_datestamp() -> dt.datetime:
    stamps = [
        harvestable().aggregate(first=Min("updated_at"))["first"],
        Tombstone.objects.aggregate(first=Min("deleted_at"))["first"],
    ]
    known = [s for s in stamps if s is not None]
    return min(known) if known else dt.datetime.now(dt.UTC)


def page(state: ListState, size: int) -> tuple[list[Item], bool, int]:
    """(items after the state's position, whether more follow, complete list size)."""
    documents = _documents_in(state)
    tombstones = _tombstones_in(state)
    total = documents.count() + len(tombstones)
    if state.after:
        stamp, public_id = state.after
        documents = documents.filter(
            Q(updated_at__gt=stamp) | Q(updated_at=stamp, public_id__gt=public_id)
        )
        tombstones = [t for t in tombstones if (t.deleted_at, t.public_id) > state.after]
    ordered = documents_for_export(documents.order_by("updated_at", "public_id"))[: size + 1]
    items = _document_items(ordered) + [_tombstone_item(t) for t in tombstones[: size + 1]]
    items.sort(key=lambda item: item.position)
    return items[:size], len(items) > size, total


def _documents_in(state: ListState) -> QuerySet[Document]:
    documents = harvestable().filter(updated_at__lt=state.end)
    if state.start:
        documents = documents.filter(updated_at__gte=state.start)
    if state.set_spec:
        members = Document.objects.filter(document_filter(state.set_spec)).values("pk")
        documents = documents.filter(pk__in=members)
    return documents


def _tombstones_in(state: ListState) -> list[Tombstone]:
    tombstones = Tombstone.objects.filter(deleted_at__lt=state.end).exclude(
        public_id__in=Document.objects.values("public_id")
    )
    if state.start:
        tombstones = tombstones.filter(deleted_at__gte=state.start)
    found = list(tombstones.order_by("deleted_at", "public_id"))
    if state.set_spec:
        found = [t for t in found if tombstone_matches(t.set_specs, state.set_spec)]
    return found


def _document_items(documents: Iterable[Document]) -> list[Item]:
    rows = list(documents)
    public = set(
        Document.objects.public().filter(pk__in=[d.pk for d in rows]).values_list("pk", flat=True)
    )
    return [
        Item(
            public_id=d.public_id,
            datestamp=d.updated_at,
            deleted=d.pk not in public,
            set_specs=document_set_specs(d),
            document=d if d.pk in public else None,
        )
        for d in rows
    ]


def _tombstone_item(tombstone: Tombstone) -> Item:
    return Item(
        tombstone.public_id, tombstone.deleted_at, deleted=True, set_specs=tombstone.set_specs
    )
