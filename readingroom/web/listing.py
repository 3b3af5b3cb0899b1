"""A page of results: /search, or a record page's documents (a person page is a search filtered
to that person). One operation builds everything the results template shows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache, partial
from itertools import islice
from urllib.parse import quote_plus, urlencode

from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.safestring import SafeString

from readingroom.catalogue.models import CollectionMembership, Document, Person, Place, readable
from readingroom.catalogue.visibility import is_public_document
from readingroom.search import service
from readingroom.search.backend import Hit, SearchResult
from readingroom.search.facets import SIDEBAR
from readingroom.search.params import CURATED, PER_PAGE_CHOICES, SORT_LABELS, SearchParams
from readingroom.search.query import ParsedQuery
from readingroom.search.widening import exact, widen

from .facetlist import (
    FACET_LIMIT,
    Chip,
    DateFacet,
    FacetGroup,
    chips,
    date_facet,
    facet_groups,
    facet_labels,
)
from .highlight import passages_html, within
from .pagination import Pagination, page_count, paginate

MEMBERS_READ_AT_ONCE = 2000  # a collection's members in curated order, read in chunks


@dataclass(frozen=True)
class Listing:
    """Where a result list lives: its path, and the parameters of the page shown."""

    path: str
    params: SearchParams
    fixed: tuple[tuple[str, str], ...] = ()  # written before the search parameters (a role)

    def url(self, params: SearchParams) -> str:
        return self._address(params.pairs())

    def filter_added(self, name: str, value: str) -> str:
        """`url(params.with_filter(name, value))`, the link of a facet value, made without
        making its params when only the filters change (see the test of their equality)."""
        pairs = self.params.filter_added_pairs(name, value)
        if pairs is None:
            return self.url(self.params.with_filter(name, value))
        return self._address(pairs)

    def filter_adder(self, name: str) -> Callable[[str], str]:
        """`filter_added` for the values of one facet: the address around the new filter is
        written once when it is the same for every value (`SearchParams.filter_slot`), as it
        is for most facets of most pages (see the test of their equality)."""
        slot = self.params.filter_slot(name)
        if slot is None:
            return partial(self.filter_added, name)
        before, after = slot
        written = "".join(f"{_encoded(*pair)}&" for pair in (*self.fixed, *before))
        head = f"{self.path}?{written}{quote_plus(name)}="
        tail = "".join(f"&{_encoded(*pair)}" for pair in after)
        taken, implied = self.params.all_filters, self.params.implied

        def added(value: str) -> str:
            if (name, value) in taken or (name, value) in implied:
                return self.filter_added(name, value)
            return f"{head}{quote_plus(value)}{tail}"

        return added

    def _address(self, pairs: list[tuple[str, str]]) -> str:
        query = "&".join(_encoded(*pair) for pair in (*self.fixed, *pairs))
        return f"{self.path}?{query}" if query else self.path

    @property
    def here(self) -> str:
        return self.url(self.params)


@lru_cache(maxsize=4096)
def _encoded(name: str, value: str) -> str:
    """One pair as urlencode writes it (a page links to hundreds of URLs made of the same
    few pairs)."""
    return f"{quote_plus(name)}={quote_plus(value)}"


@dataclass(frozen=True)
class Entry:
    document: Document
    position: int  # in the whole result list, from 1
    url: str  # the document, carrying the search it was reached from
    passages: tuple[SafeString, ...] = ()
    summary: SafeString | None = None  # the summary with the words that matched marked


@dataclass(frozen=True)
class Option:
    label: str
    url: str
    selected: bool


EXPORTS = (("csv", "CSV"), ("jsonl", "JSON Lines"), ("bib", "BibTeX"), ("ris", "RIS"))


@dataclass
class ResultsPage:
    listing: Listing
    total: int
    entries: list[Entry]
    pagination: Pagination | None
    facets: list[FacetGroup]
    dates: DateFacet
    chips: list[Chip]
    sorts: list[Option]
    page_sizes: list[Option]
    notices: list[str] = field(default_factory=list)
    suggestion: Option | None = None
    past_end: bool = False  # a page number beyond the last page
    offers: list[Offer] = field(default_factory=list)  # people and places the words name
    exact: list[Option] = field(default_factory=list)  # the query without other names

    @property
    def params(self) -> SearchParams:
        return self.listing.params

    @property
    def first(self) -> int:
        return self.params.offset + 1 if self.entries else 0

    @property
    def _unpaged(self) -> str:
        query = self.params.unscoped().with_page(1).query_string()
        return f"?{query}" if query else ""

    @property
    def downloads(self) -> list[Option]:
        """These results as files, every one of them (not this page): only up to the export
        limit (a larger set is refused, and the page points to /data/ instead)."""
        if not self.total or self.too_many_to_export:
            return []
        return [
            Option(label, f"/search/export.{kind}{self._unpaged}", False) for kind, label in EXPORTS
        ]

    @property
    def map_url(self) -> str:
        """The places of these results on a map."""
        return f"/search/map{self._unpaged}"

    @property
    def feed_url(self) -> str:
        """The Atom feed of this search: new and corrected documents it finds."""
        return f"/feeds/search.atom{self._unpaged}"

    @property
    def too_many_to_export(self) -> bool:
        return self.total > settings.EXPORT_LIMIT

    @property
    def last(self) -> int:
        return self.params.offset + len(self.entries)

    @property
    def count_line(self) -> str:
        """ "31 - 40 of 43", as the anchor says it."""
        if not self.total:
            return "No results"
        if self.past_end:
            return f"No results on this page, of {self.total:,}"
        return f"{self.first:,} - {self.last:,} of {self.total:,}"

    @property
    def clear_url(self) -> str:
        """The page without any words, filters or dates."""
        params = self.params
        return self.listing.url(SearchParams(scope=params.scope, default_sort=params.default_sort))

    def hidden(self, *leave_out: str) -> list[tuple[str, str]]:
        """The page's parameters, for hidden inputs of a form that changes `leave_out`."""
        pairs = [*self.listing.fixed, *self.params.with_page(1).pairs()]
        return [(name, value) for name, value in pairs if name not in leave_out]

    @property
    def hidden_without_words(self) -> list[tuple[str, str]]:
        return self.hidden("q")

    @property
    def hidden_without_dates(self) -> list[tuple[str, str]]:
        return self.hidden("from", "to", "year")

    @property
    def last_page_url(self) -> str:
        last = page_count(self.total, self.params.per_page)
        return self.listing.url(self.params.with_page(last))


def results_page(listing: Listing, notices: tuple[str, ...] = ()) -> ResultsPage:
    """Search, hydrate the hits in one query, label the facets in one query per facet."""
    params = listing.params
    result = fetch(params, facet_limit=FACET_LIMIT, histogram=True, highlight=bool(params.text))
    labels = facet_labels(result.facets, params)
    page = ResultsPage(
        listing=listing,
        total=result.total,
        entries=entries_for(result.hits, params),
        pagination=paginate(params.page, result.total, params.per_page, page_url(listing)),
        facets=facet_groups(result, listing, labels, _all_values_url(params)),
        dates=date_facet(result.histogram, params, listing.url),
        chips=chips(params, labels, listing.url),
        sorts=sort_options(listing),
        page_sizes=page_size_options(listing),
        notices=[*notices, *result.notices],
        suggestion=_suggestion(listing, result.suggestion),
        exact=exact_spellings(listing),
        past_end=result.total > 0 and params.offset >= result.total,
        offers=offers_for(params.searched) if params.page == 1 else [],
    )
    if not result.total and page.chips:
        page.chips = _with_counts_without(page.chips)
    return page


@dataclass(frozen=True)
class Offer:
    """A person or place the words name, offered before the results."""

    name: str
    url: str
    note: str


PERSON_NOTE = "their page has every document they wrote, received or are discussed in"
PLACE_NOTE = "its page has every document about it"


def offers_for(words: ParsedQuery) -> list[Offer]:
    """People, then places, the words name (search.names decides what a query names)."""
    if words.node is None:
        return []
    named = words.named if words.named is not None else widen(words).named or ()
    people = [_person_offer(r) for r in named if isinstance(r, Person)][:3]
    places = [
        Offer(place.label(), place.get_absolute_url(), PLACE_NOTE)
        for place in named
        if isinstance(place, Place)
    ][:3]
    return [*people, *places][:3]


def _person_offer(person: Person) -> Offer:
    dates = person.life_dates
    name = f"{person.label()} ({dates})" if dates else person.label()
    return Offer(name, person.get_absolute_url(), PERSON_NOTE)


def fetch(
    params: SearchParams,
    *,
    offset: int | None = None,
    limit: int | None = None,
    facet_limit: int = 0,
    facet_names: tuple[str, ...] = SIDEBAR,
    histogram: bool = False,
    highlight: bool = False,
) -> SearchResult:
    """The search for these params (a window of it with offset/limit), in curated order too;
    with `facet_limit`, the counts of `facet_names` (those beside a result list)."""
    offset = params.offset if offset is None else offset
    limit = params.per_page if limit is None else limit
    options = {
        "facet_limit": facet_limit,
        "facet_names": facet_names if facet_limit else (),
        "histogram": histogram,
        "highlight": highlight,
    }
    if params.effective_sort == CURATED:
        return _curated(params, offset, limit, options)
    return service.search(params.search_query(offset=offset, limit=limit, **options))


def _curated(params: SearchParams, offset: int, limit: int, options: dict) -> SearchResult:
    """A collection in its editors' order: the search filters and counts, the database orders.
    Narrowed by words, other filters or dates, the search names every match (never more than
    the collection's members) and the members are read in their order until the page is full."""
    collection = next(v for name, v in params.all_filters if name == "collection")
    summary = service.search(params.search_query(offset=0, limit=0, **options))
    members = CollectionMembership.objects.filter(collection__public_id=int(collection)).filter(
        is_public_document()
    )
    ordered = members.order_by("position", "id").values_list("document__public_id", flat=True)
    if params.text or len(params.all_filters) > 1 or params.earliest or params.latest:
        ids = _matches_in_order(ordered, _matching(params, summary.total), offset, limit)
    else:
        ids = list(ordered[offset : offset + limit])
    return replace(summary, hits=[Hit(public_id) for public_id in ids])


def _matching(params: SearchParams, total: int) -> set[int]:
    """The public ids of every document the search finds (`total` of them)."""
    if not total:
        return set()
    query = params.search_query(
        offset=0, limit=total, facet_limit=0, histogram=False, highlight=False, suggest=False
    )
    return {hit.public_id for hit in service.search(query).hits}


def _matches_in_order(
    ordered: QuerySet[CollectionMembership, int], matching: set[int], offset: int, limit: int
) -> list[int]:
    """The page of `ordered` ids found in `matching`, reading no further than the page's end."""
    members = ordered.iterator(chunk_size=MEMBERS_READ_AT_ONCE)
    found = (public_id for public_id in members if public_id in matching)
    return list(islice(found, offset, offset + limit))


# What a result shows of a document (results.html), and the public rule's fields.
ENTRY_FIELDS = (
    *("public_id", "slug", "title", "summary", "doc_type", "status", "embargo_until"),
    *("date_text", "date_edtf", "date_earliest", "date_latest"),
    *("repository__public_id", "repository__slug", "repository__name", "repository__short_name"),
)


def entries_for(hits: list[Hit], params: SearchParams) -> list[Entry]:
    """The hits as documents (one query), each linking with the search it came from. The
    database has the last word on what is public: `readable` is the public rule for values read
    (a plain lookup by public id, cheaper than asking the rule of the database)."""
    found = Document.objects.filter(public_id__in=[hit.public_id for hit in hits])
    today = timezone.localdate()
    documents = {
        d.public_id: d
        for d in found.select_related("repository").only(*ENTRY_FIELDS).order_by()
        if readable(d.status, d.embargo_until, today)
    }
    origin = urlencode(origin_pairs(params))
    entries = []
    for position, hit in enumerate(hits, start=params.offset + 1):
        document = documents.get(hit.public_id)
        if document is None:
            continue  # withdrawn since the index last heard; the database has the last word
        url = f"{document.get_absolute_url()}?{origin}"
        summary, passages = within(document.summary, hit.passages)
        entries.append(Entry(document, position, url, tuple(passages_html(passages)), summary))
    return entries


def origin_pairs(params: SearchParams) -> list[tuple[str, str]]:
    """What a document page needs to know of the result list it was reached from: the search
    (as on /search: its neighbours are found there), and the record page it was on, if any
    ("person:12", "author:12" for a person's tab of their letters: the page's scope)."""
    pairs = [("from_search", params.unscoped().query_string())]
    if params.scope:
        name, value = params.scope[0]
        pairs.append(("from_record", f"{name}:{value}"))
    return pairs


def page_url(listing: Listing) -> Callable[[int], str]:
    return lambda number: listing.url(listing.params.with_page(number))


def _all_values_url(params: SearchParams) -> Callable[[str], str]:
    def url(name: str) -> str:
        query = replace(params.unscoped(), page=1).query_string()
        return f"/search/facets/{name}" + (f"?{query}" if query else "")

    return url


def sort_options(listing: Listing) -> list[Option]:
    params = listing.params
    choices = [s for s in params.sorts() if s != "relevance" or params.text]
    choices.sort(key=lambda s: s != CURATED)  # a collection's own order comes first
    return [
        Option(SORT_LABELS[s], listing.url(params.with_sort(s)), s == params.effective_sort)
        for s in choices
    ]


def page_size_options(listing: Listing) -> list[Option]:
    params = listing.params
    return [
        Option(str(n), listing.url(params.with_per_page(n)), n == params.per_page)
        for n in PER_PAGE_CHOICES
    ]


def exact_spellings(listing: Listing) -> list[Option]:
    """For each name the words were widened with its record's other names, the same search
    with that name quoted: that spelling only (search/widening.py)."""
    words = listing.params.searched
    options = []
    for widening in words.widened:
        text = exact(words, widening)
        url = listing.url(replace(listing.params, text=text, page=1))
        options.append(Option(" ".join(widening.typed), url, False))
    return options


def _suggestion(listing: Listing, suggestion: str | None) -> Option | None:
    if not suggestion or suggestion == listing.params.text:
        return None
    return Option(suggestion, listing.url(replace(listing.params, text=suggestion, page=1)), False)


def _with_counts_without(found: list[Chip]) -> list[Chip]:
    """With nothing found: how many results each filter's removal would bring back."""
    return [replace(chip, count_without=fetch(chip.without, limit=0).total) for chip in found]
