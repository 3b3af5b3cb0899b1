"""The contract every search backend passes (run once with each: see conftest `backend`)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from readingroom.search.analysis import fold
from readingroom.search.backend import IndexText, SearchBackend, SearchQuery, SearchResult
from readingroom.search.facets import FACETS, ROLES
from readingroom.search.filed import month_number
from readingroom.search.query import parse
from readingroom.search.tantivy.engine import TantivyBackend

from .samples import ALL, CONTRACT, UNDATED, sample

D = dt.date
BY_ID = {d.public_id: d for d in CONTRACT}


@pytest.fixture
def loaded(backend: SearchBackend) -> SearchBackend:
    backend.replace(CONTRACT, [])
    return backend


def ids(result: SearchResult) -> list[int]:
    return [hit.public_id for hit in result.hits]


def found(backend: SearchBackend, text: str = "", **fields: object) -> set[int]:
    query = SearchQuery(words=parse(text), limit=100, **fields)  # type: ignore[arg-type]
    return set(ids(backend.search(query)))


# Writing ------------------------------------------------------------------------------------


def test_replace_adds_updates_and_deletes(backend: SearchBackend) -> None:
    backend.replace(CONTRACT, [])
    assert backend.fingerprints() == {d.public_id: d.fingerprint for d in CONTRACT}

    changed = replace(BY_ID[1], texts=(IndexText("en", "Zeppelins over the steppe."),))
    changed = replace(changed, fingerprint="0123456789abcdef01234567")
    backend.replace([changed], [2, 999])

    assert backend.search(SearchQuery()).total == len(CONTRACT) - 1
    assert found(backend, "zeppelins") == {1}
    assert found(backend, "armistice negotiations") == set()
    assert found(backend, "xinjiang") == set()
    assert backend.fingerprints()[1] == "0123456789abcdef01234567"
    assert 2 not in backend.fingerprints()


def test_clear_empties_the_index(loaded: SearchBackend) -> None:
    loaded.clear()
    assert loaded.search(SearchQuery()).total == 0
    assert loaded.fingerprints() == {}


def test_the_edition_changes_with_every_commit_and_only_then(backend: SearchBackend) -> None:
    seen = [backend.edition()]
    backend.search(SearchQuery(words=parse("steppe")))
    assert backend.edition() == seen[-1]
    backend.replace(CONTRACT[:3], [])
    seen.append(backend.edition())
    with backend.writer(wait=1) as writing:
        writing.replace(CONTRACT[3:], [])
        seen.append(backend.edition())
        writing.replace([], [1])
    seen.append(backend.edition())
    backend.clear()
    seen.append(backend.edition())
    assert len(set(seen)) == len(seen) == 5


def test_another_reader_of_the_index_sees_the_same_editions(tmp_path: Path) -> None:
    writer, reader = TantivyBackend(tmp_path), TantivyBackend(tmp_path)
    writer.ensure()
    assert reader.edition() == writer.edition()
    before = reader.edition()
    writer.replace(CONTRACT, [])
    assert reader.edition() == writer.edition() != before


def test_a_writer_session_commits_each_batch(backend: SearchBackend) -> None:
    with backend.writer(wait=1) as writing:
        writing.replace(CONTRACT[:6], [])
        writing.replace(CONTRACT[6:], [1])
    assert set(backend.fingerprints()) == ALL - {1}


# Filters ------------------------------------------------------------------------------------


@pytest.mark.parametrize("facet", [f.name for f in FACETS])
def test_every_facet_filters(loaded: SearchBackend, facet: str) -> None:
    values = {v for d in CONTRACT for v in d.facet_values(facet)}
    assert values, f"the samples give {facet} no values"
    for value in values:
        expected = {d.public_id for d in CONTRACT if value in d.facet_values(facet)}
        assert found(loaded, filters=((facet, value),)) == expected


def test_repeated_filters_all_hold(loaded: SearchBackend) -> None:
    assert found(loaded, filters=(("person", "1"), ("person", "2"))) == {1, 4}
    assert found(loaded, filters=(("person", "1"), ("type", "memorandum"))) == {3}
    assert found(loaded, filters=(("person", "1"), ("person", "4"))) == set()


def test_role_facets_are_people_in_that_role(loaded: SearchBackend) -> None:
    """author, recipient and discussed: a person's documents by role, each also a value of
    person (the role filter implies it)."""
    for document in CONTRACT:
        people = set(document.facet_values("person"))
        for role in ROLES:
            assert set(document.facet_values(role)) <= people
    assert found(loaded, filters=(("author", "1"),)) == {1}
    assert found(loaded, filters=(("recipient", "1"),)) == {4}
    assert found(loaded, filters=(("discussed", "1"),)) == {3, 4}
    assert found(loaded, filters=(("person", "1"),)) == {1, 3, 4}
    assert found(loaded, filters=(("author", "2"), ("recipient", "1"))) == {4}
    assert found(loaded, filters=(("author", "2"), ("person", "1"))) == {4}
    assert found(loaded, filters=(("author", "1"), ("recipient", "1"))) == set()


def test_role_facets_count_a_persons_documents_by_role(loaded: SearchBackend) -> None:
    """A person page's tabs: their documents, counted per role, exactly."""
    result = loaded.search(SearchQuery(filters=(("person", "1"),), facet_names=ROLES))
    counted = {name: {c.value: c.count for c in result.facets[name]} for name in ROLES}
    assert counted == {
        "author": {"1": 1, "2": 1},
        "recipient": {"1": 1, "2": 1},
        "discussed": {"1": 2, "3": 2},
    }
    for role, expected in (("author", 1), ("recipient", 1), ("discussed", 2)):
        only = SearchQuery(filters=(("person", "1"), (role, "1")), limit=0, facet_limit=0)
        assert loaded.search(only).total == expected


def test_unknown_values_and_facets_find_nothing(loaded: SearchBackend) -> None:
    assert found(loaded, filters=(("person", "777"),)) == set()
    assert found(loaded, filters=(("person", "stalin"),)) == set()
    assert found(loaded, filters=(("colour", "red"),)) == set()


@pytest.mark.parametrize(
    ("date_from", "date_to", "expected"),
    [
        (D(1945, 1, 1), None, {1, 4, 7, 8, 9, 10, 11, 12}),  # open ends count as overlapping
        (None, D(1935, 12, 31), {2, 7, 11}),
        (D(1936, 6, 1), D(1936, 6, 30), {3, 7, 11}),  # a year overlaps its months
        (D(1949, 10, 14), D(1949, 10, 14), {4, 11}),  # bounds are inclusive
        (D(1949, 10, 15), D(1949, 12, 31), {11}),
        (D(1945, 8, 21), D(1945, 8, 22), {11, 12}),
    ],
)
def test_dates_filter_by_overlap(
    loaded: SearchBackend, date_from: dt.date | None, date_to: dt.date | None, expected: set[int]
) -> None:
    assert found(loaded, date_from=date_from, date_to=date_to) == expected
    assert not found(loaded, date_from=date_from, date_to=date_to) & UNDATED


def test_dates_and_facets_combine(loaded: SearchBackend) -> None:
    assert found(loaded, date_from=D(1945, 1, 1), filters=(("type", "telegram"),)) == {1, 9, 10}


# Sorting and pages --------------------------------------------------------------------------

OLDEST_FIRST = [11, 2, 3, 12, 7, 10, 1, 9, 4, 8, 5, 6]
NEWEST_FIRST = [11, 8, 4, 12, 1, 9, 10, 7, 3, 2, 5, 6]
BY_TITLE = [6, 2, 3, 4, 8, 7, 12, 11, 9, 10, 1, 5]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [("date", OLDEST_FIRST), ("-date", NEWEST_FIRST), ("title", BY_TITLE)],
)
def test_sorts_with_undated_last_and_ties_by_id(
    loaded: SearchBackend, sort: str, expected: list[int]
) -> None:
    assert ids(loaded.search(SearchQuery(sort=sort, limit=100))) == expected


def test_relevance_without_words_is_oldest_first(loaded: SearchBackend) -> None:
    assert ids(loaded.search(SearchQuery(sort="relevance", limit=100))) == OLDEST_FIRST
    assert ids(loaded.search(SearchQuery(words=parse("-stalin"), limit=100))) == [
        i for i in OLDEST_FIRST if i not in {1, 3, 4}
    ]


def test_relevance_puts_title_matches_first(loaded: SearchBackend) -> None:
    assert ids(loaded.search(SearchQuery(words=parse("negotiation"))))[0] == 12


@pytest.mark.parametrize("sort", ["date", "-date", "title"])
def test_pages_are_slices_of_one_order(loaded: SearchBackend, sort: str) -> None:
    whole = ids(loaded.search(SearchQuery(sort=sort, limit=100)))
    pages = []
    for offset in range(0, 12, 5):
        result = loaded.search(SearchQuery(sort=sort, offset=offset, limit=5))
        assert result.total == 12
        pages += ids(result)
    assert pages == whole
    beyond = loaded.search(SearchQuery(sort=sort, offset=40, limit=5))
    assert (beyond.total, beyond.hits) == (12, [])


def test_limit_zero_counts_without_hits(loaded: SearchBackend) -> None:
    result = loaded.search(SearchQuery(words=parse("telegram"), limit=0))
    assert result.hits == []
    assert result.total == 3
    assert sum(c.count for c in result.facets["type"]) == 3


# Facet counts and histogram -----------------------------------------------------------------


def expected_counts(documents: list, facet: str, limit: int) -> list[tuple[str, int]]:
    counts = Counter(v for d in documents for v in d.facet_values(facet))
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]


@pytest.mark.parametrize("text", ["", "stalin", "telegram OR report", "-molotov"])
def test_facet_counts_are_exact(loaded: SearchBackend, text: str) -> None:
    result = loaded.search(SearchQuery(words=parse(text), facet_limit=3, limit=100))
    matching = [BY_ID[i] for i in ids(result)]
    for facet in FACETS:
        counted = [(c.value, c.count) for c in result.facets[facet.name]]
        assert counted == expected_counts(matching, facet.name, 3), facet.name


def test_facets_can_be_chosen_or_skipped(loaded: SearchBackend) -> None:
    chosen = loaded.search(SearchQuery(facet_names=("person",), facet_limit=2))
    assert list(chosen.facets) == ["person"]
    assert [(c.value, c.count) for c in chosen.facets["person"]] == [("1", 3), ("2", 3)]
    assert loaded.search(SearchQuery(facet_limit=0)).facets == {}


def test_facet_counts_are_exact_over_many_segments(backend: SearchBackend) -> None:
    """Each batch is a commit (a segment of its own in Tantivy; six stay unmerged). In every
    segment "1" is rarer than 300 values found only there, so an engine that keeps only each
    segment's top values before adding them up misses "1", the most frequent value of all."""
    documents = []
    for segment in range(6):
        batch = []
        for number in range(30):
            public_id = 1000 + segment * 30 + number
            values = [str(100_000 + segment * 1000 + (number * 10 + k) % 300) for k in range(30)]
            if number < 2:
                values.append("1")
            batch.append(sample(public_id, "Census", facets={"person": values}))
        backend.replace(batch, [])
        documents += batch
    if isinstance(backend, TantivyBackend):
        assert backend.reader().searcher().num_segments > 1
    result = backend.search(SearchQuery(facet_limit=1, facet_names=("person",)))
    assert [(c.value, c.count) for c in result.facets["person"]] == [("1", 12)]
    wide = backend.search(SearchQuery(facet_limit=5, facet_names=("person",)))
    assert [(c.value, c.count) for c in wide.facets["person"]] == expected_counts(
        documents, "person", 5
    )


def test_histogram_counts_years_decades_and_undated(loaded: SearchBackend) -> None:
    histogram = loaded.search(SearchQuery()).histogram
    # Filed under the middle of the bounds (search/filed.py): the 1930-1960 survey under 1945,
    # the dates open at an end under the end they have.
    assert histogram.years == ((1934, 1), (1936, 1), (1945, 6), (1949, 1), (1950, 1))
    assert histogram.decades == ((1930, 2), (1940, 7), (1950, 1))
    assert histogram.undated == 2
    narrowed = loaded.search(SearchQuery(filters=(("type", "report"),))).histogram
    assert narrowed.years == ((1945, 2), (1950, 1))
    assert narrowed.undated == 1
    assert loaded.search(SearchQuery(histogram=False)).histogram.years == ()


def test_a_year_filter_finds_what_its_bar_counts(loaded: SearchBackend) -> None:
    assert found(loaded, years=(1945, 1945)) == {1, 7, 9, 10, 11, 12}
    assert found(loaded, years=(1940, 1949)) == {1, 4, 7, 9, 10, 11, 12}
    assert found(loaded, years=(1950, 1959), filters=(("type", "report"),)) == {8}
    assert found(loaded, years=(1900, 1929)) == set()


def test_a_years_months_count_only_dates_known_to_a_month(loaded: SearchBackend) -> None:
    """One year's results are counted by month too: three of 1945's six documents are dated
    to a day in August; a date known only to 1945, open at one end or spanning decades is in
    no month. Each month bar's filter finds what it counts."""
    histogram = loaded.search(SearchQuery(years=(1945, 1945))).histogram
    assert histogram.years == ((1945, 6),)
    assert histogram.months == ((month_number(1945, 8), 3),)
    assert loaded.search(SearchQuery()).histogram.months == ()  # several years: no months
    august = (month_number(1945, 8),) * 2
    assert found(loaded, months=august) == {1, 9, 10}
    assert loaded.search(SearchQuery(months=august)).histogram.months == ((august[0], 3),)
    assert found(loaded, months=(month_number(1934, 6),) * 2) == {2}  # the whole of June
    assert found(loaded, months=(month_number(1936, 6),) * 2) == set()  # 1936, no month


# The query language -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("armistice", {1}),
        ("ARMISTICE", {1}),
        ("cold war", {2, 3}),
        ('"cold war"', {2, 3}),
        ('"war cold"', {3}),
        ("stalin OR mao", {1, 2, 3, 4}),
        ("stalin | mao", {1, 2, 3, 4}),
        ("stalin -mao", {1}),
        ("stalin NOT mao", {1}),
        ("(stalin OR mao) minutes", {4}),
        ("negotiat*", {1, 3, 12}),
        ("title:telegram", {1, 9, 10}),
        ("title:molotov", {1, 9, 10}),
        ("person:molotov", {1, 4, 9}),
        ('person:"sheng shicai"', {5}),
        ("place:urumchi", {2}),
        ("place:Ürümqi", {2}),
        ("urumqi", {2}),
        ("subject:espionage", {3}),
        ("repository:rgaspi", {1, 4}),
        ("language:ru", {1, 4}),
        ("language:Russian", {1, 4}),
        ("title:(telegram stalin)", {1}),
        ("filippov", {1, 3, 4}),
        ("filipov", {1, 3, 4}),
        # quoted: that spelling in the documents' own words, not a linked person's variants
        ('"filippov"', set()),
        ('"stalin"', {1}),
        ("stalin", {1, 3, 4}),
        ('"molotov"', {1, 9, 10}),
        ('person:"filippov"', {1, 3, 4}),  # asked of the people: their variants
        ("shicai sheng", {5}),
        ("sheng shicai", {5}),
        ("盛世才", {5}),
    ],
)
def test_query_language(loaded: SearchBackend, text: str, expected: set[int]) -> None:
    result = loaded.search(SearchQuery(words=parse(text), limit=100))
    assert set(ids(result)) == expected
    assert result.total == len(expected)
    assert result.notices == []


@pytest.mark.parametrize(
    ("text", "expected", "notice"),
    [
        ('"cold war', {2, 3}, "The closing quote was missing; searched for"),
        ("NOT", ALL, "A NOT with nothing after it was ignored"),
        ("stalin)", {1, 3, 4}, "A closing bracket without an opening one"),
        ("(stalin mao", {3, 4}, "The closing bracket was missing"),
        ("armistice OR", {1}, "An OR without something on each side"),
        ("colour:red armistice", set(), "There is no field “colour”"),
        ("\x00armistice\x07", {1}, "Control characters were removed"),
        ("armistice " + "z" * 10_000, {1}, "shortened to its first 1,000 characters"),
        ("armistice " + "z" * 100, {1}, "too long to be a word"),
    ],
)
def test_malformed_queries_are_read_with_a_notice(
    loaded: SearchBackend, text: str, expected: set[int], notice: str
) -> None:
    result = loaded.search(SearchQuery(words=parse(text), limit=100))
    assert set(ids(result)) == expected
    assert any(notice in n for n in result.notices), result.notices


def test_highlighted_passages_mark_the_words(loaded: SearchBackend) -> None:
    result = loaded.search(SearchQuery(words=parse("armistice")))
    passages = result.hits[0].passages
    assert passages
    for passage in passages:
        assert passage.marks
        assert {fold(passage.text[a:b]) for a, b in passage.marks} == {"armistice"}
    plain = loaded.search(SearchQuery(words=parse("armistice"), highlight=False))
    assert plain.hits[0].passages == ()
