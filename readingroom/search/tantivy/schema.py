"""The Tantivy index's schema and analyzers: which fields exist, how each is analyzed, and how
an IndexDocument becomes a Tantivy document.

Text fields are searched (BM25); facet fields are fast columns counted by terms aggregations
and filtered by term queries; dates and sort keys are fast columns. Every analyzer lower-cases,
folds diacritics to ASCII (Ürümqi = Urumqi; Cyrillic and other scripts are kept) and drops
absurdly long tokens; English and Russian texts are also stemmed. In-word apostrophes are
removed, Traditional Chinese made Simplified and the characters of Chinese, Japanese and Korean
spaced apart before any analyzer sees the text (`analysis.prepare`), at indexing and at query
time alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import tantivy

from readingroom.catalogue.ids import read_public_id

from ..analysis import MAX_WORD, prepare, prepared_and_characters
from ..backend import IndexDocument
from ..facets import FACETS
from ..filed import filed_month, filed_year
from ..languages import written_in
from ..romanization import romanized
from ..sorting import date_sort_keys, title_sort_key

ENGLISH = "rr_english"
RUSSIAN = "rr_russian"
FOLDED = "rr_folded"


def analyzer(stem_language: str | None = None) -> tantivy.TextAnalyzer:
    builder = (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(4 * MAX_WORD + 1))  # bytes: MAX_WORD in any script
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.ascii_fold())
    )
    if stem_language:
        builder = builder.filter(tantivy.Filter.stemmer(stem_language))
    return builder.build()


ANALYZERS = {ENGLISH: analyzer("english"), RUSSIAN: analyzer("russian"), FOLDED: analyzer()}


@dataclass(frozen=True)
class TextField:
    """An analyzed field. With `stored`, the original text (apostrophes and all) is kept
    beside it in `original`, for highlighted passages."""

    name: str
    analyzer: str
    boost: float
    stored: bool = False

    @property
    def original(self) -> str:
        return f"{self.name}_original"


# The fields a word without a field name is looked for in, with their BM25 boosts.
TITLE = TextField("title", ENGLISH, 3.0)
SUMMARY = TextField("summary", ENGLISH, 1.5, stored=True)
TEXT_EN = TextField("text_en", ENGLISH, 1.0, stored=True)
TEXT_RU = TextField("text_ru", RUSSIAN, 1.0, stored=True)
TEXT_OTHER = TextField("text_other", FOLDED, 1.0, stored=True)
NAMES = TextField("names", FOLDED, 2.0)
PLACES = TextField("places", FOLDED, 1.5)
SUBJECTS = TextField("subjects", FOLDED, 1.5)
REPOSITORY = TextField("repository", FOLDED, 0.5)
TEXT_FIELDS = (TITLE, SUMMARY, TEXT_EN, TEXT_RU, TEXT_OTHER, NAMES, PLACES, SUBJECTS, REPOSITORY)
# A quoted phrase asks for that spelling: the document's own words, not the names and variants
# of the records it is linked to ("Filippov" quoted finds the texts that say Filippov, not every
# document linked to Stalin, one of whose variants it is).
WRITTEN_FIELDS = (TITLE, SUMMARY, TEXT_EN, TEXT_RU, TEXT_OTHER)
PASSAGE_FIELDS = (SUMMARY, TEXT_EN, TEXT_RU, TEXT_OTHER)
# The Cyrillic words of the written fields in Latin letters (romanization.py): what a Latin
# word also looks in, boosted below every written field so that matches in the reader's own
# script come first.
ROMANIZED = TextField("romanized", FOLDED, 0.1)
# The Chinese, Japanese and Korean characters of the written fields, in place
# (`analysis.characters_only`): what a Pinyin reading, a regular expression per syllable, is
# matched against; their vocabulary is a few thousand characters, the texts' a million words.
CHARACTERS = TextField("characters", FOLDED, 0.1)
# Unstemmed words of titles and summaries: the dictionary spelling suggestions come from.
VOCABULARY = TextField("vocabulary", FOLDED, 0.0)
TEXT_BY_LANGUAGE = {"en": TEXT_EN, "ru": TEXT_RU}

# What a reader's `field:` prefix searches.
FIELDS_BY_PREFIX = {
    "title": (TITLE,),
    "person": (NAMES,),
    "place": (PLACES,),
    "subject": (SUBJECTS,),
    "repository": (REPOSITORY,),
}

PUBLIC_ID = "public_id"
FINGERPRINT_HIGH = "fingerprint_high"  # the fingerprint's 24 hex digits as two numbers
FINGERPRINT_LOW = "fingerprint_low"
EARLIEST = "earliest_day"  # day numbers (date.toordinal); absent when undated
LATEST = "latest_day"
YEAR = "year"  # the year filed under (filed.py): the histogram and its bars' filter
MONTH = "month"  # the month filed under (a month number), for dates known to a month
DATE_ASCENDING = "sort_date"
DATE_DESCENDING = "sort_date_desc"
SORT_TITLE = "sort_title"
OPEN_START = 0  # the day number of an open start ("../1945")
OPEN_END = 2**40  # and of an open end
# A period filter looks a dated document up by the calendar years its date touches (terms:
# about 15 times cheaper per document than a range over a column of day numbers), checking the
# exact day bounds only in a partly covered first or last year. Dates open at an end, or
# touching more than MAX_YEARS years, are kept in columns of their own instead (few).
YEARS_TOUCHED = "years_touched"
MAX_YEARS = 100
LONG_EARLIEST = "long_earliest_day"
LONG_LATEST = "long_latest_day"
# Bumped whenever the schema or the analysis changes: an index of another version is rebuilt.
SCHEMA_VERSION = "10"  # 8: Cyrillic romanized; 9: characters; 10: the month filed under


def facet_field(name: str) -> str:
    return f"facet_{name}"


NUMERIC = frozenset(facet.name for facet in FACETS if facet.model is not None)


def numeric(facet: str) -> bool:
    """Facets whose values are public ids are unsigned columns (counted faster than strings:
    exact counts of a facet with many values cost less)."""
    return facet in NUMERIC


def facet_term(facet: str, value: str) -> int | str | None:
    """The indexed form of a facet value; None when it cannot be one (a non-number id)."""
    if facet not in NUMERIC:
        return value
    return read_public_id(value)


def build_schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_unsigned_field(PUBLIC_ID, indexed=True, fast=True)
    builder.add_unsigned_field(FINGERPRINT_HIGH, fast=True)
    builder.add_unsigned_field(FINGERPRINT_LOW, fast=True)
    for field in TEXT_FIELDS:
        builder.add_text_field(field.name, tokenizer_name=field.analyzer)
        if field.stored:
            builder.add_bytes_field(field.original, stored=True)
    builder.add_text_field(VOCABULARY.name, tokenizer_name=FOLDED, index_option="basic")
    builder.add_text_field(ROMANIZED.name, tokenizer_name=FOLDED)
    builder.add_text_field(CHARACTERS.name, tokenizer_name=FOLDED)
    for facet in FACETS:
        if numeric(facet.name):
            builder.add_unsigned_field(facet_field(facet.name), indexed=True, fast=True)
        else:
            builder.add_text_field(
                facet_field(facet.name), fast=True, tokenizer_name="raw", index_option="basic"
            )
    for name in (EARLIEST, LATEST, LONG_EARLIEST, LONG_LATEST, YEAR, MONTH):
        builder.add_integer_field(name, indexed=True, fast=True)
    builder.add_integer_field(YEARS_TOUCHED, indexed=True)
    builder.add_unsigned_field(DATE_ASCENDING, fast=True)
    builder.add_unsigned_field(DATE_DESCENDING, fast=True)
    builder.add_text_field(SORT_TITLE, fast=True, tokenizer_name="raw", index_option="basic")
    return builder.build()


SCHEMA = build_schema()


def register_analyzers(index: tantivy.Index) -> None:
    """Every Index object needs these before it reads or writes analyzed fields."""
    for name, text_analyzer in ANALYZERS.items():
        index.register_tokenizer(name, text_analyzer)


def tantivy_document(document: IndexDocument) -> tantivy.Document:
    """The Tantivy document, made in one call from a dict (ten times faster than adding
    field by field from Python). Empty fields are left out."""
    high, low = split_fingerprint(document.fingerprint)
    fields: dict[str, list[Any]] = {
        PUBLIC_ID: [document.public_id],
        FINGERPRINT_HIGH: [high],
        FINGERPRINT_LOW: [low],
    }
    _add_texts(fields, document)
    for name, values in document.facets:
        if values:
            terms = _numbers(values) if name in NUMERIC else list(values)
            if terms:
                fields[FACET_FIELDS[name]] = terms
    _add_dates(fields, document)
    fields[SORT_TITLE] = [title_sort_key(document.sort_title, document.public_id)]
    return tantivy.Document.from_dict(fields, SCHEMA)


FACET_FIELDS = {facet.name: facet_field(facet.name) for facet in FACETS}


def _numbers(values: tuple[str, ...]) -> list[int]:
    """The values that are numbers, as numbers (the ids of a numeric facet)."""
    digits = "".join(values)
    if digits.isascii() and digits.isdigit() and all(values):  # ids as a rule: checked in C at once
        return list(map(int, values))
    return [int(v) for v in values if v.isascii() and v.isdigit()]


def _add_texts(fields: dict[str, list[Any]], document: IndexDocument) -> None:
    (title, title_characters), (summary, summary_characters) = (
        prepared_and_characters(document.title),
        prepared_and_characters(document.summary),
    )
    fields[TITLE.name] = [title]
    # Joined apart: no apostrophe beside the newline is in a word, so the summary is read once.
    fields[VOCABULARY.name] = [f"{title}\n{summary}"]
    if document.summary:
        fields[SUMMARY.name] = [summary]
        fields[SUMMARY.original] = [document.summary.encode()]
    characters = [title_characters, summary_characters]
    for text in document.texts:
        field = text_field(written_in(text.language, text.body))
        characters.append(_add_stored(fields, field, text.body))
    written = (document.title, document.summary, *(text.body for text in document.texts))
    latin = [romanized(value) for value in written]
    for field, found in ((ROMANIZED, latin), (CHARACTERS, characters)):
        if any(found):
            fields[field.name] = [words for words in found if words]
    for field, values in (
        (NAMES, document.names),
        (PLACES, document.places),
        (SUBJECTS, document.subjects),
        (REPOSITORY, document.repository),
    ):
        if values:
            fields[field.name] = [prepare(value) for value in values]


def text_field(language: str) -> TextField:
    return TEXT_BY_LANGUAGE.get(language.split("-")[0].lower(), TEXT_OTHER)


def _add_stored(fields: dict[str, list[Any]], field: TextField, text: str) -> str:
    """The text prepared in the field and kept as written beside it; returns its characters
    of the scripts written without spaces (`characters_only`)."""
    prepared, characters = prepared_and_characters(text)
    fields.setdefault(field.name, []).append(prepared)
    fields.setdefault(field.original, []).append(text.encode())
    return characters


def _add_dates(fields: dict[str, list[Any]], document: IndexDocument) -> None:
    ascending, descending = date_sort_keys(document.earliest, document.latest, document.public_id)
    fields[DATE_ASCENDING], fields[DATE_DESCENDING] = [ascending], [descending]
    if document.earliest is None and document.latest is None:
        return
    first = document.earliest.toordinal() if document.earliest else OPEN_START
    last = document.latest.toordinal() if document.latest else OPEN_END
    fields[EARLIEST], fields[LATEST] = [first], [last]
    earliest, latest = document.earliest, document.latest
    touched = range(earliest.year, latest.year + 1) if earliest and latest else range(0)
    if 0 < len(touched) <= MAX_YEARS:
        fields[YEARS_TOUCHED] = list(touched)
    else:
        fields[LONG_EARLIEST], fields[LONG_LATEST] = [first], [last]
    fields[YEAR] = [filed_year(earliest, latest)]
    month = filed_month(earliest, latest)
    if month is not None:
        fields[MONTH] = [month]


def split_fingerprint(fingerprint: str) -> tuple[int, int]:
    """A fingerprint of up to 32 hex digits as two unsigned numbers (fast columns)."""
    digits = fingerprint.rjust(32, "0") if fingerprint else "0" * 32
    return int(digits[:16], 16), int(digits[16:32], 16)


def join_fingerprint(high: int, low: int, length: int) -> str:
    return f"{high:016x}{low:016x}"[-length:] if length else ""
