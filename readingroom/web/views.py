"""Public pages. Thin: parse the request, call one operation, render."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render

from .records import find_record


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "web/home.html", {})


def _record_page(request: HttpRequest, record_type: str, public_id: int, slug: str | None):
    record = find_record(record_type, public_id)
    canonical = record.get_absolute_url()
    if request.path != canonical:
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(canonical + (f"?{query}" if query else ""))
    return render(request, f"web/{record_type}.html", {"record": record})


def document_detail(request: HttpRequest, public_id: int, slug: str | None = None) -> HttpResponse:
    return _record_page(request, "document", public_id, slug)


def person_detail(request: HttpRequest, public_id: int, slug: str | None = None) -> HttpResponse:
    return _record_page(request, "person", public_id, slug)


def place_detail(request: HttpRequest, public_id: int, slug: str | None = None) -> HttpResponse:
    return _record_page(request, "place", public_id, slug)


def subject_detail(request: HttpRequest, public_id: int, slug: str | None = None) -> HttpResponse:
    return _record_page(request, "subject", public_id, slug)


def repository_detail(
    request: HttpRequest, public_id: int, slug: str | None = None
) -> HttpResponse:
    return _record_page(request, "repository", public_id, slug)


def collection_detail(
    request: HttpRequest, public_id: int, slug: str | None = None
) -> HttpResponse:
    return _record_page(request, "collection", public_id, slug)
