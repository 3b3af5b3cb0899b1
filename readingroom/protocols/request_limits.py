"""How long an address may be. A search takes at most `MAX_CHARS` (1,000) characters of words,
in any script; percent-encoded, a character is at most 12 bytes (9 for Chinese), so a query
string of `MAX_QUERY_STRING` bytes holds the longest search with room for every filter. A
longer one is answered here with the archive's own page (and, for the API, a problem): 414 URI
Too Long, saying what to do. (gunicorn's own limit is lifted for this: `operations/server.py`.)"""

from __future__ import annotations

import json
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from readingroom.search.query import MAX_CHARS

MAX_QUERY_STRING = 16_384  # bytes, as sent (percent-encoded)
DETAIL = (
    f"The address is longer than {MAX_QUERY_STRING:,} bytes. Searches take at most "
    f"{MAX_CHARS:,} characters; shorten the words or remove some filters."
)


def too_long(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/api/"):
        problem = {"status": 414, "title": "URI Too Long", "detail": DETAIL}
        return HttpResponse(
            json.dumps(problem), status=414, content_type="application/problem+json"
        )
    context = {"max_chars": MAX_CHARS, "max_bytes": MAX_QUERY_STRING}
    return render(request, "414.html", context, status=414)


class QueryLengthMiddleware:
    """414 with the archive's page for a query string past `MAX_QUERY_STRING` bytes."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if len(request.META.get("QUERY_STRING", "")) > MAX_QUERY_STRING:
            return too_long(request)
        return self.get_response(request)
