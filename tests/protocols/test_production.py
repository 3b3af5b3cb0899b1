"""The open interfaces behind the real `readingroom serve` (gunicorn, several workers), on an
archive built with the real command line: a harvest, the API, citations, IIIF, feeds, sitemap
and bulk data, with nothing unreleased anywhere."""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import feedparser
import pytest
import requests
from sickle import Sickle
from support.server import Archive, LiveServer

from .archive import PUBLIC_COUNT, SECRET_WORDS, authorities, documents, withdrawal, write_scans
from .xmlschemas import assert_valid, assert_valid_oai, sitemap

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def served(
    archive_factory: Callable[..., Archive],
    server_factory: Callable[..., LiveServer],
    tmp_path_factory: pytest.TempPathFactory,
) -> LiveServer:
    archive = archive_factory("protocols-served")
    source = tmp_path_factory.mktemp("protocols-import")
    write_scans(source)
    path = source / "archive.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in [*authorities(), *documents()]))
    archive.run("import", "jsonl", str(path), "--no-progress")
    archive.run("import", "jsonl", str(withdrawal(source)), "--no-progress")
    archive.run("dump")
    return server_factory(archive)


def fetch(server: LiveServer, path: str) -> requests.Response:
    response = requests.get(f"{server.url}{path}", timeout=30)
    assert response.status_code == 200, (path, response.status_code, server.log()[-2000:])
    for word in SECRET_WORDS:
        body = gzip.decompress(response.content) if path.endswith(".gz") else response.content
        assert word.encode() not in body, (word, path)
    return response


def test_harvest_through_the_production_server(served: LiveServer) -> None:
    sickle = Sickle(f"{served.url}/oai")
    seen: list[Any] = []
    original = sickle.harvest

    def validating(**kwargs: Any) -> Any:
        response = original(**kwargs)
        assert_valid_oai(response.raw.encode("utf-8"))
        seen.append(kwargs)
        return response

    sickle.harvest = validating  # type: ignore[method-assign]
    records = list(sickle.ListRecords(metadataPrefix="oai_dc"))
    assert sum(not r.deleted for r in records) == PUBLIC_COUNT
    assert [r.header.identifier.rsplit(":", 1)[-1] for r in records if r.deleted] == ["903"]
    records = list(sickle.ListRecords(metadataPrefix="readingroom", ignore_deleted=True))
    assert len(records) == PUBLIC_COUNT and len(seen) == 2


def test_machine_interfaces_answer(served: LiveServer, tmp_path: Path) -> None:
    api = fetch(served, "/api/v1/documents?per_page=100").json()
    assert api["count"] == PUBLIC_COUNT
    assert fetch(served, "/api/v1/openapi.json").json()["openapi"] == "3.1.0"
    assert "TY  - MANSCPT" in fetch(served, "/documents/1/cite.ris").text
    manifest = fetch(served, "/iiif/documents/1/manifest.json").json()
    assert len(manifest["items"]) == 2
    viewer = fetch(served, "/iiif/documents/1/viewer")
    assert "'unsafe-inline'" in viewer.headers["Content-Security-Policy"]
    mirador = fetch(served, "/static/protocols/mirador/mirador.min.js")
    assert mirador.content.startswith(b"(function(")
    feed = feedparser.parse(fetch(served, "/feeds/documents.atom").content)
    assert not feed.bozo and len(feed.entries) == PUBLIC_COUNT
    from lxml import etree

    assert_valid(sitemap(), etree.fromstring(fetch(served, "/sitemap.xml").content))
    data = fetch(served, "/data/manifest.json").json()
    dump = fetch(served, "/data/readingroom.jsonl.gz")
    lines = gzip.decompress(dump.content).decode().splitlines()
    assert len(lines) == next(f["records"] for f in data["files"] if f["name"].endswith(".gz"))
    fetch(served, "/search/export.csv?person=1")
