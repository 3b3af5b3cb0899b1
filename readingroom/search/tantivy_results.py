"""Reading Tantivy's answers into the backend's result types: exact facet counts and the date
histogram from one aggregation request, highlighted passages from the stored texts.

Facet counts are exact: a terms aggregation counts each segment separately and by default keeps
only each segment's top terms before merging, which miscounts on an index of several segments;
`segment_size` large enough to keep every term makes each count exact.
"""

from __future__ import annotations

import bisect
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import tantivy

from .analysis import APOSTROPHES, join_apostrophes
from .backend import DateHistogram, FacetCount, Passage, SearchQuery, SearchResult
from .generations import Stamp
from .schema import PASSAGE_FIELDS, PUBLIC_ID, SCHEMA, YEAR, facet_field

SEGMENT_SIZE = 2**31 - 1  # keep every term of every segment: exact counts
FACET_SLACK = 20  # values fetched beyond the limit, so ties are broken by value, as documented
PASSAGE_CHARS = 240
PASSAGES = 2
TOTAL = "total"
YEARS = "years"


def aggregation_requests(query: SearchQuery) -> list[dict[str, Any]]:
    """The aggregations for a query, in two halves of about equal cost (run side by side):
    the total, people and years; the other facets."""
    first: dict[str, Any] = {TOTAL: {"value_count": {"field": PUBLIC_ID}}}
    second: dict[str, Any] = {}
    for facet in query.counted_facets():
        terms = {
            "field": facet_field(facet.name),
            "size": query.facet_limit + FACET_SLACK,
            "segment_size": SEGMENT_SIZE,
        }
        (first if facet.name == "person" else second)[facet.name] = {"terms": terms}
    if query.histogram:
        first[YEARS] = {"histogram": {"field": YEAR, "interval": 1, "min_doc_count": 1}}
    return [first, second] if second else [first]


def read_total(result: dict[str, Any]) -> int:
    return int(result.get(TOTAL, {}).get("value") or 0)


def read_facets(result: dict[str, Any], query: SearchQuery) -> dict[str, list[FacetCount]]:
    """Each facet's values by count, most first, ties by value (as the memory backend)."""
    facets = {}
    for facet in query.counted_facets():
        buckets = result.get(facet.name, {}).get("buckets", [])
        ranked = sorted((-int(b["doc_count"]), _value(b["key"])) for b in buckets)
        counts = ranked[: query.facet_limit]
        facets[facet.name] = [FacetCount(value, -negative) for negative, value in counts]
    return facets


def _value(key: object) -> str:
    """Numeric facet keys come back as numbers (sometimes floats); values are strings."""
    return str(int(key)) if isinstance(key, int | float) else str(key)


def read_histogram(result: dict[str, Any], total: int) -> DateHistogram:
    years: dict[int, int] = {}
    for bucket in result.get(YEARS, {}).get("buckets", []):
        if bucket["doc_count"]:
            years[int(bucket["key"])] = int(bucket["doc_count"])
    decades: dict[int, int] = {}
    for year, count in years.items():
        decades[year - year % 10] = decades.get(year - year % 10, 0) + count
    return DateHistogram(
        decades=tuple(sorted(decades.items())),
        years=tuple(sorted(years.items())),
        undated=total - sum(years.values()),
    )


Version = tuple[Path, Stamp | None]  # a generation and its last commit
CACHED = 512  # queries whose counts are kept


class CountCache:
    """Totals, facet counts and histograms of recent queries, for the index version they were
    counted on: the next page of a result set, or the everyday searches without words (the
    home page, a person's documents), skip the aggregation pass. Any commit empties it."""

    def __init__(self, size: int = CACHED) -> None:
        self.size = size
        self.version: Version | None = None
        self.entries: OrderedDict[tuple[Any, ...], SearchResult] = OrderedDict()
        self.lock = threading.Lock()

    def get(
        self, version: Version, query: SearchQuery, count: Callable[[], SearchResult]
    ) -> SearchResult:
        key = (
            query.text,
            query.filters,
            query.date_from,
            query.date_to,
            query.facet_limit,
            query.facet_names,
            query.histogram,
        )
        with self.lock:
            if version != self.version:
                self.version, self.entries = version, OrderedDict()
            counted = self.entries.get(key)
            if counted is not None:
                self.entries.move_to_end(key)
        if counted is None:
            counted = count()
            with self.lock:
                if version == self.version:
                    self.entries[key] = counted
                    while len(self.entries) > self.size:
                        self.entries.popitem(last=False)
        return _copy(counted)

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()


def _copy(counted: SearchResult) -> SearchResult:
    """A result of its own for the caller (callers fill in hits, notices...)."""
    facets = {name: list(values) for name, values in counted.facets.items()}
    return replace(counted, hits=[], facets=facets, notices=[])


class PassageMaker:
    """Highlighted passages of the summary and texts of hits, for one query."""

    def __init__(self, searcher: tantivy.Searcher, query: tantivy.Query) -> None:
        self.generators = []
        for field in PASSAGE_FIELDS:
            generator = tantivy.SnippetGenerator.create(searcher, query, SCHEMA, field.name)
            generator.set_max_num_chars(PASSAGE_CHARS)
            self.generators.append(generator)

    def passages(self, stored: tantivy.Document) -> tuple[Passage, ...]:
        """Passages of the original texts. The index holds them without in-word apostrophes
        (`join_apostrophes`); snippets are found in that form and mapped back."""
        found: list[Passage] = []
        for field, generator in zip(PASSAGE_FIELDS, self.generators, strict=True):
            for value in stored.get_all(field.original):
                original = bytes(value).decode()
                joined = join_apostrophes(original)
                document = tantivy.Document()
                document.add_text(field.name, joined)
                snippet = generator.snippet_from_doc(document)
                if snippet.highlighted():
                    found.append(_passage(original, joined, snippet))
                if len(found) == PASSAGES:
                    return tuple(found)
        return tuple(found)


def _passage(original: str, joined: str, snippet: tantivy.Snippet) -> Passage:
    """The snippet's fragment and marks, in characters of the original text (Tantivy counts
    UTF-8 bytes of the joined text)."""
    encoded = joined.encode()

    def char(offset: int) -> int:
        return len(encoded[:offset].decode(errors="ignore"))

    where = snippet.fragment_range()
    spans = [
        (char(where.start + r.start), char(where.start + r.end)) for r in snippet.highlighted()
    ]
    start, end = char(where.start), char(where.end)
    if joined != original:
        # The k-th removed apostrophe stood at original[r_k], that is before joined[r_k - k].
        shifts = [match.start() - k for k, match in enumerate(APOSTROPHES.finditer(original))]

        def back(index: int, closing: bool = False) -> int:
            return index + bisect.bisect(shifts, index - 1 if closing else index)

        spans = [(back(a), back(b, closing=True)) for a, b in spans]
        start, end = back(start), back(end, closing=True)
    return Passage(original[start:end], tuple((a - start, b - start) for a, b in spans))
