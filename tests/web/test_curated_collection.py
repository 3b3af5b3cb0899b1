"""A large collection in its editors' order, narrowed by a filter: every member that matches is
listed, in that order, however many there are (the list was once cut at 5,000 without a word)."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from readingroom.catalogue.models import Collection
from readingroom.importers.pipeline import import_file
from readingroom.search.backend import SearchBackend

from .conftest import reindex
from .helpers import get, result_titles

MEMBERS = 5_003  # more than the old cap of 5,000
ENGLISH = 5_001  # the members the filter keeps: every one but the last two


def telegram(number: int) -> dict[str, Any]:
    """Telegram `number`, dated a day later than the one before it."""
    return {
        "type": "document",
        "key": f"telegram-{number}",
        "title": f"Telegram {number}",
        "date": (dt.date(1900, 1, 1) + dt.timedelta(days=number)).isoformat(),
        "doc_type": "telegram",
        "languages": ["en" if number <= ENGLISH else "fr"],
        "collections": ["cables"],
        "status": "published",
    }


@pytest.fixture
def large_collection(db: None, tmp_path: Path, search_backend: SearchBackend) -> Collection:
    """A collection whose editors put the newest telegram first and the oldest last."""
    numbers = range(1, MEMBERS + 1)
    collection = {
        "type": "collection",
        "key": "cables",
        "title": "Cables",
        "order": [f"telegram-{n}" for n in reversed(numbers)],
    }
    path = tmp_path / "cables.jsonl"
    lines = [json.dumps(record) for record in [collection, *map(telegram, numbers)]]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = import_file("jsonl", path)
    assert report.ok, report.problems
    reindex()
    return Collection.objects.get(key="cables")


def test_a_filtered_collection_lists_every_match_in_curated_order(
    client: Client, large_collection: Collection
) -> None:
    assert large_collection.memberships.count() == MEMBERS
    page = large_collection.get_absolute_url() + "?language=en"
    first = get(client, page + "&per_page=100")
    assert re.search(rf'class="count-line">1 - 100 of {ENGLISH:,}<', first)
    # the newest English telegram, which the date order would put last of all
    assert result_titles(first)[:2] == [f"Telegram {ENGLISH}", f"Telegram {ENGLISH - 1}"]
    last = get(client, page + f"&page={ENGLISH // 100 + 1}&per_page=100")
    assert re.search(rf'class="count-line">5,001 - 5,001 of {ENGLISH:,}<', last)
    assert result_titles(last) == ["Telegram 1"]
