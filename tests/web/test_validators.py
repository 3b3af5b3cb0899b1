"""Public pages carry a cache validator: an ETag of their content, answered with 304 when a
reader's browser or a cache already holds that content, and a new one after an edit."""

from __future__ import annotations

import pytest
from django.test import Client

from readingroom.catalogue.models import Document
from readingroom.search.outbox import enqueue_documents

from .conftest import reindex

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("seed_archive")]


@pytest.mark.parametrize(
    "path", ["/", "/search?q=stalin", "/documents/{id}", "/api/v1/documents/{id}"]
)
def test_a_page_already_held_answers_304(client: Client, path: str) -> None:
    document = Document.objects.public().first()
    assert document is not None
    address = path.format(id=document.public_id)
    first = client.get(address, follow=True)
    assert first.status_code == 200 and first["ETag"]
    again = client.get(
        first.request["PATH_INFO"] + "?" + first.request["QUERY_STRING"],
        HTTP_IF_NONE_MATCH=first["ETag"],
    )
    assert again.status_code == 304 and not again.content


def test_an_edit_changes_the_validator(client: Client) -> None:
    document = Document.objects.public().first()
    assert document is not None
    address = document.get_absolute_url()
    before = client.get(address)["ETag"]
    document.summary = "A corrected summary."
    document.save()
    enqueue_documents([document.public_id])  # as the admin does
    reindex()
    after = client.get(address, HTTP_IF_NONE_MATCH=before)
    assert after.status_code == 200 and after["ETag"] != before
