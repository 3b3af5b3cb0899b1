"""The /search parameters: reading, checking, and the one canonical query string."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

import pytest
from django.http import QueryDict
from hypothesis import given, settings
from hypothesis import strategies as st

from readingroom.search.params import (
    CURATED,
    DEFAULT_PER_PAGE,
    FILTERS,
    SearchParams,
    day_bounds,
    narrowest,
)
from readingroom.search.reading import from_query_string, parse
from readingroom.web.listing import Listing


def canonical(query: str, **options: object) -> str:
    return from_query_string(query, **options).canonical  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("", ""),
        ("q=stalin", "q=stalin"),
        ("q=++stalin+++molotov+", "q=stalin+molotov"),
        ("q=", ""),
        ("q=&person=&page=", ""),
        ("page=1&per_page=10", ""),
        ("person=12&person=3&person=12", "person=3&person=12"),
        ("person=012", "person=12"),
        ("place=7&person=3&q=x", "q=x&person=3&place=7"),
        (
            "type=cable&language=RU&collection=2&subject=5",
            "subject=5&collection=2&language=ru&type=cable",
        ),
        ("to=1945&from=1940", "from=1940&to=1945"),
        ("sort=date", ""),  # the default without words
        ("sort=relevance", ""),  # relevance without words is the default order
        ("q=a&sort=relevance", "q=a"),
        ("q=a&sort=date", "q=a&sort=date"),
        ("sort=-date", "sort=-date"),
        ("sort=title&page=3&per_page=25", "sort=title&page=3&per_page=25"),
        ("q=a&q=b", "q=a"),
        ("utm_source=mail&q=a", "q=a"),
        ("f[0]=person:3&q=a", "q=a"),
    ],
)
def test_canonical_query_string(given: str, expected: str) -> None:
    assert canonical(given) == expected


@pytest.mark.parametrize(
    ("given", "redirects"),
    [
        ("", False),
        ("q=stalin", False),
        ("q=stalin+molotov&person=3&person=12&page=2", False),
        ("person=12&person=3", True),  # repeated values out of order
        ("person=3&q=stalin", True),  # parameters out of order
        ("person=3&place=1&person=12", True),  # a repeated parameter split up
        ("q=stalin&page=1", True),  # a default spelled out
        ("q=", True),  # an empty parameter
        ("q=a%20b", False),  # encodings of the same characters are the same spelling
        ("q=a+b", False),
        ("q=a&q=a", True),
        ("from=1945&from=1945", True),
        ("language=EN", True),
    ],
)
def test_which_spellings_redirect(given: str, redirects: bool) -> None:
    assert from_query_string(given).needs_redirect is redirects


def test_the_canonical_string_is_a_fixed_point() -> None:
    messy = (
        "per_page=25&sort=title&to=1950-02&from=1930&type=cable&language=en&collection=4&"
        "repository=2&subject=9&place=8&place=1&person=5&person=5&q=Stalin"
    )
    once = canonical(messy)
    assert once == (
        "q=Stalin&person=5&place=1&place=8&subject=9&repository=2&collection=4&language=en"
        "&type=cable&from=1930&to=1950-02&sort=title&per_page=25"
    )
    again = from_query_string(once)
    assert again.canonical == once and not again.needs_redirect and not again.notices


@pytest.mark.parametrize(
    ("given", "notice", "field", "value"),
    [
        ("sort=popularity", "no sort", "sort", ""),
        ("page=0", "numbered from 1", "page", 1),
        ("page=-3", "numbered from 1", "page", 1),
        ("page=abc", "numbered from 1", "page", 1),
        ("page=９", "numbered from 1", "page", 1),  # a full-width digit is not a page number
        ("per_page=7", "not one of 10, 25, 50, 100", "per_page", DEFAULT_PER_PAGE),
        ("per_page=1000", "not one of", "per_page", DEFAULT_PER_PAGE),
        ("from=1945-13", "dates are a year", "date_from", ""),
        ("to=August+1945", "dates are a year", "date_to", ""),
        ("year=1945s", "a year (1945) or a month", "year", ""),
        ("year=01945", "a year (1945) or a month", "year", ""),
        ("year=0", "a year (1945) or a month", "year", ""),
        ("person=stalin", "not a valid value", "filters", ()),
        ("person=-4", "not a valid value", "filters", ()),
        ("language=english!", "not a valid value", "filters", ()),
        ("sort=curated", "no sort", "sort", ""),  # curated needs exactly one collection
    ],
)
def test_unusable_values_fall_back_with_a_notice(
    given: str, notice: str, field: str, value: object
) -> None:
    parsed = from_query_string(given)
    assert any(notice in n for n in parsed.notices), parsed.notices
    assert getattr(parsed.params, field) == value
    assert not parsed.needs_redirect  # answered in place, so the reader sees the notice


def test_dates_in_the_wrong_order_are_swapped_with_a_notice() -> None:
    parsed = from_query_string("from=1950&to=1940-06")
    assert (parsed.params.date_from, parsed.params.date_to) == ("1940-06", "1950")
    assert parsed.notices and "Swapped" in parsed.notices[0]


@pytest.mark.parametrize(
    ("value", "earliest", "latest"),
    [
        ("1945", dt.date(1945, 1, 1), dt.date(1945, 12, 31)),
        ("1945-02", dt.date(1945, 2, 1), dt.date(1945, 2, 28)),
        ("1944-02", dt.date(1944, 2, 1), dt.date(1944, 2, 29)),
        ("1945-08-23", dt.date(1945, 8, 23), dt.date(1945, 8, 23)),
    ],
)
def test_from_and_to_mean_the_first_and_last_day_of_their_value(
    value: str, earliest: dt.date, latest: dt.date
) -> None:
    assert day_bounds(value) == (earliest, latest)
    params = from_query_string(f"from={value}&to={value}").params
    query = params.search_query()
    assert (query.date_from, query.date_to) == (earliest, latest)


@pytest.mark.parametrize("value", ["1945-02-30", "1945-00", "0000", "45", "1945-8", "1945~"])
def test_values_that_are_not_a_day_month_or_year(value: str) -> None:
    with pytest.raises(ValueError):
        day_bounds(value)


@pytest.mark.django_db
@pytest.mark.usefixtures("search_backend")  # (the words are widened by the names they hold)
def test_search_query_carries_everything() -> None:
    params = from_query_string(
        "q=Kurile&person=3&place=8&from=1945&to=1945-08&sort=-date&page=4&per_page=25"
    ).params
    query = params.search_query(facet_limit=0)
    assert query.words.text == "Kurile"
    assert query.filters == (("person", "3"), ("place", "8"))
    assert query.sort == "-date"
    assert (query.offset, query.limit, query.facet_limit) == (75, 25, 0)


def test_default_sort_is_relevance_with_words_and_date_without() -> None:
    assert from_query_string("q=x").params.effective_sort == "relevance"
    assert from_query_string("").params.effective_sort == "date"


def test_scope_is_part_of_the_result_set_but_not_of_the_query_string() -> None:
    parsed = from_query_string("person=3&person=12&q=x", scope=(("person", "12"),))
    assert parsed.canonical == "q=x&person=3"
    assert parsed.needs_redirect  # person=12 is the page itself
    assert parsed.params.search_query().filters == (("person", "3"), ("person", "12"))
    assert parsed.params.unscoped().query_string() == "q=x&person=3&person=12"


def test_a_collection_page_defaults_to_its_curated_order() -> None:
    scope = (("collection", "4"),)
    parsed = from_query_string("", scope=scope, default_sort=CURATED)
    assert parsed.params.effective_sort == CURATED
    assert from_query_string("sort=curated", scope=scope, default_sort=CURATED).needs_redirect
    dated = from_query_string("sort=date", scope=scope, default_sort=CURATED)
    assert dated.canonical == "sort=date" and not dated.needs_redirect
    # on /search the same result set spells its curated order out
    assert parsed.params.unscoped().query_string() == "collection=4&sort=curated"
    assert from_query_string("collection=4&sort=curated").params.effective_sort == CURATED


def test_links_keep_everything_else_and_go_back_to_page_one() -> None:
    params = from_query_string("q=x&person=5&from=1930&sort=title&page=3&per_page=25").params
    assert params.with_filter("person", "2").query_string() == (
        "q=x&person=2&person=5&from=1930&sort=title&per_page=25"
    )
    assert params.without_filter("person", "5").query_string() == (
        "q=x&from=1930&sort=title&per_page=25"
    )
    assert params.with_dates("", "").query_string() == "q=x&person=5&sort=title&per_page=25"
    assert params.without_text().query_string() == "person=5&from=1930&sort=title&per_page=25"
    assert params.with_page(4).query_string().endswith("&page=4&per_page=25")
    assert params.with_sort("relevance").query_string() == "q=x&person=5&from=1930&per_page=25"
    assert params.with_per_page(10).query_string() == "q=x&person=5&from=1930&sort=title"


def test_parse_reads_a_querydict_too() -> None:
    parsed = parse(QueryDict("q=a&person=2&person=1"))
    assert parsed.canonical == "q=a&person=1&person=2"
    assert parsed.params == SearchParams(text="a", filters=(("person", "1"), ("person", "2")))


def test_a_histogram_bar_is_a_year_or_a_decade_after_the_dates() -> None:
    params = from_query_string("year=1940s&to=1950&q=x").params
    assert params.query_string() == "q=x&to=1950&year=1940s"
    assert params.search_query().years == (1940, 1949)
    assert params.with_year("1945").search_query().years == (1945, 1945)
    assert params.with_year("").query_string() == "q=x&to=1950"


FILTER_PAIRS = st.tuples(
    st.sampled_from(FILTERS),
    st.sampled_from(["1", "2", "12", "100"]),
).map(lambda pair: (pair[0], "en" if pair[0] == "language" else pair[1]))
OTHER_PAIRS = st.sampled_from(
    [("q", "x"), ("sort", "title"), ("sort", "date"), ("page", "3"), ("per_page", "25")]
)


@settings(max_examples=300, deadline=None)
@given(
    pairs=st.lists(st.one_of(FILTER_PAIRS, OTHER_PAIRS), max_size=6),
    scope=st.lists(FILTER_PAIRS, max_size=1),
    added=FILTER_PAIRS,
)
def test_every_link_is_canonical_and_adding_a_filter_is_narrowest(
    pairs: list[tuple[str, str]], scope: list[tuple[str, str]], added: tuple[str, str]
) -> None:
    """A sidebar's links (a filter added or removed, a sort, a year) are canonical query
    strings for the same scope; adding a filter is `narrowest` of the filters and it."""
    params = from_query_string(urlencode(pairs), scope=tuple(scope)).params
    links = [
        params.with_filter(*added),
        *(params.without_filter(*pair) for pair in params.filters),
        *(params.with_sort(sort) for sort in params.sorts()),
        params.with_year("1945"),
    ]
    for link in links:
        again = from_query_string(link.query_string(), scope=tuple(scope))
        assert not again.needs_redirect, link.query_string()
        assert again.params.query_string() == link.query_string()
    if added not in params.all_filters and added not in params.implied:
        expected = narrowest((*params.filters, added), params.scope)
        assert params.with_filter(*added).filters == expected


@settings(max_examples=300, deadline=None)
@given(
    pairs=st.lists(st.one_of(FILTER_PAIRS, OTHER_PAIRS), max_size=6),
    scope=st.lists(FILTER_PAIRS, max_size=1),
    fixed=st.lists(st.sampled_from([("role", "author"), ("tab", "x y")]), max_size=1),
    added=FILTER_PAIRS,
)
def test_a_facet_value_links_to_the_page_with_its_filter_added(
    pairs: list[tuple[str, str]],
    scope: list[tuple[str, str]],
    fixed: list[tuple[str, str]],
    added: tuple[str, str],
) -> None:
    """The sidebar writes a value's link without making its params: the same address as the
    params `with_filter` makes (the plain twin)."""
    params = from_query_string(urlencode(pairs), scope=tuple(scope)).params
    listing = Listing("/people/3", params, fixed=tuple(fixed))
    assert listing.filter_added(*added) == listing.url(params.with_filter(*added))
    assert listing.filter_adder(added[0])(added[1]) == listing.filter_added(*added)
