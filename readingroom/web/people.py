"""What a person page adds to its search: names and their kinds, the split of documents by
role (author, recipient, discussed), and the people they wrote to and heard from most."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Count, F, Q
from django.db.models.functions import Lower

from readingroom.catalogue.models import Document, DocumentPerson, Person, Role, VariantKind
from readingroom.search.params import ParsedParams, pairs_of

from .authorities import RecordPage, record_page
from .facetlist import DateFacet
from .listing import (
    Entry,
    Listing,
    Option,
    ResultsPage,
    page_size_options,
    page_url,
    results_page,
    sort_options,
)
from .pagination import paginate
from .queries import is_public_document

ROLE_LABELS = {
    Role.AUTHOR: "As author",
    Role.RECIPIENT: "As recipient",
    Role.DISCUSSED: "Discussed",
}
DB_SORTS = {
    "date": (F("date_earliest").asc(nulls_last=True), F("date_latest").asc(nulls_last=True)),
    "-date": (F("date_latest").desc(nulls_last=True), F("date_earliest").desc(nulls_last=True)),
    "title": (Lower("title"),),
}


@dataclass(frozen=True)
class NameGroup:
    kind: str  # "pseudonym", "native script"...
    names: tuple[str, ...]


@dataclass(frozen=True)
class Correspondent:
    person: Person
    count: int


def name_groups(person: Person) -> list[NameGroup]:
    """The variants grouped by kind, in the order of VariantKind."""
    groups: dict[str, list[str]] = {}
    for variant in person.variants.all():
        if variant.name != person.name:
            groups.setdefault(variant.kind, []).append(variant.name)
    labels = dict(VariantKind.choices)
    return [
        NameGroup(str(labels[kind]), tuple(groups[kind])) for kind in VariantKind if kind in groups
    ]


def role_counts(person: Person) -> dict[str, int]:
    """Public documents per role, in one query."""
    rows = (
        DocumentPerson.objects.filter(person=person)
        .filter(is_public_document())
        .values("role")
        .annotate(n=Count("document", distinct=True))
    )
    return {row["role"]: row["n"] for row in rows}


def role_tabs(listing: Listing, counts: dict[str, int], total: int, role: str) -> list[Option]:
    """ "All documents" and one tab per role that has documents: links, the current selected."""
    plain = Listing(listing.path, listing.params.__class__(scope=listing.params.scope))
    tabs = [Option(f"All documents ({total:,})", plain.url(plain.params), not role)]
    for value, label in ROLE_LABELS.items():
        if counts.get(value):
            url = f"{listing.path}?{urlencode({'role': value})}"
            tabs.append(Option(f"{label} ({counts[value]:,})", url, role == value))
    return tabs


def correspondents(person: Person, limit: int = 8) -> list[Correspondent]:
    """Who received their letters and whose letters they received, most documents first."""
    mine = DocumentPerson.objects.filter(person=person).filter(is_public_document())
    sent = mine.filter(role=Role.AUTHOR).values("document_id")
    received = mine.filter(role=Role.RECIPIENT).values("document_id")
    counts = list(
        DocumentPerson.objects.filter(
            Q(role=Role.RECIPIENT, document_id__in=sent)
            | Q(role=Role.AUTHOR, document_id__in=received)
        )
        .exclude(person=person)
        .values("person")
        .annotate(n=Count("document_id", distinct=True))
        .order_by("-n", "person")[:limit]
    )
    people = Person.objects.in_bulk([row["person"] for row in counts])
    return [Correspondent(people[row["person"]], row["n"]) for row in counts]


def role_page(person: Person, role: str, listing: Listing) -> ResultsPage:
    """The person's documents in one role, from the database (sort and pages as in search)."""
    params = listing.params
    documents = (
        Document.objects.public()
        .filter(person_links__person=person, person_links__role=role)
        .select_related("repository")
        .distinct()
        .order_by(*DB_SORTS.get(params.effective_sort, DB_SORTS["date"]), "title", "id")
    )
    total = documents.count()
    window = list(documents[params.offset : params.offset + params.per_page])
    entries = [
        Entry(d, n, d.get_absolute_url()) for n, d in enumerate(window, start=params.offset + 1)
    ]
    return ResultsPage(
        listing=listing,
        total=total,
        entries=entries,
        pagination=paginate(params.page, total, params.per_page, page_url(listing)),
        facets=[],
        dates=DateFacet((), (), 0),
        chips=[],
        sorts=sort_options(listing),
        page_sizes=page_size_options(listing),
        past_end=total > 0 and params.offset >= total,
    )


@dataclass
class PersonPage:
    record: RecordPage
    names: list[NameGroup]
    tabs: list[Option]
    correspondents: list[Correspondent]
    role: str


def split_role(query_string: str) -> tuple[str, str, list[str]]:
    """(role, the other parameters, notices) of a person page's query string."""
    pairs = pairs_of(query_string)
    roles = [value for name, value in pairs if name == "role"]
    rest = urlencode([(name, value) for name, value in pairs if name != "role"])
    if not roles or not roles[0]:
        return "", rest, []
    if roles[0] not in Role.values:
        return "", rest, [f"Showing all documents: there is no role “{roles[0][:40]}”."]
    return roles[0], rest, []


def person_page(person: Person, role: str, parsed: ParsedParams, notices: list[str]) -> PersonPage:
    """The person page: names, role tabs, correspondents, and their documents (all of them
    as a search, or one role's from the database)."""
    fixed = (("role", role),) if role else ()
    listing = Listing(person.get_absolute_url(), parsed.params, fixed)
    notices = [*notices, *parsed.notices]
    if role and parsed.params.is_filtered:
        notices.append("Words, filters and dates apply to all their documents, not to one role.")
    if role:
        results = role_page(person, role, listing)
        results.notices = notices
    else:
        results = results_page(listing, tuple(notices))
    record = record_page(person, "person", parsed, fixed, results)
    return PersonPage(
        record=record,
        names=name_groups(person),
        tabs=role_tabs(listing, role_counts(person), record.timeline.total, role),
        correspondents=correspondents(person),
        role=role,
    )
