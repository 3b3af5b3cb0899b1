"""The search operations views call: one backend per process, chosen in settings."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.conf import settings

from .backend import SearchBackend, SearchQuery, SearchResult
from .memory import MemoryBackend
from .tantivy.engine import TantivyBackend

# READINGROOM_SEARCH_BACKEND -> the engine
BACKENDS: dict[str, Callable[[], SearchBackend]] = {
    "tantivy": TantivyBackend,
    "memory": MemoryBackend,
}
_backend: SearchBackend | None = None


def get_backend() -> SearchBackend:
    global _backend
    if _backend is None:
        _backend = BACKENDS[settings.SEARCH_BACKEND]()
    return _backend


def set_backend(backend: SearchBackend | None) -> None:
    """Use this backend in this process (tests, reindex swaps); None means from settings."""
    global _backend
    _backend = backend


class Stopwatch(threading.local):
    """Seconds this thread spent in `search` while a `timing()` block ran (None: not timing)."""

    seconds: float | None = None


_stopwatch = Stopwatch()


@contextmanager
def timing() -> Iterator[Stopwatch]:
    """Time the searches this thread makes in the block: how much of a page is its search."""
    _stopwatch.seconds = 0.0
    try:
        yield _stopwatch
    finally:
        _stopwatch.seconds = None


def search(query: SearchQuery) -> SearchResult:
    if _stopwatch.seconds is None:
        return get_backend().search(query)
    started = time.perf_counter()
    try:
        return get_backend().search(query)
    finally:
        _stopwatch.seconds += time.perf_counter() - started
