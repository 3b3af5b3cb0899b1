"""Cheap repeated reads (readingroom/protocols/page_cache.py): the server keeps public answers
until the index's next commit, every answer says how long readers' caches may keep it, and
nothing kept outlives a change that went through the outbox."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from readingroom.catalogue.models import Document, Person
from readingroom.editorial.workflow import withdraw
from readingroom.search.outbox import enqueue_documents

from .conftest import reindex
from .helpers import record

pytestmark = pytest.mark.usefixtures("seed_archive")


def title_shown(client: Client, url: str, title: str) -> bool:
    response = client.get(url)
    assert response.status_code == 200, url
    return title in response.content.decode()


def retitle(document: Document, title: str) -> None:
    """Change the title in the database alone, as no editor can: nothing enqueued."""
    Document.objects.filter(pk=document.pk).update(title=title)


def test_a_page_is_kept_until_a_change_enters_the_outbox_and_again_until_it_is_applied(
    client: Client,
) -> None:
    document = record("doc:seed-08")
    url = document.get_absolute_url()
    assert title_shown(client, url, document.title)
    retitle(document, "A title the kept page does not show")
    assert title_shown(client, url, document.title)  # kept: nothing entered the outbox
    enqueue_documents([document.public_id])  # as every change does, in its transaction
    assert title_shown(client, url, "A title the kept page does not show")
    retitle(document, "Changed again, behind the outbox's back")
    assert title_shown(client, url, "A title the kept page does not show")
    reindex()  # the index applies the row and deletes it: a new edition
    assert title_shown(client, url, "Changed again, behind the outbox's back")


def test_a_kept_page_costs_one_query(client: Client) -> None:
    url = record("person:stalin").get_absolute_url()
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    assert len(captured.captured_queries) == 1, captured.captured_queries  # the outbox's newest


def test_every_kind_of_public_answer_is_kept_and_left_behind_at_the_next_commit(
    client: Client,
) -> None:
    document = record("doc:seed-08")
    urls = [
        "/",
        f"/search?q={document.title.split()[0]}",
        document.get_absolute_url(),
        f"/documents/{document.public_id}/cite.ris",
        f"/api/v1/documents/{document.public_id}",
        f"/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:127.0.0.1:{document.public_id}",
        "/feeds/documents.atom",
    ]
    first = {url: client.get(url).content for url in urls}
    retitle(document, "Renamed without the outbox")
    assert {url: client.get(url).content for url in urls} == first
    enqueue_documents([document.public_id])
    reindex()
    for url in urls[2:]:
        assert b"Renamed without the outbox" in client.get(url).content, url


def test_a_withdrawn_document_is_gone_at_once_though_its_page_was_kept(client: Client) -> None:
    document = record("doc:seed-08")
    url = document.get_absolute_url()
    assert client.get(url).status_code == 200
    editor = get_user_model().objects.create_superuser("chief", "chief@example.org", "pw")
    withdraw([document], editor, "Released in error")
    reindex()
    assert client.get(url).status_code == 410  # gone, with the reason
    assert client.get(f"/api/v1/documents/{document.public_id}").status_code in (404, 410)


def test_answers_say_how_long_readers_may_keep_them_by_kind(client: Client) -> None:
    document = record("doc:seed-08")
    person = record("person:stalin")
    assert client.get("/")["Cache-Control"] == "public, max-age=60"
    assert client.get(person.get_absolute_url())["Cache-Control"] == "public, max-age=60"
    assert client.get("/api/v1/documents")["Cache-Control"] == "public, max-age=60"
    cite = client.get(f"/documents/{document.public_id}/cite.bib")
    assert cite["Cache-Control"] == "public, max-age=300"
    assert client.get("/healthz")["Cache-Control"] == "no-store"
    assert "ETag" in client.get(document.get_absolute_url())


def test_signed_in_editors_get_the_admin_uncached(client: Client) -> None:
    client.force_login(get_user_model().objects.create_superuser("chief", "c@example.org", "pw"))
    control = client.get("/admin/catalogue/document/")["Cache-Control"]
    assert "private" in control and "max-age=0" in control


def test_kept_answers_still_count_against_the_rate_limit(client: Client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.API_RATE_REQUESTS = 2
    statuses = [client.get("/api/v1/documents").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


def test_the_server_keeps_nothing_when_turned_off(client: Client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.PAGE_CACHE_SECONDS = 0
    person = record("person:stalin")
    url = person.get_absolute_url()
    assert client.get(url).status_code == 200
    Person.objects.filter(pk=person.pk).update(biography="Written a moment ago.")
    assert b"Written a moment ago." in client.get(url).content
