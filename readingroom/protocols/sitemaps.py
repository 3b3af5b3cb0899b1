"""sitemap.xml (Django's sitemaps framework): every public page once, with its last change.

Up to `LIMIT` URLs /sitemap.xml is one urlset; past it, a sitemap index of sections and pages.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse

from readingroom.catalogue.models import (
    Collection,
    Document,
    Person,
    Place,
    PublicRecord,
    Repository,
    Subject,
)
from readingroom.catalogue.visibility import public_records

from . import conf

LIMIT = 50_000


class ArchiveSitemap(Sitemap):  # type: ignore[type-arg]
    limit = LIMIT

    def get_protocol(self, protocol: str | None = None) -> str:
        return urlsplit(conf.site_url()).scheme or "https"

    def get_domain(self, site: Any = None) -> str:
        return urlsplit(conf.site_url()).netloc

    def lastmod(self, item: PublicRecord) -> dt.datetime:
        return item.updated_at


class DocumentSitemap(ArchiveSitemap):
    changefreq = "monthly"

    def items(self) -> QuerySet[Document]:
        return Document.objects.public().order_by("public_id")


def _records(model_or_query: Any) -> type[ArchiveSitemap]:
    class RecordSitemap(ArchiveSitemap):
        def items(self) -> QuerySet[Any]:
            query = model_or_query() if callable(model_or_query) else model_or_query
            return query.order_by("public_id")

    return RecordSitemap


class PagesSitemap(ArchiveSitemap):
    changefreq = "daily"

    def items(self) -> list[str]:
        return ["/", "/search", "/data/", "/api/v1/docs"]

    def location(self, item: str) -> str:  # type: ignore[override]
        return item

    def lastmod(self, item: str) -> None:  # type: ignore[override]
        return None


SITEMAPS: dict[str, type[Sitemap]] = {  # type: ignore[type-arg]
    # Only records readers may see (readingroom/catalogue/visibility.py).
    "pages": PagesSitemap,
    "documents": DocumentSitemap,
    "people": _records(lambda: public_records(Person)),
    "places": _records(lambda: public_records(Place)),
    "subjects": _records(lambda: public_records(Subject)),
    "repositories": _records(lambda: public_records(Repository)),
    "collections": _records(lambda: public_records(Collection)),
}


def sitemap(request: HttpRequest) -> HttpResponse:
    """One urlset while everything fits, else the index of sections."""
    sitemaps: dict[str, Any] = {name: cls() for name, cls in SITEMAPS.items()}
    total = sum(s.paginator.count for s in sitemaps.values())
    if total <= LIMIT and all(s.limit >= LIMIT for s in sitemaps.values()):
        return sitemap_views.sitemap(request, sitemaps)
    return _index(request, sitemaps)


def _index(request: HttpRequest, sitemaps: dict[str, Sitemap]) -> TemplateResponse:  # type: ignore[type-arg]
    """Django's sitemap index, with section URLs on SITE_URL (not the request's host)."""
    items = []
    for name, site in sitemaps.items():
        url = f"{conf.site_url()}{reverse('sitemap-section', kwargs={'section': name})}"
        lastmod = site.get_latest_lastmod()
        pages = [url, *(f"{url}?p={n}" for n in range(2, site.paginator.num_pages + 1))]
        items += [sitemap_views.SitemapIndexItem(page, lastmod) for page in pages]  # type: ignore[attr-defined]
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": items}, content_type="application/xml"
    )


def section(request: HttpRequest, section: str) -> HttpResponse:
    sitemaps: dict[str, Any] = {name: cls() for name, cls in SITEMAPS.items()}
    return sitemap_views.sitemap(request, sitemaps, section=section)
