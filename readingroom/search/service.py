"""The search operations views call: one backend per process, chosen in settings."""

from __future__ import annotations

from collections.abc import Callable

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


def search(query: SearchQuery) -> SearchResult:
    return get_backend().search(query)
