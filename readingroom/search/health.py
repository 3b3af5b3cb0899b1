"""Whether this node can serve readers, for load balancers and monitors (`/healthz`): the
database answers, the search index answers and is not empty while the database holds public
documents (an index moved or deleted under a running site would otherwise answer every search
with "No documents match", in silence), and the outbox is being applied (changes waiting
longer than OUTBOX_LAG mean no indexer is running: search would go stale without a word)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import DatabaseError
from django.utils import timezone

from readingroom.catalogue.models import Document

from . import service
from .backend import SearchQuery
from .models import OutboxEntry

OUTBOX_LAG = dt.timedelta(minutes=10)
COUNT_ONLY = SearchQuery(
    limit=0, facet_limit=0, histogram=False, highlight=False, suggest=False, sort="date"
)


@dataclass
class Health:
    problems: list[str] = field(default_factory=list)
    public_documents: int | None = None
    indexed_documents: int | None = None
    outbox_waiting: int | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    def as_json(self) -> dict[str, Any]:
        return {
            "status": "ok" if self.ok else "unavailable",
            "public_documents": self.public_documents,
            "indexed_documents": self.indexed_documents,
            "outbox_waiting": self.outbox_waiting,
            "problems": self.problems,
        }


def health() -> Health:
    found = Health()
    try:
        found.public_documents = Document.objects.public().count()
    except DatabaseError as error:
        found.problems.append(f"the database does not answer: {error}")
    try:
        found.indexed_documents = service.search(COUNT_ONLY).total
    except Exception as error:
        found.problems.append(f"the search index does not answer: {error}")
    _outbox(found)
    if found.public_documents and found.indexed_documents == 0:
        found.problems.append(
            f"the search index is empty, but the database has {found.public_documents} public "
            "documents (was the index moved or deleted?)"
        )
    return found


def _outbox(found: Health) -> None:
    try:
        waiting = OutboxEntry.objects.order_by("id")
        found.outbox_waiting = waiting.count()
        oldest = waiting.values_list("created_at", flat=True).first()
    except DatabaseError:
        return  # said above
    if oldest is not None and timezone.now() - oldest > OUTBOX_LAG:
        minutes = int((timezone.now() - oldest).total_seconds() // 60)
        found.problems.append(
            f"{found.outbox_waiting} changes wait in the search outbox, the oldest for "
            f"{minutes} minutes: is an indexer running (`readingroom indexer --loop`)?"
        )
