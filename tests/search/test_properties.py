"""Random query strings (control bytes, quotes, colons, brackets, huge strings) never raise, in
the parser or in either backend; and both backends agree on what plain words find."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readingroom.search.backend import IndexDocument, SearchBackend, SearchQuery
from readingroom.search.memory import MemoryBackend
from readingroom.search.query import MAX_CHARS, parse
from readingroom.search.tantivy.engine import TantivyBackend

from .samples import CONTRACT

PIECES = [
    '"', "(", ")", ":", "-", "*", "|", "'", "’", " ", "  ", "\t", "\n", "\x00", "\x07", "\x1b",
    "\x7f", "\ud800", "\u200b", "OR", "NOT", "AND", "or", "not", "title:", "person:", "place:",
    "subject:", "repository:", "language:", "colour:", "::", "stalin", "cold", "war", "Ürümqi",
    "Сталин", "盛世才", "negot*", "a*", "x" * 70, "10:30", "-(", ")OR(",
]  # fmt: skip
QUERIES = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(PIECES), max_size=40).map("".join),
    st.text(min_size=MAX_CHARS, max_size=12_000, alphabet=st.characters(codec="utf-8")),
    st.text(alphabet=st.characters(categories=["Cc", "Cs", "Cf", "Zs", "Po"]), max_size=300),
)
WORDS = ["armistice", "moscow", "stalin", "molotov", "mao", "telegram", "cold", "war", "urumqi",
         "politburo", "espionage", "treaties", "sheng", "filippov", "survey"]  # fmt: skip


def both_backends(directory: Path, documents: list[IndexDocument]) -> list[SearchBackend]:
    """The in-memory and the Tantivy backend, each holding `documents`."""
    tantivy = TantivyBackend(directory)
    tantivy.ensure()
    chosen: list[SearchBackend] = [MemoryBackend(), tantivy]
    for backend in chosen:
        backend.replace(documents, [])
    return chosen


@pytest.fixture(scope="module")
def backends(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[SearchBackend]]:
    yield both_backends(tmp_path_factory.mktemp("properties") / "index", CONTRACT)


@given(QUERIES)
@settings(max_examples=300, deadline=None)
def test_the_parser_never_raises_and_reads_back_the_same(text: str) -> None:
    parsed = parse(text)
    assert all(isinstance(notice, str) for notice in parsed.notices)
    assert len(parsed.reading) <= MAX_CHARS + 200
    if len(parsed.reading) <= MAX_CHARS:  # (a longer reading would be cut again)
        assert parse(parsed.reading).node == parsed.node


@given(QUERIES, st.sampled_from(["relevance", "date", "-date", "title"]))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_searching_never_raises(backends: list[SearchBackend], text: str, sort: str) -> None:
    for backend in backends:
        result = backend.search(SearchQuery(words=parse(text), sort=sort, facet_limit=3))
        assert 0 <= len(result.hits) <= result.total <= len(CONTRACT)


WORD = st.sampled_from(WORDS)
BOOLEAN = st.recursive(
    WORD,
    lambda inner: st.one_of(
        st.tuples(inner, inner).map(lambda p: f"({p[0]} OR {p[1]})"),
        st.tuples(inner, inner).map(lambda p: f"({p[0]} {p[1]})"),
        inner.map(lambda p: f"-{p}"),
    ),
    max_leaves=5,
)


@given(BOOLEAN)
@settings(max_examples=150, deadline=None)
def test_both_backends_find_the_same_for_plain_words(
    backends: list[SearchBackend], text: str
) -> None:
    """Words whose stems stand for no other word of the samples: stemming changes nothing."""
    found = [
        {hit.public_id for hit in backend.search(SearchQuery(words=parse(text), limit=50)).hits}
        for backend in backends
    ]
    assert found[0] == found[1], text


# Periods -------------------------------------------------------------------------------------

D = dt.date
# Dates as the index receives them (earliest, latest): days, months, years, spans across a new
# year, decades, centuries and more, open at either end, undated.
SPANS = [
    (D(1949, 10, 1), D(1949, 10, 1)),
    (D(1949, 12, 31), D(1949, 12, 31)),
    (D(1950, 1, 1), D(1950, 1, 1)),
    (D(1949, 12, 1), D(1949, 12, 31)),
    (D(1950, 1, 1), D(1950, 12, 31)),
    (D(1949, 12, 20), D(1950, 1, 10)),
    (D(1948, 6, 1), D(1950, 5, 31)),
    (D(1950, 1, 1), D(1959, 12, 31)),
    (D(1900, 1, 1), D(1999, 12, 31)),
    (D(1850, 3, 1), D(1951, 2, 1)),  # more than a hundred years
    (None, D(1949, 12, 31)),
    (D(1950, 1, 2), None),
    (None, None),
]
PERIOD_DOCUMENTS = [
    IndexDocument(public_id=n + 1, title=f"Dated {n + 1}", earliest=first, latest=last)
    for n, (first, last) in enumerate(SPANS)
]
DAYS = st.dates(min_value=D(1840, 1, 1), max_value=D(1990, 12, 31))
EDGE = st.one_of(
    st.none(),
    DAYS,
    st.integers(1840, 1990).map(lambda year: D(year, 1, 1)),
    st.integers(1840, 1990).map(lambda year: D(year, 12, 31)),
    st.sampled_from([day for span in SPANS for day in span if day]),
)


@pytest.fixture(scope="module")
def dated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[SearchBackend]]:
    yield both_backends(tmp_path_factory.mktemp("periods") / "index", PERIOD_DOCUMENTS)


def overlapping(start: dt.date | None, end: dt.date | None) -> set[int]:
    """The dated documents that can mean a day in [start, end], read off their bounds (no
    period at all: every document, the undated too)."""
    if start is None and end is None:
        return {d.public_id for d in PERIOD_DOCUMENTS}
    return {
        d.public_id
        for d in PERIOD_DOCUMENTS
        if (d.earliest or d.latest)
        and not (start and d.latest and d.latest < start)
        and not (end and d.earliest and d.earliest > end)
    }


@given(EDGE, EDGE)
@settings(max_examples=400, deadline=None)
def test_periods_find_exactly_the_overlapping_dates(
    dated: list[SearchBackend], start: dt.date | None, end: dt.date | None
) -> None:
    """Every kind of date against periods of days, whole years and open ends, in either
    order: the index finds what the bounds say (the Tantivy backend looks whole years up by
    the years a date touches and checks days only in a partly covered year)."""
    for backend in dated:
        query = SearchQuery(date_from=start, date_to=end, limit=50, facet_limit=0)
        assert {h.public_id for h in backend.search(query).hits} == overlapping(start, end)
