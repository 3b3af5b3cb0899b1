"""Read replicas (issue 19, item 4): with DATABASE_REPLICA_URL, readers' pages read from a
streaming replica (pg_basebackup of a real primary) and keep answering while the primary is
down; every write uses the primary, and an edit there reaches the replica's pages within a
bound."""

from __future__ import annotations

import json
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from support.pgcluster import PostgresCluster
from support.server import Archive, LiveServer, readingroom_command

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
        print(f"an edit on the primary was on the replica's page after {lag:.2f} s")
        assert lag < 10
    finally:
        replica.stop()


SECRET = "one secret key for every node of the test archive, long enough"
PASSWORD = "a long and unguessable passphrase 7"


def search_finds(node: LiveServer, words: str) -> bool:
    return 'class="result"' in node.get(f"/search?q={words.replace(' ', '+')}").text


def edit_title(archive: Archive, key: str, title: str) -> None:
    """A change made on this node, as editors' tools make it (through the outbox): the record
    imported again with a new title."""
    record = next(r for r in RECORDS if r["key"] == key)
    source = archive.data_dir.parent / f"{key}.jsonl"
    source.write_text(json.dumps({**record, "title": title}) + "\n", encoding="utf-8")
    archive.run("import", "jsonl", str(source), "--no-progress")


def test_two_nodes_an_indexer_a_primary_and_its_replica(
    clusters: tuple[PostgresCluster, str], server_factory: Callable[..., LiveServer],
    tmp_path: Path,
) -> None:  # fmt: skip
    """Two `serve` nodes with their own data directories, one shared index written only by one
    `indexer --loop`, one database with a streaming replica, as separate processes: an edit on
    one node is found on the other within a bound; a sign-in on one holds on the other; the
    indexer killed mid-way loses nothing; a node killed leaves the other serving; readers'
    pages answer while the primary restarts, and staff's work goes on after it without a hand."""
    from readingroom.operations.admin_benchmark import signed_in

    primary, url = clusters
    shared = {"READINGROOM_SECRET_KEY": SECRET, "READINGROOM_RATE_LIMITS": "database",
              "READINGROOM_SEARCH_APPLY_ON_COMMIT": "0",
              "READINGROOM_INDEX_DIR": str(tmp_path / "shared-index")}  # fmt: skip
    node_a = Archive(data_dir=tmp_path / "node-a", database_url=url, extra_env=dict(shared))
    node_a.init()
    source = tmp_path / "records.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    node_a.run("import", "jsonl", str(source), "--no-progress")
    node_a.run("reindex")
    (tmp_path / "password").write_text(PASSWORD)
    node_a.run(
        "createuser", "ed", "--role", "editor", "--password-file", str(tmp_path / "password")
    )
    replica = PostgresCluster.replica_of(primary)
    indexer: subprocess.Popen[bytes] | None = None
    try:
        shared["DATABASE_REPLICA_URL"] = replica.url("replicated")
        node_a.extra_env.update(shared)
        node_b = Archive(data_dir=tmp_path / "node-b", database_url=url, extra_env=dict(shared))
        node_b.init()
        indexer = start_indexer(node_a, tmp_path / "indexer.log")
        a, b = server_factory(node_a, workers=1), server_factory(node_b, workers=1)
        assert search_finds(b, "Cable number 3")

        editor = signed_in(a.url, "ed", PASSWORD)  # signed in on A ...
        on_b = editor.open(f"{b.url}/admin/", timeout=60)  # ... and so on B
        assert on_b.status == 200 and "/admin/login/" not in on_b.geturl()

        edit_title(node_a, "cable-1", "Quetzal cable")
        lag = wait_for(lambda: search_finds(b, "Quetzal"), 30)
        print(f"an import on node A was found on node B after {lag:.2f} s")
        assert lag < 10

        indexer.kill()  # the indexer dies; a change made meanwhile waits in the outbox
        indexer.wait(timeout=30)
        edit_title(node_b, "cable-2", "Zanzibar cable")
        indexer = start_indexer(node_a, tmp_path / "indexer-again.log")
        wait_for(lambda: search_finds(a, "Zanzibar") and search_finds(b, "Zanzibar"), 60)

        a.process.kill()  # a node dies: the other serves on
        a.process.wait(timeout=30)
        assert b.get("/search?q=cable").status == 200

        primary.pause()
        try:  # readers' pages from the replica
            for path in ("/", "/search?q=Zanzibar", "/people/", "/api/v1/documents/2"):
                assert b.get(path).status == 200, (path, b.log()[-3000:])
        finally:
            primary.resume()
        after = editor.open(f"{b.url}/admin/catalogue/document/", timeout=60)
        assert after.status == 200  # staff's first request after the restart: no 500
        assert indexer.poll() is None  # the indexer rode through the restart
        edit_title(node_b, "cable-3", "Xylophone cable")
        wait_for(lambda: search_finds(b, "Xylophone"), 60)
    finally:
        if indexer is not None:
            indexer.kill()
            indexer.wait(timeout=30)
        replica.stop()


def start_indexer(archive: Archive, log: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [*readingroom_command(), "indexer", "--loop", "--interval", "0.2"],
        env=archive.env(), stdout=log.open("wb"), stderr=subprocess.STDOUT,
    )  # fmt: skip
