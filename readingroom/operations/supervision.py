"""Loops that survive their dependencies: a step run again and again (the indexer's look at
the outbox, embargo releases), which a database restart, a dropped connection, a busy or
missing index does not end. A failed step is logged and tried again after a pause that doubles
with each failure in a row (up to `LONGEST`), on fresh database connections; the first success
starts over. How far behind the loop has fallen is the health endpoint's to say (the outbox's
oldest waiting row, `/healthz`)."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from django.db import DatabaseError, InterfaceError, connections

from readingroom.search.backend import SearchUnavailable
from readingroom.search.generations import IndexBusy

log = logging.getLogger("readingroom.supervision")

LONGEST = 60.0  # seconds between tries, at most
PASSING = (DatabaseError, InterfaceError, SearchUnavailable, IndexBusy, OSError)


def pause_after(failures: int, interval: float) -> float:
    """Seconds to wait after `failures` failures in a row: 1, 2, 4 ... times the interval (at
    least a second), at most LONGEST."""
    return float(min(LONGEST, max(1.0, interval) * 2 ** (failures - 1)))


def supervised(step: Callable[[], None], interval: float, name: str) -> None:
    """Run `step` every `interval` seconds until interrupted, through passing failures."""
    failures = 0
    while True:
        try:
            step()
        except PASSING as error:
            failures += 1
            pause = pause_after(failures, interval)
            log.warning(
                "%s: %s: %s; trying again in %.0f s (%d failure%s in a row)",
                name, type(error).__name__, str(error).strip() or "no detail", pause, failures,
                "" if failures == 1 else "s",
            )  # fmt: skip
            connections.close_all()  # the next try connects afresh
            time.sleep(pause)
            continue
        if failures:
            log.warning("%s: working again after %d failure%s", name, failures,
                        "" if failures == 1 else "s")  # fmt: skip
        failures = 0
        time.sleep(interval)
