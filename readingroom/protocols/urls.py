from django.urls import path

from .oai import views as oai_views

urlpatterns = [
    path("oai", oai_views.endpoint, name="oai"),
    path("oai/readingroom.xsd", oai_views.record_schema, name="oai-record-schema"),
]
