from django.urls import path

from . import views

RECORD_PAGES = (
    ("people", "person", views.person_detail),
    ("places", "place", views.place_detail),
    ("subjects", "subject", views.subject_detail),
    ("repositories", "repository", views.repository_detail),
    ("collections", "collection", views.collection_detail),
)

urlpatterns = [
    path("", views.home, name="home"),
    path("search", views.search, name="search"),
    path("search/help", views.search_help, name="search-help"),
    path("search/map", views.search_map, name="search-map"),
    path("corrections", views.corrections, name="corrections"),
    path("data-and-apis", views.data_and_apis, name="data-and-apis"),
    path("data/", views.bulk_data, name="data"),
    path("healthz", views.healthz, name="healthz"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("health", views.healthz, name="health"),
    path("search/facets/<slug:name>", views.facet_values, name="facet-values"),
    path("documents/<id:public_id>", views.document_detail, name="document-short"),
    path("documents/<id:public_id>/<slug:slug>", views.document_detail, name="document"),
    path("documents/<id:public_id>/record.pdf", views.document_pdf, name="document-pdf"),
    path("preview/documents/<id:public_id>", views.editorial.document_preview, name="preview"),
    path("documents/<id:public_id>/scans/<int:number>", views.document_scan, name="scan"),
    path(
        "documents/<id:public_id>/scans/<int:number>/download",
        views.document_scan,
        {"download": True},
        name="scan-download",
    ),
]
for index in ("people", "organizations", "places", "subjects", "repositories", "collections"):
    urlpatterns.append(
        path(f"{index}/", views.record_index, {"name": index}, name=f"{index}-index")
    )
for prefix, name, view in RECORD_PAGES:
    urlpatterns += [
        path(f"{prefix}/<id:public_id>", view, name=f"{name}-short"),
        path(f"{prefix}/<id:public_id>/<slug:slug>", view, name=name),
    ]
