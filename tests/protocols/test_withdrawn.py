"""Withdrawn documents: one readers saw keeps its tombstone (410 with its title, OAI-PMH's
deleted record); one that was never public (imported straight as withdrawn) leaves no trace,
exactly as an id never used."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from lxml import etree

from readingroom.catalogue.models import Document
from readingroom.importers.pipeline import import_file

from .xmlschemas import OAI

pytestmark = pytest.mark.django_db

NEVER_PUBLIC = 905  # imported as withdrawn
SEEN = 903  # published, then withdrawn (tests/protocols/archive.py)
UNUSED = 999


def import_never_public(directory: Path) -> None:
    record = {"type": "document", "key": "doc-905", "id": NEVER_PUBLIC, "status": "withdrawn",
              "title": "Pterodactylic report", "date": "1950",
              "withdrawn_reason": "Pterodactylic rights"}  # fmt: skip
    path = directory / "withdrawn.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    report = import_file("jsonl", path)
    assert report.ok, report.problems


def oai_identifiers(client: Client) -> dict[str, str | None]:
    root = etree.fromstring(
        client.get("/oai", {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc"}).content
    )
    return {h.findtext(f"{OAI}identifier", ""): h.get("status") for h in root.iter(f"{OAI}header")}


def get_record_error(client: Client, public_id: int) -> str | None:
    identifier = f"oai:archive.example.org:{public_id}"
    root = etree.fromstring(
        client.get(
            "/oai", {"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": identifier}
        ).content
    )
    error = root.find(f"{OAI}error")
    return None if error is None else error.get("code")


def test_a_document_never_public_leaves_no_trace(
    archive: None, client: Client, tmp_path: Path
) -> None:
    import_never_public(tmp_path)
    assert Document.objects.get(public_id=NEVER_PUBLIC).published_at is None
    call_command("dump")
    for public_id in (NEVER_PUBLIC, UNUSED):
        short = client.get(f"/documents/{public_id}")
        slugged = client.get(f"/documents/{public_id}/pterodactylic-report")
        assert short.status_code == slugged.status_code == 404, public_id
        assert b"Pterodactylic" not in short.content + slugged.content
        assert get_record_error(client, public_id) == "idDoesNotExist"
    assert not [i for i in oai_identifiers(client) if i.endswith(f":{NEVER_PUBLIC}")]
    for path in ("/sitemap.xml", "/feeds/documents.atom", "/data/readingroom-documents.csv"):
        response = client.get(path)
        body = b"".join(response.streaming_content) if response.streaming else response.content  # type: ignore[attr-defined]
        assert b"Pterodactylic" not in body, path


def test_a_document_withdrawn_after_it_was_public_keeps_its_tombstone(
    archive: None, client: Client
) -> None:
    page = client.get(f"/documents/{SEEN}")
    assert page.status_code == 410
    assert b"Zanzibarite report" in page.content
    assert oai_identifiers(client)[f"oai:archive.example.org:{SEEN}"] == "deleted"
    assert get_record_error(client, SEEN) is None
