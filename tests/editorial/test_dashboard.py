"""The editors' dashboard on the admin's home page: the review queue with who sent each
document and how long it has waited, embargoes lifting within 30 days, the latest imports and
the search index's health."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from readingroom.catalogue.models import Document, Status
from readingroom.editorial import workflow
from readingroom.editorial.jobs import CHECK, enqueue
from readingroom.editorial.models import Job, JobState
from readingroom.search.indexer import apply_outbox
from readingroom.search.memory import MemoryBackend

pytestmark = pytest.mark.django_db


def test_the_dashboard_shows_what_waits_and_what_lifts(
    archive: None, staff: Callable[[str], Client], search_backend: MemoryBackend
) -> None:
    editor = staff("editor")
    empty = html.unescape(editor.get("/admin/").content.decode())
    assert "Nothing is waiting for review." in empty and "No embargo lifts" in empty
    assert 'id="index-health">Working' in empty or 'id="index-health">Not working' in empty

    draft = Document.objects.get(key="draft")
    workflow.send_to_review([draft], get_user_model().objects.get(username="editor1"))
    lifting = timezone.localdate() + dt.timedelta(days=10)
    Document.objects.filter(key="pub").update(status=Status.EMBARGOED, embargo_until=lifting)
    page = html.unescape(editor.get("/admin/").content.decode())
    queue = page[page.index('id="review-queue"') :]
    assert "Note for the file" in queue and "from editor1" in queue and "waiting" in queue
    embargoes = page[page.index('id="embargoes-lifting"') :]
    assert "Cabel from Molotov" in embargoes and f"{lifting:%-d %B %Y}" in embargoes
    assert "Django" in page or "Catalogue" in page  # the apps are still listed below


def test_the_dashboard_checks_the_index_in_the_background(
    archive: None, staff: Callable[[str], Client], search_backend: MemoryBackend
) -> None:
    apply_outbox()
    editor = staff("reviewer")
    page = html.unescape(editor.get("/admin/").content.decode())
    assert "The index has not been checked from here yet." in page
    assert "No background work yet." in page
    assert editor.get("/admin/editorial/job/check/").status_code == 403  # POST only
    asked = editor.post("/admin/editorial/job/check/")
    job = Job.objects.get(kind=CHECK)
    assert asked.status_code == 302 and asked["Location"].endswith(f"/job/{job.pk}/change/")
    waiting = html.unescape(editor.get("/admin/").content.decode())
    assert "Check the search index against the database</a>: waiting, by reviewer1" in waiting
    assert 'id="no-worker"' not in waiting  # (asked just now)

    call_command("jobs")

    job.refresh_from_db()
    assert job.state == JobState.DONE, job.outcome
    assert "Database: 1 public documents. Index: 1 documents." in job.outcome
    page = html.unescape(editor.get("/admin/").content.decode())
    assert "the index agrees with the database" in page[page.index('id="last-check"') :]

    search_backend.clear()  # the index loses its document: the next check says so
    editor.post("/admin/editorial/job/check/")
    call_command("jobs")
    failed = Job.objects.filter(kind=CHECK).first()
    assert failed is not None and failed.state == JobState.FAILED
    assert "Missing from the index" in failed.outcome
    assert "problems found" in html.unescape(editor.get("/admin/").content.decode())


def test_a_job_left_waiting_asks_whether_a_worker_runs(
    archive: None, staff: Callable[[str], Client]
) -> None:
    job = enqueue("merge-people", {}, "An old job", None)
    Job.objects.filter(pk=job.pk).update(created_at=timezone.now() - dt.timedelta(minutes=5))
    page = html.unescape(staff("editor").get("/admin/").content.decode())
    assert 'id="no-worker"' in page and "An old job</a>: waiting" in page
