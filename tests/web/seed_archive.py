"""An archive that reproduces the anchor's search page (../shared/seed/): filtering on repository
RGASPI, people Stalin and Molotov and place Soviet Union matches exactly 43 documents, and page 4
(sorted by date, ten per page) lists the seed's ten documents as results 31-40.

The ten keep the seed's titles, dates and summaries (the 1936 telegram's year included, which the
anchor hid). 30 generated documents come before them in date order and 3 after (the last one
undated, which sorts last). Documents that miss one of the filters, unreleased documents, and a
person who appears only in a draft surround them. Written as canonical JSON Lines, so both the
Django tests and the browser tests load it through the real importer.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .seed_records import AUTHORITIES, OUTSIDERS, SEED_TEN

SEED_FILTER = {
    "repository": "repository:rgaspi",
    "person": ("person:stalin", "person:molotov"),
    "place": "place:soviet-union",
}

# The seed's page 4 in date order (ascending), as the reader sees it.
PAGE_FOUR_TITLES = [d["title"] for d in sorted(SEED_TEN, key=lambda d: d["date"])]
SEED_DATES = {
    "doc:seed-07": "June 1934",
    "doc:seed-06": "July 27, 1934",
    "doc:seed-05": "November 1, 1934",
    "doc:seed-08": "1936",
    "doc:seed-09": "January 4, 1939",
    "doc:seed-04": "May 10, 1942",
    "doc:seed-03": "July 7, 1942",
    "doc:seed-02": "August 19, 1945",
    "doc:seed-01": "August 23, 1945",
    "doc:seed-10": "October 3, 1949",
}

# Date forms of the 30 documents before June 1934: day, month, year, circa, range, uncertain.
EARLY_DATES = [
    "1920-03-14",
    "1920-11",
    "1921",
    "1922~",
    "1923-04-02/1923-04-05",
    "1924?",
    "1925-01-30",
    "1925-06",
    "1926",
    "1927-02-11",
    "1927-09",
    "1928",
    "1928-12-24",
    "1929-03",
    "1929-10-01",
    "1930",
    "1930-05-19",
    "1930-08",
    "1931-01-07",
    "1931-10-12/1931-10-14",
    "1932",
    "1932-04-18",
    "1932-07",
    "1932-11-02",
    "1933~",
    "1933-03-09",
    "1933-06",
    "1933-09-21",
    "1934-02",
    "1934-05-31",
]
LATE_DATES = ["1950-06-25", "195X", "undated"]


def filler(number: int, date: str) -> dict[str, Any]:
    """A generated document that matches all four of the seed's filters."""
    return {
        "key": f"doc:filler-{number:02d}",
        "date": date,
        "title": f"Memorandum {number} of the Politburo on Soviet affairs",
        "summary": f"Generated record {number}: minutes on the work of the Soviet government "
        "with Stalin and Molotov present.",
        "doc_type": "memorandum" if number % 2 else "minutes",
        "authors": ["person:molotov"],
        "recipients": ["person:stalin"] if number % 3 else [],
        "people": [] if number % 3 else ["person:stalin"],
        "languages": ["ru"],
        "texts": [
            {
                "kind": "translation",
                "language": "en",
                "body": f"Record {number}. Present: Stalin, Molotov.\n\nThe meeting closed.",
            },
        ],
    }


def seed_documents() -> list[dict[str, Any]]:
    """The 43 documents that match the seed's filters, plus the outsiders."""
    matching = []
    dates = [*EARLY_DATES, *(d["date"] for d in SEED_TEN), *LATE_DATES]
    seed = {d["date"]: d for d in SEED_TEN}
    for number, date in enumerate(dates, start=1):
        record = dict(seed[date]) if date in seed else filler(number, date)
        for person in SEED_FILTER["person"]:
            linked = record.get("authors", []) + record.get("recipients", [])
            if person not in linked + record.get("people", []):
                record["people"] = [*record.get("people", []), person]
        record["places"] = sorted({*record.get("places", []), SEED_FILTER["place"]})
        record.setdefault("repository", SEED_FILTER["repository"])
        matching.append(record)
    assert len(matching) == 43
    return [{"type": "document", **record} for record in [*matching, *OUTSIDERS]]


def with_texts(documents: list[dict[str, Any]], scan: str | None) -> list[dict[str, Any]]:
    """The first seed document gets a translation, the Russian original and a scan."""
    for record in documents:
        if record["key"] == "doc:seed-01":
            record["texts"] = [
                {
                    "kind": "translation",
                    "language": "en",
                    "credit": "Translated by Sergey Radchenko",
                    "body": "To the Soviet Ambassador in Washington.\n\nGive Truman the following "
                    "answer on Hokkaido and the Kurile Islands.",
                },
                {
                    "kind": "original",
                    "language": "ru",
                    "body": "Послу СССР в Вашингтоне.\n\nПередайте Трумэну следующий ответ.",
                },
            ]
            record["related"] = ["doc:seed-02"]
            if scan:
                record["scans"] = [{"file": scan, "kind": "image", "label": "Page 1"}]
    return documents


def seed_records(scan: str | None = None) -> list[dict[str, Any]]:
    return [*AUTHORITIES, *with_texts(seed_documents(), scan)]


def write_seed_archive(directory: Path) -> Path:
    """seed-archive.jsonl (and the scan it names) in `directory`."""
    from PIL import Image, ImageDraw

    directory.mkdir(parents=True, exist_ok=True)
    image = Image.new("RGB", (600, 800), "#f4efe2")
    draw = ImageDraw.Draw(image)
    for line in range(12):
        draw.line((60, 100 + line * 50, 540, 100 + line * 50), fill="#555", width=3)
    image.save(directory / "seed-01-page-1.png")
    path = directory / "seed-archive.jsonl"
    with path.open("w", encoding="utf-8") as stream:
        for record in seed_records(scan="seed-01-page-1.png"):
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def load_seed_archive(directory: Path) -> None:
    """Import the seed archive into the test database through the real importer."""
    from readingroom.importers.pipeline import import_file

    report = import_file("jsonl", write_seed_archive(directory), default_status="published")
    assert report.ok, report.problems
