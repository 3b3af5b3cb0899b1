"""The people and places a query names, so the page can offer their records first.

"Filippov", "Filipov", "Stalin" and "Сталин" all name Stalin when his record has those
variants; "Sheng Shicai" and "Shicai Sheng" both name Sheng Shicai. The search finds the
candidates: documents with the query's words in their names (or places) field, counted by the
person (or place) facet; the database then confirms which candidates have a name or variant
made of the query's words (all of a name's words in the query, or all the query's words in a
name). Only records linked to public documents can be candidates, since only public documents
are indexed, so nothing unreleased is offered.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from readingroom.catalogue.models import Person, Place

from . import service
from .analysis import MAX_WORD, words
from .backend import SearchQuery
from .edition import memo
from .query import Node, Or, ParsedQuery, Term

MAX_WORDS = 8
CANDIDATES = 30
OFFERED = 5


def people_named(parsed: ParsedQuery) -> list[Person]:
    """People (and organizations) the query names, the most documented first."""
    return _named(parsed, "person", Person)


def places_named(parsed: ParsedQuery) -> list[Place]:
    return _named(parsed, "place", Place)


def _named(parsed: ParsedQuery, facet: str, model: Any) -> list[Any]:
    typed = _query_words(parsed, facet)
    if not typed or len(typed) > MAX_WORDS:
        return []
    kept = memo.table("named")  # the same words name the same records until the next edition
    key = (facet, frozenset(typed))
    if key not in kept:
        kept[key] = _find_named(typed, facet, model)
    return list(kept[key])


def _find_named(typed: set[str], facet: str, model: Any) -> list[Any]:
    query = SearchQuery(
        words=_any_of(sorted(typed), facet),
        limit=0,
        facet_limit=CANDIDATES,
        facet_names=(facet,),
        histogram=False,
        highlight=False,
        suggest=False,
    )
    counts = service.search(query).facets.get(facet, ())
    ranked = [int(c.value) for c in counts if c.value.isdigit()]
    records = model.objects.filter(public_id__in=ranked).prefetch_related("variants")
    found = {r.public_id: r for r in records if _is_named(r, typed)}
    return [found[i] for i in ranked if i in found][:OFFERED]


def _query_words(parsed: ParsedQuery, facet: str) -> set[str]:
    """Folded words of the query's positive words and phrases, in any field or this one (a
    word too long to be one is left out, as the query language leaves it out)."""
    leaves = parsed.positive_leaves()
    found = {w for leaf in leaves if leaf.field in (None, facet) for w in words(leaf.text)}
    return {w for w in found if len(w) <= MAX_WORD}


def _any_of(typed: Sequence[str], facet: str) -> ParsedQuery:
    """`facet:(a OR b ...)`, built as the tree it parses to."""
    terms: list[Node] = [Term(word, facet) for word in typed]
    return ParsedQuery(terms[0] if len(terms) == 1 else Or(tuple(terms)))


def all_names(record: Any) -> list[str]:
    """A person's, organization's or place's name and every variant (prefetched)."""
    return [record.name, *(variant.name for variant in record.variants.all())]


def _is_named(record: Any, typed: set[str]) -> bool:
    for name in all_names(record):
        name_words = set(words(name))
        if name_words and (name_words <= typed or typed <= name_words):
            return True
    return False
