"""`/healthz` tells a load balancer whether this node can serve readers: 200 with the counts,
or 503 with the reason, such as an index moved away under a running site (issue 15), which
would otherwise answer every search with "No documents match" in silence."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone

from readingroom.catalogue.models import Document
from readingroom.editorial.jobs import enqueue
from readingroom.editorial.models import Job
from readingroom.search import service
from readingroom.search.backend import SearchUnavailable
from readingroom.search.consistency import reindex
from readingroom.search.indexer import apply_outbox
from readingroom.search.models import OutboxEntry
from readingroom.search.outbox import enqueue_documents
from readingroom.search.tantivy.engine import TantivyBackend

from . import archive

pytestmark = pytest.mark.django_db


def test_health_answers_200_with_the_counts_then_503_when_the_index_is_moved_away(
    tantivy: TantivyBackend, index_dir: Path, tmp_path: Path
) -> None:
    archive.load(tmp_path / "import", count=12)
    apply_outbox(tantivy)
    public = Document.objects.public().count()
    answer = Client().get("/healthz")
    assert answer.status_code == 200 and answer["Cache-Control"] == "no-store"
    assert answer.json() == {
        "status": "ok", "public_documents": public, "indexed_documents": public,
        "outbox_waiting": 0, "problems": [], "jobs_waiting": 0,
        "oldest_job_waiting_seconds": None, "dumps_lag_seconds": 0.0, "warnings": [],
    }  # fmt: skip
    job = enqueue("merge-people", {}, "A merge nobody runs")
    Job.objects.filter(pk=job.pk).update(created_at=timezone.now() - dt.timedelta(minutes=11))
    answer = Client().get("/healthz")
    assert answer.status_code == 200  # readers are served all the same
    assert answer.json()["jobs_waiting"] == 1
    assert answer.json()["oldest_job_waiting_seconds"] >= 660
    (warning,) = answer.json()["warnings"]
    assert "1 background job(s) wait, the oldest for 11 minutes" in warning
    shutil.move(index_dir, tmp_path / "moved-away")
    service.set_backend(TantivyBackend(index_dir))  # as a worker that opens it afresh
    answer = Client().get("/health")
    assert answer.status_code == 503
    (problem,) = answer.json()["problems"]
    assert f"there is no search index in {index_dir} (moved or deleted?)" in problem


@pytest.mark.parametrize("afresh", [True, False])
def test_pages_that_search_say_so_with_503_and_no_empty_index_is_made(
    tantivy: TantivyBackend,
    index_dir: Path,
    tmp_path: Path,
    afresh: bool,
    caplog: pytest.LogCaptureFixture,
) -> None:
    archive.load(tmp_path / "import", count=3)
    apply_outbox(tantivy)
    assert Client().get("/search").status_code == 200
    shutil.rmtree(index_dir)
    if afresh:
        service.set_backend(TantivyBackend(index_dir))  # a worker started after the loss
    page = Client().get("/search", {"q": "governor"})
    assert page.status_code == 503 and page["Retry-After"]
    assert b"Search is unavailable" in page.content
    api = Client().get("/api/v1/documents")
    assert api.status_code == 503 and "unavailable" in api.json()["error"]
    assert Client().get("/").status_code == 503  # the home page counts documents by search
    assert any("there is no search index" in r.getMessage() for r in caplog.records)
    assert not index_dir.exists()
    with pytest.raises(SearchUnavailable):  # an editor's change waits in the outbox meanwhile
        apply_outbox(service.get_backend())
    assert not (index_dir / "CURRENT").exists()
    assert reindex(service.get_backend()) == Document.objects.public().count()  # the remedy
    assert Client().get("/search", {"q": "governor"}).status_code == 200
    assert Client().get("/healthz").status_code == 200


def test_changes_waiting_long_in_the_outbox_make_the_node_unhealthy(
    tantivy: TantivyBackend, tmp_path: Path
) -> None:
    archive.load(tmp_path / "import", count=3)
    apply_outbox(tantivy)
    enqueue_documents(Document.objects.values_list("public_id", flat=True))  # edits, say
    waiting = OutboxEntry.objects.count()
    assert waiting and Client().get("/healthz").status_code == 200  # just written: fine
    OutboxEntry.objects.update(created_at=timezone.now() - dt.timedelta(minutes=11))
    answer = Client().get("/healthz")
    assert answer.status_code == 503 and answer.json()["outbox_waiting"] == waiting
    (problem,) = answer.json()["problems"]
    assert f"{waiting} changes wait in the search outbox, the oldest for 11 minutes" in problem
    apply_outbox(tantivy)
    assert Client().get("/healthz").status_code == 200


def test_health_warns_when_the_bulk_data_misses_a_public_change_for_long(
    tmp_path: Path, settings
) -> None:
    """Only once the dumps should have been rebuilt, and only when the dumps' fingerprint says
    they miss something: a change set that changed nothing they hold says nothing."""
    import json

    from django.core.cache import cache

    from readingroom.editorial.models import ChangeSet
    from readingroom.protocols import bulk

    settings.DATA_DIR = tmp_path / "data"
    archive.load(tmp_path / "import", count=6)
    bulk.build()
    assert Client().get("/healthz").json()["dumps_lag_seconds"] == 0.0
    # the dumps were built two hours ago, and every change since was made an hour ago
    manifest_path = bulk.dump_dir() / bulk.MANIFEST
    built = json.loads(manifest_path.read_text())
    two_hours_ago = timezone.now() - dt.timedelta(hours=2)
    manifest_path.write_text(json.dumps(built | {"built_at": two_hours_ago.isoformat()}))
    an_hour_ago = timezone.now() - dt.timedelta(hours=1)
    ChangeSet.objects.update(created_at=an_hour_ago)

    ChangeSet.objects.create(note="A comment, no record changed", created_at=an_hour_ago)
    answer = Client().get("/healthz").json()
    assert answer["dumps_lag_seconds"] == 0.0 and answer["warnings"] == []

    renamed = {"title": "Renamed for readers", "updated_at": timezone.now()}
    Document.objects.filter(status="published").update(**renamed)
    ChangeSet.objects.create(note="Published titles changed", created_at=an_hour_ago)
    cache.clear()  # (the verdict above is kept for a minute)
    answer = Client().get("/healthz").json()
    assert 3590 <= answer["dumps_lag_seconds"] <= 3700
    (warning,) = answer["warnings"]
    assert "the bulk data at /data/ misses changes made 60 minutes ago" in warning
    bulk.build()
    assert Client().get("/healthz").json()["dumps_lag_seconds"] == 0.0
