"""Counting a set of documents in Tantivy: how many there are, how many have each value of
each facet, each year, and each month when asked.

Facet counts are exact: a terms aggregation counts each segment separately and by default keeps
only each segment's top terms before adding them up, which miscounts on an index of several
segments; `segment_size` large enough to keep every term makes each count exact. The
aggregations are split in parts of about equal cost (`Facet.cost`) run side by side.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import tantivy
from tantivy import Query

from ..facets import Facet
from . import pool
from .schema import MONTH, PUBLIC_ID, YEAR, facet_field

SEGMENT_SIZE = 2**31 - 1  # keep every term of every segment: exact counts
TOTAL = "total"
YEARS = "years"
MONTHS = "months"
COST_OF_TOTAL = 1
COST_OF_YEARS = 2


@dataclass(frozen=True)
class Tally:
    """How many documents of a set have each value of each facet, and each year (read-only:
    the whole index's tally is shared by every search until the next commit)."""

    total: int
    values: Mapping[str, Mapping[str, int]]
    years: Mapping[int, int]
    # month numbers (filed.py), when asked
    months: Mapping[int, int] = field(default_factory=lambda: MappingProxyType({}))


def tally(
    searcher: tantivy.Searcher,
    query: Query,
    facets: Sequence[Facet],
    size: int,
    years: bool,
    parts: int = 2,
    months: bool = False,
) -> Tally:
    """The tally of `query`'s documents: the top `size` values of each facet, the years, and
    the months when asked."""
    first, *others = requests(facets, size, years, parts, months)
    rest = [pool.submit(searcher.aggregate, query, other) for other in others]
    answer = searcher.aggregate(query, first)
    for part in rest:
        answer.update(part.result())
    values = {
        facet.name: MappingProxyType(
            {_value(b["key"]): int(b["doc_count"]) for b in _buckets(answer, facet.name)}
        )
        for facet in facets
    }
    total = int(answer.get(TOTAL, {}).get("value") or 0)
    return Tally(
        total, MappingProxyType(values), _histogram(answer, YEARS), _histogram(answer, MONTHS)
    )


def requests(
    facets: Sequence[Facet], size: int, histogram: bool, parts: int = 2, months: bool = False
) -> list[dict[str, Any]]:
    """Aggregations in `parts` parts of about equal cost (the total and the years in the
    first), each facet to the cheaper part so far, the costliest first."""
    groups: list[dict[str, Any]] = [{TOTAL: {"value_count": {"field": PUBLIC_ID}}}]
    groups += [{} for _ in range(parts - 1)]
    costs = [COST_OF_TOTAL] + [0] * (parts - 1)
    if histogram:
        groups[0][YEARS] = {"histogram": {"field": YEAR, "interval": 1, "min_doc_count": 1}}
        costs[0] += COST_OF_YEARS
    if months:
        groups[0][MONTHS] = {"histogram": {"field": MONTH, "interval": 1, "min_doc_count": 1}}
    for facet in sorted(facets, key=lambda f: -f.cost):
        terms = {"field": facet_field(facet.name), "size": size, "segment_size": SEGMENT_SIZE}
        cheapest = costs.index(min(costs))
        groups[cheapest][facet.name] = {"terms": terms}
        costs[cheapest] += facet.cost
    return [group for group in groups if group]


def matches(searcher: tantivy.Searcher, query: Query) -> int:
    """How many documents `query` matches, counted."""
    counted = searcher.aggregate(query, {TOTAL: {"value_count": {"field": PUBLIC_ID}}})
    return int(counted.get(TOTAL, {}).get("value") or 0)


def _histogram(answer: dict[str, Any], name: str) -> Mapping[int, int]:
    return MappingProxyType({int(b["key"]): int(b["doc_count"]) for b in _buckets(answer, name)})


def _buckets(answer: dict[str, Any], name: str) -> list[dict[str, Any]]:
    return [b for b in answer.get(name, {}).get("buckets", []) if b["doc_count"]]


def _value(key: object) -> str:
    """Numeric facet keys come back as numbers (sometimes floats); values are strings."""
    return str(int(key)) if isinstance(key, int | float) else str(key)
