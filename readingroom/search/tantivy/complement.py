"""Counting from the other side: counting costs in proportion to the documents counted, so a
query matching more than half the index (estimate.most) is counted as the counts of
every document (kept until the next commit) minus those of the documents it does not match.
At 10^6 documents, "government" (845,000 matches) is counted in 50 ms instead of 120."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import TypeVar

import tantivy
from tantivy import Occur, Query

from ..facets import FACETS, Facet
from .tally import Tally, tally

EVERY_VALUE = 10_000_000  # values counted of each facet: all of them
K = TypeVar("K")


def everything(searcher: tantivy.Searcher) -> Tally:
    """Counts of every value over the whole index."""
    return tally(searcher, Query.all_query(), FACETS, EVERY_VALUE, True, months=True)


def complement(
    searcher: tantivy.Searcher,
    full: Query,
    facets: Sequence[Facet],
    histogram: bool,
    whole: Tally,
    months: bool = False,
) -> Tally:
    """The tally of `full`'s documents, as the whole index's less the others' (the whole
    index's months are counted with it: `everything`)."""
    others = Query.boolean_query([(Occur.Must, Query.all_query()), (Occur.MustNot, full)])
    rest = tally(searcher, others, facets, EVERY_VALUE, histogram, months=months)
    values = {name: _minus(whole.values.get(name, {}), rest.values[name]) for name in rest.values}
    years = _minus(whole.years, rest.years)
    counted_months = _minus(whole.months, rest.months) if months else MappingProxyType({})
    return Tally(whole.total - rest.total, MappingProxyType(values), years, counted_months)


def _minus(every: Mapping[K, int], some: Mapping[K, int]) -> Mapping[K, int]:
    return MappingProxyType(
        {key: n - some.get(key, 0) for key, n in every.items() if n > some.get(key, 0)}
    )
