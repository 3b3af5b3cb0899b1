"""Index pages: every person, organization, place, subject, repository and collection readers
may see, A to Z by sort name, with how many public documents name each, a letter bar, a filter
box and pages (`/people/`, `/organizations/`, `/places/`, `/subjects/`, `/repositories/`,
`/collections/`).

Which records are listed is the one rule of what is public (`visibility.public_records`); the
counts are the search index's, the numbers each record's own page shows.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.db.models import CharField, QuerySet, Value
from django.db.models.functions import Coalesce, NullIf

from readingroom.catalogue.models import AgentKind, Collection, Person, Place, Repository, Subject
from readingroom.catalogue.visibility import public_records
from readingroom.search import service
from readingroom.search.backend import SearchQuery

from .pagination import Pagination, paginate

PER_PAGE = 100
EVERY = 1_000_000  # facet values counted: every record's
MAX_FILTER = 100  # characters of the filter box read


@dataclass(frozen=True)
class Index:
    path: str
    title: str
    model: type[Any]
    facet: str
    sort_field: str  # the field records are sorted and lettered by
    kind: str = ""  # people and organizations: the Person kind listed

    def records(self) -> QuerySet[Any]:
        found = public_records(self.model)
        if self.kind:
            found = found.filter(kind=self.kind)
        name = "title" if self.model is Collection else "name"
        key = Coalesce(NullIf(self.sort_field, Value("")), name, output_field=CharField())
        return found.annotate(sort_key=key)


INDEXES = {
    "people": Index("people", "People", Person, "person", "sort_name", AgentKind.PERSON),
    "organizations": Index(
        "organizations", "Organizations", Person, "person", "sort_name", AgentKind.ORGANIZATION
    ),
    "places": Index("places", "Places", Place, "place", "name"),
    "subjects": Index("subjects", "Subjects", Subject, "subject", "name"),
    "repositories": Index("repositories", "Repositories", Repository, "repository", "name"),
    "collections": Index("collections", "Collections", Collection, "collection", "title"),
}


@dataclass(frozen=True)
class Entry:
    label: str
    url: str
    documents: int


@dataclass(frozen=True)
class Letter:
    letter: str
    url: str
    current: bool


@dataclass
class IndexPage:
    index: Index
    entries: list[Entry]
    letters: list[Letter]
    letter: str
    words: str
    total: int
    pagination: Pagination | None
    canonical: str
    others: list[Index]


def letter_of(name: str) -> str:
    """The letter a name is filed under: its first letter, capital, without accents ("Ü" and
    "U" together); a name beginning with no letter is filed under "#"."""
    for character in unicodedata.normalize("NFKD", name.strip()):
        if character.isalpha():
            return character.upper()
        if not unicodedata.combining(character):
            return "#"
    return "#"


def index_page(index: Index, letter: str, words: str, page: int) -> IndexPage:
    records = index.records()
    if words:
        records = records.filter(sort_key__icontains=words)
    letters = sorted({letter_of(name) for name in records.values_list("sort_key", flat=True)})
    ordered = list(records.order_by("sort_key"))
    if letter:
        ordered = [r for r in ordered if letter_of(r.sort_key) == letter]
    total = len(ordered)
    shown = ordered[(page - 1) * PER_PAGE : page * PER_PAGE]
    counts = _counts(index.facet)
    return IndexPage(
        index=index,
        entries=[
            Entry(r.label(), r.get_absolute_url(), counts.get(str(r.public_id), 0)) for r in shown
        ],
        letters=[Letter(ltr, url(index, ltr, words), ltr == letter) for ltr in letters],
        letter=letter,
        words=words,
        total=total,
        pagination=paginate(page, total, PER_PAGE, lambda n: url(index, letter, words, n)),
        canonical=url(index, letter, words, page),
        others=[other for other in INDEXES.values() if other is not index],
    )


def url(index: Index, letter: str = "", words: str = "", page: int = 1) -> str:
    pairs = [("letter", letter), ("q", words), ("page", str(page) if page > 1 else "")]
    query = urlencode([(name, value) for name, value in pairs if value])
    return f"/{index.path}/" + (f"?{query}" if query else "")


def _counts(facet: str) -> dict[str, int]:
    """Public documents naming each record, as the search index counts them."""
    result = service.search(
        SearchQuery(limit=0, facet_limit=EVERY, facet_names=(facet,), histogram=False)
    )
    return {count.value: count.count for count in result.facets.get(facet, ())}
