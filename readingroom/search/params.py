"""The public search parameters as one value (`SearchParams`): a result set, the page of it,
the links to its neighbours (another filter, sort or page), and the one canonical query string
that spells it. Reading them from a request is `reading.py`.

`/search`, the record pages (a person page is a search filtered to that person) and the JSON API
share these values, so a result set has exactly one spelling everywhere:

    q, person, author, recipient, discussed, place, subject, repository, collection, language,
    type, from, to, year, sort, page, per_page

in that order, no empty parameters, no repeats, repeated facet values sorted (ids by number),
defaults left out (`page=1`, `per_page=10`, the default sort), no filter another implies
(`person=12` beside `author=12`: facets.implied). Any other spelling of the same
result set redirects to the canonical one.

Nothing here knows about HTML.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from urllib.parse import urlencode

from .backend import SORTS, SearchQuery
from .facets import FACETS_BY_NAME, implied
from .filed import bucket_months, bucket_years
from .query import ParsedQuery
from .query import parse as parse_words
from .widening import widen

RECORD_FILTERS = (
    "person",
    "author",
    "recipient",
    "discussed",
    "place",
    "subject",
    "repository",
    "collection",
)
CODE_FILTERS = ("language", "type")
FILTERS = (*RECORD_FILTERS, *CODE_FILTERS)
assert set(FILTERS) == set(FACETS_BY_NAME), "every facet is a parameter, in a place of its own"
POSITION = {name: number for number, name in enumerate(FILTERS)}
ORDER = ("q", *FILTERS, "from", "to", "year", "sort", "page", "per_page")
PER_PAGE_CHOICES = (10, 25, 50, 100)
DEFAULT_PER_PAGE = 10
CURATED = "curated"  # a collection's own order; valid only when filtered to one collection
SORT_LABELS = {
    "relevance": "Relevance",
    "date": "Date (oldest first)",
    "-date": "Date (newest first)",
    "title": "Title (A–Z)",
    CURATED: "Collection order",
}
MAX_PAGE = 100_000
MAX_FILTERS = 30
EDTF_DAY = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class SearchParams:
    """One result set and the page of it asked for.

    `scope` holds filters the page itself implies (the person on a person page): part of the
    result set, never written in the query string.
    """

    text: str = ""
    filters: tuple[tuple[str, str], ...] = ()  # canonical order (see `ordered`)
    date_from: str = ""  # as given, EDTF year, month or day
    date_to: str = ""
    year: str = ""  # a histogram bar ("1940s", "1945", "1945-03"): the documents filed under it
    sort: str = ""  # "" means the default for this result set
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE
    scope: tuple[tuple[str, str], ...] = ()
    default_sort: str = ""  # the default without words ("date", or CURATED on a collection)
    # `text` parsed, on first use; carried by `replace` to the page's links while the text
    # stays the same, so a request parses its words once (see `words`)
    parsed: ParsedQuery | None = field(default=None, compare=False, repr=False)
    widened: ParsedQuery | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.parsed is not None and self.parsed.text != self.text:
            object.__setattr__(self, "parsed", None)  # (frozen: set once, as cached_property)
        if self.widened is not None and self.widened.text != self.text:
            object.__setattr__(self, "widened", None)

    @property
    def words(self) -> ParsedQuery:
        """The words parsed: once for these params and every params made from them with the
        same text."""
        if self.parsed is None:
            object.__setattr__(self, "parsed", parse_words(self.text))
        assert self.parsed is not None
        return self.parsed

    @property
    def searched(self) -> ParsedQuery:
        """The words as searched: widened with the other names of the records they name
        (search/widening.py; it reads the database and the index, once for these params)."""
        if self.widened is None:
            object.__setattr__(self, "widened", widen(self.words))
        assert self.widened is not None
        return self.widened

    @property
    def effective_sort(self) -> str:
        """The sort in use: relevance by default with words, else the page's default."""
        return self.sort or self.implicit_sort

    @property
    def implicit_sort(self) -> str:
        """The sort when none is asked for: relevance with words, else the page's default."""
        return "relevance" if self.text else (self.default_sort or "date")

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    @cached_property  # (a frozen dataclass: worked out once, on first use)
    def all_filters(self) -> tuple[tuple[str, str], ...]:
        return ordered((*self.scope, *self.filters))

    @cached_property
    def implied(self) -> set[tuple[str, str]]:
        """Filters that the page's filters and scope imply (person=12 when author=12)."""
        return implied(self.all_filters)

    @property
    def earliest(self) -> dt.date | None:
        return day_bounds(self.date_from)[0] if self.date_from else None

    @property
    def latest(self) -> dt.date | None:
        return day_bounds(self.date_to)[1] if self.date_to else None

    @property
    def is_filtered(self) -> bool:
        """True when words, filters or dates narrow the page's own result set."""
        return bool(self.text or self.filters or self.date_from or self.date_to or self.year)

    def sorts(self) -> tuple[str, ...]:
        """The sorts a reader may choose for this result set."""
        collections = [v for f, v in self.all_filters if f == "collection"]
        return (*SORTS, CURATED) if len(collections) == 1 else SORTS

    def search_query(self, **overrides: object) -> SearchQuery:
        """The backend query for this page (`overrides` set SearchQuery fields)."""
        sort = self.effective_sort
        fields: dict[str, object] = {
            "words": self.searched,
            "filters": self.all_filters,
            "date_from": self.earliest,
            "date_to": self.latest,
            "years": bucket_years(self.year),
            "months": bucket_months(self.year),
            "sort": "date" if sort == CURATED else sort,
            "offset": self.offset,
            "limit": self.per_page,
        }
        fields.update(overrides)
        return SearchQuery(**fields)  # type: ignore[arg-type]

    def pairs(self) -> list[tuple[str, str]]:
        """The canonical (name, value) pairs, in order."""
        return self._pairs(self.filters, self.page)

    def filter_added_pairs(self, name: str, value: str) -> list[tuple[str, str]] | None:
        """`with_filter(name, value).pairs()` without making those params (a sidebar links
        hundreds of values); None when that link changes more than the filters and the page."""
        filters = self._filters_with(name, value)
        return None if filters is None else self._pairs(filters, 1)

    def filter_slot(self, name: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]] | None:
        """The pairs before and after the filter `filter_added_pairs(name, value)` adds, for
        any value the page has not (None when where it goes or what it drops depends on the
        value, a filter of `name` or of the facet it implies being there, or for a collection)."""
        implies = FACETS_BY_NAME[name].implies
        if name == "collection" or any(n in (name, implies) for n, _ in self.filters):
            return None
        at = bisect_left(self.filters, POSITION[name], key=lambda f: POSITION[f[0]])
        pairs = self._pairs(self.filters, 1)
        at += 1 if self.text else 0
        return pairs[:at], pairs[at:]

    def _pairs(self, filters: tuple[tuple[str, str], ...], page: int) -> list[tuple[str, str]]:
        result: list[tuple[str, str]] = [("q", self.text)] if self.text else []
        result += filters
        result += [("from", self.date_from)] if self.date_from else []
        result += [("to", self.date_to)] if self.date_to else []
        result += [("year", self.year)] if self.year else []
        result += [("sort", self.sort)] if self.sort else []
        result += [("page", str(page))] if page != 1 else []
        if self.per_page != DEFAULT_PER_PAGE:
            result.append(("per_page", str(self.per_page)))
        return result

    def query_string(self) -> str:
        """THE canonical query string of this page ("" for none), without the "?"."""
        return urlencode(self.pairs())

    # Links: each returns new params, canonical again, back on page 1 unless said otherwise.

    def with_filter(self, name: str, value: str) -> SearchParams:
        filters = self._filters_with(name, value)
        if filters is not None:
            return replace(self, filters=filters, page=1)
        added = (name, value)
        if added in self.all_filters or added in self.implied:
            return self._first_page()
        return self._rebuilt(filters=(*self.filters, added))

    def _filters_with(self, name: str, value: str) -> tuple[tuple[str, str], ...] | None:
        """The filters once this one is added, when nothing else changes but the page (None:
        it is there already, or it is a collection, which brings its own sorts)."""
        added = (name, value)
        if name == "collection" or added in self.all_filters or added in self.implied:
            return None
        return self._inserted(added)

    def _inserted(self, added: tuple[str, str]) -> tuple[tuple[str, str], ...]:
        """`narrowest` of the filters and one more that neither they nor the scope imply: put in
        its place, and the filter it implies dropped (author=12 makes person=12 redundant)."""
        dropped = implied([added])
        kept = [f for f in self.filters if f not in dropped]
        at = bisect_left(kept, _filter_key(added), key=_filter_key)
        return (*kept[:at], added, *kept[at:])

    def without_filter(self, name: str, value: str) -> SearchParams:
        return self._rebuilt(filters=tuple(f for f in self.filters if f != (name, value)))

    def without_text(self) -> SearchParams:
        return self._rebuilt(text="")

    def with_dates(self, date_from: str, date_to: str) -> SearchParams:
        return self._rebuilt(date_from=date_from, date_to=date_to)

    def with_year(self, year: str) -> SearchParams:
        return self._rebuilt(year=year)

    def with_sort(self, sort: str) -> SearchParams:
        return self._rebuilt(sort=sort)

    def unscoped(self) -> SearchParams:
        """The same page as a plain /search: the scope written as filters, the sort explicit
        where the scope's default differed (a collection's curated order)."""
        sort = self.effective_sort
        plain = replace(self, filters=self.all_filters, scope=(), default_sort="", sort=sort)
        return replace(plain, sort=canonical_sort(plain))

    def rescoped(self, scope: Sequence[tuple[str, str]]) -> SearchParams:
        """The same words, filters, dates, sort and page size over another scope (a person
        page's other tab), on page 1."""
        return replace(self, scope=ordered(scope))._rebuilt()

    def with_page(self, page: int) -> SearchParams:
        return replace(self, page=max(1, min(page, MAX_PAGE)))

    def with_per_page(self, per_page: int) -> SearchParams:
        return self._rebuilt(per_page=per_page)

    def _first_page(self) -> SearchParams:
        return replace(self, page=1)

    def _rebuilt(self, **changes: object) -> SearchParams:
        changed = replace(self, page=1, **changes)  # type: ignore[arg-type]
        filters = narrowest(changed.filters, changed.scope)
        if filters != changed.filters:
            changed = replace(changed, filters=filters)
        sort = canonical_sort(changed) if changed.sort in changed.sorts() else ""
        return changed if sort == changed.sort else replace(changed, sort=sort)


def day_bounds(value: str) -> tuple[dt.date, dt.date]:
    """Earliest and latest day of an EDTF year, month or day; ValueError if it is not one."""
    match = EDTF_DAY.match(value)
    if not match:
        raise ValueError(value)
    year, month, day = (int(part) if part else None for part in match.groups())
    assert year is not None
    if year < 1:
        raise ValueError(value)
    if month is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if day is None:
        last = calendar.monthrange(year, month)[1] if 1 <= month <= 12 else 0
        return dt.date(year, month, 1), dt.date(year, month, last)
    first = dt.date(year, month, day)
    return first, first


def narrowest(
    filters: Iterable[tuple[str, str]], scope: tuple[tuple[str, str], ...]
) -> tuple[tuple[str, str], ...]:
    """The filters in canonical order, without those of the scope or implied by another."""
    filters = ordered(filters)
    redundant = {*scope, *implied((*filters, *scope))}
    return tuple(f for f in filters if f not in redundant)


def ordered(filters: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """No repeats; in parameter order; values sorted (record ids as numbers)."""
    return tuple(sorted(set(filters), key=_filter_key))


def _filter_key(item: tuple[str, str]) -> tuple[int, int, str]:
    name, value = item
    number = int(value) if name in RECORD_FILTERS and value.isdigit() else 0
    return POSITION[name], number, value


def canonical_sort(params: SearchParams) -> str:
    """The sort as written in the URL: "" when it is the default for these params."""
    if not params.sort:
        return ""
    if params.sort == params.implicit_sort:
        return ""
    if params.sort == "relevance" and not params.text:
        return ""  # relevance without words is the default order
    return params.sort
