"""Read replicas (issue 19, item 4): with DATABASE_REPLICA_URL, readers' pages read from a
streaming replica (pg_basebackup of a real primary) and keep answering while the primary is
down; every write uses the primary, and an edit there reaches the replica's pages within a
bound."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from support.pgcluster import PostgresCluster
from support.server import Archive, LiveServer

RECORDS = [
    {"type": "person", "key": "gromyko", "name": "Andrei Gromyko"},
    *(
        {"type": "document", "key": f"cable-{n}", "title": f"Cable number {n}",
         "date": f"1962-10-{n + 10}", "authors": ["gromyko"], "status": "published"}
        for n in range(1, 6)
    ),
]  # fmt: skip


@pytest.fixture
def clusters(pg_cluster: PostgresCluster | None) -> Iterator[tuple[PostgresCluster, str]]:
    if pg_cluster is None:
        pytest.skip("a primary and its replica: the PostgreSQL pass runs it")
    primary = PostgresCluster.start()
    try:
        yield primary, primary.create_database("replicated")
    finally:
        primary.stop()


def wait_for(check: Callable[[], bool], seconds: float = 30) -> float:
    started = time.monotonic()
    while not check():
        assert time.monotonic() - started < seconds, "not within the bound"
        time.sleep(0.1)
    return time.monotonic() - started


def test_readers_pages_come_from_the_replica_and_answer_while_the_primary_is_down(
    clusters: tuple[PostgresCluster, str], server_factory: Callable[..., LiveServer],
    tmp_path: Path,
) -> None:  # fmt: skip
    primary, url = clusters
    archive = Archive(data_dir=tmp_path / "data", database_url=url)
    archive.init()
    source = tmp_path / "records.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    archive.run("import", "jsonl", str(source), "--no-progress")
    replica = PostgresCluster.replica_of(primary)
    try:
        archive.extra_env["DATABASE_REPLICA_URL"] = replica.url("replicated")
        server = server_factory(archive, workers=2)
        assert "Cable number 3" in server.get("/search?q=cable").text
        assert server.get("/documents/3").status in (200, 301)

        primary.pause()
        try:
            for path in ("/", "/search?q=cable", "/people/", "/api/v1/documents/2"):
                answer = server.get(path)
                assert answer.status == 200, (path, answer.status, server.log()[-3000:])
            assert "Cable number 2" in server.get("/api/v1/documents/2").text
        finally:
            primary.resume()

        edited = (
            "from readingroom.catalogue.models import Document;"
            " d = Document.objects.get(key='cable-4'); d.title = 'Cable renamed on the primary';"
            " d.save()"
        )
        archive.run("shell", "--no-imports", "-c", edited)
        lag = wait_for(lambda: "renamed on the primary" in server.get("/api/v1/documents/4").text)
        assert lag < 10
    finally:
        replica.stop()
