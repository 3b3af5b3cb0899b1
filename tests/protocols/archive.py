"""A small archive with tricky records, imported through the real JSON Lines pipeline.

Public: documents 1-24 (dated, month-only, year-only, circa, ranges, undated; no author; many
recipients; scans on document 1). Unreleased, each with a distinctive word that must never
leave through any interface: a draft (Quetzalcoatlus), an embargo until 2999 (Xylophonist), a
document published and then withdrawn (Zanzibarite) and a document in review (Brontosaurian).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PIL import Image

from readingroom.importers.pipeline import import_file
from readingroom.search import service
from readingroom.search.documents import build
from readingroom.search.memory import MemoryBackend

SECRET_WORDS = ("Quetzalcoatlus", "Xylophonist", "Zanzibarite", "Brontosaurian")
UNRELEASED_IDS = (901, 902, 903, 904)
PUBLIC_COUNT = 24
DATES = [
    "1945-08-23", "1934-06", "1936", "1945~", "1949-10-12/1949-10-14", "undated", "1950-02-14",
    "1937-03-05", "1939-08", "1941-06-22", "1944-10-09", "1946?", "1947-03-12", "1948-06-24",
    "1953-03-05", "1956-02-25", "1958", "1960-05-01", "1961-08-13", "1962-10", "1964-10-15",
    "1968-08-21", "1972-02-21", "undated",
]  # fmt: skip


def authorities() -> list[dict[str, Any]]:
    return [
        {"type": "repository", "key": "rgaspi", "id": 1, "short_name": "RGASPI",
         "name": "Russian State Archive of Socio-Political History", "location": "Moscow"},
        {"type": "repository", "key": "avp", "id": 2, "name": "Archive of Foreign Policy"},
        {"type": "person", "key": "stalin", "id": 1, "name": "Joseph Stalin",
         "sort_name": "Stalin, Joseph", "dates": "1878/1953",
         "variants": [{"name": "Filippov", "kind": "pseudonym"}]},
        {"type": "person", "key": "molotov", "id": 2, "name": "Vyacheslav Molotov",
         "sort_name": "Molotov, Vyacheslav"},
        {"type": "person", "key": "mao", "id": 3, "name": "Mao Zedong", "sort_name": "Mao Zedong"},
        {"type": "person", "key": "zhou", "id": 4, "name": "Zhou Enlai", "sort_name": "Zhou Enlai"},
        {"type": "organization", "key": "politburo", "id": 5, "name": "Politburo"},
        {"type": "person", "key": "secret-person", "id": 6, "name": "Gideon Brontosaurian"},
        {"type": "place", "key": "moscow", "id": 1, "name": "Moscow"},
        {"type": "place", "key": "urumqi", "id": 2, "name": "Urumqi",
         "variants": [{"name": "Tihwa", "kind": "former"}]},
        {"type": "subject", "key": "treaties", "id": 1, "name": "Treaties"},
        {"type": "collection", "key": "sino-soviet", "id": 1, "title": "Sino-Soviet Relations"},
        {"type": "collection", "key": "secret-coll", "id": 2, "title": "Xylophonist Papers"},
    ]  # fmt: skip


def document(number: int, **fields: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "type": "document",
        "key": f"doc-{number}",
        "id": number,
        "title": f"Telegram number {number} on relations",
        "date": DATES[(number - 1) % len(DATES)],
        "summary": f"Summary of telegram {number}.",
        "doc_type": "telegram",
        "authors": ["stalin"],
        "recipients": ["molotov"],
        "places": ["moscow"],
        "subjects": ["treaties"],
        "collections": ["sino-soviet"],
        "repository": "rgaspi",
        "citation": f"RGASPI, f. 558, op. 11, d. {number}, ll. 1-2",
        "languages": ["ru"],
        "texts": [{"kind": "translation", "language": "en", "body": f"Text of telegram {number}.",
                   "credit": "Translated by Sergey Radchenko"}],
        "rights": "Public domain",
        "status": "published",
    }  # fmt: skip
    record.update(fields)
    return record


def documents() -> list[dict[str, Any]]:
    records = [document(n) for n in range(1, PUBLIC_COUNT + 1)]
    records[0]["scans"] = [
        {"file": "scans/page-1.png", "kind": "image", "label": "Page 1"},
        {"file": "scans/page-2.png", "kind": "image", "label": "Page 2"},
    ]
    records[1].update(authors=[], title="Memorandum on the border question", doc_type="memorandum")
    records[2].update(recipients=["molotov", "mao", "zhou", "politburo"], repository="avp")
    records[2]["collections"] = []
    secret = {"collections": ["secret-coll"], "authors": ["secret-person"]}
    records += [
        document(901, title="Quetzalcoatlus draft", status="draft", **secret),
        document(902, title="Xylophonist cable", status="embargoed", embargo_until="2999-01-01",
                 **secret),
        document(903, title="Zanzibarite report", **secret),  # withdrawn by `withdrawal`
        document(904, title="Brontosaurian minutes", status="review", **secret),
    ]  # fmt: skip
    return records


def write_scans(directory: Path) -> None:
    (directory / "scans").mkdir(parents=True, exist_ok=True)
    for number, color in ((1, "white"), (2, "beige")):
        Image.new("RGB", (1200, 1700), color).save(directory / "scans" / f"page-{number}.png")


def build_archive(directory: Path) -> None:
    """Import the records (all-or-nothing) and index the public ones in a memory backend."""
    write_scans(directory)
    path = directory / "archive.jsonl"
    with path.open("w", encoding="utf-8") as stream:
        for record in [*authorities(), *documents()]:
            stream.write(json.dumps(record) + "\n")
    for records, name in ((path, "archive.jsonl"), (withdrawal(directory), "withdrawal.jsonl")):
        report = import_file("jsonl", records)
        assert report.ok, (name, report.problems)
    index_public_documents()


def withdrawal(directory: Path) -> Path:
    """A second import that withdraws document 903, published by the first (so readers saw it)."""
    path = directory / "withdrawal.jsonl"
    record = next(r for r in documents() if r["id"] == 903)
    record.update(status="withdrawn", withdrawn_reason="Zanzibarite copyright")
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return path


def index_public_documents() -> None:
    backend = MemoryBackend()
    found, _ = build(range(1, 1000))
    backend.replace(found, [])
    service.set_backend(backend)
