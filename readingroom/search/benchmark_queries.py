"""The benchmark's measuring half, run in a process of the benchmark archive: a fixed mix of
queries drawn from the archive itself (seeded), each run once with facet counts and once
without, then as whole /search pages; latency percentiles and this process's memory printed.

Kinds: a rare word, a common word, two words, a phrase, a prefix, a person's name, words in
other scripts and their romanizations, facet filters without words, a date range without
words. Queries are all different (none repeats within a kind), so remembered counts do not
flatter the figures; the remembered case is measured on its own (the same search without
words, again and again, as the home page does).
"""

from __future__ import annotations

import gc
import itertools
import random
import re
import statistics
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlencode

from django.test import Client, override_settings

from readingroom.catalogue.models import RECORD_MODELS, Document, Person

from . import service
from .backend import SearchQuery
from .facets import FACETS_BY_NAME, SIDEBAR
from .query import parse
from .reading import from_query_string
from .tantivy.engine import TantivyBackend
from .tantivy.schema import VOCABULARY

PER_KIND = 100
# Words of the generated corpus's Russian and Chinese originals, as written and as readers
# type them in Latin letters (romanized Cyrillic, Pinyin read as characters).
OTHER_SCRIPTS = (
    "переговоры", "правительство", "посол", "新疆", "苏联", "蘇聯", "朝鲜", "毛泽东", "谈判",
    "Xinjiang", "Mao Zedong", "Zhou Enlai", "Wulumuqi", "peregovory", "pravitelstvo",
    "posol", "Sovetskii", "Urumchi", "贸易 谈判", "soobshchit",
)  # fmt: skip
ALPHA = re.compile(r"^[a-z]{5,}$")
PLAIN = re.compile(r"^[A-Za-z]{3,}$")
COMMON = frozenset(
    [
        "about",
        "after",
        "again",
        "against",
        "along",
        "among",
        "another",
        "because",
        "before",
        "being",
        "between",
        "could",
        "every",
        "first",
        "other",
        "shall",
        "since",
        "their",
        "there",
        "these",
        "those",
        "three",
        "under",
        "until",
        "where",
        "which",
        "while",
        "whose",
        "would",
        "should",
    ]
)


# The facets the mix's filters are drawn from (the same mix as before role facets came).
MIXED = ("repository", "person", "place", "subject", "collection", "language", "type")


@dataclass
class Search:
    text: str = ""
    filters: tuple[tuple[str, str], ...] = ()
    years: tuple[int, int] | None = None

    def query(self, facets: bool) -> SearchQuery:
        first, last = self.years or (None, None)
        return SearchQuery(
            words=parse(self.text),
            filters=self.filters,
            date_from=_day(first, 1, 1),
            date_to=_day(last, 12, 31),
            facet_limit=10 if facets else 0,
            facet_names=SIDEBAR,  # the facets a page shows
            histogram=facets,
        )

    def query_string(self) -> str:
        """The page's canonical query string (any other spelling redirects)."""
        pairs = [("q", self.text)] if self.text else []
        pairs += list(self.filters)
        if self.years:
            pairs += [("from", str(self.years[0])), ("to", str(self.years[1]))]
        return from_query_string(urlencode(pairs)).canonical


def _day(year: int | None, month: int, day: int) -> Any:
    import datetime as dt

    return dt.date(year, month, day) if year else None


@dataclass
class Mix:
    kinds: dict[str, list[Search]] = field(default_factory=dict)


class MixMaker:
    """Draws `each` different queries of every kind from the archive, with a seeded chooser."""

    def __init__(self, each: int, seed: int = 1) -> None:
        self.each = each
        self.chooser = random.Random(seed)

    def make(self, backend: TantivyBackend, documents: int) -> Mix:
        common, rare = self._vocabulary(backend, documents)
        everything = service.search(SearchQuery(limit=0, facet_limit=300, facet_names=MIXED))
        prefixes = sorted({t[:5] for t in common})
        mix = Mix()
        mix.kinds["rare word"] = [Search(t) for t in self.some(rare)]
        mix.kinds["common word"] = [Search(t) for t in self.some(common[: self.each])]
        mix.kinds["two words"] = [Search(f"{a} {b}") for a, b in self.pairs(common)]
        mix.kinds["phrase"] = [Search(f'"{p}"') for p in self.phrases(documents)]
        mix.kinds["prefix"] = [Search(f"{p}*") for p in self.some(prefixes)]
        mix.kinds["person name"] = [Search(n) for n in self.names(everything.facets)]
        mix.kinds["other scripts"] = [Search(t) for t in self.some(list(OTHER_SCRIPTS))]
        mix.kinds["facets, no words"] = self.filters(everything.facets)
        mix.kinds["date range, no words"] = self.ranges(everything.histogram.years)
        return mix

    def _vocabulary(self, backend: TantivyBackend, documents: int) -> tuple[list[str], list[str]]:
        """(the most frequent words, words in 0.002% to 0.05% of documents)."""
        searcher = backend.reader().searcher()
        vocabulary = [
            (term, count)
            for term, count in searcher.terms_with_prefix(VOCABULARY.name, "")
            if ALPHA.match(term) and term not in COMMON
        ]
        vocabulary.sort(key=lambda item: -item[1])
        low, high = max(2, documents // 50_000), max(5, documents // 2_000)
        rare = [term for term, count in vocabulary if low <= count <= high]
        return [term for term, _ in vocabulary[: self.each * 3]], rare

    def some(self, items: list[Any]) -> list[Any]:
        return self.chooser.sample(items, min(self.each, len(items)))

    def pairs(self, words: list[str]) -> list[tuple[str, str]]:
        if len(words) < 2:
            return []
        drawn = (self.chooser.sample(words[: self.each * 2], 2) for _ in range(self.each * 3))
        return sorted({(a, b) for a, b in drawn})[: self.each]

    def phrases(self, documents: int) -> list[str]:
        ids = self.chooser.sample(range(1, documents + 1), min(documents, self.each * 3))
        summaries = Document.objects.filter(public_id__in=ids).values_list("summary", flat=True)
        phrases: set[str] = set()
        for summary in summaries:
            words = [w.lower() for w in summary.split() if PLAIN.match(w)]
            pairs = [pair for pair in itertools.pairwise(words) if _meaningful(*pair)]
            if pairs:
                phrases.add(" ".join(self.chooser.choice(pairs)))
        return sorted(phrases)[: self.each]

    def names(self, facets: Mapping[str, Any]) -> list[str]:
        ids = [int(c.value) for c in facets.get("person", [])]
        people = Person.objects.filter(public_id__in=self.some(ids))
        return list(people.values_list("name", flat=True))

    def filters(self, facets: Mapping[str, Any]) -> list[Search]:
        values = {name: [c.value for c in counts] for name, counts in facets.items() if counts}
        names = sorted(values)
        searches = []
        for number in range(self.each if names else 0):
            chosen = self.chooser.sample(names, 1 if number % 2 else min(2, len(names)))
            pairs = ((name, self.chooser.choice(values[name][:50])) for name in chosen)
            searches.append(Search(filters=tuple(sorted(pairs))))
        return searches

    def ranges(self, years: tuple[tuple[int, int], ...]) -> list[Search]:
        if not years:
            return []
        first, last = years[0][0], years[-1][0]
        searches = []
        for _ in range(self.each):
            start = self.chooser.randint(first, last)
            searches.append(Search(years=(start, min(last, start + self.chooser.randint(0, 10)))))
        return searches


def _meaningful(*words: str) -> bool:
    """A phrase a reader would look for has a word of substance ("and that" has none)."""
    return any(len(w) >= 5 and w not in COMMON for w in words)


# Measuring ------------------------------------------------------------------------------------


def timed(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return (time.perf_counter() - started) * 1000


def percentiles(samples: list[float]) -> tuple[float, float, float]:
    if len(samples) < 2:
        value = samples[0] if samples else 0.0
        return value, value, value
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return cuts[49], cuts[94], cuts[98]


def measure(out: IO[str], documents: int, each: int = PER_KIND) -> None:
    backend = service.get_backend()
    assert isinstance(backend, TantivyBackend), "the benchmark measures the Tantivy backend"
    say = _printer(out)
    _describe_index(backend, say)
    mix = MixMaker(each).make(backend, documents)
    _warm_up()
    gc.collect()
    gc.freeze()  # as a `serve` worker does once loaded (operations/server.settled)
    backend.counts.clear()  # (the whole index's counts stay, as in a server that has answered)
    faceted, plain = _backend_latencies(backend, mix)
    _print_table(say, mix, faceted, plain)
    repeated = [timed(lambda: service.search(SearchQuery())) for _ in range(each)]
    say(f"The same search without words again (counts remembered): p50 "
        f"{percentiles(repeated)[0]:.1f} ms")  # fmt: skip
    backend.counts.clear()
    pages, searching = _page_latencies(mix)
    p50, p95, p99 = percentiles(pages)
    say(f"/search page, whole response at the server (Django test client, {len(pages)} pages, "
        f"every kind): p50 {p50:.1f} ms, p95 {p95:.1f} ms, p99 {p99:.1f} ms")  # fmt: skip
    own = [page - search for page, search in zip(pages, searching, strict=True)]
    s50, s95, s99 = percentiles(searching)
    o50, o95, o99 = percentiles(own)
    say(f"  of which its searches: p50 {s50:.1f} ms, p95 {s95:.1f} ms, p99 {s99:.1f} ms; "
        f"the page's own work: p50 {o50:.1f} ms, p95 {o95:.1f} ms, p99 {o99:.1f} ms")  # fmt: skip
    _print_other_pages(say, _other_page_latencies(each, documents))
    say(memory())


OTHER_PAGES = tuple(RECORD_MODELS)


@override_settings(PAGE_CACHE_SECONDS=0)  # each page computed, as a first reader's
def _other_page_latencies(each: int, documents: int) -> dict[str, list[float]]:
    """The home page (`each` times, as readers come and go) and `each` different pages of
    documents, and of the records named by the most documents (the biggest record pages)."""
    chooser = random.Random(2)
    client = Client()
    urls: dict[str, list[str]] = {"home": ["/"] * each}
    drawn = chooser.sample(range(1, documents + 1), min(documents, each * 2))
    found = Document.objects.public().filter(public_id__in=drawn).order_by("public_id")
    urls["document"] = [d.get_absolute_url() for d in found.only("public_id", "slug")[:each]]
    counted = service.search(SearchQuery(limit=0, facet_limit=300, facet_names=OTHER_PAGES[1:]))
    for kind in OTHER_PAGES[1:]:
        model = FACETS_BY_NAME[kind].model
        assert model is not None
        values = [int(c.value) for c in counted.facets.get(kind, [])]
        records = list(model._default_manager.filter(public_id__in=values).order_by("public_id"))
        urls[kind] = [
            r.get_absolute_url() for r in chooser.sample(records, min(each, len(records)))
        ]
    samples: dict[str, list[float]] = {}
    for kind, pages in urls.items():
        samples[kind] = []
        for url in pages:
            started = time.perf_counter()
            response = client.get(url)
            samples[kind].append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
    return samples


def _print_other_pages(say: Callable[[str], None], samples: dict[str, list[float]]) -> None:
    say("Other pages, whole response at the server in ms (p50 / p95 / p99):")
    for kind, times in samples.items():
        p50, p95, p99 = percentiles(times)
        say(f"  {kind:<12}{len(times):>5} pages   {p50:>6.1f} {p95:>6.1f} {p99:>6.1f}")


def _warm_up() -> None:
    """A server that has answered a few searches: index files read, whole-index counts made."""
    for text in ("", "report", "minister foreign", '"the secretary"', "gov*"):
        service.search(SearchQuery(words=parse(text)))


def _printer(out: IO[str]) -> Callable[[str], None]:
    def say(line: str) -> None:
        out.write(line + "\n")
        out.flush()

    return say


def _describe_index(backend: TantivyBackend, say: Callable[[str], None]) -> None:
    searcher = backend.reader().searcher()
    path = backend.directory.current()
    size = sum(f.stat().st_size for f in Path(path).iterdir()) if path else 0
    each = size / searcher.num_docs if searcher.num_docs else 0
    say(f"Index: {searcher.num_docs:,} documents in {searcher.num_segments} segments, "
        f"{size / 2**30:.2f} GiB ({size / 1e6:,.1f} MB) on disk, {each:,.0f} bytes a "
        "document")  # fmt: skip


def _backend_latencies(
    backend: TantivyBackend, mix: Mix
) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    def run(facets: bool) -> dict[str, list[float]]:
        samples: dict[str, list[float]] = {}
        for kind, searches in mix.kinds.items():
            samples[kind] = []
            for search in searches:
                # (the words parsed in the time, as a page parses them for its search)
                samples[kind].append(timed(lambda s=search: backend.search(s.query(facets))))  # type: ignore[misc]
        return samples

    return run(True), run(False)


@override_settings(PAGE_CACHE_SECONDS=0)  # each page computed, as a first reader's
def _page_latencies(mix: Mix) -> tuple[list[float], list[float]]:
    """Each page's whole time, and the time its searches took within it."""
    client = Client()
    pages, searching = [], []
    for searches in mix.kinds.values():
        for search in searches:
            with service.timing() as stopwatch:
                started = time.perf_counter()
                response = client.get(f"/search?{search.query_string()}")
                pages.append((time.perf_counter() - started) * 1000)
                searching.append((stopwatch.seconds or 0.0) * 1000)
            assert response.status_code == 200, (search, response.status_code)
    return pages, searching


def _print_table(
    say: Callable[[str], None],
    mix: Mix,
    faceted: dict[str, list[float]],
    plain: dict[str, list[float]],
) -> None:
    say("Search latency in ms, each query once (the backend in this process):")
    say(f"  {'kind':<22}{'queries':>8}   with facet counts: p50    p95    p99"
        f"   without: p50    p95    p99")  # fmt: skip
    rows = [(kind, faceted[kind], plain[kind]) for kind in mix.kinds]
    every = [sample for kind in mix.kinds for sample in faceted[kind]]
    rows.append(("all kinds", every, [sample for kind in mix.kinds for sample in plain[kind]]))
    for kind, with_counts, without in rows:
        a, b = percentiles(with_counts), percentiles(without)
        say(f"  {kind:<22}{len(with_counts):>8}   {a[0]:>22.1f} {a[1]:>6.1f} {a[2]:>6.1f}"
            f"   {b[0]:>12.1f} {b[1]:>6.1f} {b[2]:>6.1f}")  # fmt: skip


def memory() -> str:
    status = dict(
        line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines()
        if ":" in line
    )  # fmt: skip

    def mib(name: str) -> str:
        return f"{int(status.get(name, '0 kB').split()[0]) / 1024:,.0f} MiB"

    return (
        f"Search process memory: resident {mib('VmRSS')} (anonymous {mib('RssAnon')}, "
        f"mapped index and program files {mib('RssFile')}), peak {mib('VmHWM')}"
    )
