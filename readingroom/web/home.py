"""The home page: what the archive holds, featured collections, recent additions, decades."""

from __future__ import annotations

from dataclasses import dataclass

from readingroom.catalogue.models import Collection, Document
from readingroom.catalogue.visibility import is_public_document, public_records
from readingroom.search.edition import memo
from readingroom.search.facets import FACETS_BY_NAME
from readingroom.search.params import SearchParams

from .facetlist import DateFacet, date_facet
from .listing import Listing, fetch

EVERY = 1_000_000  # facet values counted: every collection's


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


def _named(family: str) -> int:
    """How many records of a kind readers may see (an EXISTS per record, led by its links: at
    any archive size, about a lookup per record), counted once an edition."""
    facet = FACETS_BY_NAME[family]
    model = facet.model
    assert model is not None
    return memo.kept("holdings", family, lambda: int(public_records(model).count()))


def holdings(documents: int) -> list[Holding]:
    """Counts of public documents (`documents`: as the search index counts them, the number
    /search shows) and of the records they link to."""
    return [
        Holding(documents, "document", "documents", "/search"),
        Holding(_named("person"), "person or organization", "people and organizations", "/people/"),
        Holding(_named("place"), "place", "places", "/places/"),
        Holding(_named("subject"), "subject", "subjects", "/subjects/"),
        Holding(_named("repository"), "repository", "repositories", "/repositories/"),
        Holding(_named("collection"), "collection", "collections", "/collections/"),
    ]


def featured_collections(counts: dict[str, int], limit: int = 6) -> list[Collection]:
    """Featured collections with public documents, each with how many: `counts` by public id,
    as the search index counts them (the number a collection's /search page shows, remembered
    until the next commit; counted in the database, 110 ms a page at 10^6 documents)."""
    featured = []
    for collection in Collection.objects.filter(featured=True).order_by("title"):
        if documents := counts.get(str(collection.public_id), 0):
            collection.documents_count = documents  # type: ignore[attr-defined]
            featured.append(collection)
    return featured[:limit]


def recent_documents(limit: int = 6) -> list[Document]:
    """The public documents added last (public ids are handed out in order)."""
    return list(
        Document.objects.filter(is_public_document("pk"))
        .select_related("repository")
        .order_by("-public_id")[:limit]
    )


def home_page() -> HomePage:
    search = Listing("/search", SearchParams())
    result = fetch(
        search.params, limit=0, histogram=True, facet_limit=EVERY, facet_names=("collection",)
    )
    counted = {c.value: c.count for c in result.facets.get("collection", [])}
    return HomePage(
        holdings=holdings(result.total),
        featured=featured_collections(counted),
        recent=recent_documents(),
        decades=date_facet(result.histogram, search.params, search.url),
    )
