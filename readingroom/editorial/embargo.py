"""Embargoes pass without anyone acting. In the database they pass by themselves:
`Document.objects.public(today)` counts an embargo whose day has come as published. The search
index holds only public documents, so it must hear of each release: `release_due()` queues every
document whose embargo passed since it last ran (at most a day's worth, usually none) for
re-indexing. It runs from `EmbargoReleaseMiddleware` on the first request of each day in each
web process, from `readingroom release_embargoes` (for cron), and from the indexer's loop.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from django.conf import settings
from django.db import DatabaseError, transaction
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from readingroom.catalogue.models import Document, Status
from readingroom.search.outbox import enqueue_documents

from .models import EmbargoRelease

log = logging.getLogger(__name__)
BEGINNING = dt.date(1, 1, 1)


def release_due(today: dt.date | None = None) -> list[int]:
    """Queue for indexing the documents whose embargo passed since the last run; mark them
    published on their release day. Returns their public ids. Safe to run concurrently."""
    today = today or timezone.localdate()
    if EmbargoRelease.objects.filter(released_through__gte=today).exists():
        return []  # the usual case, without taking a write lock
    with transaction.atomic():
        mark, _ = EmbargoRelease.objects.select_for_update().get_or_create(
            pk=1, defaults={"released_through": BEGINNING}
        )
        if mark.released_through >= today:
            return []
        due = list(
            Document.objects.filter(
                status=Status.EMBARGOED,
                embargo_until__gt=mark.released_through,
                embargo_until__lte=today,
            ).only("pk", "public_id", "embargo_until", "published_at")
        )
        _mark_published(due)
        enqueue_documents(d.public_id for d in due)
        mark.released_through = today
        mark.save(update_fields=["released_through"])
    return [d.public_id for d in due]


def _mark_published(documents: list[Document]) -> None:
    """Released documents are published now, as far as feeds and harvesters are concerned
    (they reach the index now); `updated_at` moves so incremental harvests pick them up."""
    now = timezone.now()
    for document in documents:
        document.note_publication(now)
        document.updated_at = now
    Document.objects.bulk_update(documents, ["published_at", "updated_at"], batch_size=500)


class EmbargoReleaseMiddleware:
    """Runs `release_due()` on the first request of each day in this process (one date
    comparison per request otherwise)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.released_on: dt.date | None = None

    def __call__(self, request: HttpRequest) -> HttpResponse:
        today = timezone.localdate()
        if self.released_on != today and settings.RELEASE_EMBARGOES_ON_PAGE_VIEWS:
            try:
                release_due(today)
            except DatabaseError as error:  # the archive is not migrated yet, say; try later
                log.warning("could not release embargoes: %s", error)
            else:
                self.released_on = today
        return self.get_response(request)
