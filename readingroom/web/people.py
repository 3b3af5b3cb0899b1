"""What a person page adds to its search: names and their kinds, the split of documents by
role (author, recipient, discussed), and the people they wrote to and heard from most."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Count, Q

from readingroom.catalogue.models import DocumentPerson, Person, Role, VariantKind
from readingroom.catalogue.visibility import is_public_document
from readingroom.search.edition import memo
from readingroom.search.facets import ROLES
from readingroom.search.params import SearchParams
from readingroom.search.reading import ParsedParams, from_query_string, pairs_of

from .authorities import RecordPage, record_page
from .listing import Listing, Option, fetch, results_page

ROLE_LABELS = {
    str(Role.AUTHOR): "As author",
    str(Role.RECIPIENT): "As recipient",
    str(Role.DISCUSSED): "Discussed",
}
assert set(ROLE_LABELS) == set(ROLES), "a tab for each role facet"


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


def role_scope(person: Person, role: str) -> tuple[tuple[str, str], ...]:
    """What a tab of the person page is filtered to: the person, in a role or in any."""
    return ((role or "person", str(person.public_id)),)


def role_tabs(person: Person, listing: Listing, role: str) -> list[Option]:
    """ "All documents" and a tab per role the person has documents in: links keeping the
    page's words, filters, dates and sort, each with how many of its documents match them (a
    count-only search each, which the backend remembers until the index changes)."""
    params = listing.params
    tabs = []
    for value, label in (("", "All documents"), *ROLE_LABELS.items()):
        scope = role_scope(person, value)
        tab = params.rescoped(scope)
        total = fetch(tab, limit=0).total
        never = not total and (
            not params.is_filtered or not fetch(SearchParams(scope=scope), limit=0).total
        )
        if value and value != role and never:
            continue  # a role they never had
        url = Listing(listing.path, tab, (("role", value),) if value else ()).here
        tabs.append(Option(f"{label} ({total:,})", url, role == value))
    return tabs


def correspondents(person: Person, limit: int = 8) -> list[Correspondent]:
    """Who received their letters and whose letters they received, most documents first;
    counted once an edition (a person of 19,000 documents: 80-200 ms)."""
    return memo.kept("correspondents", (person.pk, limit), lambda: _correspondents(person, limit))


def _correspondents(person: Person, limit: int) -> list[Correspondent]:
    """The links of others in the opposite role on the person's public documents, found from
    the person's own links (one join on the document; with the two directions asked as two
    lists joined by OR, PostgreSQL read the whole link table: 0.7-2.7 s at 10^6)."""
    opposite = Q(role=Role.RECIPIENT, document__person_links__role=Role.AUTHOR) | Q(
        role=Role.AUTHOR, document__person_links__role=Role.RECIPIENT
    )
    counts = list(
        DocumentPerson.objects.filter(opposite, document__person_links__person=person)
        .filter(is_public_document())
        .exclude(person=person)
        .values("person")
        .annotate(n=Count("document_id", distinct=True))
        .order_by("-n", "person")[:limit]
    )
    people = Person.objects.in_bulk([row["person"] for row in counts])
    return [Correspondent(people[row["person"]], row["n"]) for row in counts]


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
    if roles[0] not in ROLES:
        return "", rest, [f"Showing all documents: there is no role “{roles[0][:40]}”."]
    return roles[0], rest, []


@dataclass(frozen=True)
class PersonParams:
    role: str
    parsed: ParsedParams
    notices: tuple[str, ...]  # about the role, then about the search parameters

    @property
    def pairs(self) -> list[tuple[str, str]]:
        """The page's canonical parameters: the role first."""
        return [*((("role", self.role),) if self.role else ()), *self.parsed.params.pairs()]


def person_params(person: Person, query_string: str) -> PersonParams:
    """The role tab and search parameters of a person page's query string. A filter on the
    person's own role (`author=<their id>`) is spelled as the tab it is (`role=author`)."""
    role, rest, notices = split_role(query_string)
    parsed = from_query_string(rest, scope=role_scope(person, role))
    mine = str(person.public_id)
    own = [name for name, value in parsed.params.filters if value == mine and name in ROLES]
    if not role and own:  # the first, in the order of the tabs; any others stay filters
        role = own[0]
        parsed = from_query_string(rest, scope=role_scope(person, role))
    return PersonParams(role, parsed, (*notices, *parsed.notices))


def person_page(person: Person, chosen: PersonParams) -> PersonPage:
    """The person page: names, role tabs, correspondents, and their documents as a search
    (all of them, or those of one role: the role is part of the page's scope). The timeline
    shows all their documents by year, whichever the tab."""
    role, params = chosen.role, chosen.parsed.params
    fixed = (("role", role),) if role else ()
    listing = Listing(person.get_absolute_url(), params, fixed)
    results = results_page(listing, chosen.notices)
    everything = Listing(listing.path, SearchParams(scope=role_scope(person, "")))
    record = record_page(person, "person", chosen.parsed, fixed, results, everything)
    return PersonPage(
        record=record,
        names=name_groups(person),
        tabs=role_tabs(person, listing, role),
        correspondents=correspondents(person),
        role=role,
    )
