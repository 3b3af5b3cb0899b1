"""The facets beside a result list, the active filters as removable chips, and the date
histogram: what the reader can add or remove, each with the link that does it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from readingroom.catalogue.labels import record_labels
from readingroom.search.backend import DateHistogram, FacetCount, SearchResult
from readingroom.search.edition import memo
from readingroom.search.facets import FACETS, FACETS_BY_NAME, Facet
from readingroom.search.filed import (
    MONTH_NAMES,
    bucket_label,
    decade_bucket,
    month_bucket,
    month_of,
    year_bucket,
)
from readingroom.search.params import SearchParams

VISIBLE = 5  # values shown before "more"
FACET_LIMIT = 20  # values asked of the backend for the sidebar: 5 shown, 15 behind "more"
UrlFor = Callable[[SearchParams], str]


class Links(Protocol):
    """A result list's links (listing.Listing): its params, and the address of other params."""

    @property
    def params(self) -> SearchParams: ...

    def url(self, params: SearchParams) -> str: ...

    def filter_added(self, name: str, value: str) -> str: ...

    def filter_adder(self, name: str) -> Callable[[str], str]: ...


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool
    url: str  # adds the filter, or removes it when selected


@dataclass(frozen=True)
class FacetGroup:
    name: str
    label: str
    top: tuple[FacetValue, ...]
    more: tuple[FacetValue, ...]
    all_url: str | None  # the page of every value, when there may be more than shown


@dataclass(frozen=True)
class Chip:
    kind: str  # "Person", "Words", "Dates"
    label: str
    without: SearchParams  # the page once this filter is removed
    remove_url: str
    count_without: int | None = None  # results once removed (shown when nothing matches)


@dataclass(frozen=True)
class DateBar:
    label: str
    count: int
    url: str
    percent: int  # of the largest bar, in steps of 5 (a CSS class draws it: no inline styles)


@dataclass(frozen=True)
class DateFacet:
    decades: tuple[DateBar, ...]
    years: tuple[DateBar, ...]  # only when the results fall in one decade
    undated: int
    months: tuple[DateBar, ...] = ()  # only when the results are one year's (or a month's)
    months_year: int | None = None  # that year
    not_in_a_month: int = 0  # that year's documents not dated within one month

    @property
    def empty(self) -> bool:
        return not (self.decades or self.undated)


def facet_labels(
    facets: Mapping[str, Sequence[FacetCount]], params: SearchParams
) -> dict[str, dict[str, str]]:
    """Display labels for every value shown or filtered on: one query per kind of record
    (people in any role are labelled together); values the counts name need no check that a
    public document names them."""
    wanted: dict[str, set[str]] = {}
    counted: dict[str, set[str]] = {}
    for facet in FACETS:
        values = {c.value for c in facets.get(facet.name, ())}
        counted.setdefault(facet.family, set()).update(values)
        values |= {v for name, v in params.all_filters if name == facet.name}
        wanted.setdefault(facet.family, set()).update(values)
    found = {
        family: labels_of(FACETS_BY_NAME[family], sorted(values), counted[family])
        for family, values in wanted.items()
    }
    return {facet.name: found[facet.family] for facet in FACETS}


def labels_of(facet: Facet, values: list[str], counted: Iterable[str]) -> dict[str, str]:
    """Labels of one facet's values: names of the records, or the codes described. Labels of
    counted values (named by public documents) are kept until the archive's next edition."""
    if facet.model is None:
        return facet.code_labels(values)
    if not values:
        return {}
    kept = memo.table(f"labels:{facet.model.__name__}")
    known = set(counted)
    found = {v: kept[v] for v in values if v in known and v in kept}
    missing = [v for v in values if v not in found]
    if missing:
        looked_up = record_labels(facet.model, missing, known)
        kept.update((v, label) for v, label in looked_up.items() if v in known)
        found.update(looked_up)
    return found


def value_label(labels: dict[str, dict[str, str]], name: str, value: str) -> str:
    found = labels.get(name, {}).get(value)
    if found:
        return found
    facet = FACETS_BY_NAME.get(name)
    return f"{facet.label if facet else name} {value} (not found)"


def facet_groups(
    result: SearchResult,
    links: Links,
    labels: dict[str, dict[str, str]],
    all_url_for: Callable[[str], str] | None = None,
) -> list[FacetGroup]:
    """A group per facet with values, leaving out the page's own record (in any role: a person
    page's tabs are its roles) and values an active filter implies (its chip stands for them)."""
    groups = []
    params = links.params
    own = {(FACETS_BY_NAME[name].family, value) for name, value in params.scope}
    implied = params.implied
    for facet in FACETS:
        counts = [
            c
            for c in result.facets.get(facet.name, ())
            if (facet.family, c.value) not in own and (facet.name, c.value) not in implied
        ]
        if not counts:
            continue
        adder = links.filter_adder(facet.name)
        values = tuple(_value(facet.name, c, links, labels, adder) for c in counts)
        full = len(result.facets.get(facet.name, ())) >= FACET_LIMIT
        groups.append(
            FacetGroup(
                name=facet.name,
                label=facet.label,
                top=values[:VISIBLE],
                more=values[VISIBLE:],
                all_url=all_url_for(facet.name) if (full and all_url_for) else None,
            )
        )
    return groups


def _value(
    name: str,
    count: FacetCount,
    links: Links,
    labels: dict[str, dict[str, str]],
    adder: Callable[[str], str],
) -> FacetValue:
    selected = (name, count.value) in links.params.filters
    url = (
        links.url(links.params.without_filter(name, count.value))
        if selected
        else adder(count.value)
    )
    return FacetValue(
        value=count.value,
        label=value_label(labels, name, count.value),
        count=count.count,
        selected=selected,
        url=url,
    )


def chips(params: SearchParams, labels: dict[str, dict[str, str]], url_for: UrlFor) -> list[Chip]:
    """Every active filter (words, facet values, dates) with the link that removes it."""
    found = []
    if params.text:
        found.append(("Words", params.text, params.without_text()))
    for name, value in params.filters:
        label = value_label(labels, name, value)
        found.append((_singular(name), label, params.without_filter(name, value)))
    if params.date_from or params.date_to:
        found.append(("Dates", date_range_label(params), params.with_dates("", "")))
    if params.year:
        found.append(("Filed under", bucket_label(params.year), params.with_year("")))
    return [Chip(kind, label, without, url_for(without)) for kind, label, without in found]


def date_range_label(params: SearchParams) -> str:
    if params.date_from and params.date_to:
        if params.date_from == params.date_to:
            return params.date_from
        return f"{params.date_from} to {params.date_to}"
    if params.date_from:
        return f"from {params.date_from}"
    return f"until {params.date_to}"


def _singular(name: str) -> str:
    """What one value of a facet is called, for a chip ("Person: Joseph Stalin")."""
    facet = FACETS_BY_NAME.get(name)
    return facet.kind if facet else name


def date_facet(histogram: DateHistogram, params: SearchParams, url_for: UrlFor) -> DateFacet:
    """Bars per decade (and per year when everything is in one decade), each linking to the
    documents it counts: those filed under its year or decade (search/filed.py)."""
    decades = _bars(((decade_bucket(start), n) for start, n in histogram.decades), params, url_for)
    years: tuple[DateBar, ...] = ()
    if len(histogram.decades) == 1:
        years = _bars(((year_bucket(y), n) for y, n in histogram.years), params, url_for)
    facet = DateFacet(decades=decades, years=years, undated=histogram.undated)
    return _with_months(facet, histogram, params, url_for) if histogram.months else facet


def _with_months(
    facet: DateFacet, histogram: DateHistogram, params: SearchParams, url_for: UrlFor
) -> DateFacet:
    """One year's documents by month: those dated within a month (search/filed.py), and how
    many of the year's are not (a year, a season, circa a month), in no month's bar."""
    year = month_of(histogram.months[0][0])[0]
    rows = ((month_bucket(number), n) for number, n in histogram.months)
    months = _bars(rows, params, url_for, lambda bucket: MONTH_NAMES[int(bucket[-2:]) - 1])
    in_year = dict(histogram.years).get(year, 0)
    not_in_a_month = max(0, in_year - sum(bar.count for bar in months))
    return replace(facet, months=months, months_year=year, not_in_a_month=not_in_a_month)


def _bars(
    rows: Iterable[tuple[str, int]],
    params: SearchParams,
    url_for: UrlFor,
    label: Callable[[str], str] = str,
) -> tuple[DateBar, ...]:
    items = [row for row in rows if row[1] > 0]
    largest = max((row[1] for row in items), default=1)
    return tuple(
        DateBar(
            label(bucket), count, url_for(params.with_year(bucket)), bar_percent(count, largest)
        )
        for bucket, count in items
    )


def bar_percent(count: int, largest: int) -> int:
    """The bar's length in steps of 5 (5 to 100), so CSS classes can draw it."""
    return max(5, 5 * round(20 * count / max(largest, 1)))
