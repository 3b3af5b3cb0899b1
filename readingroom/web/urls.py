from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("documents/<int:public_id>", views.document_detail, name="document-short"),
    path("documents/<int:public_id>/<slug:slug>", views.document_detail, name="document"),
    path("people/<int:public_id>", views.person_detail, name="person-short"),
    path("people/<int:public_id>/<slug:slug>", views.person_detail, name="person"),
    path("places/<int:public_id>", views.place_detail, name="place-short"),
    path("places/<int:public_id>/<slug:slug>", views.place_detail, name="place"),
    path("subjects/<int:public_id>", views.subject_detail, name="subject-short"),
    path("subjects/<int:public_id>/<slug:slug>", views.subject_detail, name="subject"),
    path("repositories/<int:public_id>", views.repository_detail, name="repository-short"),
    path("repositories/<int:public_id>/<slug:slug>", views.repository_detail, name="repository"),
    path("collections/<int:public_id>", views.collection_detail, name="collection-short"),
    path("collections/<int:public_id>/<slug:slug>", views.collection_detail, name="collection"),
]
