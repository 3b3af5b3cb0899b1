from django.urls import path

from . import views

urlpatterns = [
    path("", views.index, name="api-index"),
    path("openapi.json", views.openapi_description, name="api-openapi"),
    path("docs", views.docs, name="api-docs"),
    path("documents", views.document_list, name="api-documents"),
    path("documents/<str:public_id>", views.document_detail, name="api-document"),
]
for kind in ("people", "places", "subjects", "repositories", "collections"):
    urlpatterns += [
        path(kind, views.authority_list, {"kind": kind}, name=f"api-{kind}"),
        path(f"{kind}/<str:public_id>", views.authority_detail, {"kind": kind}),
    ]
