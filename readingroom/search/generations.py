"""The index directory (settings.SEARCH_INDEX_DIR) on disk:

    CURRENT            the name of the live generation, replaced atomically (os.replace)
    gen-<time>-<id>/   Tantivy indexes; only the one CURRENT names is live
    writer.lock        held (fcntl.flock) by the one process writing, across processes

A reindex builds a new generation beside the live one and then points CURRENT at it; readers
notice CURRENT changed on their next search and open the new generation.
"""

from __future__ import annotations

import fcntl
import os
import secrets
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

CURRENT = "CURRENT"
LOCK = "writer.lock"
PREFIX = "gen-"
POLL = 0.01  # seconds between tries for the writer lock


class IndexBusy(RuntimeError):
    """Another process held the writer lock for longer than we could wait."""


Stamp = tuple[int, int, int]


def stamp(path: Path) -> Stamp | None:
    """What changes when a file is replaced or rewritten (inode, mtime, size); None if absent."""
    try:
        status = path.stat()
    except FileNotFoundError:
        return None
    return status.st_ino, status.st_mtime_ns, status.st_size


class IndexDirectory:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    @property
    def pointer(self) -> Path:
        return self.root / CURRENT

    def current(self) -> Path | None:
        """The live generation's directory, or None before the first index exists."""
        try:
            name = self.pointer.read_text().strip()
        except FileNotFoundError:
            return None
        return self.root / name if name else None

    def new_generation(self) -> Path:
        self.root.mkdir(parents=True, exist_ok=True)
        moment = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        path = self.root / f"{PREFIX}{moment}-{secrets.token_hex(4)}"
        path.mkdir()
        return path

    def publish(self, generation: Path) -> None:
        """Make `generation` the live one, atomically for every reader."""
        temporary = self.root / f"{CURRENT}.{secrets.token_hex(4)}"
        with open(temporary, "w") as stream:
            stream.write(generation.name + "\n")
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, self.pointer)
        descriptor = os.open(self.root, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)

    def remove_others(self) -> list[Path]:
        """Delete every generation but the live one. Readers that still have an old one open
        keep reading it (open files outlive their names) until they notice CURRENT changed."""
        live = self.current()
        removed = []
        for path in sorted(self.root.glob(f"{PREFIX}*")):
            if path != live and path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
                removed.append(path)
        return removed

    @contextmanager
    def exclusive(self, wait: float | None = None) -> Iterator[None]:
        """Hold the writer lock; wait up to `wait` seconds (None: as long as it takes)."""
        self.root.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(self.root / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            _lock(descriptor, wait)
            yield
        finally:
            os.close(descriptor)  # closing releases the lock


def _lock(descriptor: int, wait: float | None) -> None:
    if wait is None:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        return
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise IndexBusy("another process is writing to the search index") from None
            time.sleep(POLL)
