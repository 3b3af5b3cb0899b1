"""The bulk data rebuilt without anyone asking: `readingroom dump --loop`, which `serve` starts
beside its workers, looks every minute (`look_every`) and rebuilds /data/ when the public
archive has changed since the last build (`bulk.is_stale`) and that build is at least
READINGROOM_DUMP_SECONDS old, so an afternoon of edits or a long import makes one new set of
files, not one per save. The first files are built at once. One process builds at a time (a
lock in the data directory); another that finds it taken leaves the work to it.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings

from . import bulk

log = logging.getLogger("readingroom.dumps")


def look_every() -> float:
    """Seconds between looks of `dump --loop`: a minute, or the least age of the files if
    that is shorter (at least a second)."""
    return float(max(1, min(60, settings.DUMP_SECONDS)))


def lock_path() -> Path:
    return Path(settings.DATA_DIR) / "dumps.lock"


def due(now: dt.datetime | None = None) -> bool:
    """Stale, and the last build old enough (or none yet)."""
    if not bulk.is_stale():
        return False
    built = (bulk.manifest() or {}).get("built_at")
    if not built:
        return True
    age = (now or dt.datetime.now(dt.UTC)) - dt.datetime.fromisoformat(built)
    return age.total_seconds() >= settings.DUMP_SECONDS


def rebuild_if_due() -> dict[str, Any] | None:
    """Build the bulk data when due, unless another process is building it; the manifest, or
    None when nothing was built."""
    return locked_build(when=due, wait=False)


def locked_build(
    when: Callable[[], bool] = lambda: True, wait: bool = True
) -> dict[str, Any] | None:
    """`bulk.build()` holding the lock, if `when()` says so once the lock is held; without
    `wait`, None at once when another process holds it."""
    path = lock_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return None
        if not when():
            return None
        result = bulk.build()
        log.info("bulk data rebuilt: %s", ", ".join(f["name"] for f in result["files"]))
        return result
