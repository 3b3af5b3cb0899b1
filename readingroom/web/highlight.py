"""Highlighted passages: the search backend says which spans matched; we escape everything and
wrap the spans in <mark>."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape  # what Django's escape runs, without its checks for lazy strings

from django.utils.safestring import SafeString, mark_safe

from readingroom.search.backend import Passage

ELLIPSIS = "…"


def clean_marks(length: int, marks: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans inside the text, sorted, overlapping or touching ones merged, empty ones dropped."""
    spans = sorted((max(0, start), min(length, end)) for start, end in marks)
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if start >= end:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def passage_html(passage: Passage) -> SafeString:
    """The passage as HTML: its text escaped, the matched spans in <mark>."""
    text = passage.text
    pieces: list[str] = []
    cursor = 0
    for start, end in clean_marks(len(text), passage.marks):
        pieces.append(escape(text[cursor:start]))
        pieces.append(f"<mark>{escape(text[start:end])}</mark>")
        cursor = end
    pieces.append(escape(text[cursor:]))
    return mark_safe("".join(pieces))  # every piece of text is escaped above


def passages_html(passages: Sequence[Passage], limit: int = 2) -> list[SafeString]:
    """The first `limit` passages that have text, ready to show."""
    return [passage_html(p) for p in passages if p.text.strip()][:limit]


def within(text: str, passages: Sequence[Passage]) -> tuple[SafeString | None, list[Passage]]:
    """`text` (a summary) with the marks of the passages taken from it, and the other passages.

    A passage that only repeats part of the summary would show the same words twice; its
    marks go onto the summary instead. (None when no passage came from the text.)
    """
    marks: list[tuple[int, int]] = []
    others: list[Passage] = []
    for passage in passages:
        start = text.find(passage.text) if passage.text.strip() else -1
        if start < 0:
            others.append(passage)
            continue
        marks.extend((start + a, start + b) for a, b in passage.marks)
    if not marks:
        return None, others
    return passage_html(Passage(text, tuple(marks))), others
