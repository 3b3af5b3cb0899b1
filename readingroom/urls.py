"""URL configuration: the public reading room, the admin, machine interfaces."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("readingroom.protocols.urls")),
    path("api/v1/", include("readingroom.api.urls")),
    path("", include("readingroom.web.urls")),
]
