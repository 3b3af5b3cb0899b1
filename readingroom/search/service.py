"""The search operations views call: one backend per process, chosen in settings."""

from __future__ import annotations

import importlib
from collections.abc import Sequence

from django.conf import settings

from readingroom.catalogue.models import Document

from .backend import Hit, SearchBackend, SearchQuery, SearchResult

BACKENDS = {
    "tantivy": "readingroom.search.tantivy_backend.TantivyBackend",
    "memory": "readingroom.search.memory.MemoryBackend",
}
_backend: SearchBackend | None = None


def get_backend() -> SearchBackend:
    global _backend
    if _backend is None:
        module_name, _, class_name = BACKENDS[settings.SEARCH_BACKEND].rpartition(".")
        _backend = getattr(importlib.import_module(module_name), class_name)()
    return _backend


def set_backend(backend: SearchBackend | None) -> None:
    """Use this backend in this process (tests, reindex swaps); None means from settings."""
    global _backend
    _backend = backend


def search(query: SearchQuery) -> SearchResult:
    return get_backend().search(query)


def documents_for(hits: Sequence[Hit]) -> list[Document]:
    """The public documents behind these hits, in hit order (the database has the last word)."""
    ids = [hit.public_id for hit in hits]
    found = (
        Document.objects.public().select_related("repository").in_bulk(ids, field_name="public_id")
    )
    return [found[i] for i in ids if i in found]
