"""An in-memory backend: the simple double other parts test against. It passes the same
contract suite as the Tantivy backend and evaluates the same query tree, with plain folded
words (no stemming) and a simple score (matches counted, title thrice)."""

from __future__ import annotations

import itertools
import secrets
import threading
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from .analysis import WORD, fold, words
from .backend import (
    DateHistogram,
    FacetCount,
    Hit,
    IndexDocument,
    Passage,
    SearchQuery,
    SearchResult,
)
from .facets import counted
from .filed import decade, filed_month, filed_year, months_wanted
from .query import And, Node, Not, Or, ParsedQuery, Phrase, Term, language_code, plain_word
from .romanization import (
    AcrossScripts,
    cyrillic_forms,
    pinyin_characters,
    pinyin_runs,
    romanized,
)
from .sorting import date_sort_keys, title_sort_key

PASSAGE_CONTEXT = 80
ACROSS_SCRIPTS = 0.1  # a match through romanization counts less than one as written

# What a reader's field name looks in; None is every field.
FIELD_PARTS = {
    None: ("title", "summary", "texts", "names", "places", "subjects", "repository"),
    "title": ("title",),
    "person": ("names",),
    "place": ("places",),
    "subject": ("subjects",),
    "repository": ("repository",),
}
# A quoted phrase without a field: the document's own words only (as tantivy/schema.py says).
WRITTEN_PARTS = ("title", "summary", "texts")


@dataclass(frozen=True)
class Entry:
    """A document with its fields as lists of folded word sequences, made once on replace."""

    document: IndexDocument
    fields: dict[str, tuple[tuple[str, ...], ...]]

    @classmethod
    def of(cls, document: IndexDocument) -> Entry:
        values = {
            "title": (document.title,),
            "summary": (document.summary,),
            "texts": tuple(t.body for t in document.texts),
            "names": document.names,
            "places": document.places,
            "subjects": document.subjects,
            "repository": document.repository,
        }
        fields = {k: tuple(tuple(words(v)) for v in vs) for k, vs in values.items()}
        written = (document.title, document.summary, *values["texts"])
        fields["romanized"] = tuple(tuple(romanized(v).split()) for v in written)
        return cls(document, fields)


class MemoryBackend:
    def __init__(self) -> None:
        self.entries: dict[int, Entry] = {}
        self.lock = threading.RLock()
        self.commits = itertools.count()
        self.commit = f"{secrets.token_hex(4)}:{next(self.commits)}"

    @property
    def documents(self) -> dict[int, IndexDocument]:
        return {i: e.document for i, e in self.entries.items()}

    def replace(self, documents: Sequence[IndexDocument], deleted: Sequence[int]) -> None:
        with self.lock:
            for public_id in deleted:
                self.entries.pop(public_id, None)
            for document in documents:
                self.entries[document.public_id] = Entry.of(document)
            self._committed()

    def _committed(self) -> None:
        self.commit = f"{self.commit.split(':')[0]}:{next(self.commits)}"

    def edition(self) -> str:
        return self.commit

    @contextmanager
    def writer(self, wait: float | None = None, options: object = None) -> Iterator[MemoryBackend]:
        with self.lock:
            yield self

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()
            self._committed()

    def fingerprints(self) -> dict[int, str]:
        return {i: e.document.fingerprint for i, e in self.entries.items()}

    def search(self, query: SearchQuery) -> SearchResult:
        parsed = query.words
        with self.lock:
            entries = list(self.entries.values())
        matches = [e for e in entries if _filtered(e.document, query) and _matches(e, parsed)]
        scores = {e.document.public_id: _score(e, parsed) for e in matches}
        documents = _sorted([e.document for e in matches], query, scores, parsed.has_words)
        page = documents[query.offset : query.offset + query.limit]
        highlight = query.highlight and parsed.has_words
        return SearchResult(
            total=len(documents),
            hits=[
                Hit(d.public_id, scores[d.public_id], _passages(d, parsed) if highlight else ())
                for d in page
            ],
            facets=_facets(documents, query),
            histogram=_histogram(documents, query) if query.histogram else DateHistogram(),
            notices=list(parsed.notices),
        )


def _filtered(document: IndexDocument, query: SearchQuery) -> bool:
    for name, value in query.filters:
        if value not in document.facet_values(name):
            return False
    if query.years is not None:
        filed = filed_year(document.earliest, document.latest)
        if filed is None or not query.years[0] <= filed <= query.years[1]:
            return False
    if query.months is not None:
        month = filed_month(document.earliest, document.latest)
        if month is None or not query.months[0] <= month <= query.months[1]:
            return False
    if query.date_from or query.date_to:
        if document.earliest is None and document.latest is None:
            return False
        if query.date_from and document.latest and document.latest < query.date_from:
            return False
        if query.date_to and document.earliest and document.earliest > query.date_to:
            return False
    return True


def _matches(entry: Entry, parsed: ParsedQuery) -> bool:
    return parsed.node is None or _evaluate(parsed.node, entry)


def _evaluate(node: Node, entry: Entry) -> bool:
    if isinstance(node, And):
        runs = {first: (end, characters) for first, end, characters in pinyin_runs(node.parts)}
        index, parts = 0, node.parts
        while index < len(parts):
            if index in runs:  # "Mao Zedong": the words, or their Pinyin in characters
                end, characters = runs[index]
                words = all(_evaluate(part, entry) for part in parts[index:end])
                if not words and not _in_characters(characters, entry):
                    return False
                index = end
            elif not _evaluate(parts[index], entry):
                return False
            else:
                index += 1
        return True
    if isinstance(node, Or):
        return any(_evaluate(part, entry) for part in node.parts)
    if isinstance(node, Not):
        return not _evaluate(node.part, entry)
    return _occurrences(node, entry) > 0


def _occurrences(leaf: Term | Phrase, entry: Entry, parts: Sequence[str] | None = None) -> float:
    if leaf.field == "language":
        return int(language_code(leaf.text) in entry.document.facet_values("language"))
    wanted = tuple(words(leaf.text))
    if not wanted:
        return 0
    prefix = isinstance(leaf, Term) and leaf.prefix
    count: float = 0
    if leaf.field is None and isinstance(leaf, Phrase):
        parts = parts or WRITTEN_PARTS
    for part in parts or FIELD_PARTS.get(leaf.field, FIELD_PARTS[None]):
        for sequence in entry.fields[part]:
            count += _count_in(sequence, [{word} for word in wanted], prefix)
    if plain_word(leaf) and parts is None:
        count += ACROSS_SCRIPTS * _across_scripts(leaf.text, entry)
    return count


def _across_scripts(text: str, entry: Entry) -> int:
    """Matches of a Latin word in romanized Cyrillic and, read as Pinyin, in Chinese
    characters (romanization.py)."""
    count = 0
    forms = cyrillic_forms(text)
    if forms:
        count += sum(word in forms for words in entry.fields["romanized"] for word in words)
    return count + _in_characters(pinyin_characters(text), entry)


def _in_characters(characters: Sequence[str], entry: Entry) -> int:
    """Places in the written fields with Chinese characters read as the syllables."""
    if not characters:
        return 0
    wanted = [set(options) for options in characters]
    return sum(
        _count_in(words, wanted, False) for part in WRITTEN_PARTS for words in entry.fields[part]
    )


def _count_in(sequence: tuple[str, ...], wanted: Sequence[set[str]], prefix: bool) -> int:
    """Places where the sequence has the wanted words in a row (each any of its set; with
    `prefix`, the last one starting with one of them)."""
    size = len(wanted)
    count = 0
    for start in range(len(sequence) - size + 1):
        window = sequence[start : start + size]
        found = all(word in options for word, options in zip(window[:-1], wanted, strict=False))
        last, options = window[-1], wanted[-1]
        if prefix:
            found = found and any(last.startswith(option) for option in options)
        else:
            found = found and last in options
        count += found
    return count


def _score(entry: Entry, parsed: ParsedQuery) -> float:
    leaves = parsed.positive_leaves()
    title = sum(_occurrences(leaf, entry, ("title",)) for leaf in leaves)
    return float(2 * title + sum(_occurrences(leaf, entry) for leaf in leaves))


def _sorted(
    documents: list[IndexDocument], query: SearchQuery, scores: dict[int, float], has_words: bool
) -> list[IndexDocument]:
    sort = query.sort if (query.sort != "relevance" or has_words) else "date"
    if sort == "relevance":
        return sorted(documents, key=lambda d: (-scores[d.public_id], d.public_id))
    if sort == "title":
        return sorted(documents, key=lambda d: title_sort_key(d.sort_title, d.public_id))
    column = 1 if sort == "-date" else 0
    return sorted(
        documents,
        key=lambda d: date_sort_keys(d.earliest, d.latest, d.public_id)[column],
        reverse=sort == "-date",
    )


def _facets(
    documents: list[IndexDocument], query: SearchQuery
) -> dict[str, tuple[FacetCount, ...]]:
    result = {}
    for facet in counted(query):
        counts = Counter(v for d in documents for v in d.facet_values(facet.name))
        ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[: query.facet_limit]
        result[facet.name] = tuple(FacetCount(value, count) for value, count in ranked)
    return result


def _histogram(documents: list[IndexDocument], query: SearchQuery) -> DateHistogram:
    filed = [filed_year(d.earliest, d.latest) for d in documents]
    months: Counter[int] = Counter()
    if months_wanted(query.years, query.months):
        filed_months = (filed_month(d.earliest, d.latest) for d in documents)
        months.update(month for month in filed_months if month is not None)
    years = Counter(year for year in filed if year is not None)
    undated = filed.count(None)
    decades: Counter[int] = Counter()
    for year, count in years.items():
        decades[decade(year)] += count
    return DateHistogram(
        decades=tuple(sorted(decades.items())),
        years=tuple(sorted(years.items())),
        undated=undated,
        months=tuple(sorted(months.items())),
    )


def _passages(document: IndexDocument, parsed: ParsedQuery) -> tuple[Passage, ...]:
    """The first text with a matched word: a window around it, the matched words marked."""
    wanted = {w for leaf in parsed.positive_leaves() for w in words(leaf.text)}
    texts = (document.summary, *(t.body for t in document.texts))
    for text in texts:
        spans = [m.span() for m in WORD.finditer(text) if fold(m.group()) in wanted]
        if spans:
            start = max(0, spans[0][0] - PASSAGE_CONTEXT)
            end = min(len(text), spans[0][1] + PASSAGE_CONTEXT)
            marks = tuple((a - start, b - start) for a, b in spans if a >= start and b <= end)
            return (Passage(text[start:end], marks),)
    across = AcrossScripts(parsed)  # the words found only in another script
    for text in texts:
        passage = across.passage(text, PASSAGE_CONTEXT)
        if passage:
            return (passage,)
    return ()
