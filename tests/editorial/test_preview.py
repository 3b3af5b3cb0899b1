"""Staff preview a document in any state as its page will look (/preview/documents/<id>), with
a banner; the admin's "View on site" leads there for a document readers cannot see. Nobody
else sees a preview, and nothing keeps or indexes one."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from readingroom.catalogue.models import Document

pytestmark = pytest.mark.django_db


def test_staff_preview_a_draft_readers_cannot_see(
    archive: None, staff: Callable[[str], Client], client: Client
) -> None:
    draft = Document.objects.get(key="draft")
    preview = f"/preview/documents/{draft.public_id}"
    assert client.get(f"/documents/{draft.public_id}").status_code == 404  # readers: nothing
    anonymous = client.get(preview)
    assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]

    for role in ("cataloguer", "reviewer", "editor"):
        answer = staff(role).get(preview)
        assert answer.status_code == 200, role
        page = answer.content.decode()
        assert "Note for the file" in page and 'class="preview-banner"' in page
        assert "document that is draft" in page and "readers cannot see it" in page
        assert f"/admin/catalogue/document/{draft.pk}/change/" in page
        assert answer["Cache-Control"] == "private, no-store"
        assert answer["X-Robots-Tag"] == "noindex, nofollow"


def test_view_on_site_leads_to_the_preview_until_readers_may_see_it(
    archive: None, staff: Callable[[str], Client]
) -> None:
    editor = staff("editor")
    draft = Document.objects.get(key="draft")
    published = Document.objects.get(key="pub")
    change = editor.get(f"/admin/catalogue/document/{draft.pk}/change/").content.decode()
    assert f'href="/preview/documents/{draft.public_id}"' in change
    change = editor.get(f"/admin/catalogue/document/{published.pk}/change/").content.decode()
    assert f'href="{published.get_absolute_url()}"' in change
    page = editor.get(f"/preview/documents/{published.public_id}").content.decode()
    assert "readers see it as it is here" in page


def test_no_preview_of_a_document_that_does_not_exist(
    archive: None, staff: Callable[[str], Client]
) -> None:
    assert staff("editor").get("/preview/documents/999999").status_code == 404
