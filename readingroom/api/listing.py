"""Pages of API results: the documents list (the /search parameters, through the web's
`search.params`, and the search service) and the authority lists (page and per_page)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.db.models import QuerySet
from django.http import QueryDict

from readingroom.catalogue.labels import record_labels
from readingroom.catalogue.models import Document
from readingroom.interchange.export import documents_for_export
from readingroom.protocols import conf
from readingroom.search import params as search_params
from readingroom.search import service
from readingroom.search.facets import FACETS_BY_NAME
from readingroom.search.reading import from_query_string

from . import serializers

PER_PAGE_CHOICES = search_params.PER_PAGE_CHOICES
DEFAULT_PER_PAGE = 25


class BadParameter(ValueError):
    """A page or per_page the API cannot read (answered with 400)."""


@dataclass(frozen=True)
class Page:
    number: int
    per_page: int


def links(path: str, pairs: list[tuple[str, str]], page: Page, count: int) -> dict[str, Any]:
    """self/first/prev/next/last links; `pairs` are the canonical parameters without page."""
    last = max(1, math.ceil(count / page.per_page))

    def url(number: int) -> str:
        query = urlencode([*pairs, *([("page", str(number))] if number > 1 else [])])
        return f"{conf.site_url()}{path}" + (f"?{query}" if query else "")

    return {
        "self": url(page.number),
        "first": url(1),
        "prev": url(page.number - 1) if 1 < page.number <= last + 1 else None,
        "next": url(page.number + 1) if page.number < last else None,
        "last": url(last),
    }


def documents_page(query_string: str, path: str) -> dict[str, Any]:
    parsed = from_query_string(query_string)
    params = parsed.params
    result = service.search(params.search_query(facet_limit=20, histogram=False, highlight=False))
    ids = [hit.public_id for hit in result.hits]
    found = documents_for_export(Document.objects.public().filter(public_id__in=ids))
    by_id = {d.public_id: d for d in found}
    pairs = [(k, v) for k, v in params.pairs() if k != "page"]
    page = Page(params.page, params.per_page)
    return {
        "count": result.total,
        "page": page.number,
        "per_page": page.per_page,
        "notices": list(dict.fromkeys([*parsed.notices, *result.notices])),
        "links": links(path, pairs, page, result.total),
        "facets": {name: _facet_values(name, counts) for name, counts in result.facets.items()},
        "results": [serializers.document(by_id[i]) for i in ids if i in by_id],
    }


def _facet_values(name: str, counts: Sequence[Any]) -> list[dict[str, Any]]:
    facet = FACETS_BY_NAME.get(name)
    values = [c.value for c in counts]
    labels: dict[str, str] = {}
    if facet is not None and facet.model is not None:
        labels = record_labels(facet.model, values, counted=values)
    elif facet is not None:
        labels = facet.code_labels(values)
    return [
        {"value": c.value, "label": labels.get(c.value, c.value), "count": c.count}
        for c in counts
        if c.value in labels or facet is None or facet.model is None
    ]


def read_page(query: QueryDict) -> Page:
    unknown = sorted(set(query) - {"page", "per_page"})
    if unknown:
        raise BadParameter(f"unknown parameter '{unknown[0]}'; this list takes page and per_page")
    number = _whole(query.get("page", "1"), "page")
    per_page = _whole(query.get("per_page", str(DEFAULT_PER_PAGE)), "per_page")
    if number < 1 or number > search_params.MAX_PAGE:
        raise BadParameter(f"page must be from 1 to {search_params.MAX_PAGE}")
    if per_page not in (*PER_PAGE_CHOICES, DEFAULT_PER_PAGE):
        raise BadParameter(f"per_page must be one of {', '.join(map(str, PER_PAGE_CHOICES))}")
    return Page(number, per_page)


def _whole(value: str, name: str) -> int:
    if not (value.isascii() and value.isdigit()) or len(value) > 9:
        raise BadParameter(f"{name} must be a whole number")
    return int(value)


def authority_page(kind: str, page: Page, path: str) -> dict[str, Any]:
    queryset: QuerySet[Any] = serializers.AUTHORITIES[kind][0]().order_by("public_id")
    count = queryset.count()
    start = (page.number - 1) * page.per_page
    records = queryset[start : start + page.per_page]
    pairs = [("per_page", str(page.per_page))] if page.per_page != DEFAULT_PER_PAGE else []
    return {
        "count": count,
        "page": page.number,
        "per_page": page.per_page,
        "links": links(path, pairs, page, count),
        "results": [serializers.authority(kind, r) for r in records],
    }
