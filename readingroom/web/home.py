"""The home page: what the archive holds, featured collections, recent additions, decades."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from readingroom.catalogue.models import (
    Collection,
    CollectionMembership,
    Document,
    DocumentPerson,
    Person,
    Place,
    Repository,
    Subject,
)
from readingroom.search.params import SearchParams

from .facetlist import DateFacet, date_facet
from .listing import Listing, fetch


@dataclass(frozen=True)
class Holding:
    count: int
    singular: str
    plural: str
    url: str | None = None

    @property
    def label(self) -> str:
        return self.singular if self.count == 1 else self.plural


@dataclass
class HomePage:
    holdings: list[Holding]
    featured: list[Collection]
    recent: list[Document]
    decades: DateFacet


def _with_public(queryset: QuerySet, link: str) -> QuerySet:  # type: ignore[type-arg]
    """Records that at least one public document links to (`link`: the path from record)."""
    public = Document.objects.public().filter(**{link: OuterRef("pk")})
    return queryset.filter(Exists(public))


def holdings() -> list[Holding]:
    """Counts of public documents and of the records they link to."""
    public = Document.objects.public()
    people = Person.objects.filter(
        Exists(DocumentPerson.objects.filter(person=OuterRef("pk"), document__in=public))
    )
    counts = [
        (public.count(), "document", "documents", "/search"),
        (people.count(), "person or organization", "people and organizations", None),
        (_with_public(Place.objects.all(), "places").count(), "place", "places", None),
        (_with_public(Subject.objects.all(), "subjects").count(), "subject", "subjects", None),
        (
            _with_public(Repository.objects.all(), "repository").count(),
            "repository",
            "repositories",
            None,
        ),
        (
            _with_public(Collection.objects.all(), "memberships__collection").count(),
            "collection",
            "collections",
            None,
        ),
    ]
    return [Holding(*count) for count in counts]


def featured_collections(limit: int = 6) -> list[Collection]:
    members = CollectionMembership.objects.filter(
        collection=OuterRef("pk"), document__in=Document.objects.public()
    )
    return list(
        Collection.objects.filter(featured=True)
        .filter(Exists(members))
        .annotate(
            documents_count=Count(
                "memberships",
                filter=Q(memberships__document__in=Document.objects.public()),
                distinct=True,
            )
        )
        .order_by("title")[:limit]
    )


def recent_documents(limit: int = 6) -> list[Document]:
    return list(
        Document.objects.public()
        .select_related("repository")
        .order_by("-published_at", "-created_at", "-public_id")[:limit]
    )


def home_page() -> HomePage:
    search = Listing("/search", SearchParams())
    result = fetch(search.params, limit=0, histogram=True)
    return HomePage(
        holdings=holdings(),
        featured=featured_collections(),
        recent=recent_documents(),
        decades=date_facet(result.histogram, search.params, search.url),
    )
