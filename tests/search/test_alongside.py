"""Indexing beside an import (`readingroom import --index-alongside`), with real processes: a
follower indexes each file once it commits, and on SQLite it goes on indexing while another
transaction holds the write lock, deleting the rows it applied once the lock is free."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from support.server import Archive, readingroom_command

from readingroom.search.alongside import NICENESS

from . import archive

DOCUMENTS = 600
FILES = 3


def import_files(tmp_path: Path) -> list[str]:
    """The test archive as FILES files: authorities and the first documents, then the rest."""
    records = archive.documents(DOCUMENTS)
    size = DOCUMENTS // FILES
    paths = []
    for number in range(FILES):
        part = records[number * size : (number + 1) * size]
        head = archive.authorities() if number == 0 else []
        paths.append(str(archive.write(tmp_path / f"part-{number}.jsonl", head + part)))
    return paths


def agreement(served: Archive) -> str:
    checked = served.run("check", check=False)
    return checked.stdout + checked.stderr


def test_an_import_indexed_alongside_leaves_nothing_to_do(
    archive_factory: Callable[..., Archive], tmp_path: Path
) -> None:
    served = archive_factory("alongside")
    paths = import_files(tmp_path)
    imported = served.run("import", "jsonl", *paths, "--index-alongside", "--no-progress")
    # the follower applied every row: the import process had nothing left to index
    assert f"Search index, alongside: {DOCUMENTS} outbox rows applied" in imported.stdout
    assert f"{DOCUMENTS - 1} documents indexed, 1 removed" in imported.stdout  # one is a draft
    report = agreement(served)
    assert f"Database: {DOCUMENTS - 1} public documents. Index: {DOCUMENTS - 1}" in report
    assert "The search index agrees with the database." in report
    assert "Waiting in the outbox" not in report
    again = served.run("import", "jsonl", *paths, "--index-alongside", "--no-progress")
    assert "Search index, alongside: 0 outbox rows applied" in again.stdout  # nothing changed
    assert "The search index agrees with the database." in agreement(served)


def hold_write_lock(database: Path) -> subprocess.Popen[str]:
    """Another process in the middle of a write transaction (as an import is), until its
    standard input closes."""
    script = (
        "import sqlite3, sys\n"
        f"db = sqlite3.connect({str(database)!r}, isolation_level=None)\n"
        "db.execute('BEGIN IMMEDIATE')\n"
        "print('held', flush=True)\n"
        "sys.stdin.read()\n"
        "db.execute('ROLLBACK')\n"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    return holder


def wait_for(served: Archive, pattern: str, seconds: float = 120) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        report = agreement(served)
        if re.search(pattern, report):
            return report
        time.sleep(0.5)
    raise AssertionError(f"never saw {pattern!r}; last check said:\n{report}")


def test_the_follower_indexes_while_another_transaction_holds_the_write_lock(
    archive_factory: Callable[..., Archive], tmp_path: Path
) -> None:
    served = archive_factory("follower-under-lock")
    if served.backend != "sqlite":
        pytest.skip("a single write lock for the whole database is SQLite's")
    served.extra_env["READINGROOM_SEARCH_APPLY_ON_COMMIT"] = "0"
    served.run("import", "jsonl", *import_files(tmp_path))
    holder = hold_write_lock(served.data_dir / "readingroom.sqlite3")
    follower = subprocess.Popen(
        [*readingroom_command(), "indexer", "--follow-input", "--batch", "100"],
        env=served.env(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        # everything indexed, though the rows cannot leave the outbox while the lock is held
        during = wait_for(served, rf"Index: {DOCUMENTS - 1} documents", seconds=60)
        assert f"Waiting in the outbox ({DOCUMENTS})" in during
        assert follower.poll() is None  # still following, not failed on the lock
        # at a lower priority than the import it follows, which is the longer path
        ours = os.getpriority(os.PRIO_PROCESS, 0)
        assert os.getpriority(os.PRIO_PROCESS, follower.pid) == min(19, ours + NICENESS)
    finally:
        assert holder.stdin is not None and follower.stdin is not None
        holder.stdin.close()
        holder.wait(30)
        follower.stdin.close()  # the import is over: finish and stop
        follower.wait(120)
    assert follower.stdout is not None
    output = follower.stdout.read()
    assert follower.returncode == 0
    assert f"Search index, alongside: {DOCUMENTS} outbox rows applied" in output
    after = agreement(served)
    assert "The search index agrees with the database." in after
    assert "Waiting in the outbox" not in after
