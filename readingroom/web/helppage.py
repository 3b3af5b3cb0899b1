"""The search help page: the query syntax, each form with an example that runs it.

Keep in step with docs/search.md (the search engine's own description of its query language).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from readingroom.search.params import FILTERS, PER_PAGE_CHOICES, SORT_LABELS


@dataclass(frozen=True)
class Example:
    syntax: str
    meaning: str
    query: str

    @property
    def url(self) -> str:
        return f"/search?{urlencode({'q': self.query})}"


EXAMPLES = (
    Example("words", "Documents with all of the words, in any order.", "Stalin Molotov"),
    Example(
        "a name in any spelling",
        "Pseudonyms, transliterations, native scripts and misspellings find the same person.",
        "Filippov",
    ),
    Example(
        '"exact phrase"',
        "The words together, in this order, as the documents write them (not a linked "
        "person's other names).",
        '"Kurile Islands"',
    ),
    Example("word OR word", "Either word (OR in capitals, or |).", "Hokkaido OR Kurile"),
    Example("(word OR word) word", "Brackets group words.", "(Stalin OR Molotov) Korea"),
    Example("-word or NOT word", "Leave out documents with the word.", "Xinjiang -Japan"),
    Example("prefix*", "Words that begin this way (two letters at least).", "Soviet*"),
    Example("title:word", "The word in the title.", "title:telegram"),
    Example("title:(words)", "A field applies to a whole group.", "title:(Soviet ambassador)"),
    Example("person:name", "Documents linked to a person of that name.", "person:Sheng"),
    Example("place:name", "Documents about a place, under any of its names.", "place:Urumchi"),
    Example("subject:words", "Documents with a subject heading.", "subject:communism"),
    Example("repository:name", "Originals held by a repository.", "repository:RGASPI"),
    Example("language:code", "Originals in a language (its code or name).", "language:russian"),
)


@dataclass(frozen=True)
class HelpPage:
    examples: tuple[Example, ...]
    filters: tuple[str, ...]
    sorts: tuple[tuple[str, str], ...]
    per_page: tuple[int, ...]


def help_page() -> HelpPage:
    sorts = tuple((key, label) for key, label in SORT_LABELS.items())
    return HelpPage(EXAMPLES, FILTERS, sorts, PER_PAGE_CHOICES)
