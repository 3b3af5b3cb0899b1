"""Cheap repeated reads: public answers kept by the server and by readers' caches.

Each public view is wrapped in `cached(kind)`:

- the answer carries `Cache-Control: public, max-age=<FRESH_FOR[kind]>` (browsers and reverse
  proxies serve repeats for that long; ConditionalGetMiddleware adds the ETag that revalidates
  them afterwards);
- the server keeps a 200 answer in the "pages" cache under the archive's edition
  (search/edition.py): the search index's last commit and the newest row waiting in the outbox.
  Every change to a record enqueues its documents in the outbox in the same transaction, so the
  edition changes at that commit (a withdrawn document is gone from every kept page at once),
  and again when the index applies the rows and deletes them; outbox ids only grow, so no
  edition comes back. Entries also expire after
  `settings.PAGE_CACHE_SECONDS` (0 turns the server's cache off), which bounds what a change
  that touches no document (an authority without documents, say) can leave behind.

Django's own `cache_page` keys pages by URL and time alone; this keys them by the same URL and
`Vary` headers (Django's `get_cache_key`/`learn_cache_key`) under the code's version and the
edition as key prefix.
Answers that set cookies, vary on them, or say `private`/`no-store` are never kept. Rate limits
apply first: wrap inside `rate_limited` so every request is counted.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponseBase
from django.template.response import SimpleTemplateResponse
from django.utils import timezone
from django.utils.cache import get_cache_key, has_vary_header, learn_cache_key, patch_cache_control

from readingroom import __version__
from readingroom.catalogue.replication import replay_position
from readingroom.search.backend import SearchUnavailable
from readingroom.search.edition import edition

# How long a reader's browser or a proxy may serve an answer without asking again, by kind.
FRESH_FOR = {
    "page": 60,  # reading-room pages: home, search, records, corrections
    "machine": 60,  # the API, OAI-PMH, feeds and sitemaps
    "citation": 300,  # citation files and IIIF manifests
}
LARGEST = 2_000_000  # bytes: larger answers are not kept by the server
ALIAS = "pages"

View = Callable[..., HttpResponseBase]


def cached(kind: str) -> Callable[[View], View]:
    """Wrap a view of public answers (see the module's docstring)."""
    fresh = FRESH_FOR[kind]

    def decorate(view: View) -> View:
        @functools.wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            prefix = _prefix() if request.method in ("GET", "HEAD") else None
            if prefix is None:
                return _fresh(view(request, *args, **kwargs), fresh)
            pages = caches[ALIAS]
            key = get_cache_key(request, prefix, "GET", cache=pages)
            kept = pages.get(key) if key else None
            if kept is not None:
                return kept  # type: ignore[no-any-return]
            response = _fresh(view(request, *args, **kwargs), fresh)
            if _keepable(response):
                seconds = settings.PAGE_CACHE_SECONDS
                key = learn_cache_key(request, response, seconds, prefix, pages)
                pages.set(key, response, seconds)
            return response

        return wrapped

    return decorate


def _prefix() -> str | None:
    """The key prefix of kept answers: the code's version and the archive's edition; None when
    the server keeps nothing (turned off, or no index)."""
    if settings.PAGE_CACHE_SECONDS <= 0:
        return None
    try:
        current = edition()
    except SearchUnavailable:
        return None
    # and today's date: citations give the date of access, embargoes lift at midnight; and
    # how far a read replica has got, when the page reads one (catalogue/replication.py)
    return f"{__version__}:{timezone.localdate()}:{current}{replay_position()}"


def _fresh(response: HttpResponseBase, seconds: int) -> HttpResponseBase:
    if isinstance(response, SimpleTemplateResponse):
        response.render()  # a sitemap's: kept as the bytes it renders to
    if response.status_code < 500 and "Cache-Control" not in response:
        patch_cache_control(response, public=True, max_age=seconds)
    return response


def _keepable(response: HttpResponseBase) -> bool:
    control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not has_vary_header(response, "Cookie")
        and not has_vary_header(response, "*")
        and not any(word in control for word in ("private", "no-store", "no-cache"))
        and len(getattr(response, "content", b"")) <= LARGEST
    )
