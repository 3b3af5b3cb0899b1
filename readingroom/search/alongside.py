"""Indexing beside an import. `readingroom import --index-alongside` starts a second process,
`readingroom indexer --follow-input`, that indexes each file as soon as its transaction commits
while the import writes the next one: the writer keeps one core busy, the indexer the other,
instead of taking turns. The follower stops when the import closes its standard input (or dies),
after applying everything left; the import then applies whatever the follower did not (if it
failed), so nothing waits in the outbox after the command returns."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.db import connection

from readingroom.cli import console_command

from . import service
from .indexer import (
    AppliedRows,
    Progress,
    Report,
    apply_outbox,
    apply_outbox_soon,
    drain,
    indexed_elsewhere,
)

LOOK_EVERY = 0.2  # seconds between looks at the outbox while following
NICENESS = 10  # the follower's lower priority (os.nice)
log = logging.getLogger(__name__)


def follow(until: threading.Event, batch: int, report: Report | None, options: Any) -> Progress:
    """Apply the outbox as rows arrive until `until` is set, then apply what is left. One
    writer session throughout: its segment merges go on while the next file is indexed,
    instead of being waited for after each file. At a lower priority than the import, which
    is the longer path: it writes at full speed and we catch up with what is left at its end
    (at 200,000 documents, 98-109 s instead of 119-126 s; less CPU in all, too)."""
    os.nice(NICENESS)
    rows = AppliedRows(defer=connection.vendor == "sqlite")
    progress = Progress()
    with service.get_backend().writer(wait=None, options=options) as writing:
        while not until.is_set():
            progress.add(drain(writing, batch, report, rows))
            rows.delete(wait=False)
            until.wait(LOOK_EVERY)
        progress.add(drain(writing, batch, report, rows))
    rows.delete(wait=True)
    progress.add(apply_outbox(batch=batch, report=report, options=options))
    return progress


def input_closed() -> threading.Event:
    """Set when standard input reaches its end: the process that started us is done (or died)."""
    closed = threading.Event()

    def watch() -> None:
        sys.stdin.buffer.read()
        closed.set()

    threading.Thread(target=watch, name="input-watch", daemon=True).start()
    return closed


@contextmanager
def indexer_alongside(verbosity: int = 1) -> Iterator[None]:
    """Run the body (an import) with a follower indexing what it commits; the follower's
    report goes to our standard output."""
    if not getattr(settings, "SEARCH_APPLY_ON_COMMIT", True):
        yield  # operators index apart (`readingroom indexer --loop`)
        return
    command = [*console_command(), "indexer", "--follow-input", "--verbosity", str(verbosity)]
    follower = subprocess.Popen(command, stdin=subprocess.PIPE)
    token = indexed_elsewhere.set(True)
    try:
        yield
    finally:
        indexed_elsewhere.reset(token)
        assert follower.stdin is not None
        follower.stdin.close()
        if follower.wait() != 0:
            log.warning("the indexer beside the import failed; indexing here instead")
        apply_outbox_soon()
