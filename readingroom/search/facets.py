"""The facets: each is declared once here, and indexing, counting, filtering, the web page and
the API all read this declaration. Search counts values (record ids, or codes); the pages and
the API label them (catalogue.labels for records, `Facet.code_labels` for codes).

People have a facet for any link (`person`) and one per role (`author`, `recipient`,
`discussed`): a role facet's values are also `person` values, so a role filter implies the
person filter on the same id (`implies`), and the search parameters drop the implied one (one
URL per result set). A person page's role tabs are searches filtered to the role.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from readingroom.catalogue.models import (
    Collection,
    Person,
    Place,
    PublicRecord,
    Repository,
    Subject,
)

from .backend import SearchQuery
from .facts import DocumentFacts
from .languages import language_name


@dataclass(frozen=True)
class Facet:
    """A way to narrow results. Values are strings: public ids of records, or codes."""

    name: str  # the URL parameter and the index field
    label: str
    values: Callable[[DocumentFacts], list[str]]  # what to index for a document
    model: type[PublicRecord] | None = None  # values are public ids of this model
    describe: Callable[[str], str] | None = None  # label for a code value
    singular: str = ""  # what one value is called, on a chip ("Author: Joseph Stalin")
    sidebar: bool = True  # counted and shown beside results (else a filter only, with a chip)
    implies: str | None = None  # a facet whose values include this one's, document by document
    # What counting it costs, roughly (ms over 10^5 documents: values per document, and how
    # many different ones); the halves of a count run side by side are balanced by it.
    cost: int = 1

    def code_labels(self, values: Iterable[str]) -> dict[str, str]:
        """Display labels of a code facet's values (a record facet's are read from the
        database by the pages: catalogue.labels.record_labels)."""
        describe = self.describe or (lambda v: v)
        return {v: describe(v) for v in values}

    @property
    def family(self) -> str:
        """The facet naming the same records with no qualification ("person" for "author")."""
        return self.implies or self.name

    @property
    def kind(self) -> str:
        return self.singular or self.label


def _type_label(value: str) -> str:
    return value.replace("-", " ").replace("_", " ").capitalize() if value else "Unknown"


def _in_role(role: str) -> Callable[[DocumentFacts], list[str]]:
    return lambda d: sorted({str(i) for i in d.role_ids.get(role, ())})


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
        singular="Person",
        cost=12,
    ),
    Facet(
        "author",
        "Authors",
        _in_role("author"),
        Person,
        singular="Author",
        implies="person",
        cost=5,
    ),
    Facet(
        "recipient",
        "Recipients",
        _in_role("recipient"),
        Person,
        singular="Recipient",
        implies="person",
        cost=5,
    ),
    Facet(
        "discussed",
        "People discussed",
        _in_role("discussed"),
        Person,
        singular="Discussed",
        sidebar=False,  # "People" already lists them; a filter, a chip and a person page tab
        implies="person",
        cost=9,
    ),
    Facet(
        "place",
        "Places",
        lambda d: [str(i) for i in d.place_ids],
        Place,
        singular="Place",
        cost=5,
    ),
    Facet(
        "subject",
        "Subjects",
        lambda d: [str(i) for i in d.subject_ids],
        Subject,
        singular="Subject",
        cost=7,
    ),
    Facet(
        "collection",
        "Collections",
        lambda d: [str(i) for i in d.collection_ids],
        Collection,
        singular="Collection",
    ),
    Facet("language", "Language", lambda d: list(d.languages), describe=language_name),
    Facet(
        "type", "Document type", lambda d: [d.doc_type] if d.doc_type else [], describe=_type_label
    ),
)
FACETS_BY_NAME = {facet.name: facet for facet in FACETS}
# The facets beside a result list (the web pages ask for these counts only).
SIDEBAR = tuple(facet.name for facet in FACETS if facet.sidebar)
# A person's documents by the role they have in them: the role facets, in tab order.
ROLES = tuple(facet.name for facet in FACETS if facet.implies == "person")


def counted(query: SearchQuery) -> tuple[Facet, ...]:
    """The facets a query asks to count."""
    if query.facet_limit <= 0:
        return ()
    return tuple(f for f in FACETS if not query.facet_names or f.name in query.facet_names)


def implied(filters: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
    """The filters these imply (author=12 implies person=12): redundant beside them."""
    found = set()
    for name, value in filters:
        facet = FACETS_BY_NAME.get(name)
        if facet is not None and facet.implies:
            found.add((facet.implies, value))
    return found
