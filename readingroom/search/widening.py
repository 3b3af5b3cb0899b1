"""A name in the query stands for every name of its record, in the words of the texts too.

When words of a query (a plain word or neighbouring words, not quoted, not under a field)
are a name or variant of a person, organization or place that public documents are linked to
(search/names.py decides), the search also looks for each of the record's other names as a
phrase: `Urumqi` finds the texts that say Urumchi, Ürümqi or Tihwa, not only the documents
linked to the place. The query says so (a notice and `ParsedQuery.widened`, from which the
results page offers the exact spelling only); a quoted phrase keeps its spelling.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from .analysis import words
from .names import all_names, people_named, places_named
from .query import And, Node, Or, ParsedQuery, Phrase, Widening, plain_word
from .query import parse as parse_words

NAMES = 12  # other names of a record looked for, at most
RUN = 4  # words in a name, at most
Named = dict[tuple[str, ...], Any]  # a name's folded words -> its record


def read(text: str) -> ParsedQuery:
    """The reader's words parsed and widened: what every search of a request runs."""
    return widen(parse_words(text))


def widen(parsed: ParsedQuery) -> ParsedQuery:
    """The query with its named records looked up (`named`: people, then places, for the
    results page to offer) and its plain words that name one widened with its other names."""
    if parsed.node is None or not parsed.has_words:
        return parsed
    looked_up = replace(parsed, named=(*people_named(parsed), *places_named(parsed)))
    if not _plain_words(parsed.node):
        return looked_up
    records = looked_up.named or ()
    named = {
        tuple(words(name)): record for record in reversed(records) for name in all_names(record)
    }
    widenings: list[Widening] = []
    node = _rewrite(parsed.node, named, widenings)
    if not widenings:
        return looked_up
    notices = (*parsed.notices, *map(_notice, widenings))
    return replace(looked_up, node=node, notices=notices, widened=tuple(widenings))


def _plain_words(node: Node) -> bool:
    if isinstance(node, And | Or):
        return any(_plain_words(part) for part in node.parts)
    return plain_word(node)


def _rewrite(node: Node, named: Named, found: list[Widening]) -> Node:
    """The tree with each run of plain words that is a name made (run OR other names)."""
    if isinstance(node, Or):
        return Or(tuple(_rewrite(part, named, found) for part in node.parts))
    parts = node.parts if isinstance(node, And) else (node,)
    rewritten: list[Node] = []
    first = 0
    while first < len(parts):
        end = _longest_name(parts, first, named)
        if end is None:
            part = parts[first]
            rewritten.append(_rewrite(part, named, found) if isinstance(part, Or) else part)
            first += 1
            continue
        run = parts[first:end]
        typed = tuple(part.text for part in run)  # type: ignore[union-attr]
        record = named[tuple(w for text in typed for w in words(text))]
        others = _other_names(record, typed)
        rewritten += run if not others else [Or((_all(run), *map(Phrase, others)))]
        if others:
            found.append(Widening(typed, record.label(), others))
        first = end
    return rewritten[0] if len(rewritten) == 1 else And(tuple(rewritten))


def _all(run: Sequence[Node]) -> Node:
    return run[0] if len(run) == 1 else And(tuple(run))


def _longest_name(
    parts: Sequence[Node], first: int, named: dict[tuple[str, ...], Any]
) -> int | None:
    for end in range(min(len(parts), first + RUN), first, -1):
        run = parts[first:end]
        if all(plain_word(part) for part in run):
            folded = tuple(w for part in run for w in words(part.text))  # type: ignore[union-attr]
            if folded in named:
                return end
    return None


def _other_names(record: Any, typed: tuple[str, ...]) -> tuple[str, ...]:
    """The record's names other than the typed one, each once (by its words)."""
    seen = {tuple(w for text in typed for w in words(text))}
    others = []
    for name in all_names(record):
        key = tuple(words(name))
        if key and key not in seen:
            seen.add(key)
            others.append(name)
    return tuple(others[:NAMES])


def _notice(widening: Widening) -> str:
    names = list(widening.names)
    listed = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    return f"“{' '.join(widening.typed)}” names {widening.record}: also searched for {listed}."


def exact(parsed: ParsedQuery, widening: Widening) -> str:
    """The reader's text with the words that named a record quoted: that spelling only."""
    quoted = f'"{" ".join(widening.typed)}"'
    typed = r"\W+".join(re.escape(word) for word in widening.typed)
    found = re.search(rf"(?<![\w\"]){typed}(?![\w\"])", parsed.text, re.IGNORECASE)
    if found is None:
        return quoted
    return parsed.text[: found.start()] + quoted + parsed.text[found.end() :]
