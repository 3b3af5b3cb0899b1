"""Compiling a parsed query (search/query.py) and a SearchQuery's filters to Tantivy queries.

A word without a field is looked for in every text field, each analyzed its own way (title and
English texts stemmed as English, Russian texts as Russian, names folded only) and boosted
(`schema.TEXT_FIELDS`); the fields' BM25 scores add up. A word the analyzer splits in several
tokens ("Sino-Soviet", "U.S.") is a phrase of them. A prefix matches every word starting with
it (in stemmed fields, approximately: see `Compiler._prefix`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

import tantivy
from tantivy import Occur, Query

from ..analysis import prepare
from ..backend import SearchQuery
from ..facets import FACETS_BY_NAME
from ..query import And, Node, Not, Or, Phrase, Term, language_code, plain_word
from ..romanization import cyrillic_forms, pinyin_characters, pinyin_runs
from .schema import (
    ANALYZERS,
    CHARACTERS,
    EARLIEST,
    FIELDS_BY_PREFIX,
    FOLDED,
    LATEST,
    LONG_EARLIEST,
    LONG_LATEST,
    MONTH,
    ROMANIZED,
    SCHEMA,
    TEXT_FIELDS,
    WRITTEN_FIELDS,
    YEAR,
    YEARS_TOUCHED,
    TextField,
    facet_field,
    facet_term,
)

STEM_CUT = 3
MIN_STEM = 4
MAX_EXPANSIONS = 20_000  # words a prefix stands for, at most, per field
MAX_CHARACTERS = 200_000  # distinct characters of Chinese, Japanese and Korean, at most


class Compiler:
    """Compiles a parsed query to a Tantivy query (prefixes read the searcher's terms)."""

    def __init__(self, searcher: tantivy.Searcher) -> None:
        self.searcher = searcher
        self.characters: frozenset[str] | None = None  # the index's, read when Pinyin is

    def compile(self, node: Node) -> Query | None:
        """The query for a tree; None when nothing in it can match a token (only punctuation)."""
        if isinstance(node, And):
            return self._all(node.parts)
        if isinstance(node, Or):
            parts = [self._positive(part) for part in node.parts]
            return _either([p for p in parts if p is not None])
        if isinstance(node, Not):
            return self._all((node,))
        return self._leaf(node)

    def _positive(self, node: Node) -> Query | None:
        return self._all((node,)) if isinstance(node, Not) else self.compile(node)

    def _all(self, parts: Sequence[Node], pinyin_read: bool = True) -> Query | None:
        clauses: list[tuple[Occur, Query]] = []
        found = pinyin_runs(parts) if pinyin_read else []
        runs = {first: (end, characters) for first, end, characters in found}
        index = 0
        while index < len(parts):
            if index in runs:  # "Mao Zedong": the words, or their Pinyin in characters
                end, characters = runs[index]
                words = self._all(parts[index:end], pinyin_read=False)
                readings = self._pinyin(characters)
                either = _either([words, *readings] if words else readings)
                if either is not None:
                    clauses.append((Occur.Must, either))
                index = end
                continue
            part = parts[index]
            index += 1
            negated = isinstance(part, Not)
            compiled = self.compile(part.part if isinstance(part, Not) else part)
            if compiled is not None:
                clauses.append((Occur.MustNot if negated else Occur.Must, compiled))
        if not clauses:
            return None
        if all(occur == Occur.MustNot for occur, _ in clauses):
            clauses.insert(0, (Occur.Must, Query.all_query()))
        if len(clauses) == 1:
            return clauses[0][1]
        return Query.boolean_query(clauses)

    def _leaf(self, leaf: Term | Phrase) -> Query | None:
        if leaf.field == "language":
            return Query.term_query(SCHEMA, facet_field("language"), language_code(leaf.text))
        unfielded = WRITTEN_FIELDS if isinstance(leaf, Phrase) else TEXT_FIELDS
        fields = FIELDS_BY_PREFIX.get(leaf.field or "", unfielded)
        prefix = isinstance(leaf, Term) and leaf.prefix
        queries = []
        for field in fields:
            query = self._in_field(field, leaf.text, prefix)
            if query is not None:
                queries.append(Query.boost_query(query, field.boost))
        if plain_word(leaf):
            queries += self._across_scripts(leaf.text)
        return _either(queries)

    def _in_field(self, field: TextField, text: str, prefix: bool) -> Query | None:
        tokens: list[str | tuple[int, str]] = list(ANALYZERS[field.analyzer].analyze(prepare(text)))
        if not tokens:
            return None
        if prefix:
            return self._prefix(field, tokens)
        if len(tokens) == 1:
            return Query.term_query(SCHEMA, field.name, str(tokens[0]))
        return Query.phrase_query(SCHEMA, field.name, tokens)

    def _across_scripts(self, text: str) -> list[Query]:
        """A Latin word also looked for in romanized Cyrillic and, read as Pinyin, in Chinese
        characters (romanization.py); each below the reader's own script."""
        queries = []
        forms = cyrillic_forms(text)
        if forms:
            found = Query.term_set_query(SCHEMA, ROMANIZED.name, sorted(forms))
            queries.append(Query.boost_query(found, ROMANIZED.boost))
        return queries + self._pinyin(pinyin_characters(text))

    def _pinyin(self, characters: Sequence[str]) -> list[Query]:
        """A phrase of Chinese characters, each any of those read as one syllable that the
        index holds (`schema.CHARACTERS`: a regular expression of every reading would cost
        milliseconds to compile however few texts are Chinese), scored as a romanized Cyrillic
        match is (a constant: BM25 would weigh it by every character it might be)."""
        if not characters:
            return []
        if self.characters is None:
            found = self.searcher.terms_with_prefix(CHARACTERS.name, "", limit=MAX_CHARACTERS)
            self.characters = frozenset(term for term, _ in found)
        held = ["".join(c for c in options if c in self.characters) for options in characters]
        if not all(held):
            return []
        classes: list[str | tuple[int, str]] = [f"[{options}]" for options in held]
        query = Query.regex_phrase_query(SCHEMA, CHARACTERS.name, classes)
        return [Query.const_score_query(query, CHARACTERS.boost)]

    def _prefix(self, field: TextField, tokens: list[str | tuple[int, str]]) -> Query | None:
        """Words starting with the last token, read from the field's term dictionary. A stem
        may be shorter than the prefix typed ("governm" is in "government", whose English
        stem is "govern"), so stemmed fields also match the prefix cut by up to STEM_CUT
        letters."""
        if len(tokens) > 1:
            return Query.phrase_prefix_query(SCHEMA, field.name, tokens)
        token = str(tokens[0])
        found = self.searcher.terms_with_prefix(field.name, token, limit=MAX_EXPANSIONS)
        terms = {term for term, _ in found}
        if field.analyzer != FOLDED:
            terms.update(token[:-cut] for cut in range(1, STEM_CUT + 1))
            terms = {term for term in terms if len(term) >= MIN_STEM or term.startswith(token)}
        return Query.term_set_query(SCHEMA, field.name, sorted(terms)) if terms else None


def _either(queries: Sequence[Query]) -> Query | None:
    if not queries:
        return None
    if len(queries) == 1:
        return queries[0]
    return Query.boolean_query([(Occur.Should, q) for q in queries])


def filter_queries(query: SearchQuery) -> list[Query]:
    """Facet filters (all must hold) and the date overlap, as unscored queries."""
    queries = [_facet_filter(name, value) for name, value in query.filters]
    if query.years is not None:  # a histogram bar's own value, by the year filed under
        queries.append(_range(YEAR, lower=query.years[0], upper=query.years[1]))
    if query.months is not None:  # and a month's
        queries.append(_range(MONTH, lower=query.months[0], upper=query.months[1]))
    start = query.date_from.toordinal() if query.date_from else None
    end = query.date_to.toordinal() if query.date_to else None
    if query.date_from and query.date_to:
        queries.append(_overlapping(query.date_from, query.date_to))
    elif start is not None:
        queries.append(_range(LATEST, lower=start))
    elif end is not None:
        queries.append(_range(EARLIEST, upper=end))
    return queries


def _overlapping(first: dt.date, last: dt.date) -> Query:
    """Dated documents whose date overlaps [first, last] (schema.YEARS_TOUCHED): those touching
    a year wholly inside it, those touching a partly covered end year whose days overlap, and
    those with dates open at an end or very long, by their day bounds."""
    start, end = first.toordinal(), last.toordinal()
    inner = range(
        first.year if (first.month, first.day) == (1, 1) else first.year + 1,
        (last.year if (last.month, last.day) == (12, 31) else last.year - 1) + 1,
    )
    edges = sorted({first.year, last.year}.difference(inner))
    parts = [_all([_range(LONG_EARLIEST, upper=end), _range(LONG_LATEST, lower=start)])]
    if inner:
        parts.append(Query.term_set_query(SCHEMA, YEARS_TOUCHED, list(inner)))
    if edges:
        days = [_range(EARLIEST, upper=end), _range(LATEST, lower=start)]
        parts.append(_all([Query.term_set_query(SCHEMA, YEARS_TOUCHED, edges), *days]))
    return Query.boolean_query([(Occur.Should, part) for part in parts])


def _all(queries: list[Query]) -> Query:
    return Query.boolean_query([(Occur.Must, q) for q in queries])


def _facet_filter(name: str, value: str) -> Query:
    term = facet_term(name, value) if name in FACETS_BY_NAME else None
    if term is None:
        return Query.empty_query()
    return Query.term_query(SCHEMA, facet_field(name), term)


def _range(field: str, lower: int | None = None, upper: int | None = None) -> Query:
    return Query.range_query(
        SCHEMA, field, tantivy.FieldType.Integer, lower_bound=lower, upper_bound=upper
    )


def combined(scored: Query | None, filters: Iterable[Query]) -> Query:
    """The words (scored) and the filters (not scored) together."""
    clauses = [(Occur.Must, scored)] if scored is not None else []
    clauses += [(Occur.Must, Query.const_score_query(f, 0.0)) for f in filters]
    if not clauses:
        return Query.all_query()
    if len(clauses) == 1 and scored is not None:
        return scored
    return Query.boolean_query(clauses)
