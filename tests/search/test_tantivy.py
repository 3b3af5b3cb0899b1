"""What the Tantivy backend does beyond the contract: stemming by language, folding, apostrophes,
prefixes and phrases over stems, spelling suggestions, passages, and readers and writers in
several processes."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import time
from pathlib import Path

import pytest

from readingroom.search.backend import SearchQuery, SearchUnavailable
from readingroom.search.filed import month_number
from readingroom.search.generations import IndexBusy
from readingroom.search.memory import MemoryBackend
from readingroom.search.query import parse
from readingroom.search.tantivy.engine import TantivyBackend
from readingroom.search.tantivy.estimate import estimate

from .samples import sample

DOCUMENTS = [
    sample(1, "The Governor of Hong Kong to the Secretary of State",
           texts=[("en", "The armistice negotiations were concluded in Ürümqi last week.")]),
    sample(2, "Report of the Governor", summary="The governor reports on Savel'yev.",
           texts=[("en", "Savel’yev travelled to Gdańsk and the Straße.")]),
    sample(3, "The Governor's reply", summary="The governor replies.",
           texts=[("en", "Government and governance: the governor replied.")]),
    sample(4, "Телеграмма Сталину", texts=[("ru", "Товарищу Сталину передали телеграммы.")]),
    sample(5, "Notes on the Cold War", texts=[("en", "A war that stayed cold.")],
           names=("Joseph Stalin", "Сталин")),
    sample(6, "Dispatch from Tihwa", texts=[("de", "Die Verhandlungen in Tihwa.")],
           places=("Urumqi", "Tihwa")),
]  # fmt: skip


@pytest.fixture
def index(tantivy: TantivyBackend) -> TantivyBackend:
    tantivy.replace(DOCUMENTS, [])
    return tantivy


def found(backend: TantivyBackend, text: str) -> set[int]:
    return {hit.public_id for hit in backend.search(SearchQuery(words=parse(text), limit=50)).hits}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("negotiated", {1}),  # English stems: negotiations
        ("conclude", {1}),
        ("governors", {1, 2, 3}),
        ("сталин", {4, 5}),  # Russian stems: Сталину; the native-script name variant
        ("Сталина", {4}),  # (names are folded, not stemmed)
        ("телеграмма", {4}),
        ("URUMQI", {1, 6}),  # folded diacritics and case; the place variant
        ("ürümqi", {1, 6}),
        ("gdansk", {2}),
        ("strasse", {2}),
        ("savelyev", {2}),  # apostrophes inside words, straight or curly, both ways
        ("Savel'yev", {2}),
        ("Savel’yev", {2}),
        ('"armistice negotiation"', {1}),  # phrases over stems
        ('"negotiations armistice"', set()),
        ("governm*", {3}),  # prefixes reach words whose stem is shorter than the prefix
        ("negotiat*", {1}),
        ("verhandl*", {6}),
        ("title:governor", {1, 2, 3}),
        ("title:armistice", set()),
        ("governor -title:report", {1, 3}),
        ("tihwa OR сталин", {4, 5, 6}),
    ],
)
def test_words_are_found_as_readers_type_them(
    index: TantivyBackend, text: str, expected: set[int]
) -> None:
    assert found(index, text) == expected


@pytest.mark.parametrize(
    ("text", "suggestion"),
    [
        ("Governer", "Governor"),
        ("governer", "governor"),
        ("GOVERNER", "GOVERNOR"),
        ("Governer of Hong Kong", "Governor of Hong Kong"),
        ('Governer "cold war"', 'Governor "cold war"'),
        ("Governor", None),
        ("Zyzzyvax", None),
        ("title:Governer", "title:Governor"),
    ],
)
def test_suggests_a_spelling_that_finds_more(
    index: TantivyBackend, text: str, suggestion: str | None
) -> None:
    assert index.search(SearchQuery(words=parse(text))).suggestion == suggestion


def test_no_suggestion_for_words_the_vocabulary_knows_well_enough(
    tantivy: TantivyBackend,
) -> None:
    tantivy.replace(
        [sample(i, f"The Governor number {i}") for i in range(1, 4)]
        + [sample(i, f"The Governer number {i}") for i in range(4, 7)],
        [],
    )
    assert tantivy.search(SearchQuery(words=parse("governer"))).suggestion is None


def test_suggestions_can_be_skipped(index: TantivyBackend) -> None:
    assert index.search(SearchQuery(words=parse("Governer"), suggest=False)).suggestion is None


def test_passages_mark_characters_of_the_original_text(index: TantivyBackend) -> None:
    [hit] = index.search(SearchQuery(words=parse("concluded"))).hits
    [passage] = hit.passages
    assert "Ürümqi" in passage.text
    assert [passage.text[a:b] for a, b in passage.marks] == ["concluded"]

    [hit] = index.search(SearchQuery(words=parse("savelyev gdansk"))).hits
    marked = [passage.text[a:b] for passage in hit.passages for a, b in passage.marks]
    assert sorted(marked) == ["Gdańsk", "Savel'yev", "Savel’yev"]


def test_passages_come_from_summary_and_texts_not_titles(index: TantivyBackend) -> None:
    [hit] = index.search(SearchQuery(words=parse("hong kong"))).hits
    assert hit.passages == ()


def test_a_commit_is_seen_by_every_reader_on_its_next_search(tantivy: TantivyBackend) -> None:
    other = TantivyBackend(tantivy.directory.root)  # as another worker process would
    assert other.search(SearchQuery()).total == 0
    tantivy.replace(DOCUMENTS[:2], [])
    assert other.search(SearchQuery()).total == 2
    tantivy.replace([], [1])
    assert {h.public_id for h in other.search(SearchQuery()).hits} == {2}


def test_one_writer_at_a_time(tantivy: TantivyBackend) -> None:
    other = TantivyBackend(tantivy.directory.root)
    with tantivy.writer(wait=1):
        started = time.monotonic()
        with pytest.raises(IndexBusy), other.writer(wait=0.2):
            pass
        assert time.monotonic() - started >= 0.2
    with other.writer(wait=0.2) as writing:
        writing.replace(DOCUMENTS[:1], [])
    assert tantivy.search(SearchQuery()).total == 1


def test_the_writer_lock_holds_across_processes(tantivy: TantivyBackend) -> None:
    tantivy.replace([], [])
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from pathlib import Path\n"
            "from readingroom.search.generations import IndexDirectory\n"
            "with IndexDirectory(Path(sys.argv[1])).exclusive():\n"
            "    print('locked', flush=True)\n"
            "    time.sleep(30)\n",
            str(tantivy.directory.root),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(IndexBusy), tantivy.writer(wait=0.3):
            pass
    finally:
        holder.kill()
        holder.wait()
    with tantivy.writer(wait=5) as writing:  # the lock died with its process
        writing.replace(DOCUMENTS[:1], [])


def test_a_directory_without_an_index_is_reported_not_filled_with_an_empty_one(
    index_dir: Path,
) -> None:
    backend = TantivyBackend(index_dir)
    with pytest.raises(SearchUnavailable, match=r"no search index in .* reindex"):
        backend.search(SearchQuery(words=parse("anything")))
    with pytest.raises(SearchUnavailable), backend.writer():
        pass
    assert not (index_dir / "CURRENT").exists()
    backend.ensure()  # a new archive's (readingroom init builds it from the database)
    assert backend.search(SearchQuery(words=parse("anything"))).total == 0
    assert (index_dir / "CURRENT").exists()


def test_counts_are_remembered_until_the_next_commit(index: TantivyBackend) -> None:
    query = SearchQuery(words=parse("governor"), facet_limit=5)
    first = index.search(query)
    with pytest.raises(TypeError):  # the remembered counts are read-only, shared as they are
        first.facets["person"] = ()  # type: ignore[index]
    first.facets, first.histogram = {}, first.histogram.__class__()  # (this result's own)
    again = index.search(query)
    assert again.total == 3
    assert again.histogram.undated == 3
    assert again.facets == index.search(query).facets and "person" in again.facets
    index.replace([sample(7, "A new governor")], [])
    assert index.search(query).total == 4
    index.replace([], [1, 2])
    assert {h.public_id for h in index.search(query).hits} == {3, 7}
    assert index.search(query).total == 2


def test_counts_of_most_of_the_index_are_exact(tantivy: TantivyBackend) -> None:
    """A query matching most documents is counted from the other side (every document's
    counts minus the others'); the figures are the same as counting it directly."""
    memory = MemoryBackend()
    documents = [
        sample(
            number,
            "Common report" if number % 4 else "Rare note",
            facets={"person": [str(number % 7), str(number % 11 + 100)], "type": [str(number % 3)]},
            earliest=dt.date(1900 + number % 50, 1, 1) if number % 5 else None,
            latest=dt.date(1900 + number % 50, 12, 31) if number % 5 else None,
        )
        for number in range(1, 2401)
    ]
    for start in range(0, len(documents), 800):  # three segments
        for backend in (tantivy, memory):
            backend.replace(documents[start : start + 800], [])
    period = {"date_from": dt.date(1910, 1, 1), "date_to": dt.date(1949, 12, 31)}
    for text, filters, dates in [
        ("common", (), {}),
        ("-rare", (), {}),
        ("", (("type", "1"),), {}),
        ("common", (), {}),
        ("comm*", (), {}),  # most, by the estimate from its words' frequencies
        ('"common report"', (), {}),  # a phrase: counted in one pass
        ("", (), period),  # estimated from the years its dates touch (64%: not clear, counted)
        ("", (), {"date_from": dt.date(1910, 1, 1)}),  # most, by counting (open: no estimate)
    ]:
        query = SearchQuery(words=parse(text), filters=filters, facet_limit=5, limit=0, **dates)  # type: ignore[arg-type]
        expected, found = memory.search(query), tantivy.search(query)
        assert (found.total, found.facets, found.histogram) == (
            expected.total,
            expected.facets,
            expected.histogram,
        )
    tantivy.replace([], list(range(1, 1001)))  # a commit: the whole index's counts change
    memory.replace([], list(range(1, 1001)))
    query = SearchQuery(words=parse("common"), facet_limit=5, limit=0)
    assert tantivy.search(query).facets == memory.search(query).facets


def test_months_of_a_year_holding_most_of_the_index_are_exact(tantivy: TantivyBackend) -> None:
    """A year holding most documents is counted from the other side, its months too."""
    memory = MemoryBackend()
    documents = []
    for number in range(1, 601):
        day = dt.date(1945, number % 12 + 1, number % 28 + 1)
        first, last = (day, day) if number % 3 else (dt.date(1945, 1, 1), dt.date(1945, 12, 31))
        if number % 5 == 0:  # circa March: February to April, in no month
            first, last = dt.date(1945, 2, 1), dt.date(1945, 4, 30)
        if number % 4 == 0:
            first = last = dt.date(1950, 6, 1)
        documents.append(sample(number, "Report", earliest=first, latest=last))
    for backend in (tantivy, memory):
        backend.replace(documents, [])
    for query in (
        SearchQuery(years=(1945, 1945), limit=0),
        SearchQuery(years=(1945, 1945), filters=(), words=parse("report"), limit=0),
        SearchQuery(months=(month_number(1945, 3),) * 2, limit=0),
    ):
        expected, found = memory.search(query), tantivy.search(query)
        assert (found.total, found.histogram) == (expected.total, expected.histogram)
    march = tantivy.search(SearchQuery(years=(1945, 1945), limit=0)).histogram.months
    assert dict(march)[month_number(1945, 3)] > 0


def test_the_share_of_the_index_a_query_matches_is_estimated(tantivy: TantivyBackend) -> None:
    """Whether to count a query from the other side is decided from document frequencies
    when the estimate is clear; phrases and periods open at one end have none (counted)."""
    documents = [
        sample(
            n,
            "Common report" if n % 4 else "Rare note",
            earliest=dt.date(1900 + n % 100, 1, 1),
            latest=dt.date(1900 + n % 100, 12, 31),
        )
        for n in range(1, 401)
    ]
    tantivy.replace(documents, [])
    searcher = tantivy.reader().searcher()

    def share(text: str, **fields: object) -> float | None:
        query = SearchQuery(words=parse(text), **fields)  # type: ignore[arg-type]
        return estimate(searcher, query).share

    assert share("common") == pytest.approx(0.75)
    assert share("comm*") == pytest.approx(0.75)
    assert share("-common") == pytest.approx(0.25)
    assert share("common rare") == pytest.approx(0.75 * 0.25)
    assert share("common OR rare") == pytest.approx(1 - 0.25 * 0.75)
    assert share('"common report"') is None
    assert share("common", date_from=dt.date(1900, 1, 1)) is None  # a period open at one end
    whole_years = {"date_from": dt.date(1900, 1, 1), "date_to": dt.date(1949, 12, 31)}
    assert share("common", **whole_years) == pytest.approx(0.75 * 0.5)  # half are dated so
