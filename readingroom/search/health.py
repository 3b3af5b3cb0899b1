"""Whether this node can serve readers, for load balancers and monitors (`/healthz`): the
database answers, and the search index answers and is not empty while the database holds
public documents (an index moved or deleted under a running site would otherwise answer every
search with "No documents match", in silence)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import DatabaseError

from readingroom.catalogue.models import Document

from . import service
from .backend import SearchQuery

COUNT_ONLY = SearchQuery(
    limit=0, facet_limit=0, histogram=False, highlight=False, suggest=False, sort="date"
)


@dataclass
class Health:
    problems: list[str] = field(default_factory=list)
    public_documents: int | None = None
    indexed_documents: int | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    def as_json(self) -> dict[str, Any]:
        return {
            "status": "ok" if self.ok else "unavailable",
            "public_documents": self.public_documents,
            "indexed_documents": self.indexed_documents,
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
    if found.public_documents and found.indexed_documents == 0:
        found.problems.append(
            f"the search index is empty, but the database has {found.public_documents} public "
            "documents (was the index moved or deleted?)"
        )
    return found
