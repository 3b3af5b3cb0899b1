"""Pages of people, places, subjects, repositories and collections: each is a search filtered
to the record, under the record's own description. A record that only unreleased documents
mention has no public page."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404

from readingroom.catalogue.models import Collection, PublicRecord
from readingroom.catalogue.visibility import is_public
from readingroom.search.filed import year_bucket
from readingroom.search.params import CURATED, SearchParams
from readingroom.search.reading import ParsedParams, from_query_string

from .facetlist import DateBar, bar_percent
from .listing import Listing, ResultsPage, fetch, results_page
from .records import find_record

FACET_OF = {
    "person": "person",
    "place": "place",
    "subject": "subject",
    "repository": "repository",
    "collection": "collection",
}


def public_authority(record_type: str, public_id: int) -> PublicRecord:
    """The record (following merges) if a public document links to it; 404 otherwise."""
    record = find_record(record_type, public_id)
    if not is_public(record):
        raise Http404(f"No public {record_type} {public_id}")
    return record


def record_params(record: PublicRecord, record_type: str, query_string: str) -> ParsedParams:
    """The page's search parameters: scoped to the record; a collection defaults to its
    curated order."""
    scope = ((FACET_OF[record_type], str(record.public_id)),)
    default_sort = CURATED if isinstance(record, Collection) else ""
    return from_query_string(query_string, scope=scope, default_sort=default_sort)


@dataclass(frozen=True)
class Timeline:
    years: tuple[DateBar, ...]
    undated: int
    total: int  # all the record's documents


def timeline(listing: Listing) -> Timeline:
    """The record's documents by year (all of them, whatever the page filters), each year a
    link to the record page narrowed to it; years without documents between them are kept,
    so the bars keep their places in time."""
    base = SearchParams(scope=listing.params.scope, default_sort=listing.params.default_sort)
    result = fetch(base, limit=0, histogram=True)
    counts = {year: n for year, n in result.histogram.years if n}
    largest = max(counts.values(), default=1)
    span = range(min(counts), max(counts) + 1) if counts else range(0)
    years = tuple(
        DateBar(
            str(year),
            counts.get(year, 0),
            listing.url(base.with_year(year_bucket(year))) if year in counts else "",
            bar_percent(counts[year], largest) if year in counts else 0,
        )
        for year in span
    )
    return Timeline(years, result.histogram.undated, result.total)


@dataclass
class RecordPage:
    """A record's page: the record, its documents as a search, its documents by year."""

    record: PublicRecord
    record_type: str
    results: ResultsPage
    timeline: Timeline
    search_url: str  # the same documents on /search, for searching beyond the record


def record_page(
    record: PublicRecord,
    record_type: str,
    parsed: ParsedParams,
    fixed: tuple[tuple[str, str], ...] = (),
    results: ResultsPage | None = None,
    whole: Listing | None = None,
) -> RecordPage:
    """`results` when the caller made them (a person page's tab); `whole`: the record's
    documents for the timeline when the page lists only some of them (a person's role)."""
    listing = Listing(record.get_absolute_url(), parsed.params, fixed)
    if results is None:
        results = results_page(listing, parsed.notices)
    search = Listing("/search", parsed.params.unscoped())
    return RecordPage(record, record_type, results, timeline(whole or listing), search.here)
