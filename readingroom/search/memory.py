"""An in-memory backend: the simple double other parts test against. It passes the same
contract suite as the Tantivy backend, with plain word matching (no stemming)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence

from .analysis import words
from .backend import (
    DateHistogram,
    FacetCount,
    Hit,
    IndexDocument,
    SearchQuery,
    SearchResult,
)
from .facets import FACETS

UNDATED_LAST = dt.date.max


class MemoryBackend:
    def __init__(self) -> None:
        self.documents: dict[int, IndexDocument] = {}

    def replace(self, documents: Sequence[IndexDocument], deleted: Sequence[int]) -> None:
        for public_id in deleted:
            self.documents.pop(public_id, None)
        for document in documents:
            self.documents[document.public_id] = document

    def clear(self) -> None:
        self.documents.clear()

    def fingerprints(self) -> dict[int, str]:
        return {i: d.fingerprint for i, d in self.documents.items()}

    def search(self, query: SearchQuery) -> SearchResult:
        terms = words(query.text)
        matches = [d for d in self.documents.values() if self._matches(d, query, terms)]
        scores = {d.public_id: self._score(d, terms) for d in matches}
        matches.sort(key=lambda d: d.public_id)
        self._sort(matches, query, scores, bool(terms))
        page = matches[query.offset : query.offset + query.limit]
        return SearchResult(
            total=len(matches),
            hits=[Hit(d.public_id, scores[d.public_id]) for d in page],
            facets=self._facets(matches, query.facet_limit),
            histogram=_histogram(matches) if query.histogram else DateHistogram(),
        )

    def _matches(self, document: IndexDocument, query: SearchQuery, terms: list[str]) -> bool:
        for name, value in query.filters:
            if value not in document.facet_values(name):
                return False
        if query.date_from or query.date_to:
            if document.earliest is None and document.latest is None:
                return False
            if query.date_from and document.latest and document.latest < query.date_from:
                return False
            if query.date_to and document.earliest and document.earliest > query.date_to:
                return False
        vocabulary = set(words(_all_text(document)))
        return all(term in vocabulary for term in terms)

    def _score(self, document: IndexDocument, terms: list[str]) -> float:
        title = Counter(words(document.title))
        body = Counter(words(_all_text(document)))
        return float(sum(3 * title[t] + body[t] for t in terms))

    def _sort(
        self,
        matches: list[IndexDocument],
        query: SearchQuery,
        scores: dict[int, float],
        has_words: bool,
    ) -> None:
        sort = query.sort if (query.sort != "relevance" or has_words) else "date"
        if sort == "relevance":
            matches.sort(key=lambda d: -scores[d.public_id])
        elif sort == "title":
            matches.sort(key=lambda d: d.sort_title)
        elif sort == "date":
            matches.sort(key=lambda d: (d.earliest or UNDATED_LAST, d.latest or UNDATED_LAST))
        else:
            dated = [d for d in matches if d.earliest or d.latest]
            undated = [d for d in matches if not (d.earliest or d.latest)]
            dated.sort(key=lambda d: (d.latest or d.earliest, d.earliest or d.latest), reverse=True)
            matches[:] = dated + undated

    def _facets(self, matches: list[IndexDocument], limit: int) -> dict[str, list[FacetCount]]:
        if not limit:
            return {}
        result = {}
        for facet in FACETS:
            counts = Counter(v for d in matches for v in d.facet_values(facet.name))
            ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:limit]
            result[facet.name] = [FacetCount(value, count) for value, count in ranked]
        return result


def _all_text(document: IndexDocument) -> str:
    parts = [document.title, document.summary, *(t.body for t in document.texts)]
    parts += [*document.names, *document.places, *document.subjects, *document.repository]
    return " ".join(parts)


def _histogram(matches: list[IndexDocument]) -> DateHistogram:
    years = Counter(d.earliest.year for d in matches if d.earliest)
    undated = sum(1 for d in matches if d.earliest is None)
    decades = Counter()
    for year, count in years.items():
        decades[year - year % 10] += count
    return DateHistogram(
        decades=tuple(sorted(decades.items())), years=tuple(sorted(years.items())), undated=undated
    )
