"""Counting what a query matches: the total, exact facet counts and the date histogram.

Facet counts are exact: a terms aggregation counts each segment separately and by default keeps
only each segment's top terms before adding them up, which miscounts on an index of several
segments; `segment_size` large enough to keep every term makes each count exact.

Counting costs in proportion to the documents counted, so a query matching more than half the
index is counted from the other side: the counts of every document (kept until the next
commit) minus those of the documents it does not match. Either way the two halves of the
aggregations run side by side (Tantivy lets go of Python's lock while it works).
"""

from __future__ import annotations

import math
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import tantivy
from tantivy import Occur, Query

from .backend import DateHistogram, FacetCount, SearchQuery, SearchResult
from .facets import FACETS, FACETS_BY_NAME, counted
from .generations import Stamp
from .query import And, Node, Not, Or, ParsedQuery, Phrase, Term, language_code
from .schema import (
    ANALYZERS,
    FIELDS_BY_PREFIX,
    PUBLIC_ID,
    TEXT_FIELDS,
    YEAR,
    YEARS_TOUCHED,
    facet_field,
    facet_term,
)

if TYPE_CHECKING:
    from .facets import Facet

SEGMENT_SIZE = 2**31 - 1  # keep every term of every segment: exact counts
FACET_SLACK = 20  # values fetched beyond the limit, so ties are broken by value, as documented
EVERY_VALUE = 10_000_000
TOTAL = "total"
YEARS = "years"
T = TypeVar("T")


class Pool:
    """Threads of this process for the parts of one search that can run at once (the top hits,
    two halves of the counts): one search uses both cores of a small machine. Made anew in a
    forked worker process."""

    def __init__(self, threads: int = 2) -> None:
        self.threads = threads
        self.owner = 0
        self.executor: ThreadPoolExecutor | None = None
        self.lock = threading.Lock()

    def submit(self, work: Callable[..., T], *args: Any) -> Future[T]:
        with self.lock:
            if self.executor is None or self.owner != os.getpid():
                self.executor = ThreadPoolExecutor(self.threads, thread_name_prefix="search")
                self.owner = os.getpid()
            return self.executor.submit(work, *args)


POOL = Pool()


@dataclass
class Tally:
    """How many documents of a set have each value of each facet, and each year."""

    total: int
    values: dict[str, dict[str, int]]
    years: dict[int, int]


# What counting each costs, roughly (ms over 10^5 documents: values per document, and how
# many different ones); the two halves of a count are balanced by it.
COST = {"person": 12, "discussed": 9, "subject": 7, "author": 5, "recipient": 5, "place": 5}
COST_OF_YEARS = 2


def requests(
    facets: Sequence[Facet], size: int, histogram: bool, parts: int = 2
) -> list[dict[str, Any]]:
    """Aggregations in `parts` parts of about equal cost (the total and the years in the
    first), each facet to the cheaper part so far, the costliest first."""
    groups: list[dict[str, Any]] = [{TOTAL: {"value_count": {"field": PUBLIC_ID}}}]
    groups += [{} for _ in range(parts - 1)]
    costs = [1] + [0] * (parts - 1)
    if histogram:
        groups[0][YEARS] = {"histogram": {"field": YEAR, "interval": 1, "min_doc_count": 1}}
        costs[0] += COST_OF_YEARS
    for facet in sorted(facets, key=lambda f: -COST.get(f.name, 1)):
        terms = {"field": facet_field(facet.name), "size": size, "segment_size": SEGMENT_SIZE}
        cheapest = costs.index(min(costs))
        groups[cheapest][facet.name] = {"terms": terms}
        costs[cheapest] += COST.get(facet.name, 1)
    return [group for group in groups if group]


def tally(
    searcher: tantivy.Searcher,
    query: Query,
    facets: Sequence[Facet],
    size: int,
    years: bool,
    parts: int = 2,
) -> Tally:
    first, *others = requests(facets, size, years, parts)
    rest = [POOL.submit(searcher.aggregate, query, other) for other in others]
    answer = searcher.aggregate(query, first)
    for part in rest:
        answer.update(part.result())
    values = {
        facet.name: {_value(b["key"]): int(b["doc_count"]) for b in _buckets(answer, facet.name)}
        for facet in facets
    }
    counted_years = {int(b["key"]): int(b["doc_count"]) for b in _buckets(answer, YEARS)}
    return Tally(int(answer.get(TOTAL, {}).get("value") or 0), values, counted_years)


def _buckets(answer: dict[str, Any], name: str) -> list[dict[str, Any]]:
    return [b for b in answer.get(name, {}).get("buckets", []) if b["doc_count"]]


def _value(key: object) -> str:
    """Numeric facet keys come back as numbers (sometimes floats); values are strings."""
    return str(int(key)) if isinstance(key, int | float) else str(key)


def count(
    searcher: tantivy.Searcher,
    full: Query,
    query: SearchQuery,
    parsed: ParsedQuery,
    everything: Callable[[], Tally],
) -> SearchResult:
    """The total, facet counts and histogram of `full` (the SearchQuery `query`)."""
    facets = counted(query)
    if not facets and not query.histogram:
        total = getattr(searcher.search(full, 1, count=True), "count", 0) or 0
        return SearchResult(total=total, hits=[])
    if _most(searcher, full, query, parsed):
        whole = everything()
        others = Query.boolean_query([(Occur.Must, Query.all_query()), (Occur.MustNot, full)])
        rest = tally(searcher, others, facets, EVERY_VALUE, query.histogram)
        return _result(_difference(whole, rest), query)
    size = query.facet_limit + FACET_SLACK
    parts = 1 if parsed.node is not None and _has_phrase(parsed.node) else 2
    return _result(tally(searcher, full, facets, size, query.histogram, parts), query)


def _has_phrase(node: Node) -> bool:
    """Whether the query looks for words side by side. Finding a phrase's documents costs more
    than counting them (every position of both words is read), so they are found once and
    counted in one pass, instead of found again by each half of the counts."""
    if isinstance(node, And | Or):
        return any(_has_phrase(part) for part in node.parts)
    if isinstance(node, Not):
        return _has_phrase(node.part)
    return isinstance(node, Phrase) and len(node.text.split()) > 1


def everything(searcher: tantivy.Searcher) -> Tally:
    """Counts of every value over the whole index."""
    return tally(searcher, Query.all_query(), FACETS, EVERY_VALUE, True)


def _difference(whole: Tally, rest: Tally) -> Tally:
    values = {name: _minus(whole.values.get(name, {}), rest.values[name]) for name in rest.values}
    return Tally(whole.total - rest.total, values, _minus(whole.years, rest.years))


def _minus(every: dict[Any, int], some: dict[Any, int]) -> dict[Any, int]:
    return {key: n - some.get(key, 0) for key, n in every.items() if n > some.get(key, 0)}


def _result(counted: Tally, query: SearchQuery) -> SearchResult:
    facets = {}
    for name, values in counted.values.items():
        ranked = sorted((-n, value) for value, n in values.items())[: query.facet_limit]
        facets[name] = [FacetCount(value, -negative) for negative, value in ranked]
    histogram = DateHistogram()
    if query.histogram:
        decades: dict[int, int] = {}
        for year, n in counted.years.items():
            decades[year - year % 10] = decades.get(year - year % 10, 0) + n
        histogram = DateHistogram(
            decades=tuple(sorted(decades.items())),
            years=tuple(sorted(counted.years.items())),
            undated=counted.total - sum(counted.years.values()),
        )
    return SearchResult(total=counted.total, hits=[], facets=facets, histogram=histogram)


# Is it most of the index? ------------------------------------------------------------------


def _most(searcher: tantivy.Searcher, full: Query, query: SearchQuery, parsed: ParsedQuery) -> bool:
    """Whether the query matches more than half the documents. Doc frequencies give an upper
    bound for free; only when it does not settle it are the matches counted."""
    half = searcher.num_docs // 2
    if half < 1000 or _bound(searcher, parsed, query) <= half:
        return False
    share = _share(searcher, parsed.node, query)
    if share is not None and abs(share - 0.5) > CLEAR:
        return share > 0.5  # clear enough; a wrong guess costs time, never a wrong count
    counted = searcher.aggregate(full, {TOTAL: {"value_count": {"field": PUBLIC_ID}}})
    return int(counted.get(TOTAL, {}).get("value") or 0) > half


def _bound(searcher: tantivy.Searcher, parsed: ParsedQuery, query: SearchQuery) -> int:
    bound = searcher.num_docs
    if parsed.node is not None:
        bound = min(bound, _node_bound(searcher, parsed.node))
    for name, value in query.filters:
        term = facet_term(name, value) if name in FACETS_BY_NAME else None
        bound = min(bound, searcher.doc_freq(facet_field(name), term) if term is not None else 0)
    return bound


CLEAR = 0.2  # an estimated share this far from a half decides without counting
PREFIX_TERMS = 1000  # words of a prefix the estimate reads, at most


def _share(searcher: tantivy.Searcher, node: Node | None, query: SearchQuery) -> float | None:
    """The share of the index a query matches, estimated from document frequencies as if
    words, fields and dates were independent; None when there is no estimate (phrases, a
    period open at one end)."""
    if bool(query.date_from) != bool(query.date_to):
        return None
    share = 1.0 if node is None else _node_share(searcher, node)
    if share is None:
        return None
    if query.date_from and query.date_to:  # (dates open at an end or very long are left out)
        years = range(query.date_from.year, query.date_to.year + 1)
        dated = sum(searcher.doc_freq(YEARS_TOUCHED, year) for year in years)
        share *= min(1.0, dated / searcher.num_docs)
    for name, value in query.filters:
        term = facet_term(name, value) if name in FACETS_BY_NAME else None
        found = searcher.doc_freq(facet_field(name), term) if term is not None else 0
        share *= found / searcher.num_docs
    return share


def _node_share(searcher: tantivy.Searcher, node: Node) -> float | None:
    if isinstance(node, And | Or):
        parts = [_node_share(searcher, part) for part in node.parts]
        if None in parts:
            return None
        if isinstance(node, And):
            return math.prod(p for p in parts if p is not None)
        return 1 - math.prod(1 - p for p in parts if p is not None)
    if isinstance(node, Not):
        inner = _node_share(searcher, node.part)
        return None if inner is None else 1 - inner
    if isinstance(node, Phrase) or node.field == "language":
        return None
    missing = 1.0
    for field in FIELDS_BY_PREFIX.get(node.field or "", TEXT_FIELDS):
        tokens = ANALYZERS[field.analyzer].analyze(node.text)
        if len(tokens) != 1:
            return None  # a word of several tokens is a phrase
        if node.prefix:  # every word it stands for
            found = searcher.terms_with_prefix(field.name, str(tokens[0]), limit=PREFIX_TERMS)
            frequencies = [frequency for _, frequency in found]
        else:
            frequencies = [searcher.doc_freq(field.name, tokens[0])]
        missing *= math.prod(1 - f / searcher.num_docs for f in frequencies)
    return 1 - missing


def _node_bound(searcher: tantivy.Searcher, node: Node) -> int:
    everyone = searcher.num_docs
    if isinstance(node, And):
        bounds = [_node_bound(searcher, p) for p in node.parts if not isinstance(p, Not)]
        return min(bounds, default=everyone)
    if isinstance(node, Or):
        return min(everyone, sum(_node_bound(searcher, p) for p in node.parts))
    if isinstance(node, Not) or (isinstance(node, Term) and node.prefix):
        return everyone
    if node.field == "language":
        return searcher.doc_freq(facet_field("language"), language_code(node.text))
    total = 0
    for field in FIELDS_BY_PREFIX.get(node.field or "", TEXT_FIELDS):
        tokens = ANALYZERS[field.analyzer].analyze(node.text)
        total += min((searcher.doc_freq(field.name, t) for t in tokens), default=0)
    return min(everyone, total)


# Remembered counts ---------------------------------------------------------------------------

Version = tuple[Path, Stamp | None]  # a generation and its last commit
CACHED = 512  # queries whose counts are kept


class CountCache:
    """Counts of recent queries, and of the whole index, for the index version they were
    counted on: the next page of a result set, or the everyday searches without words (the
    home page, a person's documents), skip counting. Any commit empties it."""

    def __init__(self, size: int = CACHED) -> None:
        self.size = size
        self.version: Version | None = None
        self.entries: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self.whole: Tally | None = None  # the whole index's counts, apart from the others
        self.lock = threading.Lock()

    def get(
        self, version: Version, query: SearchQuery, count: Callable[[], SearchResult]
    ) -> SearchResult:
        key = (
            query.words.node,
            query.filters,
            query.date_from,
            query.date_to,
            query.facet_limit,
            query.facet_names,
            query.histogram,
        )
        return _copy(self.remembered(version, key, count))

    def remembered(self, version: Version, key: tuple[Any, ...], make: Callable[[], T]) -> T:
        with self.lock:
            self._check(version)
            found = self.entries.get(key)
            if found is not None:
                self.entries.move_to_end(key)
                return found  # type: ignore[no-any-return]
        made = make()
        with self.lock:
            if version == self.version:
                self.entries[key] = made
                while len(self.entries) > self.size:
                    self.entries.popitem(last=False)
        return made

    def everything(self, version: Version, make: Callable[[], Tally]) -> Tally:
        with self.lock:
            self._check(version)
            if self.whole is not None:
                return self.whole
        made = make()
        with self.lock:
            if version == self.version:
                self.whole = made
        return made

    def _check(self, version: Version) -> None:
        if version != self.version:
            self.version, self.entries, self.whole = version, OrderedDict(), None

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()


def _copy(counted: SearchResult) -> SearchResult:
    """A result of its own for the caller (callers fill in hits, notices...)."""
    facets = {name: list(values) for name, values in counted.facets.items()}
    return replace(counted, hits=[], facets=facets, notices=[])
