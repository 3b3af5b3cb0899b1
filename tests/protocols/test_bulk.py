"""Bulk data: built with `readingroom dump`, served at /data/ with checksums, record counts and
a date, rebuilt when stale; importing the dump into an empty archive reproduces it."""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import tarfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from support.server import Archive

from readingroom.catalogue.models import Document
from readingroom.protocols import bulk

from .archive import PUBLIC_COUNT, SECRET_WORDS, authorities, documents, withdrawal, write_scans

pytestmark = pytest.mark.django_db


def content(response: Any) -> bytes:
    return b"".join(response.streaming_content)


def test_dump_is_served_with_checksums_and_counts(archive: None, client: Client) -> None:
    assert bulk.is_stale()
    call_command("dump")
    assert not bulk.is_stale()
    manifest = client.get("/data/manifest.json").json()
    assert manifest["stale"] is False
    files = {f["name"]: f for f in manifest["files"]}
    jsonl_file = files["readingroom.jsonl.gz"]
    body = content(client.get("/data/readingroom.jsonl.gz"))
    assert hashlib.sha256(body).hexdigest() == jsonl_file["sha256"]
    assert len(body) == jsonl_file["bytes"]
    lines = gzip.decompress(body).decode().splitlines()
    assert len(lines) == jsonl_file["records"]
    records = [json.loads(line) for line in lines]
    assert sum(r["type"] == "document" for r in records) == PUBLIC_COUNT
    csv_text = content(client.get("/data/readingroom-documents.csv")).decode()
    rows = list(csv.DictReader(io.StringIO(csv_text)))
    assert len(rows) == files["readingroom-documents.csv"]["records"] == PUBLIC_COUNT
    assert rows[0]["authors"] == "Joseph Stalin" and rows[0]["date_display"] == "August 23, 1945"
    for document in bulk.public_documents_in_batches():  # every column written, none left out
        assert tuple(bulk.csv_row(document)) == bulk.CSV_FIELDS
    page = client.get("/data/").content.decode()
    assert jsonl_file["sha256"] in page and "Built" in page
    everything = body + csv_text.encode()
    for word in SECRET_WORDS:
        assert word.encode() not in gzip.decompress(body) and word.encode() not in everything
    assert client.get("/data/secret_key").status_code == 404
    assert client.get("/data/..%2Fsecret_key").status_code == 404


def test_a_change_makes_it_stale_and_if_stale_rebuilds(archive: None) -> None:
    call_command("dump")
    built = bulk.manifest()
    call_command("dump", "--if-stale")
    assert bulk.manifest() == built
    document = Document.objects.get(public_id=5)
    document.title = "A corrected title"
    document.save()
    assert bulk.is_stale()
    call_command("dump", "--if-stale")
    assert not bulk.is_stale()


@pytest.mark.slow
def test_importing_the_dump_into_an_empty_archive_reproduces_it(
    archive_factory: Callable[..., Archive], tmp_path: Path
) -> None:
    source = archive_factory("dump-source")
    write_scans(tmp_path)
    path = tmp_path / "archive.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in [*authorities(), *documents()]))
    source.run("import", "jsonl", str(path), "--no-progress")
    source.run("import", "jsonl", str(withdrawal(tmp_path)), "--no-progress")
    source.run("dump")
    dumps = source.data_dir / "dumps"
    copy = archive_factory("dump-copy")
    unpacked = tmp_path / "unpacked"
    unpacked.mkdir()
    with tarfile.open(dumps / "readingroom-scans.tar") as bundle:
        bundle.extractall(unpacked, filter="data")
    (unpacked / "readingroom.jsonl.gz").write_bytes((dumps / "readingroom.jsonl.gz").read_bytes())
    copy.run("import", "jsonl", str(unpacked / "readingroom.jsonl.gz"), "--no-progress")
    copy.run("dump")
    again = copy.data_dir / "dumps"
    for name in ("readingroom.jsonl.gz", "readingroom-documents.csv"):
        first, second = (d / name for d in (dumps, again))
        read = gzip.decompress if name.endswith(".gz") else (lambda b: b)
        assert read(first.read_bytes()) == read(second.read_bytes()), name
    text = gzip.decompress((dumps / "readingroom.jsonl.gz").read_bytes()).decode()
    originals = [json.loads(line) for line in text.splitlines()]
    scans = [r["scans"] for r in originals if r["type"] == "document" and r["scans"]]
    assert scans == [[{"file": "scans/page-1.png", "kind": "image", "label": "Page 1"},
                      {"file": "scans/page-2.png", "kind": "image", "label": "Page 2"}]]  # fmt: skip
