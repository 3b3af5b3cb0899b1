"""Highlighted passages of hits, from the stored original texts: the snippet generator finds
and marks the query's words; marks are returned as character spans, never as HTML."""

from __future__ import annotations

import tantivy

from ..analysis import Origins, prepare
from ..backend import Passage
from ..query import ParsedQuery
from ..romanization import AcrossScripts
from .schema import PASSAGE_FIELDS, SCHEMA

PASSAGE_CHARS = 240
PASSAGES = 2


class PassageMaker:
    """Highlighted passages of the summary and texts of hits, for one query."""

    def __init__(
        self, searcher: tantivy.Searcher, query: tantivy.Query, parsed: ParsedQuery
    ) -> None:
        self.across = AcrossScripts(parsed)
        self.generators = []
        for field in PASSAGE_FIELDS:
            generator = tantivy.SnippetGenerator.create(searcher, query, SCHEMA, field.name)
            generator.set_max_num_chars(PASSAGE_CHARS)
            self.generators.append(generator)

    def passages(self, stored: tantivy.Document) -> tuple[Passage, ...]:
        """Passages of the original texts. The index holds them prepared (`analysis.prepare`:
        no in-word apostrophes, Chinese characters spaced apart); snippets are found in that
        form and mapped back."""
        found: list[Passage] = []
        for field, generator in zip(PASSAGE_FIELDS, self.generators, strict=True):
            for value in stored.get_all(field.original):
                original = bytes(value).decode()
                prepared = prepare(original)
                document = tantivy.Document()
                document.add_text(field.name, prepared)
                snippet = generator.snippet_from_doc(document)
                if snippet.highlighted():
                    found.append(_passage(original, prepared, snippet))
                elif across := self.across.passage(original, PASSAGE_CHARS // 2):
                    found.append(across)  # the query's words in another script
                if len(found) == PASSAGES:
                    return tuple(found)
        return tuple(found)


def _passage(original: str, prepared: str, snippet: tantivy.Snippet) -> Passage:
    """The snippet's fragment and marks, in characters of the original text (Tantivy counts
    UTF-8 bytes of the prepared text)."""
    encoded = prepared.encode()

    def char(offset: int) -> int:
        return len(encoded[:offset].decode(errors="ignore"))

    where = snippet.fragment_range()
    spans = [
        (char(where.start + r.start), char(where.start + r.end)) for r in snippet.highlighted()
    ]
    start, end = char(where.start), char(where.end)
    if prepared != original:
        origins = Origins(original)
        spans = [(origins.offset(a), origins.offset(b, closing=True)) for a, b in spans]
        start, end = origins.offset(start), origins.offset(end, closing=True)
    return Passage(original[start:end], tuple((a - start, b - start) for a, b in spans))
