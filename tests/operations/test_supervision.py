"""`readingroom indexer --loop` survives its database: connections killed as a database restart
kills them, the loop logs it, tries again and indexes the next change (issue 19)."""

from __future__ import annotations

import json
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from support.pgcluster import PostgresCluster
from support.server import Archive, readingroom_command

from readingroom.operations.supervision import LONGEST, pause_after

pytestmark = pytest.mark.slow


def test_pauses_double_with_each_failure_up_to_a_minute() -> None:
    assert [pause_after(n, 1.0) for n in (1, 2, 3, 4)] == [1.0, 2.0, 4.0, 8.0]
    assert pause_after(20, 1.0) == LONGEST
    assert pause_after(1, 0.1) == 1.0


def waiting_rows(cluster: PostgresCluster, database: str) -> int:
    with cluster.connect(database) as connection:
        (count,) = connection.execute("SELECT count(*) FROM search_outboxentry").fetchone()
    return int(count)


def kill_connections(cluster: PostgresCluster, database: str) -> int:
    """Terminate every other connection to the database, as a restart of the server does."""
    with cluster.connect(database) as connection:
        rows = connection.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            (database,),
        ).fetchall()
    return len(rows)


def test_the_indexer_loop_survives_killed_connections_and_indexes_the_next_change(
    archive_factory: Callable[..., Archive], pg_cluster: PostgresCluster | None, tmp_path: Path
) -> None:
    if pg_cluster is None:
        pytest.skip("a database server's restart: the PostgreSQL pass runs it")
    archive = archive_factory("loop")
    assert archive.database_url is not None
    database = archive.database_url.rsplit("/", 1)[1]
    environment = archive.env(READINGROOM_SEARCH_APPLY_ON_COMMIT="0")
    log = (tmp_path / "indexer.log").open("wb")
    loop = subprocess.Popen(
        [*readingroom_command(), "indexer", "--loop", "--interval", "0.2"],
        env=environment, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        time.sleep(3)
        killed = sum(
            kill_connections(pg_cluster, database) for _ in range(3) if time.sleep(0.5) is None
        )
        assert killed >= 1  # the loop was connected
        assert loop.poll() is None, (tmp_path / "indexer.log").read_text()
        record = {"type": "document", "key": "after-restart", "title": "Zephyrine telegram",
                  "date": "1945", "status": "published"}  # fmt: skip
        source = tmp_path / "after.jsonl"
        source.write_text(json.dumps(record) + "\n", encoding="utf-8")
        subprocess.run(
            [*readingroom_command(), "import", "jsonl", str(source)],
            env=environment, check=True, capture_output=True, timeout=120,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while waiting_rows(pg_cluster, database) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert waiting_rows(pg_cluster, database) == 0
        assert loop.poll() is None
    finally:
        loop.terminate()
        loop.wait(timeout=30)
        log.close()
    printed = (tmp_path / "indexer.log").read_text()
    assert "trying again in" in printed and "working again" in printed, printed
