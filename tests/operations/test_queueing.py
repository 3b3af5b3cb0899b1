"""A bounded queue (readingroom/operations/queueing.py): a request that waited too long for a
server thread is turned away at once with 503 and Retry-After; the others are answered."""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.test import Client
from support.server import Archive, LiveServer

from readingroom.operations.queueing import QUEUED_AT


@pytest.mark.django_db
def test_a_request_that_waited_too_long_is_turned_away_with_retry_after(settings) -> None:  # type: ignore[no-untyped-def]
    settings.QUEUE_SECONDS = 1.0
    client = Client()
    waited = client.get("/search/help", **{QUEUED_AT: time.monotonic() - 1.5})
    assert waited.status_code == 503 and waited["Retry-After"] == "2"
    assert waited["Cache-Control"] == "no-store" and "Content-Security-Policy" in waited
    assert waited["X-Content-Type-Options"] == "nosniff"
    assert client.get("/search/help", **{QUEUED_AT: time.monotonic() - 0.5}).status_code == 200
    assert client.get("/search/help").status_code == 200  # not served by gunicorn: no queue
    health = client.get("/healthz", **{QUEUED_AT: time.monotonic() - 60})
    assert health.status_code != 503 or "Retry-After" not in health  # its own answer
    settings.QUEUE_SECONDS = 0  # no limit
    assert client.get("/search/help", **{QUEUED_AT: time.monotonic() - 60}).status_code == 200


def status_of(url: str) -> tuple[int, str | None]:
    try:
        with urllib.request.urlopen(url, timeout=60) as answer:
            answer.read()
            return answer.status, None
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Retry-After")


@pytest.mark.slow
def test_a_served_archive_turns_away_the_excess_of_a_crowd_and_answers_the_rest(
    archive_factory: Callable[..., Archive], server_factory: Callable[..., LiveServer]
) -> None:
    archive = archive_factory("queue")
    archive.run("demo", "--no-serve")
    archive.extra_env.update(READINGROOM_QUEUE_SECONDS="0.05", READINGROOM_PAGE_CACHE_SECONDS="0")
    server = server_factory(archive, workers=1)
    url = f"{server.url}/oai?verb=ListRecords&metadataPrefix=oai_dc"
    with ThreadPoolExecutor(max_workers=24) as pool:
        answers = list(pool.map(lambda _: status_of(url), range(24)))
    seen = Counter(status for status, _ in answers)
    assert set(seen) == {200, 503} and seen[200] >= 1, seen
    assert all(retry == "2" for status, retry in answers if status == 503)
