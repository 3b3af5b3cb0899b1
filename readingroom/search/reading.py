"""Reading search parameters from a request: each value checked, with a notice for what could
not be used, into the one `SearchParams` value (params.py) and whether the request spelled it
canonically. `/search`, the record pages, the feeds, the exports and the JSON API read their
parameters here.

Values that cannot be read (an unknown sort, page 0, `per_page=7`, `from=1945-13`) fall back
to the default with a notice saying what was done; the caller shows the notices (and does not
redirect, so the reader learns what happened).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol
from urllib.parse import parse_qsl

from readingroom.catalogue.ids import read_public_id

from .facets import FACETS_BY_NAME
from .filed import is_bucket
from .params import (
    DEFAULT_PER_PAGE,
    FILTERS,
    MAX_FILTERS,
    MAX_PAGE,
    PER_PAGE_CHOICES,
    RECORD_FILTERS,
    SORT_LABELS,
    SearchParams,
    canonical_sort,
    day_bounds,
    narrowest,
    ordered,
)
from .query import parse as parse_words

LANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$")

CONTROL = re.compile(r"[\x00-\x1f\x7f]")

WHITESPACE = re.compile(r"\s+")


class MultiValued(Protocol):
    """What a Django QueryDict (or MultiValueDict) offers."""

    def getlist(self, key: str) -> list[str]: ...

    def __iter__(self) -> Iterator[str]: ...


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
    scope = ordered(scope)
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
    filters = narrowest(found, scope)
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
    if value and not is_bucket(value):
        notices.append(
            f"Ignored “year={_shown(value)}”: a decade (1940s), a year (1945) or a month (1945-03)."
        )
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
    return canonical_sort(replace(params, sort=value))


def _positive(value: str) -> int | None:
    if not value.isascii() or not value.isdigit() or len(value) > 9:
        return None
    number = int(value)
    return number if number >= 1 else None


def _shown(value: str, limit: int = 40) -> str:
    """A value quoted in a notice: shortened, control characters removed."""
    value = CONTROL.sub("", value)
    return value if len(value) <= limit else value[: limit - 1] + "…"
