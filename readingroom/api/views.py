"""Thin views of the JSON API: read the request, call `listing`/`serializers`, answer JSON."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from readingroom.catalogue.ids import read_public_id
from readingroom.catalogue.visibility import NotAvailableNow, check_available_now, public_by_ids
from readingroom.interchange.export import documents_for_export
from readingroom.protocols.page_cache import cached
from readingroom.protocols.throttle import rate_limited

from . import listing, openapi, serializers

SINGULAR = {
    "people": "person",
    "places": "place",
    "subjects": "subject",
    "repositories": "repository",
    "collections": "collection",
}


def answer(data: Any, status: int = 200, content_type: str = "application/json") -> HttpResponse:
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, separators=(",", ":")),
        status=status,
        content_type=f"{content_type}; charset=utf-8",
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


def problem(status: int, title: str, detail: str) -> HttpResponse:
    body = {"status": status, "title": title, "detail": detail}
    return answer(body, status, "application/problem+json")


def not_found(request: HttpRequest, what: str) -> HttpResponse:
    return problem(404, "Not found", f"There is no public {what} with this id.")


@csrf_exempt  # read-only: nothing to forge; unsafe methods get 405
@require_safe
@rate_limited
@cached("machine")
def index(request: HttpRequest) -> HttpResponse:
    base = request.build_absolute_uri("/api/v1/")
    kinds = ("documents", *serializers.AUTHORITIES)
    return answer(
        {
            "openapi": f"{base}openapi.json",
            "docs": f"{base}docs",
            "bulk_data": request.build_absolute_uri("/data/"),
            **{kind: f"{base}{kind}" for kind in kinds},
        }
    )


@csrf_exempt  # read-only: nothing to forge; unsafe methods get 405
@require_safe
@rate_limited
@cached("machine")
def document_list(request: HttpRequest) -> HttpResponse:
    return answer(listing.documents_page(request.META.get("QUERY_STRING", ""), request.path))


@csrf_exempt  # read-only: nothing to forge; unsafe methods get 405
@require_safe
@rate_limited
@cached("machine")
def document_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    number = read_public_id(public_id)
    if number is None:
        return not_found(request, "document")
    found = documents_for_export(public_by_ids([number]))
    record = found.first()
    if record is None:
        try:
            check_available_now(number)
        except NotAvailableNow as away:
            return problem(404, "Not available now", away.message)
        return not_found(request, "document")
    return answer(serializers.document(record))


@csrf_exempt  # read-only: nothing to forge; unsafe methods get 405
@require_safe
@rate_limited
@cached("machine")
def authority_list(request: HttpRequest, kind: str) -> HttpResponse:
    try:
        page = listing.read_page(request.GET)
    except listing.BadParameter as error:
        return problem(400, "Bad parameter", str(error))
    return answer(listing.authority_page(kind, page, request.path))


@csrf_exempt  # read-only: nothing to forge; unsafe methods get 405
@require_safe
@rate_limited
@cached("machine")
def authority_detail(request: HttpRequest, kind: str, public_id: str) -> HttpResponse:
    number = read_public_id(public_id)
    if number is None:
        return not_found(request, SINGULAR[kind])
    record = serializers.AUTHORITIES[kind][0]().filter(public_id=number).first()
    if record is None:
        return not_found(request, SINGULAR[kind])
    return answer(serializers.authority(kind, record))


@csrf_exempt  # read-only: nothing to forge; unsafe methods get 405
@require_safe
@cached("machine")
def openapi_description(request: HttpRequest) -> HttpResponse:
    return answer(openapi.description(), content_type="application/json")


@csrf_exempt  # read-only: nothing to forge; unsafe methods get 405
@require_safe
def docs(request: HttpRequest) -> HttpResponse:
    return render(request, "api/docs.html", {"api": openapi.description()})
