"""A published document taken back (to draft or review) or embargoed again says so at every
address readers may hold (the page, its citations, its IIIF manifest, the API), with the day it
is due back if an embargo sets one, and without its title; a document never public stays a plain
404 (issue 13, item 6)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from readingroom.catalogue.models import Document, Status

pytestmark = pytest.mark.django_db

TITLE = "Cabel from Molotov"


def addresses(public_id: int) -> list[str]:
    return [
        f"/documents/{public_id}",
        f"/documents/{public_id}/cabel-from-molotov",
        f"/documents/{public_id}/cite.json",
        f"/documents/{public_id}/cite.bib",
        f"/iiif/documents/{public_id}/manifest.json",
        f"/api/v1/documents/{public_id}",
    ]


@pytest.mark.parametrize("status", [Status.DRAFT, Status.REVIEW, Status.EMBARGOED])
def test_a_document_taken_back_says_it_is_not_available_now(
    archive, search_backend, status: str
) -> None:
    due = timezone.localdate() + dt.timedelta(days=10)
    pub = Document.objects.get(key="pub")
    assert pub.published_at is not None
    embargo = due if status == Status.EMBARGOED else None
    Document.objects.filter(pk=pub.pk).update(status=status, embargo_until=embargo)
    for address in addresses(pub.public_id):
        response = Client().get(address)
        assert response.status_code == 404, address
        body = response.content.decode()
        assert f"Document {pub.public_id} was public here and is not available now." in body
        assert (f"It is due back on {due:%B %-d, %Y}." in body) == (status == Status.EMBARGOED)
        assert TITLE not in body, address
    problem = Client().get(f"/api/v1/documents/{pub.public_id}").json()
    assert problem["title"] == "Not available now"


def test_a_document_never_public_is_a_plain_404(archive, search_backend) -> None:
    draft = Document.objects.get(key="draft")
    for address in addresses(draft.public_id):
        response = Client().get(address)
        assert response.status_code == 404, address
        assert b"not available now" not in response.content
        assert b"Note for the file" not in response.content


def test_the_admin_asks_before_taking_a_public_document_away(staff, archive, search_backend):
    from .conftest import errors, submit

    editor = staff("editor")
    pub = Document.objects.get(key="pub")
    url = f"/admin/catalogue/document/{pub.pk}/change/"
    asked = submit(editor, url, "document_form", {"status": Status.DRAFT, "change_note": "Hold."})
    assert asked.status_code == 200
    assert any("Tick the box to confirm" in e for e in errors(asked))
    assert Document.objects.get(key="pub").status == Status.PUBLISHED
    later = str(timezone.localdate() + dt.timedelta(days=5))
    for changes in ({"status": Status.EMBARGOED, "embargo_until": later}, {"status": Status.DRAFT}):
        confirmed = submit(
            editor,
            url,
            "document_form",
            {**changes, "change_note": "Hold.", "confirm_unpublish": "on"},
        )
        assert confirmed.status_code == 302, errors(confirmed)
        Document.objects.filter(pk=pub.pk).update(status=Status.PUBLISHED, embargo_until=None)
    draft = Document.objects.get(key="draft")  # never public: nothing to confirm
    page = editor.get(f"/admin/catalogue/document/{draft.pk}/change/").content.decode()
    assert "confirm_unpublish" not in page
