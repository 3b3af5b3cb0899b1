"""The editors' dashboard on the admin's home page: the review queue with who sent each
document and how long it has waited, embargoes lifting within 30 days, the latest imports and
the search index's health."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import timezone

from readingroom.catalogue.models import Document, Status
from readingroom.editorial import workflow
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
