"""What happens to the demo archive after its import, so that it shows what an archive lives
through: a correction with its public note, and an embargo that lifts in two months. Each step
is done once (a second `demo` finds it done), through the same editorial paths as the admin,
with its history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from readingroom.catalogue.models import Document, Status
from readingroom.editorial.history import Attribution, recording
from readingroom.editorial.models import ChangeSet, Source
from readingroom.search.outbox import enqueue_documents

CORRECTED = "seed-1934-11-01-sheng-letter"
CORRECTION = "Corrected the title: 'Governor', misspelt in the source."
CORRECTED_TITLE = "Letter from Governor Shicai Sheng to Cdes. Stalin, Molotov, and Voroshilov"
EMBARGOED = "seed-1936-telegram-to-apresov"
EMBARGO_NOTE = "Embargoed by the demo: released two months after the archive was built."


def tell(say: Callable[[str], None]) -> None:
    for step in (correct, embargo):
        said = step()
        if said:
            say(said)


def _done(note: str) -> bool:
    return ChangeSet.objects.filter(note=note).exists()


def correct() -> str:
    document = Document.objects.filter(key=CORRECTED, status=Status.PUBLISHED).first()
    if document is None or _done(CORRECTION):
        return ""
    with transaction.atomic(), recording(Attribution(Source.ADMIN, None, CORRECTION)) as rec:
        rec.watch_records([document])
        document.title = CORRECTED_TITLE
        document.save()  # (a new slug, the old one kept as a redirect)
    enqueue_documents([document.public_id])
    return f"Demo: a correction to document {document.public_id}, with its public note."


def embargo() -> str:
    document = Document.objects.filter(key=EMBARGOED).first()
    if document is None or _done(EMBARGO_NOTE):
        return ""
    lifts = timezone.localdate() + dt.timedelta(days=61)
    with transaction.atomic(), recording(Attribution(Source.WORKFLOW, None, EMBARGO_NOTE)) as rec:
        rec.watch_records([document])
        document.status, document.embargo_until = Status.EMBARGOED, lifts
        document.save()
    enqueue_documents([document.public_id])
    return f"Demo: document {document.public_id} embargoed until {lifts:%B %-d, %Y}."
