"""Fixtures for the reading room's pages: the real search backend (Tantivy) on a fresh index
for each test, and the seed archive imported through the real importer and indexed through the
real outbox."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from readingroom.catalogue.models import Document
from readingroom.search import service
from readingroom.search.backend import SearchBackend
from readingroom.search.indexer import apply_outbox
from readingroom.search.outbox import enqueue_documents
from readingroom.search.tantivy.engine import TantivyBackend

from .seed_archive import load_seed_archive


def reindex(everything: bool = False) -> None:
    """Apply the search outbox, as the indexer does after a commit (tests run inside one
    transaction, so on-commit hooks never fire). `everything`: queue every document first."""
    if everything:
        enqueue_documents(Document.objects.values_list("public_id", flat=True))
    apply_outbox()


@pytest.fixture
def search_backend(tmp_path: Path, settings: pytest.FixtureRequest) -> Iterator[SearchBackend]:
    """A fresh, empty Tantivy index used by this test's requests."""
    settings.SEARCH_INDEX_DIR = tmp_path / "index"  # type: ignore[attr-defined]
    backend = TantivyBackend(tmp_path / "index")
    backend.ensure()
    service.set_backend(backend)
    yield backend
    service.set_backend(None)


@pytest.fixture
def seed_archive(db: None, tmp_path: Path, search_backend: SearchBackend) -> SearchBackend:
    """The seed archive (tests/web/seed_archive.py) imported and indexed."""
    load_seed_archive(tmp_path / "seed")
    reindex()
    return search_backend
