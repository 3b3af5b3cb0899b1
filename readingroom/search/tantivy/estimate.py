"""Whether a query matches most of the index (then it is counted from the other side:
counts.py), decided from document frequencies when they settle it, else counted.

One walk of the query tree gives an upper bound (a word's documents in each field it is looked
for in, added up) and an estimate of the share matched (words, fields, dates and filters taken
as independent; a prefix by the words it stands for). A wrong guess costs time, never a wrong
count.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import tantivy
from tantivy import Query

from ..backend import SearchQuery
from ..facets import FACETS_BY_NAME
from ..query import And, Node, Not, Phrase, Term, language_code
from .schema import (
    ANALYZERS,
    FIELDS_BY_PREFIX,
    TEXT_FIELDS,
    YEARS_TOUCHED,
    facet_field,
    facet_term,
)
from .tally import matches

SMALL = 1000  # half an index smaller than this is counted, not estimated
CLEAR = 0.2  # an estimated share this far from a half decides without counting
PREFIX_TERMS = 1000  # words of a prefix the estimate reads, at most


@dataclass(frozen=True)
class Estimate:
    bound: int  # at most this many documents match
    share: float | None  # about this share of the index matches; None: no estimate (phrases)


def most(searcher: tantivy.Searcher, full: Query, query: SearchQuery) -> bool:
    """Whether the query (compiled: `full`) matches more than half the documents."""
    half = searcher.num_docs // 2
    if half < SMALL:
        return False
    guess = estimate(searcher, query)
    if guess.bound <= half:
        return False
    if guess.share is not None and abs(guess.share - 0.5) > CLEAR:
        return guess.share > 0.5
    return matches(searcher, full) > half


def estimate(searcher: tantivy.Searcher, query: SearchQuery) -> Estimate:
    everyone = searcher.num_docs
    node = query.words.node
    bound, share = (everyone, 1.0) if node is None else _node(searcher, node)
    if bool(query.date_from) != bool(query.date_to) or query.years or query.months:
        share = None  # (a period open at one end, or a very long date: no estimate)
    elif query.date_from and query.date_to and share is not None:
        years = range(query.date_from.year, query.date_to.year + 1)
        dated = sum(searcher.doc_freq(YEARS_TOUCHED, year) for year in years)
        share *= min(1.0, dated / everyone)
    for name, value in query.filters:
        term = facet_term(name, value) if name in FACETS_BY_NAME else None
        found = searcher.doc_freq(facet_field(name), term) if term is not None else 0
        bound = min(bound, found)
        share = None if share is None else share * found / everyone
    return Estimate(min(bound, everyone), share)


def _node(searcher: tantivy.Searcher, node: Node) -> tuple[int, float | None]:
    """(bound, share) of a tree."""
    everyone = searcher.num_docs
    if isinstance(node, Term | Phrase):
        return _leaf(searcher, node)
    if isinstance(node, Not):
        _, inner = _node(searcher, node.part)
        return everyone, None if inner is None else 1 - inner
    bounds, shares = zip(*(_node(searcher, part) for part in node.parts), strict=True)
    known = [share for share in shares if share is not None]
    estimable = len(known) == len(shares)
    if isinstance(node, And):
        return min(bounds), math.prod(known) if estimable else None
    return min(everyone, sum(bounds)), 1 - math.prod(1 - p for p in known) if estimable else None


def _leaf(searcher: tantivy.Searcher, leaf: Term | Phrase) -> tuple[int, float | None]:
    everyone = searcher.num_docs
    if leaf.field == "language":
        return searcher.doc_freq(facet_field("language"), language_code(leaf.text)), None
    prefix = isinstance(leaf, Term) and leaf.prefix
    bound, missing, estimable = 0, 1.0, isinstance(leaf, Term)
    for field in FIELDS_BY_PREFIX.get(leaf.field or "", TEXT_FIELDS):
        tokens = ANALYZERS[field.analyzer].analyze(leaf.text)
        estimable = estimable and len(tokens) == 1  # a word of several tokens is a phrase
        if prefix and len(tokens) == 1:  # every word it stands for
            found = searcher.terms_with_prefix(field.name, str(tokens[0]), limit=PREFIX_TERMS)
            frequencies = [frequency for _, frequency in found]
        else:
            frequencies = [searcher.doc_freq(field.name, token) for token in tokens]
        bound += min(frequencies, default=0)
        missing *= math.prod(1 - f / everyone for f in frequencies)
    share = 1 - missing if estimable else None
    return (everyone if prefix else min(everyone, bound)), share
