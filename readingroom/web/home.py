"""The home page: what the archive holds, featured collections, recent additions, decades."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, QuerySet

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
from .queries import is_public_document


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


def _named_by_public(model: type[Person] | type[Collection], through: QuerySet) -> int:  # type: ignore[type-arg]
    """How many records a public document names, through a link table with `document_id`."""
    links = through.filter(is_public_document())
    return int(model.objects.filter(Exists(links)).count())


def holdings() -> list[Holding]:
    """Counts of public documents and of the records they link to."""
    people = DocumentPerson.objects.filter(person=OuterRef("pk"))
    members = CollectionMembership.objects.filter(collection=OuterRef("pk"))
    return [
        Holding(Document.objects.public().count(), "document", "documents", "/search"),
        Holding(
            _named_by_public(Person, people), "person or organization", "people and organizations"
        ),
        Holding(_with_public(Place.objects.all(), "places").count(), "place", "places"),
        Holding(_with_public(Subject.objects.all(), "subjects").count(), "subject", "subjects"),
        Holding(
            _with_public(Repository.objects.all(), "repository").count(),
            "repository",
            "repositories",
        ),
        Holding(_named_by_public(Collection, members), "collection", "collections"),
    ]


def featured_collections(limit: int = 6) -> list[Collection]:
    """Featured collections with public documents, each with how many (one query each)."""
    members = CollectionMembership.objects.filter(is_public_document())
    featured = list(
        Collection.objects.filter(featured=True)
        .filter(Exists(members.filter(collection=OuterRef("pk"))))
        .order_by("title")[:limit]
    )
    rows = (
        members.filter(collection__in=featured)
        .values("collection")
        .annotate(n=Count("document_id", distinct=True))
    )
    counts = {row["collection"]: row["n"] for row in rows}
    for collection in featured:
        collection.documents_count = counts.get(collection.pk, 0)  # type: ignore[attr-defined]
    return featured


def recent_documents(limit: int = 6) -> list[Document]:
    """The public documents added last (public ids are handed out in order)."""
    return list(
        Document.objects.filter(is_public_document("pk"))
        .select_related("repository")
        .order_by("-public_id")[:limit]
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
