"""When the search index cannot be read, every page that searches answers 503 and says so,
and the error is logged once a request: readers are not shown an empty archive, monitors and
load balancers see the status (and `/healthz`), operators read what to do."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse

from .backend import SearchUnavailable

log = logging.getLogger("readingroom.search")
RETRY_AFTER = "60"
PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Search is unavailable</title></head><body><main>
<h1>Search is unavailable</h1>
<p>The archive cannot search its documents just now. Its operators have been told; please try
again in a few minutes.</p></main></body></html>"""


class SearchUnavailableMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, SearchUnavailable):
            return None
        log.error("search unavailable for %s: %s", request.path, exception)
        response: HttpResponse
        if request.path.startswith("/api/"):
            response = JsonResponse({"error": "search is unavailable; try again later"}, status=503)
        else:
            response = HttpResponse(PAGE, status=503)
        response["Retry-After"] = RETRY_AFTER
        return response
