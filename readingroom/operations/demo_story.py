"""What happens to the demo archive after its import, so that it shows what an archive lives
through: a correction with its public note, an embargo that lifts in two months, and two records
of one man merged (FRUS's "George V. Chicherin" into the "Georgy Chicherin" a Russian source
brought, with his name in Cyrillic and his life dates). Each step
is done once (a second `demo` finds it done), through the same editorial paths as the admin,
with its history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from readingroom.catalogue.models import Document, Person, Status
from readingroom.editorial.history import Attribution, recording
from readingroom.editorial.jobs import run_here
from readingroom.editorial.merges import merge_job, run_merge
from readingroom.editorial.models import ChangeSet, JobState, Source
from readingroom.search.outbox import enqueue_documents

CORRECTED = "seed-1934-11-01-sheng-letter"
CORRECTION = "Corrected the title: 'Governor', misspelt in the source."
CORRECTED_TITLE = "Letter from Governor Shicai Sheng to Cdes. Stalin, Molotov, and Voroshilov"
EMBARGOED = "seed-1936-telegram-to-apresov"
EMBARGO_NOTE = "Embargoed by the demo: released two months after the archive was built."
SURVIVOR = "chicherin"  # from sources-in-other-scripts.jsonl
DUPLICATE_SORT_NAME = "Chicherin, George V."  # FRUS 1918, Russia, vol. III


def tell(say: Callable[[str], None]) -> None:
    for step in (correct, embargo, merge):
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


def merge() -> str:
    survivor = Person.objects.filter(key=SURVIVOR, merged_into__isnull=True).first()
    duplicate = Person.objects.filter(
        sort_name=DUPLICATE_SORT_NAME, key__startswith="frus", merged_into__isnull=True
    ).first()
    if survivor is None or duplicate is None:
        return ""  # (merged already, or a corpus without them)
    job = run_here(merge_job(survivor, [survivor, duplicate], {}, None), run_merge)
    if job.state != JobState.DONE:
        return f"Demo: the merge of {duplicate.name} was not done: {job.outcome}"
    return f"Demo: {duplicate.name} (FRUS) merged into {survivor.name}."
