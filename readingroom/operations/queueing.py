"""A bounded queue: a request that waited too long for a worker's thread is turned away at once
with 503 and Retry-After, never left to wait seconds more for its page.

gunicorn's threaded worker accepts connections at once (up to `worker_connections`) and queues
them for its threads; how long one waited is known only to the worker. `QueuedWorker` notes
when each connection was queued and hands the moment to the application in the WSGI environ
(`QUEUED_AT`, a `time.monotonic()`); `QueueLimitMiddleware` answers a request that waited longer
than `settings.QUEUE_SECONDS` with a small 503 page that costs nothing to make. The health
endpoints are always answered: a load balancer must see a busy node, not a dead one.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from gunicorn.workers.gthread import ThreadWorker

QUEUED_AT = "readingroom.queued_at"
ALWAYS_ANSWERED = ("/healthz", "/health")
RETRY_AFTER = 2  # seconds

_handling = threading.local()


class QueuedWorker(ThreadWorker):  # type: ignore[misc]
    """gunicorn's threaded worker, noting when each connection was queued for a thread."""

    def enqueue_req(self, conn: Any) -> None:
        conn.readingroom_queued_at = time.monotonic()
        super().enqueue_req(conn)

    def handle(self, conn: Any) -> Any:
        _handling.queued_at = getattr(conn, "readingroom_queued_at", None)
        return super().handle(conn)


def noting_queue_time(application: Callable[..., Iterable[bytes]]) -> Callable[..., Any]:
    """The WSGI application, given the moment this thread's connection was queued."""

    def noted(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        environ[QUEUED_AT] = getattr(_handling, "queued_at", None)
        return application(environ, start_response)

    return noted


BUSY_PAGE = (
    "<!doctype html><html lang=en><meta charset=utf-8><title>Busy</title>"
    "<h1>Too many readers at once</h1><p>The archive is busy. Please try again in a few "
    "seconds.</p></html>"
)


class QueueLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        queued_at = request.META.get(QUEUED_AT)
        limit = settings.QUEUE_SECONDS
        if (
            queued_at is not None
            and limit > 0
            and time.monotonic() - queued_at > limit
            and request.path not in ALWAYS_ANSWERED
        ):
            return busy()
        return self.get_response(request)


def busy() -> HttpResponse:
    response = HttpResponse(BUSY_PAGE, status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response
