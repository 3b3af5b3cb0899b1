"""An indexer killed in the middle of its work (SIGKILL, a real process) loses nothing: after it
runs again, `readingroom check` finds no difference between the database and the index."""

from __future__ import annotations

import random
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from support.server import Archive, readingroom_command

from . import archive

DOCUMENTS = 600


def kill_during_work(served: Archive, delay: float) -> str:
    """Start `readingroom indexer`, let it commit its first batch, wait `delay`, SIGKILL it."""
    process = subprocess.Popen(
        [*readingroom_command(), "indexer", "--batch", "40"],
        env=served.env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
    finally:
        process.wait(30)
    assert process.returncode == -signal.SIGKILL, "the indexer finished before it was killed"
    return first


def test_a_killed_indexer_resumes_and_check_finds_no_difference(
    archive_factory: Callable[..., Archive], tmp_path: Path
) -> None:
    served = archive_factory("killed-indexer")
    served.extra_env["READINGROOM_SEARCH_APPLY_ON_COMMIT"] = "0"  # leave it all to the indexer
    records = archive.authorities() + archive.documents(DOCUMENTS)
    served.run("import", "jsonl", str(archive.write(tmp_path / "a.jsonl", records)))

    waiting = served.run("check", check=False)
    assert waiting.returncode != 0
    assert f"Waiting in the outbox ({DOCUMENTS})" in waiting.stdout

    for delay in (0.0, random.uniform(0.05, 0.3)):
        assert kill_during_work(served, delay).startswith("batch: 40 outbox rows applied")
        interrupted = served.run("check", check=False)
        assert interrupted.returncode != 0, "the kill came too late to interrupt anything"
        assert "Waiting in the outbox" in interrupted.stdout

    served.run("indexer")
    agreed = served.run("check")
    assert f"Database: {DOCUMENTS - 1} public documents. Index: {DOCUMENTS - 1}" in agreed.stdout
    assert "The search index agrees with the database." in agreed.stdout
