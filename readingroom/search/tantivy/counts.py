"""What a query matches, counted: the total, exact facet counts and the date histogram, as an
immutable `Counts` (remembered until the next commit: count_cache.py).

A query matching most of the index is counted from the other side (complement.py).
Otherwise its aggregations run in two halves side by side (tally.py), except for a
query with a phrase (see `_has_phrase`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import tantivy
from tantivy import Query

from ..backend import DateHistogram, FacetCount, SearchQuery
from ..facets import counted
from ..filed import decade, months_wanted
from ..query import And, Node, Not, Or, Phrase
from .complement import complement
from .estimate import most
from .tally import Tally, tally

FACET_SLACK = 20  # values fetched beyond the limit, so ties are broken by value, as documented


@dataclass(frozen=True)
class Counts:
    """A query's counts: shared by every search of it until the next commit, so read-only."""

    total: int
    facets: Mapping[str, tuple[FacetCount, ...]] = field(
        default_factory=lambda: MappingProxyType({})
    )
    histogram: DateHistogram = field(default_factory=DateHistogram)


def count(
    searcher: tantivy.Searcher, full: Query, query: SearchQuery, whole: Callable[[], Tally]
) -> Counts:
    """The counts of `full` (the SearchQuery `query` compiled); `whole` gives the whole
    index's tally."""
    facets = counted(query)
    if not facets and not query.histogram:
        return Counts(getattr(searcher.search(full, 1, count=True), "count", 0) or 0)
    months = query.histogram and months_wanted(query.years, query.months)
    if most(searcher, full, query):
        whole_tally = whole()
        return _counts(
            complement(searcher, full, facets, query.histogram, whole_tally, months), query
        )
    size = query.facet_limit + FACET_SLACK
    node = query.words.node
    parts = 1 if node is not None and _has_phrase(node) else 2
    return _counts(tally(searcher, full, facets, size, query.histogram, parts, months), query)


def _has_phrase(node: Node) -> bool:
    """Whether the query looks for words side by side. Finding a phrase's documents costs more
    than counting them (every position of both words is read), so they are found once and
    counted in one pass, instead of found again by each half of the counts."""
    if isinstance(node, And | Or):
        return any(_has_phrase(part) for part in node.parts)
    if isinstance(node, Not):
        return _has_phrase(node.part)
    return isinstance(node, Phrase) and len(node.text.split()) > 1


def _counts(tallied: Tally, query: SearchQuery) -> Counts:
    facets = {}
    for name, values in tallied.values.items():
        ranked = sorted((-n, value) for value, n in values.items())[: query.facet_limit]
        facets[name] = tuple(FacetCount(value, -negative) for negative, value in ranked)
    histogram = _histogram(tallied) if query.histogram else DateHistogram()
    return Counts(tallied.total, MappingProxyType(facets), histogram)


def _histogram(tallied: Tally) -> DateHistogram:
    decades: dict[int, int] = {}
    for year, n in tallied.years.items():
        decades[decade(year)] = decades.get(decade(year), 0) + n
    return DateHistogram(
        decades=tuple(sorted(decades.items())),
        years=tuple(sorted(tallied.years.items())),
        undated=tallied.total - sum(tallied.years.values()),
        months=tuple(sorted(tallied.months.items())),
    )
