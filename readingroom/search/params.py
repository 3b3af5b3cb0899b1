"""The public search parameters: reading them from a URL, checking them, and writing the one
canonical query string for a result set.

`/search`, the record pages (a person page is a search filtered to that person) and the JSON API
all read their parameters here, so a result set has exactly one spelling everywhere:

    q, person, author, recipient, discussed, place, subject, repository, collection, language,
    type, from, to, year, sort, page, per_page

in that order, no empty parameters, no repeats, repeated facet values sorted (ids by number),
defaults left out (`page=1`, `per_page=10`, the default sort), no filter another implies
(`person=12` beside `author=12`: facets.implied). Any other spelling of the same
result set redirects to the canonical one. Values that cannot be read (an unknown sort, page 0,
`per_page=7`, `from=1945-13`) fall back to the default with a notice saying what was done; the
caller shows the notices (and does not redirect, so the reader learns what happened).

Nothing here knows about HTML.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Protocol
from urllib.parse import parse_qsl, urlencode

from readingroom.catalogue.ids import read_public_id

from .backend import SORTS, SearchQuery
from .facets import FACETS_BY_NAME, implied
from .filed import bucket_years
from .query import ParsedQuery
from .query import parse as parse_words

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
LANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$")
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
WHITESPACE = re.compile(r"\s+")


class MultiValued(Protocol):
    """What a Django QueryDict (or MultiValueDict) offers."""

    def getlist(self, key: str) -> list[str]: ...

    def __iter__(self) -> Iterator[str]: ...


@dataclass(frozen=True)
class SearchParams:
    """One result set and the page of it asked for.

    `scope` holds filters the page itself implies (the person on a person page): part of the
    result set, never written in the query string.
    """

    text: str = ""
    filters: tuple[tuple[str, str], ...] = ()  # canonical order (see `_ordered`)
    date_from: str = ""  # as given, EDTF year, month or day
    date_to: str = ""
    year: str = ""  # a histogram bar, "1945" or "1940s": the documents filed under it (filed.py)
    sort: str = ""  # "" means the default for this result set
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE
    scope: tuple[tuple[str, str], ...] = ()
    default_sort: str = ""  # the default without words ("date", or CURATED on a collection)
    # `text` parsed, on first use; carried by `replace` to the page's links while the text
    # stays the same, so a request parses its words once (see `words`)
    parsed: ParsedQuery | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.parsed is not None and self.parsed.text != self.text:
            object.__setattr__(self, "parsed", None)  # (frozen: set once, as cached_property)

    @property
    def words(self) -> ParsedQuery:
        """The words parsed: once for these params and every params made from them with the
        same text."""
        if self.parsed is None:
            object.__setattr__(self, "parsed", parse_words(self.text))
        assert self.parsed is not None
        return self.parsed

    @property
    def effective_sort(self) -> str:
        """The sort in use: relevance by default with words, else the page's default."""
        if self.sort:
            return self.sort
        return "relevance" if self.text else (self.default_sort or "date")

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    @cached_property  # (a frozen dataclass: worked out once, on first use)
    def all_filters(self) -> tuple[tuple[str, str], ...]:
        return _ordered((*self.scope, *self.filters))

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
            "words": self.words,
            "filters": self.all_filters,
            "date_from": self.earliest,
            "date_to": self.latest,
            "years": bucket_years(self.year),
            "sort": "date" if sort == CURATED else sort,
            "offset": self.offset,
            "limit": self.per_page,
        }
        fields.update(overrides)
        return SearchQuery(**fields)  # type: ignore[arg-type]

    def pairs(self) -> list[tuple[str, str]]:
        """The canonical (name, value) pairs, in order."""
        result: list[tuple[str, str]] = [("q", self.text)] if self.text else []
        result += list(self.filters)
        result += [("from", self.date_from)] if self.date_from else []
        result += [("to", self.date_to)] if self.date_to else []
        result += [("year", self.year)] if self.year else []
        result += [("sort", self.sort)] if self.sort else []
        result += [("page", str(self.page))] if self.page != 1 else []
        if self.per_page != DEFAULT_PER_PAGE:
            result.append(("per_page", str(self.per_page)))
        return result

    def query_string(self) -> str:
        """THE canonical query string of this page ("" for none), without the "?"."""
        return urlencode(self.pairs())

    # Links: each returns new params, canonical again, back on page 1 unless said otherwise.

    def with_filter(self, name: str, value: str) -> SearchParams:
        if (name, value) in self.all_filters or (name, value) in self.implied:
            return self._first_page()
        if name != "collection":  # the choice of sorts stays (a sidebar makes hundreds of these)
            filters = _narrowest((*self.filters, (name, value)), self.scope)
            return replace(self, filters=filters, page=1)
        return self._rebuilt(filters=(*self.filters, (name, value)))

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
        return replace(plain, sort=_canonical_sort(plain))

    def rescoped(self, scope: Sequence[tuple[str, str]]) -> SearchParams:
        """The same words, filters, dates, sort and page size over another scope (a person
        page's other tab), on page 1."""
        return replace(self, scope=_ordered(scope))._rebuilt()

    def with_page(self, page: int) -> SearchParams:
        return replace(self, page=max(1, min(page, MAX_PAGE)))

    def with_per_page(self, per_page: int) -> SearchParams:
        return self._rebuilt(per_page=per_page)

    def _first_page(self) -> SearchParams:
        return replace(self, page=1)

    def _rebuilt(self, **changes: object) -> SearchParams:
        changed = replace(self, page=1, **changes)  # type: ignore[arg-type]
        filters = _narrowest(changed.filters, changed.scope)
        sort = changed.sort if changed.sort in changed.sorts() else ""
        changed = replace(changed, filters=filters, sort=sort)
        return replace(changed, sort=_canonical_sort(changed))


@dataclass(frozen=True)
class ParsedParams:
    """What a request asked for, the notices about values we could not use, and the
    canonical query string of the result."""

    params: SearchParams
    notices: tuple[str, ...] = ()
    given: tuple[tuple[str, str], ...] = field(default=())  # the request's own pairs

    @property
    def canonical(self) -> str:
        return self.params.query_string()

    @property
    def needs_redirect(self) -> bool:
        """True when the request spelled a readable result set another way than canonically.

        Requests with notices are answered where they are, so the reader sees the notice.
        """
        return not self.notices and list(self.given) != self.params.pairs()


def parse(
    data: MultiValued,
    *,
    scope: Sequence[tuple[str, str]] = (),
    default_sort: str = "",
    given: Sequence[tuple[str, str]] | None = None,
) -> ParsedParams:
    """Read search parameters from a QueryDict.

    `scope`: filters the page implies (not written in its URL). `default_sort`: the sort
    without words ("date" unless a collection page says CURATED). `given`: the request's pairs
    in their order, to decide on a redirect; by default taken from `data` (which groups
    repeated names, so pages should call `from_query_string`).
    """
    notices: list[str] = []
    scope = _ordered(scope)
    filters = _read_filters(data, scope, notices)
    date_from, date_to = _read_dates(data, notices)
    text = _read_text(data)
    params = SearchParams(
        text=text,
        parsed=parse_words(text),  # once, for every params made from these
        filters=filters,
        date_from=date_from,
        date_to=date_to,
        year=_read_year(data, notices),
        page=_read_page(data, notices),
        per_page=_read_per_page(data, notices),
        scope=scope,
        default_sort=default_sort,
    )
    params = replace(params, sort=_read_sort(data, params, notices))
    if given is None:
        given = [(key, value) for key in data for value in data.getlist(key)]
    return ParsedParams(params, tuple(notices), tuple(given))


def from_query_string(
    query_string: str, *, scope: Sequence[tuple[str, str]] = (), default_sort: str = ""
) -> ParsedParams:
    """`parse` a raw query string (as in the request's QUERY_STRING); use this for pages, so
    that parameters in another order also count as another spelling."""
    pairs = pairs_of(query_string)
    return parse(_Pairs(pairs), scope=scope, default_sort=default_sort, given=pairs)


def pairs_of(query_string: str) -> list[tuple[str, str]]:
    """A raw query string's (name, value) pairs, decoded, in their order, blanks kept."""
    return parse_qsl(query_string, keep_blank_values=True)


class _Pairs:
    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        self.values: dict[str, list[str]] = {}
        for name, value in pairs:
            self.values.setdefault(name, []).append(value)

    def getlist(self, key: str) -> list[str]:
        return self.values.get(key, [])

    def __iter__(self) -> Iterator[str]:
        return iter(self.values)


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


def _first(data: MultiValued, name: str) -> str:
    """The first non-empty value of a parameter (later repeats of a single one are ignored)."""
    for value in data.getlist(name):
        cleaned = WHITESPACE.sub(" ", CONTROL.sub(" ", value)).strip()
        if cleaned:
            return cleaned
    return ""


def _read_text(data: MultiValued) -> str:
    return _first(data, "q")


def _read_filters(
    data: MultiValued, scope: tuple[tuple[str, str], ...], notices: list[str]
) -> tuple[tuple[str, str], ...]:
    found: list[tuple[str, str]] = []
    for name in FILTERS:
        for raw in data.getlist(name):
            value = _filter_value(name, raw)
            if value is None:
                label = FACETS_BY_NAME[name].label.lower() if name in FACETS_BY_NAME else name
                notices.append(f"Ignored the {label} filter “{_shown(raw)}”: not a valid value.")
            elif value:
                found.append((name, value))
    filters = _narrowest(found, scope)
    if len(filters) > MAX_FILTERS:
        notices.append(f"Used the first {MAX_FILTERS} filters only.")
        filters = filters[:MAX_FILTERS]
    return filters


def _filter_value(name: str, raw: str) -> str | None:
    """The canonical form of a filter value; "" for a blank one, None for an invalid one."""
    value = WHITESPACE.sub(" ", CONTROL.sub("", raw)).strip()
    if not value:
        return ""
    if name in RECORD_FILTERS:
        public_id = read_public_id(value)
        return None if public_id is None else str(public_id)
    if name == "language":
        value = value.lower()
        return value if LANGUAGE.match(value) else None
    return value if len(value) <= 60 else None


def _narrowest(
    filters: Iterable[tuple[str, str]], scope: tuple[tuple[str, str], ...]
) -> tuple[tuple[str, str], ...]:
    """The filters in canonical order, without those of the scope or implied by another."""
    filters = _ordered(filters)
    redundant = {*scope, *implied((*filters, *scope))}
    return tuple(f for f in filters if f not in redundant)


def _ordered(filters: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """No repeats; in parameter order; values sorted (record ids as numbers)."""

    def key(item: tuple[str, str]) -> tuple[int, int, str]:
        name, value = item
        number = int(value) if name in RECORD_FILTERS and value.isdigit() else 0
        return POSITION[name], number, value

    return tuple(sorted(set(filters), key=key))


def _read_dates(data: MultiValued, notices: list[str]) -> tuple[str, str]:
    date_from = _read_date(data, "from", notices)
    date_to = _read_date(data, "to", notices)
    if date_from and date_to and day_bounds(date_from)[0] > day_bounds(date_to)[1]:
        notices.append(f"Swapped the dates: “from” {date_from} came after “to” {date_to}.")
        date_from, date_to = date_to, date_from
    return date_from, date_to


def _read_date(data: MultiValued, name: str, notices: list[str]) -> str:
    value = _first(data, name)
    if not value:
        return ""
    try:
        day_bounds(value)
    except ValueError:
        notices.append(
            f"Ignored “{name}={_shown(value)}”: dates are a year (1945), a month (1945-08) "
            "or a day (1945-08-23)."
        )
        return ""
    return value


def _read_year(data: MultiValued, notices: list[str]) -> str:
    value = _first(data, "year")
    if value and bucket_years(value) is None:
        notices.append(f"Ignored “year={_shown(value)}”: a year (1945) or a decade (1940s).")
        return ""
    return value


def _read_page(data: MultiValued, notices: list[str]) -> int:
    value = _first(data, "page")
    if not value:
        return 1
    number = _positive(value)
    if number is None:
        notices.append(f"Ignored “page={_shown(value)}”: pages are numbered from 1.")
        return 1
    if number > MAX_PAGE:
        notices.append(f"Pages go up to {MAX_PAGE:,} at most.")
        return MAX_PAGE
    return number


def _read_per_page(data: MultiValued, notices: list[str]) -> int:
    value = _first(data, "per_page")
    if not value:
        return DEFAULT_PER_PAGE
    number = _positive(value)
    if number not in PER_PAGE_CHOICES:
        choices = ", ".join(str(c) for c in PER_PAGE_CHOICES)
        notices.append(
            f"Showing {DEFAULT_PER_PAGE} per page: “{_shown(value)}” is not one of {choices}."
        )
        return DEFAULT_PER_PAGE
    return number


def _read_sort(data: MultiValued, params: SearchParams, notices: list[str]) -> str:
    value = _first(data, "sort")
    if not value:
        return ""
    if value not in params.sorts():
        default = SORT_LABELS[params.effective_sort].lower()
        notices.append(f"Sorted by {default}: there is no sort “{_shown(value)}”.")
        return ""
    return _canonical_sort(replace(params, sort=value))


def _canonical_sort(params: SearchParams) -> str:
    """The sort as written in the URL: "" when it is the default for these params."""
    if not params.sort:
        return ""
    default = replace(params, sort="").effective_sort
    if params.sort == default:
        return ""
    if params.sort == "relevance" and not params.text:
        return ""  # relevance without words is the default order
    return params.sort


def _positive(value: str) -> int | None:
    if not value.isascii() or not value.isdigit() or len(value) > 9:
        return None
    number = int(value)
    return number if number >= 1 else None


def _shown(value: str, limit: int = 40) -> str:
    """A value quoted in a notice: shortened, control characters removed."""
    value = CONTROL.sub("", value)
    return value if len(value) <= limit else value[: limit - 1] + "…"
