"""A collection's members edited one change at a time, however large the collection: add
documents at the end, remove one (or many), move one to a position. Each change is one
transaction that writes its history (the collection's curated order, and the documents'
collections) and queues the documents it touched for the search index, like a save in the
admin.

Positions are kept as 1..N in curated order; a collection whose positions are not (imported
with gaps, or repeats) is numbered so on its first change. A move shifts only the members
between the old and the new position, with one UPDATE.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import Count, F, Max, Min

from readingroom.catalogue.models import Collection, CollectionMembership, Document
from readingroom.search.outbox import enqueue_documents

from .history import Attribution, recording
from .models import Source


class MembersRefused(ValueError):
    """The change cannot be made; the message says why."""


def _numbered(collection: Collection) -> int:
    """Number the members 1..N in curated order if they are not; the count N."""
    members = CollectionMembership.objects.filter(collection=collection)
    shape = members.aggregate(n=Count("pk"), low=Min("position"), high=Max("position"),
                              distinct=Count("position", distinct=True))  # fmt: skip
    if shape["n"] and (shape["low"], shape["high"], shape["distinct"]) == (
        1,
        shape["n"],
        shape["n"],
    ):
        return int(shape["n"])
    ordered = list(members.order_by("position", "pk"))
    for number, member in enumerate(ordered, start=1):
        member.position = number
    CollectionMembership.objects.bulk_update(ordered, ["position"], batch_size=1000)
    return len(ordered)


def _who(user: Any, note: str) -> Attribution:
    return Attribution(Source.ADMIN, user, note)


def add(collection: Collection, documents: Iterable[Document], user: Any) -> int:
    """Add documents not yet members at the end, in the order given; how many were added."""
    with transaction.atomic():
        Collection.objects.select_for_update().filter(pk=collection.pk).first()
        present = set(collection.memberships.values_list("document_id", flat=True))
        new = [d for d in dict.fromkeys(documents) if d.pk not in present]
        if not new:
            return 0
        with recording(_who(user, f"Added {len(new)} to {collection.title}")) as recorder:
            recorder.watch_records([collection, *new])
            last = _numbered(collection)
            CollectionMembership.objects.bulk_create(
                CollectionMembership(collection=collection, document=d, position=last + n)
                for n, d in enumerate(new, start=1)
            )
        enqueue_documents(d.public_id for d in new)
    return len(new)


def remove_many(collection: Collection, documents: Iterable[Document], user: Any) -> int:
    """Remove those of these documents that are members; how many. The rest keep their order,
    numbered 1..N again."""
    documents = list(documents)
    with transaction.atomic():
        Collection.objects.select_for_update().filter(pk=collection.pk).first()
        members = CollectionMembership.objects.filter(collection=collection, document__in=documents)
        leaving = set(members.values_list("document_id", flat=True))
        gone = [d for d in dict.fromkeys(documents) if d.pk in leaving]
        if not gone:
            return 0
        with recording(_who(user, f"Removed {len(gone)} from {collection.title}")) as recorder:
            recorder.watch_records([collection, *gone])
            members.delete()
            _numbered(collection)
        enqueue_documents(d.public_id for d in gone)
    return len(gone)


def remove(collection: Collection, document: Document, user: Any) -> None:
    with transaction.atomic():
        Collection.objects.select_for_update().filter(pk=collection.pk).first()
        member = CollectionMembership.objects.filter(collection=collection, document=document)
        if not member.exists():
            raise MembersRefused(f"Document {document.public_id} is not in {collection.title}.")
        note = f"Removed document {document.public_id} from {collection.title}"
        with recording(_who(user, note)) as recorder:
            recorder.watch_records([collection, document])
            _numbered(collection)
            gone = member.get().position
            member.delete()
            later = CollectionMembership.objects.filter(collection=collection, position__gt=gone)
            later.update(position=F("position") - 1)
        enqueue_documents([document.public_id])


def move(collection: Collection, document: Document, position: int, user: Any) -> int:
    """Move a member to `position` (1 is first; past the end means last); where it went."""
    with transaction.atomic():
        Collection.objects.select_for_update().filter(pk=collection.pk).first()
        count = _numbered(collection)
        member = CollectionMembership.objects.filter(collection=collection, document=document)
        found = member.first()
        if found is None:
            raise MembersRefused(f"Document {document.public_id} is not in {collection.title}.")
        target = max(1, min(position, count))
        if target == found.position:
            return target
        note = f"Moved document {document.public_id} to position {target} in {collection.title}"
        with recording(_who(user, note)) as recorder:
            recorder.watch_records([collection])
            others = CollectionMembership.objects.filter(collection=collection).exclude(pk=found.pk)
            if target < found.position:
                others.filter(position__gte=target, position__lt=found.position).update(
                    position=F("position") + 1
                )
            else:
                others.filter(position__gt=found.position, position__lte=target).update(
                    position=F("position") - 1
                )
            member.update(position=target)
    return target
