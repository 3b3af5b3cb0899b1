"""A merge job killed half-way (SIGKILL of a real `readingroom jobs --loop`) commits nothing;
the next worker takes it again and does it once: afterwards the archive and its history agree
(one merge, one change set holding every record it changed) and the index agrees with both."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg
from search import archive
from support.server import Archive, readingroom_command

DOCUMENTS = 3000
ASK = (
    "from readingroom.catalogue.models import Person;"
    "from readingroom.editorial.merges import merge_job;"
    "stalin, sheng = Person.objects.get(key='stalin'), Person.objects.get(key='sheng');"
    "merge_job(stalin, [stalin, sheng], {}, None)"
)


def read(served: Archive, sql: str) -> list[tuple[object, ...]]:
    """Rows of the archive's database, read beside the processes that write it."""
    if served.database_url:
        with psycopg.connect(served.database_url, autocommit=True) as connection:
            return [tuple(row) for row in connection.execute(sql).fetchall()]
    database = served.data_dir / "readingroom.sqlite3"
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=30) as connection:
        return connection.execute(sql).fetchall()


def kill_while_running(served: Archive) -> None:
    """Start the worker, wait until it has taken the job, let it work a moment, SIGKILL it."""
    process = subprocess.Popen(
        [*readingroom_command(), "jobs", "--loop"],
        env=served.env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while read(served, "SELECT state FROM editorial_job") != [("running",)]:
            assert time.monotonic() < deadline, "the worker never took the job"
            time.sleep(0.02)
        time.sleep(random.uniform(0.05, 0.4))
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(30)
    assert process.returncode == -signal.SIGKILL


def test_a_merge_killed_half_way_is_done_once_by_the_next_worker(
    archive_factory: Callable[..., Archive], tmp_path: Path
) -> None:
    served = archive_factory("killed-job")
    records = archive.authorities() + [
        archive.document(n, people=["stalin" if n % 2 else "sheng"])
        for n in range(1, DOCUMENTS + 1)
    ]
    served.run("import", "jsonl", str(archive.write(tmp_path / "a.jsonl", records)))
    served.run("shell", "-c", ASK)

    kill_while_running(served)
    assert read(served, "SELECT state, attempts FROM editorial_job") == [("running", 1)]
    assert read(served, "SELECT count(*) FROM editorial_merge") == [(0,)]
    assert read(served, "SELECT count(*) FROM editorial_changeset WHERE source = 'merge'") == [(0,)]
    sheng = "SELECT merged_into_id FROM catalogue_person WHERE key = 'sheng'"
    assert read(served, sheng) == [(None,)], "the kill came after the merge was committed"

    served.run("jobs")

    assert read(served, "SELECT state, attempts FROM editorial_job") == [("done", 2)]
    assert read(served, sheng) != [(None,)]
    assert read(served, "SELECT count(*) FROM editorial_merge") == [(1,)]
    (changeset,) = read(served, "SELECT id FROM editorial_changeset WHERE source = 'merge'")
    versions = read(
        served,
        "SELECT record_type, count(*) FROM editorial_version WHERE changeset_id = "
        f"{changeset[0]} GROUP BY record_type ORDER BY record_type",
    )
    assert versions == [("document", DOCUMENTS // 2), ("person", 2)]  # sheng's documents changed
    assert read(served, "SELECT changeset_id FROM editorial_job") == [changeset]
    assert "The search index agrees with the database." in served.run("check").stdout


def test_serve_runs_the_background_jobs_beside_its_workers(
    archive_factory: Callable[..., Archive], server_factory: Callable[..., Any]
) -> None:
    served = archive_factory("serve-jobs")
    server_factory(served, jobs=True)
    served.run(
        "shell",
        "-c",
        "from readingroom.editorial.jobs import enqueue; enqueue('no-such-kind', {}, 'A test')",
    )
    deadline = time.monotonic() + 60
    while read(served, "SELECT state FROM editorial_job") != [("failed",)]:
        assert time.monotonic() < deadline, "no worker took the job"
        time.sleep(0.1)
    assert read(served, "SELECT outcome FROM editorial_job") == [
        ("no worker knows jobs of the kind 'no-such-kind'",)
    ]
