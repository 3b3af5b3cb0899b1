"""The search backend interface: what any engine (Tantivy embedded, or a server later) must do.

The database is the truth; a backend holds a derived copy of the public documents as
`IndexDocument`s and answers `SearchQuery`s. tests/search/test_contract.py is the one contract
suite that every implementation passes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Protocol

from .query import EVERYTHING, ParsedQuery

SORTS = ("relevance", "date", "-date", "title")


class SearchUnavailable(RuntimeError):
    """The search index cannot be read or written (missing, moved, of another version):
    pages answer 503 and say so (search/unavailable.py); nothing makes an empty one in its
    place, which would answer every search with nothing, in silence."""


@dataclass(frozen=True)
class WriterOptions:
    """How much memory and how many threads a writer may use (a hint: a backend may ignore it)."""

    heap: int = 64_000_000
    threads: int = 1


BULK = WriterOptions(heap=400_000_000, threads=2)  # for imports and rebuilds


@dataclass(frozen=True)
class IndexText:
    language: str
    body: str


@dataclass(frozen=True)
class IndexDocument:
    """Everything the index knows of one public document (built in search/documents.py)."""

    public_id: int
    title: str
    summary: str = ""
    texts: tuple[IndexText, ...] = ()
    names: tuple[str, ...] = ()  # people and organizations: preferred names and every variant
    places: tuple[str, ...] = ()  # place names and variants
    subjects: tuple[str, ...] = ()
    repository: tuple[str, ...] = ()  # name and short name
    facets: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (facet name, values)
    earliest: dt.date | None = None
    latest: dt.date | None = None
    sort_title: str = ""
    fingerprint: str = ""  # hex digits (at most 32): what `readingroom check` compares

    def facet_values(self, name: str) -> tuple[str, ...]:
        return dict(self.facets).get(name, ())


@dataclass(frozen=True)
class SearchQuery:
    words: ParsedQuery = EVERYTHING  # the reader's words, parsed once (query.parse)
    filters: tuple[tuple[str, str], ...] = ()  # (facet name, value); all must hold (AND)
    date_from: dt.date | None = None  # documents whose date range overlaps [from, to]
    date_to: dt.date | None = None
    years: tuple[int, int] | None = None  # documents filed under a year in [first, last] (filed.py)
    months: tuple[int, int] | None = None  # filed under a month in [first, last] (month numbers)
    sort: str = "relevance"  # relevance|date|-date|title; relevance without words means date
    offset: int = 0
    limit: int = 10
    facet_limit: int = 10  # values per facet to count and return; 0 for no facets
    histogram: bool = True
    highlight: bool = True
    facet_names: tuple[str, ...] = ()  # the facets to count; () for all of them
    suggest: bool = True  # look for a spelling suggestion


@dataclass(frozen=True)
class FacetCount:
    value: str
    count: int


@dataclass(frozen=True)
class Passage:
    """A piece of text with the spans (start, end) that matched; escape before showing."""

    text: str
    marks: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Hit:
    public_id: int
    score: float = 0.0
    passages: tuple[Passage, ...] = ()


@dataclass(frozen=True)
class DateHistogram:
    decades: tuple[tuple[int, int], ...] = ()  # (1930, count), by the year filed under (filed.py)
    years: tuple[tuple[int, int], ...] = ()
    undated: int = 0
    # (month number, count) when the query is one year's or one month's (filed.months_wanted)
    months: tuple[tuple[int, int], ...] = ()


@dataclass
class SearchResult:
    total: int
    hits: list[Hit]
    facets: Mapping[str, tuple[FacetCount, ...]] = field(default_factory=dict)  # read-only
    histogram: DateHistogram = field(default_factory=DateHistogram)
    suggestion: str | None = None  # a corrected query that finds more
    notices: list[str] = field(default_factory=list)  # how a malformed query was read


class IndexWriter(Protocol):
    def replace(self, documents: Sequence[IndexDocument], deleted: Sequence[int]) -> None:
        """Add or replace these documents and remove the deleted ids, in one commit."""


class SearchBackend(Protocol):
    def replace(self, documents: Sequence[IndexDocument], deleted: Sequence[int]) -> None:
        """Add or replace these documents and remove the deleted ids, in one commit."""

    def writer(
        self, wait: float | None = None, options: WriterOptions | None = None
    ) -> AbstractContextManager[IndexWriter]:
        """The one writer across processes, held for a session of several `replace` calls;
        raises generations.IndexBusy when another holds it for more than `wait` seconds."""

    def search(self, query: SearchQuery) -> SearchResult: ...

    def edition(self) -> str:
        """A token that changes with every commit of the index, in every process that reads
        it: what was computed from the archive under one edition may be kept until the next
        (the outbox commits after the records it names). Raises SearchUnavailable as search
        does."""

    def fingerprints(self) -> dict[int, str]:
        """Public id -> fingerprint of every indexed document (for `readingroom check`)."""

    def clear(self) -> None: ...
