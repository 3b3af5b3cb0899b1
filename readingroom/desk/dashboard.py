"""The editors' dashboard at the top of the admin's home page: the review queue (who sent each
document, how long it has waited), embargoes lifting in the next 30 days, the latest imports
from the admin, the background work, and the search index's health (`/healthz`'s answer,
and the last check run from here)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from readingroom.catalogue.models import Document, Status
from readingroom.editorial import jobs
from readingroom.editorial.jobs import CHECK
from readingroom.editorial.models import Job, Version
from readingroom.importers.models import ImportRun
from readingroom.search.health import health

from .forms import kept

SHOWN = 20
LIFTING_WITHIN = dt.timedelta(days=30)
NO_WORKER_AFTER = dt.timedelta(minutes=2)  # a job waiting this long: is a worker running?


@dataclass(frozen=True)
class Waiting:
    document: Document
    since: dt.datetime  # its last change
    by: str  # who made it


def review_queue() -> list[Waiting]:
    """Documents in review, the longest waiting first."""
    last = Version.objects.filter(record_type="document", public_id=OuterRef("public_id"))
    last = last.order_by("-number")
    documents = (
        Document.objects.filter(status=Status.REVIEW)
        .annotate(
            changed=Subquery(last.values("created_at")[:1]),
            changed_by=Subquery(last.values("changeset__user__username")[:1]),
        )
        .order_by("changed", "pk")[:SHOWN]
    )
    return [
        Waiting(d, d.changed or d.updated_at, d.changed_by or "an import or the command line")  # type: ignore[attr-defined]
        for d in documents
    ]


def lifting_soon() -> list[Document]:
    today = timezone.localdate()
    soon = Document.objects.filter(
        status=Status.EMBARGOED, embargo_until__gt=today, embargo_until__lte=today + LIFTING_WITHIN
    )
    return list(soon.order_by("embargo_until", "pk")[:SHOWN])


def board() -> dict[str, Any]:
    return {
        # (each read once a change set, desk/forms.kept: 268 ms for 21,909 in review at 10^6)
        "review": kept("dashboard-review", None, review_queue),
        "lifting": kept("dashboard-lifting", timezone.localdate(), lifting_soon),
        "imports": list(ImportRun.objects.select_related("user")[:5]),
        "health": health(),
        "now": timezone.now(),
        "jobs": list(Job.objects.select_related("created_by")[:5]),
        "stuck": (jobs.waiting()[1] or 0) > NO_WORKER_AFTER.total_seconds(),
        "last_check": Job.objects.filter(kind=CHECK).first(),
    }
