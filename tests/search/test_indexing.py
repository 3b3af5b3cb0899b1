"""From the database to the index: the outbox applied after commit, names and variants, and what
readers may find (public documents only)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from django.db import transaction

from readingroom.catalogue.models import Document, Person, Place, Status
from readingroom.search import service
from readingroom.search.backend import SearchQuery
from readingroom.search.indexer import apply_outbox
from readingroom.search.models import OutboxEntry
from readingroom.search.names import people_named, places_named
from readingroom.search.outbox import enqueue_documents
from readingroom.search.query import parse
from readingroom.search.tantivy.engine import TantivyBackend

from . import archive

pytestmark = pytest.mark.django_db(transaction=True)  # commit hooks must run


@pytest.fixture
def imported(tantivy: TantivyBackend, tmp_path: Path) -> TantivyBackend:
    archive.load(tmp_path / "import")
    return tantivy


def found(text: str = "", **fields: object) -> set[int]:
    result = service.search(SearchQuery(words=parse(text), limit=100, **fields))  # type: ignore[arg-type]
    return {hit.public_id for hit in result.hits}


def test_an_import_is_searchable_when_its_transaction_commits(imported: TantivyBackend) -> None:
    assert not OutboxEntry.objects.exists()
    assert found() == {1, 2, 3, 5, 6}
    assert found(archive.SECRET) == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Filippov", {1}),
        ("Filipov", {1}),
        ("Stalin", {1}),
        ("Сталин", {1}),
        ("Sheng Shicai", {2}),
        ("Shicai Sheng", {2}),
        ('person:"Shicai Sheng"', {2}),  # the people's names: every variant
        ('"Shicai Sheng"', set()),  # quoted: that spelling, which no document's words hold
        ('"Sheng Shicai"', {2}),  # as its title spells it
        ('"Filippov"', set()),
        ("Urumchi", {2}),
        ("Ürümqi", {2}),
        ("urumqi", {2}),
        ("person:filippov", {1}),
        ("place:urumchi", {2}),
        ("rgaspi", {1, 2, 3, 5, 6}),
    ],
)
def test_variants_find_the_documents(imported: TantivyBackend, text: str, expected: set) -> None:
    assert found(text) == expected


@pytest.mark.parametrize("text", ["Filippov", "Filipov", "Stalin", "сталин", "joseph stalin"])
def test_a_query_naming_a_person_offers_the_person(imported: TantivyBackend, text: str) -> None:
    assert people_named(parse(text)) == [Person.objects.get(key="stalin")]


@pytest.mark.parametrize("text", ["Sheng Shicai", "Shicai Sheng", "sheng", "盛世才"])
def test_names_in_either_order_offer_the_person(imported: TantivyBackend, text: str) -> None:
    assert people_named(parse(text)) == [Person.objects.get(key="sheng")]


@pytest.mark.parametrize(
    "text", [archive.SECRET, f"Gideon {archive.SECRET}", "telegram", "", "-stalin", "NOT"]
)
def test_no_person_is_offered_without_a_name_or_a_public_document(
    imported: TantivyBackend, text: str
) -> None:
    assert people_named(parse(text)) == []


@pytest.mark.parametrize("text", ["Ürümqi", "Urumqi", "urumchi", "place:Urumchi"])
def test_a_query_naming_a_place_offers_the_place(imported: TantivyBackend, text: str) -> None:
    assert places_named(parse(text)) == [Place.objects.get(key="urumqi")]


def test_an_editors_save_is_searchable_right_after_commit(imported: TantivyBackend) -> None:
    other_worker = TantivyBackend(imported.directory.root)
    document = Document.objects.get(public_id=3)
    with transaction.atomic():
        document.title = "Zeppelins over the steppe"
        document.save()
        enqueue_documents([document.public_id])
        assert found("zeppelins") == set()  # not before the commit
    assert found("zeppelins") == {3}
    assert {
        h.public_id for h in other_worker.search(SearchQuery(words=parse("zeppelins"))).hits
    } == {3}
    assert not OutboxEntry.objects.exists()


def test_publishing_and_withdrawing_reach_the_index(imported: TantivyBackend) -> None:
    with transaction.atomic():
        Document.objects.filter(public_id=4).update(status=Status.PUBLISHED)
        enqueue_documents([4])
    assert found(archive.SECRET) == {4}
    assert people_named(parse(archive.SECRET)) == [Person.objects.get(key="secret")]
    with transaction.atomic():
        Document.objects.filter(public_id=4).update(
            status=Status.WITHDRAWN, withdrawn_reason="Mistaken attribution"
        )
        enqueue_documents([4])
    assert found(archive.SECRET) == set()
    assert people_named(parse(archive.SECRET)) == []


def test_rows_written_while_another_writer_works_are_applied_by_it(
    imported: TantivyBackend, settings: pytest.FixtureRequest
) -> None:
    """An editor's save that finds the index busy gives up waiting; the busy writer applies
    the row before it finishes, so nothing is stranded in the outbox."""
    settings.SEARCH_SOON_WAIT = 0.2  # type: ignore[attr-defined]
    holding, go = threading.Event(), threading.Event()

    def slow_writer() -> None:
        def report(step: object) -> None:
            holding.set()
            go.wait(10)

        apply_outbox(imported, report=report)

    OutboxEntry.objects.create(document_id=1)
    writer = threading.Thread(target=slow_writer)
    writer.start()
    assert holding.wait(10)
    with transaction.atomic():
        Document.objects.filter(public_id=5).update(title="Airships over the steppe")
        enqueue_documents([5])
    assert found("airships") == set()  # the editor's own apply gave up: the index was busy
    go.set()
    writer.join(10)
    assert found("airships") == {5}
    assert not OutboxEntry.objects.exists()


def test_the_outbox_removes_what_is_no_longer_public(imported: TantivyBackend) -> None:
    Document.objects.filter(public_id=6).delete()
    Document.objects.filter(public_id=5).update(status=Status.DRAFT)
    OutboxEntry.objects.bulk_create([OutboxEntry(document_id=i) for i in (5, 6, 5, 999)])
    progress = apply_outbox(imported, batch=2)
    assert (progress.rows, progress.batches) == (4, 2)
    assert found() == {1, 2, 3}
    assert not OutboxEntry.objects.exists()
