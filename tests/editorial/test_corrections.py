"""Corrections in the open: a published document lists what was corrected and when, every
published version stays citable at ?version=N, and withdrawn documents answer 410."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from lxml import html

from readingroom.catalogue.models import Document, Status
from readingroom.editorial import workflow

from .conftest import RECORDS, errors, load, submit

pytestmark = pytest.mark.django_db


def text_of(response) -> str:  # type: ignore[no-untyped-def]
    return " ".join(html.fromstring(response.content).text_content().split())


def url(key: str, query: str = "") -> str:
    return Document.objects.get(key=key).get_absolute_url() + query


def test_corrections_list_names_each_correction_with_its_day(
    staff, archive, tmp_path, search_backend
):
    editor = staff("editor")
    pub = Document.objects.get(key="pub")
    assert "Corrections" not in text_of(Client().get(url("pub")))
    response = submit(
        editor,
        f"/admin/catalogue/document/{pub.pk}/change/",
        "document_form",
        {"title": "Cable from Molotov", "change_note": "Corrected the spelling of the title."},
    )
    assert response.status_code == 302, errors(response)
    with time_machine.travel(timezone.now() + dt.timedelta(days=40)):
        corrected = RECORDS.replace("Cabel from Molotov", "Cable from Molotov").replace(
            "1945-08-23", "1945-08-24"
        )
        load(tmp_path / "fix", corrected, name="fix.jsonl")
        page = text_of(Client().get(url("pub")))
    assert "Corrections" in page and "This is version 3 of this record." in page
    assert "corrected the title (from “Cabel from Molotov” to “Cable from Molotov”)" in page
    assert "Corrected the spelling of the title." in page
    assert "corrected the date (from “August 23, 1945” to “August 24, 1945”)" in page
    assert "Updated from the source file fix.jsonl." in page  # an import names its file
    later = (timezone.localdate() + dt.timedelta(days=40)).strftime("%B %-d, %Y")
    assert later in page


def test_every_published_version_is_citable(staff, archive, search_backend):
    editor = staff("editor")
    pub = Document.objects.get(key="pub")
    submit(editor, f"/admin/catalogue/document/{pub.pk}/change/", "document_form",
           {"title": "Cable from Molotov", "change_note": "Spelling."})  # fmt: skip
    first = Client().get(url("pub", "?version=1"))
    assert first.status_code == 200
    page = text_of(first)
    assert "Cabel from Molotov" in page and "Version 1 of 2" in page
    assert "Read the current version" in page
    cite = " ".join(
        html.fromstring(first.content).xpath("string(//section[@class='cite'])").split()
    )
    assert "version 1" in cite and f"/documents/{pub.public_id}/" in cite and "?version=1" in cite
    assert "Cabel from Molotov" in cite and "Cable from Molotov" not in cite
    assert 'rel="canonical" href="' in first.content.decode()
    second = text_of(Client().get(url("pub", "?version=2")))
    assert "Cable from Molotov" in second and "This is the current version." in second
    for missing in (
        "?version=3",
        "?version=0",
        "?version=one",
        "?version=²",
        "?version=" + "9" * 30,
    ):
        assert Client().get(url("pub", missing)).status_code == 404
    short = Client().get(f"/documents/{pub.public_id}?version=1")
    assert short.status_code == 301 and short["Location"].endswith("?version=1")


def test_changes_before_publication_are_not_corrections(staff, archive, search_backend):
    cataloguer = staff("cataloguer")
    draft = Document.objects.get(key="draft")
    for title in ("Note for the files", "Note to the file"):
        submit(cataloguer, f"/admin/catalogue/document/{draft.pk}/change/", "document_form",
               {"title": title})  # fmt: skip
    assert Client().get(url("draft")).status_code == 404
    assert Client().get(url("draft", "?version=1")).status_code == 404
    workflow.publish([Document.objects.get(key="draft")], None)
    page = text_of(Client().get(url("draft")))
    assert "Note to the file" in page and "Corrections" not in page
    assert "Note to the file" in text_of(Client().get(url("draft", "?version=1")))
    assert Client().get(url("draft", "?version=2")).status_code == 404


def test_an_embargoed_version_is_published_when_its_day_comes(staff, archive, search_backend):
    draft = Document.objects.get(key="draft")
    release = timezone.localdate() + dt.timedelta(days=10)
    embargo = {"status": Status.EMBARGOED, "embargo_until": release.isoformat()}
    response = submit(staff("editor"), f"/admin/catalogue/document/{draft.pk}/change/",
                      "document_form", embargo)  # fmt: skip
    assert response.status_code == 302, errors(response)
    assert Client().get(url("draft")).status_code == 404
    assert Client().get(url("draft", "?version=1")).status_code == 404
    with time_machine.travel(release + dt.timedelta(hours=12)):
        assert Client().get(url("draft")).status_code == 200
        assert "Version 1 of 1" in text_of(Client().get(url("draft", "?version=1")))


def test_a_withdrawn_document_answers_410_with_a_tombstone(staff, archive, search_backend):
    workflow.withdraw([Document.objects.get(key="pub")], None, "Rights to the translation lapsed.")
    for address in (
        url("pub"),
        url("pub", "?version=1"),
        f"/documents/{Document.objects.get(key='pub').public_id}",
    ):
        response = Client().get(address)
        assert response.status_code == 410
        page = text_of(response)
        assert "Cabel from Molotov" in page and "Rights to the translation lapsed." in page
        assert "withdrawn" in page and "The treaty is signed." not in page
        assert "Molotov" not in page.replace("Cabel from Molotov", "")
    # Taken back to draft instead, a document simply is not there.
    Document.objects.filter(key="pub").update(status=Status.DRAFT)
    assert Client().get(url("pub")).status_code == 404


def test_a_document_published_before_history_was_kept_is_version_1(db, search_backend):
    made = Document.objects.create(title="Made by hand", status=Status.PUBLISHED, date_edtf="1950")
    response = Client().get(f"{made.get_absolute_url()}?version=1")
    assert response.status_code == 200 and "Made by hand" in text_of(response)
    assert Client().get(f"{made.get_absolute_url()}?version=2").status_code == 404


def test_the_archive_lists_and_feeds_every_correction(staff, archive, search_backend):
    import feedparser

    assert "No published document has been corrected yet." in text_of(Client().get("/corrections"))
    editor = staff("editor")
    pub = Document.objects.get(key="pub")
    submit(editor, f"/admin/catalogue/document/{pub.pk}/change/", "document_form",
           {"title": "Cable from Molotov", "change_note": "Spelling of the title."})  # fmt: skip
    draft = Document.objects.get(key="draft")
    submit(editor, f"/admin/catalogue/document/{draft.pk}/change/", "document_form",
           {"title": "A note for the file"})  # fmt: skip
    page = text_of(Client().get("/corrections"))
    assert "Cable from Molotov — corrected the title (from “Cabel from Molotov” to" in page
    assert "Spelling of the title." in page and "Version 1, before this correction" in page
    assert "note for the file" not in page  # never public: not a correction
    feed = feedparser.parse(Client().get("/feeds/corrections.atom").content)
    assert not feed.bozo, feed.bozo_exception
    (entry,) = feed.entries
    assert entry.title == "Corrected: Cable from Molotov"
    assert entry.link.endswith(f"/documents/{pub.public_id}?version=2")
    assert entry.summary.startswith("Corrected the title (from “Cabel from Molotov”")
    assert entry.summary.endswith("Spelling of the title.")
    assert 'href="/corrections"' in Client().get("/").content.decode()
