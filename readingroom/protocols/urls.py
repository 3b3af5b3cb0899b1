from django.urls import path, re_path

from . import feeds, sitemaps, views
from .oai import views as oai_views
from .page_cache import cached

IMAGE = r"(?P<identifier>\d+-\d+)"

urlpatterns = [
    path("oai", oai_views.endpoint, name="oai"),
    path("oai/readingroom.xsd", oai_views.record_schema, name="oai-record-schema"),
    path("documents/<id:public_id>/cite.bib", views.cite_bibtex, name="cite-bibtex"),
    path("documents/<id:public_id>/cite.ris", views.cite_ris, name="cite-ris"),
    path("documents/<id:public_id>/cite.json", views.cite_csl_json, name="cite-csl-json"),
    path("iiif/documents/<id:public_id>/manifest.json", views.iiif_manifest, name="iiif-manifest"),
    path("iiif/documents/<id:public_id>/viewer", views.iiif_viewer, name="iiif-viewer"),
    re_path(rf"^iiif/images/{IMAGE}$", views.iiif_image_base),
    re_path(rf"^iiif/images/{IMAGE}/info\.json$", views.iiif_image_info, name="iiif-info"),
    re_path(
        rf"^iiif/images/{IMAGE}/(?P<region>[^/]+)/(?P<size>[^/]+)/(?P<rotation>[^/]+)/"
        r"(?P<name>[^/]+)$",
        views.iiif_image,
        name="iiif-image",
    ),
    re_path(r"^search/export\.(?P<extension>[a-z]+)$", views.search_export, name="search-export"),
    path("feeds/documents.atom", cached("machine")(feeds.DocumentFeed()), name="feed-documents"),
    path(
        "feeds/corrections.atom",
        cached("machine")(feeds.CorrectionsFeed()),
        name="feed-corrections",
    ),
    path(
        "feeds/collections/<id:public_id>.atom",
        cached("machine")(feeds.CollectionFeed()),
        name="feed-collection",
    ),
    path("feeds/search.atom", cached("machine")(feeds.SearchFeed()), name="feed-search"),
    path("sitemap.xml", cached("machine")(sitemaps.sitemap), name="sitemap"),
    path("sitemap-<section>.xml", cached("machine")(sitemaps.section), name="sitemap-section"),
    path("robots.txt", views.robots, name="robots"),
    path("data/manifest.json", views.data_manifest, name="data-manifest"),
    path("data/<str:name>", views.data_file, name="data-file"),
]
