"""Fixtures for the search tests: a temporary index directory per test, and `backend`, run once
with each implementation (the contract suite's parametrization)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from readingroom.search import service
from readingroom.search.backend import SearchBackend
from readingroom.search.memory import MemoryBackend
from readingroom.search.tantivy.engine import TantivyBackend

BACKENDS = ("memory", "tantivy")


@pytest.fixture
def index_dir(tmp_path: Path, settings: pytest.FixtureRequest) -> Iterator[Path]:
    """settings.SEARCH_INDEX_DIR in this test's temporary directory; the service's backend is
    reset before and after, so it is created from these settings."""
    directory = tmp_path / "index"
    settings.SEARCH_INDEX_DIR = directory  # type: ignore[attr-defined]
    service.set_backend(None)
    yield directory
    service.set_backend(None)


@pytest.fixture
def tantivy(index_dir: Path) -> TantivyBackend:
    """The Tantivy backend on this test's index directory, used by the service."""
    backend = TantivyBackend(index_dir)
    backend.ensure()
    service.set_backend(backend)
    return backend


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest, index_dir: Path) -> SearchBackend:
    """Each backend in turn, empty, used by the service."""
    chosen: SearchBackend = MemoryBackend() if request.param == "memory" else TantivyBackend()
    if isinstance(chosen, TantivyBackend):
        chosen.ensure()
    service.set_backend(chosen)
    return chosen
