"""The facets: each is declared once here, and indexing, counting, filtering, labels, the web
page and the API all read this declaration."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef

from readingroom.catalogue.models import (
    Collection,
    Document,
    Person,
    Place,
    PublicRecord,
    Repository,
    Subject,
)

from .languages import language_name

if TYPE_CHECKING:
    from .documents import DocumentFacts


@dataclass(frozen=True)
class Facet:
    """A way to narrow results. Values are strings: public ids of records, or codes."""

    name: str  # the URL parameter and the index field
    label: str
    values: Callable[[DocumentFacts], list[str]]  # what to index for a document
    model: type[PublicRecord] | None = None  # values are public ids of this model
    describe: Callable[[str], str] | None = None  # label for a code value

    def labels(self, values: Iterable[str]) -> dict[str, str]:
        """Display labels for values, in one query for record facets. Only records a public
        document names get one: a filter on any other id names nothing."""
        values = list(values)
        if self.model is None:
            describe = self.describe or (lambda v: v)
            return {v: describe(v) for v in values}
        ids = [int(v) for v in values if v.isdigit()]
        records = self.model._default_manager.filter(public_id__in=ids)
        named = Exists(Document.objects.public().filter(**{self.link: OuterRef("pk")}))
        return {str(r.public_id): r.label() for r in records.filter(named)}

    @property
    def link(self) -> str:
        """The path from a document to this facet's records."""
        return DOCUMENT_LINKS[self.name]


# A record is named by a public document (so it has a label) through these links; one EXISTS
# per record, which stops at the first public document, whatever the archive's size.
DOCUMENT_LINKS = {
    "repository": "repository",
    "person": "person_links__person",
    "place": "places",
    "subject": "subjects",
    "collection": "memberships__collection",
}


def _type_label(value: str) -> str:
    return value.replace("-", " ").replace("_", " ").capitalize() if value else "Unknown"


FACETS: tuple[Facet, ...] = (
    Facet(
        "repository",
        "Repository",
        lambda d: [str(d.repository_id)] if d.repository_id else [],
        Repository,
    ),
    Facet(
        "person",
        "People",
        lambda d: sorted({str(i) for i in d.person_ids}),
        Person,
    ),
    Facet("place", "Places", lambda d: [str(i) for i in d.place_ids], Place),
    Facet("subject", "Subjects", lambda d: [str(i) for i in d.subject_ids], Subject),
    Facet(
        "collection",
        "Collections",
        lambda d: [str(i) for i in d.collection_ids],
        Collection,
    ),
    Facet("language", "Language", lambda d: list(d.languages), describe=language_name),
    Facet(
        "type", "Document type", lambda d: [d.doc_type] if d.doc_type else [], describe=_type_label
    ),
)
FACETS_BY_NAME = {facet.name: facet for facet in FACETS}
