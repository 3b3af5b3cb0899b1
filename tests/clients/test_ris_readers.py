"""Every RIS file the archive writes (`cite.ris` of each document, a search's `export.ris`) read
by the RIS readers of reference managers: astrocite-ris and citation-js (npm, run by Node) and
rispy: every record is read, with its title and year."""

from __future__ import annotations

from typing import Any

import pytest
import rispy
from django.test import Client

from readingroom.catalogue.models import Document

from .conftest import DATES, FIRST_ID, node

pytestmark = pytest.mark.usefixtures("dated_archive")


def ris_files(client: Client) -> list[str]:
    files = []
    for number in range(len(DATES)):
        response = client.get(f"/documents/{FIRST_ID + number}/cite.ris")
        assert response.status_code == 200
        files.append(response.content.decode("utf-8"))
    export = client.get("/search/export.ris", {"q": "Kurile"})
    assert export.status_code == 200
    files.append(b"".join(export.streaming_content).decode("utf-8"))  # type: ignore[attr-defined]
    return files


def test_every_ris_file_is_read_whole_by_astrocite_citation_js_and_rispy(client: Client) -> None:
    files = ris_files(client)
    answers = node({"task": "ris", "files": files})
    titles = set(Document.objects.public().values_list("title", flat=True))
    for file, answer in zip(files, answers, strict=True):
        expected = file.count("\nER  -") + file.startswith("ER  -")
        read_by_rispy = rispy.loads(file)
        assert len(read_by_rispy) == expected >= 1
        for reader in ("astrocite", "citationjs"):
            records: Any = answer[reader]
            assert isinstance(records, list), (reader, records, file)
            assert len(records) == expected, (reader, file)
            for record in records:
                assert record["title"] in titles, (reader, record)
                year = record.get("issued", {}).get("date-parts", [[None]])[0][0]
                literal = record.get("issued", {}).get("literal", "")
                assert year or literal, (reader, record, file)
    assert len(answers[-1]["astrocite"]) == len(DATES)  # the export holds every document
