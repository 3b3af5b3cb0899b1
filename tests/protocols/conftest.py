from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from readingroom.search import service

from .archive import build_archive


@pytest.fixture
def archive(db: None, tmp_path: Path, settings) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """The small tricky archive of `archive.py`, imported and indexed, for one test."""
    settings.SITE_URL = "https://archive.example.org"
    settings.MEDIA_ROOT = tmp_path / "media"
    build_archive(tmp_path / "import")
    yield
    service.set_backend(None)
