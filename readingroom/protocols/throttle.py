"""Polite rate limiting: a fixed window per client address, counted in Django's cache.

Past the limit a client gets 429 with Retry-After (seconds until its window ends). With the
default local-memory cache each server process counts on its own; a shared cache (Redis,
Memcached, the database cache) makes the limit exact across processes and nodes.
"""

from __future__ import annotations

import functools
import json
import time
from collections.abc import Callable
from typing import Any

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase

from readingroom.protocols import conf


def client_address(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR") or "unknown")


def check(
    request: HttpRequest, counted: str = "rate", limits: tuple[int, int] | None = None
) -> int:
    """0 when the request may go ahead, else the seconds to wait. `counted` names what is
    counted against `limits` (requests, seconds): by default, requests to the machine
    interfaces against `conf.api_rate_limit`."""
    limit, seconds = limits or conf.api_rate_limit()
    now = time.time()
    window = int(now // seconds)
    key = f"readingroom:{counted}:{client_address(request)}:{window}"
    cache.add(key, 0, timeout=seconds + 1)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=seconds + 1)
        count = 1
    if count <= limit:
        return 0
    return max(1, int((window + 1) * seconds - now + 0.999))


def too_many(wait: int) -> HttpResponse:
    body = {
        "status": 429,
        "title": "Too many requests",
        "detail": f"Please wait {wait} seconds. For the whole archive, use /data/.",
    }
    response = HttpResponse(json.dumps(body), status=429, content_type="application/problem+json")
    response["Retry-After"] = str(wait)
    return response


def rate_limited(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        wait = check(request)
        if wait:
            return too_many(wait)
        return view(request, *args, **kwargs)

    return wrapped
