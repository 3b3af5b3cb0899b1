"""Spelling suggestions from the index's own vocabulary: "Governer" -> "Governor".

A word of the query is suspect when few documents have it in their titles, summaries, names,
places or subjects (the unstemmed vocabulary). Its candidates are the vocabulary's words within
one or two edits (insert, delete, substitute, swap; same first two letters) that are found in
many more documents and would not find the same documents anyway (another stem). The most
frequent of the closest wins. The suggestion is the reader's query with those words replaced,
in the reader's case.
"""

from __future__ import annotations

import re

import tantivy

from ..analysis import fold, prepare
from ..query import ParsedQuery, Term
from .schema import ANALYZERS, ENGLISH, NAMES, PLACES, SUBJECTS, VOCABULARY

SOURCES = (VOCABULARY.name, NAMES.name, PLACES.name, SUBJECTS.name)
RARE = 3  # a word in fewer documents than this may be misspelled
BETTER = 5  # a correction must be in this many times more documents (and at least RARE)
MIN_LENGTH = 4
CANDIDATES = 20_000  # vocabulary words read per prefix, at most
TOKEN = re.compile(r"\w+(?:['’ʼ]\w+)*")


def suggest(searcher: tantivy.Searcher, parsed: ParsedQuery) -> str | None:
    """The reader's text corrected, or None when every word looks right."""
    corrections: dict[str, str] = {}
    for leaf in parsed.positive_leaves():
        if not isinstance(leaf, Term) or leaf.prefix or leaf.field == "language":
            continue
        for word in ANALYZERS["rr_folded"].analyze(prepare(leaf.text)):
            if word not in corrections and len(word) >= MIN_LENGTH and not word.isdigit():
                correction = correct(searcher, word)
                if correction:
                    corrections[word] = correction
    return rewrite(parsed.text, corrections) if corrections else None


def frequency(searcher: tantivy.Searcher, word: str) -> int:
    return max(searcher.doc_freq(field, word) for field in SOURCES)


def correct(searcher: tantivy.Searcher, word: str) -> str | None:
    known = frequency(searcher, word)
    if known >= RARE:
        return None
    limit = 1 if len(word) <= 5 else 2
    counts: dict[str, int] = {}
    for field in SOURCES:
        for term, count in searcher.terms_with_prefix(field, word[:2], limit=CANDIDATES):
            if abs(len(term) - len(word)) <= limit and count > counts.get(term, 0):
                counts[term] = count
    stem = ANALYZERS[ENGLISH].analyze(word)
    best: tuple[int, int, str] | None = None
    for term, count in counts.items():
        if count < max(RARE, BETTER * known):
            continue
        distance = edit_distance(word, term, limit)
        if distance > limit or ANALYZERS[ENGLISH].analyze(term) == stem:
            continue
        candidate = (distance, -count, term)
        best = candidate if best is None or candidate < best else best
    return best[2] if best else None


def edit_distance(first: str, second: str, limit: int) -> int:
    """Optimal string alignment distance (a swap of neighbours is one edit); above `limit`
    the exact value does not matter and limit + 1 is returned."""
    if abs(len(first) - len(second)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(second) + 1))
    for i, a in enumerate(first, start=1):
        current = [i] + [0] * len(second)
        for j, b in enumerate(second, start=1):
            cost = 0 if a == b else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a == second[j - 2] and first[i - 2] == b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return min(previous[-1], limit + 1)


def rewrite(text: str, corrections: dict[str, str]) -> str:
    """The reader's text with corrected words, each in the case the reader typed it."""

    def replace(match: re.Match[str]) -> str:
        typed = match.group()
        correction = corrections.get(fold(typed))
        if correction is None:
            return typed
        if typed.isupper() and len(typed) > 1:
            return correction.upper()
        if typed[0].isupper():
            return correction[0].upper() + correction[1:]
        return correction

    return TOKEN.sub(replace, text)
