"""URL configuration: the public reading room, the admin, machine interfaces. Record ids in
paths are `<id:...>` (readingroom.catalogue.ids), registered here before the apps' routes."""

from django.contrib import admin
from django.urls import include, path, register_converter

from readingroom.catalogue.ids import PublicIdConverter

register_converter(PublicIdConverter, "id")

handler404 = "readingroom.web.views.page_not_found"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("readingroom.protocols.urls")),
    path("api/v1/", include("readingroom.api.urls")),
    path("", include("readingroom.web.urls")),
]
