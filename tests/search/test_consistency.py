"""`readingroom check` proves the index agrees with the database, and `readingroom reindex`
rebuilds it beside the live one while searches go on."""

from __future__ import annotations

import io
import shutil
import threading
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from readingroom.catalogue.models import Document, DocumentText
from readingroom.search.backend import SearchQuery
from readingroom.search.consistency import compare, reindex
from readingroom.search.indexer import apply_outbox
from readingroom.search.models import OutboxEntry
from readingroom.search.query import parse
from readingroom.search.tantivy.engine import IndexMismatch, TantivyBackend

from . import archive
from .samples import sample

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed(tantivy: TantivyBackend, tmp_path: Path) -> TantivyBackend:
    archive.load(tmp_path / "import", count=40)
    apply_outbox(tantivy)
    return tantivy


def check() -> str:
    output = io.StringIO()
    call_command("check", stdout=output, stderr=io.StringIO())
    return output.getvalue()


def failed_check() -> str:
    output = io.StringIO()
    with pytest.raises(CommandError, match="disagree"):
        call_command("check", stdout=output, stderr=io.StringIO())
    return output.getvalue()


def test_check_runs_the_system_checks_then_finds_agreement(
    indexed: TantivyBackend,
    settings,  # type: ignore[no-untyped-def]
) -> None:
    # as an operator of several nodes sets them (else check warns, on PostgreSQL: W002, W003)
    settings.SECRET_KEY_FROM_ENVIRONMENT, settings.RATE_LIMITS = True, "database"
    output = check()
    assert "System check identified no issues" in output
    assert "Database: 39 public documents. Index: 39 documents." in output
    assert "The search index agrees with the database." in output


def test_check_reports_every_difference(indexed: TantivyBackend) -> None:
    Document.objects.filter(public_id=5).update(title="Changed behind the index's back")
    DocumentText.objects.filter(document__public_id=6).update(body="Also changed")
    Document.objects.filter(public_id=7).delete()
    indexed.replace([sample(500, "A document the database never had")], [8])
    OutboxEntry.objects.create(document_id=9)

    output = failed_check()
    assert "Database: 38 public documents. Index: 39 documents." in output
    assert "Missing from the index (1): 8" in output
    assert "In the index but not public in the database (2): 7, 500" in output
    assert "Indexed from an older version (stale) (2): 5, 6" in output
    assert "Waiting in the outbox (1): 9" in output


def test_check_with_system_only_skips_the_index(indexed: TantivyBackend) -> None:
    OutboxEntry.objects.create(document_id=9)
    output = io.StringIO()
    call_command("check", "--system-only", stdout=output, stderr=io.StringIO())
    assert "Index" not in output.getvalue()


def test_reindex_rebuilds_beside_and_swaps(indexed: TantivyBackend) -> None:
    Document.objects.filter(public_id=5).update(title="Changed behind the index's back")
    indexed.replace([sample(500, "Stray")], [])
    before = indexed.directory.current()
    assert before is not None

    assert reindex(indexed) == 39

    after = indexed.directory.current()
    assert after is not None and after != before
    assert not before.exists()
    assert compare(indexed).agree
    hits = indexed.search(SearchQuery(words=parse("changed behind"))).hits
    assert [h.public_id for h in hits] == [5]


def test_reindex_applies_rows_that_wait_in_the_outbox(indexed: TantivyBackend) -> None:
    Document.objects.filter(public_id=5).update(title="Zeppelins")
    OutboxEntry.objects.create(document_id=5)
    reindex(indexed)
    assert not OutboxEntry.objects.exists()
    assert [h.public_id for h in indexed.search(SearchQuery(words=parse("zeppelins"))).hits] == [5]


def test_searches_never_fail_while_reindex_swaps(indexed: TantivyBackend) -> None:
    """Another worker searches all along: every answer is whole, before and after the swap."""
    worker = TantivyBackend(indexed.directory.root)
    generations: set[str] = set()
    answers: list[int] = []
    failures: list[BaseException] = []
    done = threading.Event()

    def search_all_along() -> None:
        while not done.is_set():
            try:
                result = worker.search(SearchQuery(words=parse("telegram"), facet_limit=5))
                answers.append(result.total)
                generations.add(str(worker.directory.current()))
            except BaseException as error:  # every failure counts
                failures.append(error)

    searching = threading.Thread(target=search_all_along)
    searching.start()
    try:
        for _ in range(3):
            reindex(indexed)
    finally:
        done.set()
        searching.join(30)
    assert failures == []
    assert len(answers) > 10
    assert set(answers) == {39}
    assert len(generations) >= 2
    assert worker.search(SearchQuery(words=parse("telegram"))).total == 39


def test_reindex_also_refills_other_backends(backend: object, tmp_path: Path) -> None:
    archive.load(tmp_path / "import", count=10)
    assert reindex(backend) == 9
    assert compare(backend).agree


def test_an_index_of_another_version_is_rebuilt_by_init(indexed: TantivyBackend) -> None:
    live = indexed.directory.current()
    assert live is not None
    (live / "schema-version").write_text("0\n")
    assert not indexed.usable()
    with pytest.raises(IndexMismatch, match="readingroom reindex"):
        indexed.search(SearchQuery(words=parse("telegram")))
    call_command("migrate", verbosity=0)  # as `readingroom init` does
    assert indexed.usable()
    assert indexed.search(SearchQuery(words=parse("telegram"))).total == 39


def test_check_renders_every_public_records_pages_and_names_those_that_fail(
    indexed: TantivyBackend, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.SITE_URL = "http://archive.example.org"
    settings.ALLOWED_HOSTS = ["archive.example.org"]
    output = io.StringIO()
    call_command("check", "--pages", "all", stdout=output, stderr=io.StringIO())
    public = Document.objects.public().count()
    (line,) = [line for line in output.getvalue().splitlines() if line.startswith("Pages: ")]
    rendered = int(line.split()[1])
    assert rendered >= public * 6 and line.endswith(", 0 failed.")  # page, 3 citations, API, OAI
    broken = Document.objects.public().order_by("public_id").first()
    assert broken is not None
    Document.objects.filter(pk=broken.pk).update(funders=5)  # as a damaged row would be
    output = io.StringIO()
    with pytest.raises(CommandError, match="public pages failed to render"):
        call_command("check", "--pages", "all", stdout=output, stderr=io.StringIO())
    assert f"/documents/{broken.public_id}/" in output.getvalue()
    assert ": 500" in output.getvalue()
    with pytest.raises(CommandError, match="a number or 'all'"):
        call_command("check", "--pages", "some", stdout=io.StringIO(), stderr=io.StringIO())


def test_check_says_when_there_is_no_index_to_compare(indexed: TantivyBackend) -> None:
    shutil.rmtree(indexed.directory.root)
    with pytest.raises(CommandError, match=r"the search index cannot be read: there is no search"):
        call_command("check", stdout=io.StringIO(), stderr=io.StringIO())
    assert not (indexed.directory.root / "CURRENT").exists()  # and makes none
