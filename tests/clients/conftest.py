"""The clients people use, run on the archive's real output: a small archive with a document
for every form of date the brief names (and EDTF level 2), imported through the real importer,
and the Node clients of tests/clients/package.json (installed by `make test`)."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from import_support import imported_and_indexed

HERE = Path(__file__).resolve().parent

# EDTF, the display readers see on the archive's pages
DATES = [
    ("1945-08-23", "August 23, 1945"),
    ("1934-06", "June 1934"),
    ("1936", "1936"),
    ("1945~", "circa 1945"),
    ("1945?", "1945?"),
    ("1945%", "circa 1945?"),
    ("1949-10-12/1949-10-14", "October 12–14, 1949"),
    ("1945-08/1946-02", "August 1945 – February 1946"),
    ("194X", "1940s"),
    ("19XX", "1900s"),
    ("1945-XX", "1945, month unknown"),
    ("1945-08-XX", "August 1945, day unknown"),
    ("1945-22", "Summer 1945"),
    ("1945/..", "1945 or later"),
    ("../1945", "1945 or earlier"),
    ("[1945,1946]", "1945 or 1946"),
    ("{1945,1946}", "1945 and 1946"),
    ("1945-08-23%", "circa August 23, 1945?"),
]
FIRST_ID = 101


def node(request: dict[str, Any]) -> Any:
    """Run tests/clients/clients.mjs on one request; its JSON answer."""
    if not (HERE / "node_modules").is_dir():
        pytest.fail(
            "the Node clients are not installed: `npm ci --prefix tests/clients` (make test)"
        )
    answer = subprocess.run(
        ["node", str(HERE / "clients.mjs")],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert answer.returncode == 0, answer.stderr
    return json.loads(answer.stdout)


def records() -> list[dict[str, Any]]:
    people = [
        {"type": "person", "key": "stalin", "id": 1, "name": "Joseph Stalin",
         "sort_name": "Stalin, Joseph"},
        {"type": "repository", "key": "rgaspi", "id": 1, "short_name": "RGASPI",
         "name": "Russian State Archive of Socio-Political History", "location": "Moscow"},
    ]  # fmt: skip
    documents = [
        {"type": "document", "key": f"doc-{number}", "id": FIRST_ID + number, "date": value,
         "title": f"Telegram to Vyacheslav Molotov on the Kurile Islands, number {number}",
         "authors": ["stalin"], "repository": "rgaspi", "citation": "f. 558, op. 11, d. 1",
         "summary": "Hokkaido and the Kurile Islands.", "status": "published",
         "texts": [{"kind": "translation", "language": "en", "body": "Kurile Islands."}]}
        for number, (value, _) in enumerate(DATES)
    ]  # fmt: skip
    return [*people, *documents]


@pytest.fixture
def dated_archive(db: None, tmp_path: Path, settings: Any) -> Iterator[None]:
    settings.SITE_URL = "https://archive.example.org"
    settings.MEDIA_ROOT = tmp_path / "media"
    with imported_and_indexed(
        records(), tmp_path / "dates.jsonl", range(1, FIRST_ID + len(DATES) + 1)
    ):
        yield
