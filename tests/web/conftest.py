"""Fixtures for the reading room's pages: a search backend for the test, and the seed archive."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from readingroom.catalogue.models import Document
from readingroom.search import service
from readingroom.search.backend import SearchBackend
from readingroom.search.documents import build
from readingroom.search.memory import MemoryBackend

from .seed_archive import load_seed_archive


def reindex() -> None:
    """Bring the test's search backend up to date with the database (all documents)."""
    ids = list(Document.objects.values_list("public_id", flat=True))
    documents, deleted = build(ids)
    service.get_backend().replace(documents, deleted)


@pytest.fixture
def search_backend() -> Iterator[SearchBackend]:
    """A fresh, empty search backend used by this test's requests."""
    backend = MemoryBackend()
    service.set_backend(backend)
    yield backend
    service.set_backend(None)


@pytest.fixture
def seed_archive(db: None, tmp_path: Path, search_backend: SearchBackend) -> SearchBackend:
    """The seed archive (tests/web/seed_archive.py) imported and indexed."""
    load_seed_archive(tmp_path / "seed")
    reindex()
    return search_backend
