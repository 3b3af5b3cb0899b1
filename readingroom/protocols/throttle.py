"""Polite rate limiting: a fixed window per client address, counted in Django's cache.

Past the limit a client gets 429 with Retry-After (seconds until its window ends). By default
each server process counts in its own memory (a client may make the limit once a process);
READINGROOM_RATE_LIMITS=database counts in one table for every process and node, exactly.
"""

from __future__ import annotations

import functools
import json
import logging
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponse, HttpResponseBase

from readingroom.protocols import conf
from readingroom.protocols.models import RateWindow

log = logging.getLogger(__name__)


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
    if settings.RATE_LIMITS == "database":
        try:
            count = _counted_in_database(counted, client_address(request), window)
        except DatabaseError as error:
            # the database that counts is down (a primary restarting while readers are served
            # from a replica): readers go ahead uncounted rather than get an error
            log.warning("rate limit not counted: %s", error)
            return 0
    else:
        count = _counted_in_memory(f"readingroom:{counted}:{client_address(request)}:{window}",
                                   seconds)  # fmt: skip
    if count <= limit:
        return 0
    return max(1, int((window + 1) * seconds - now + 0.999))


def _counted_in_memory(key: str, seconds: int) -> int:
    cache.add(key, 0, timeout=seconds + 1)
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=seconds + 1)
        return 1


def _counted_in_database(counted: str, client: str, window: int) -> int:
    """This request counted in the window's row: an UPDATE holds the row until commit, so
    concurrent requests of every process and node count one after another, never over."""
    mine = RateWindow.objects.filter(counted=counted, client=client)
    rows = mine.filter(window=window)
    with transaction.atomic():
        if not rows.update(count=F("count") + 1):
            try:
                with transaction.atomic():
                    mine.create(counted=counted, client=client, window=window, count=1)
                mine.filter(window__lt=window).delete()  # past windows count no more
                return 1
            except IntegrityError:  # another request began the window first
                rows.update(count=F("count") + 1)
        return int(rows.values_list("count", flat=True)[0])


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
