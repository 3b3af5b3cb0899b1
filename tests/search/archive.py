"""A small archive in the canonical JSON Lines format, with people and places known by several
names, released and unreleased documents, imported through the real pipeline."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from readingroom.importers.pipeline import import_file

SECRET = "Brontosaurian"  # only in an unreleased document and its person


def authorities() -> list[dict[str, Any]]:
    return [
        {"type": "repository", "key": "rgaspi", "id": 1, "short_name": "RGASPI",
         "name": "Russian State Archive of Socio-Political History"},
        {"type": "person", "key": "stalin", "id": 1, "name": "Joseph Stalin",
         "sort_name": "Stalin, Joseph",
         "variants": [{"name": "Filippov", "kind": "pseudonym"},
                      {"name": "Filipov", "kind": "misspelling"},
                      {"name": "Сталин", "kind": "native"}]},
        {"type": "person", "key": "sheng", "id": 2, "name": "Sheng Shicai",
         "sort_name": "Sheng, Shicai",
         "variants": [{"name": "Shicai Sheng", "kind": "transliteration"},
                      {"name": "盛世才", "kind": "native"}]},
        {"type": "person", "key": "molotov", "id": 3, "name": "Vyacheslav Molotov"},
        {"type": "person", "key": "secret", "id": 4, "name": f"Gideon {SECRET}"},
        {"type": "place", "key": "urumqi", "id": 1, "name": "Urumqi",
         "variants": [{"name": "Ürümqi", "kind": "alternate"},
                      {"name": "Urumchi", "kind": "alternate"}]},
        {"type": "place", "key": "moscow", "id": 2, "name": "Moscow"},
        {"type": "subject", "key": "treaties", "id": 1, "name": "Treaties"},
    ]  # fmt: skip


def document(number: int, **fields: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "type": "document",
        "key": f"doc-{number}",
        "id": number,
        "title": f"Telegram number {number}",
        "date": f"19{30 + number % 30}-0{1 + number % 9}-1{number % 10}",
        "summary": f"Summary of telegram {number}.",
        "doc_type": "telegram",
        "repository": "rgaspi",
        "languages": ["en"],
        "texts": [{"language": "en", "body": f"Text of telegram {number} on relations."}],
        "status": "published",
    }
    record.update(fields)
    return record


def documents(count: int = 6) -> list[dict[str, Any]]:
    records = [
        document(1, authors=["stalin"], recipients=["molotov"], places=["moscow"],
                 title="Stalin to Molotov on the armistice"),
        document(2, people=["sheng"], places=["urumqi"], title="Report on Sheng Shicai in Tihwa"),
        document(3, authors=["molotov"], subjects=["treaties"]),
        document(4, people=["secret"], status="draft", title=f"The {SECRET} affair"),
    ]  # fmt: skip
    records += [document(n) for n in range(5, count + 1)]
    return records


def write(path: Path, records: list[dict[str, Any]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as stream:
        for record in records:
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def load(directory: Path, count: int = 6) -> None:
    """Import the archive (the search outbox is applied when the file's transaction commits,
    if anything runs the commit hooks)."""
    report = import_file(
        "jsonl", write(directory / "archive.jsonl", authorities() + documents(count))
    )
    assert report.ok, report.problems
