"""State every node must share (issue 19): rate limits counted in the database for every
process with READINGROOM_RATE_LIMITS=database, exactly, and `check` warning a PostgreSQL
archive whose nodes would each keep their own key or counts."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from support.server import Archive, LiveServer

from readingroom.operations.checks import nodes_share_their_state


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=60) as answer:
            return int(answer.status)
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.slow
def test_every_worker_counts_a_clients_requests_in_one_place(
    archive_factory: Callable[..., Archive], server_factory: Callable[..., LiveServer]
) -> None:
    archive = archive_factory("shared-counts")
    archive.extra_env.update(READINGROOM_RATE_LIMITS="database", READINGROOM_API_RATE_REQUESTS="4")
    server = server_factory(archive, workers=3)
    with ThreadPoolExecutor(max_workers=12) as pool:
        statuses = Counter(pool.map(status, [f"{server.url}/api/v1/"] * 12))
    assert statuses == Counter({200: 4, 429: 8}), statuses


def test_check_warns_when_nodes_on_postgresql_would_keep_their_own_key_or_counts(
    settings: Any,
) -> None:
    settings.DATABASES = {"default": {"ENGINE": "django.db.backends.postgresql"}}
    settings.SECRET_KEY_FROM_ENVIRONMENT, settings.RATE_LIMITS = False, "memory"
    assert [w.id for w in nodes_share_their_state()] == ["readingroom.W002", "readingroom.W003"]
    settings.SECRET_KEY_FROM_ENVIRONMENT, settings.RATE_LIMITS = True, "database"
    assert nodes_share_their_state() == []
    settings.DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3"}}
    settings.SECRET_KEY_FROM_ENVIRONMENT, settings.RATE_LIMITS = False, "memory"
    assert nodes_share_their_state() == []  # one machine: nothing to share
