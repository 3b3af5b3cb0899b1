"""Whatever the archive accepts works on every surface, or is refused at the door (issue 13,
item 3): hypothesis generates whole documents from the canonical format (every simple field,
texts, people, dates of every form we read, words in any script, control characters, right-to-
left text, markup, long and empty values), imports each through the real importer, and asks
every public surface that shows it: each answer is 200 and well formed (HTML, XML, JSON, CSV,
RIS, BibTeX), never a server error. A record the importer refuses must be refused with the
file, line, record and field."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import caches
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from lxml import etree
from lxml import html as lxml_html
from test_dates import edtf_values

from readingroom.catalogue.models import Document
from readingroom.importers.pipeline import import_file
from readingroom.search import service
from readingroom.search.documents import build
from readingroom.search.memory import MemoryBackend

pytestmark = pytest.mark.django_db


def damaged_text(text: str) -> bool:
    return any(c in text for c in UNWRITABLE)


OAI = "/oai?verb=GetRecord&metadataPrefix={}&identifier=oai:archive.example.org:{}"
# characters of every kind the archive keeps: letters of many scripts, marks, digits,
# punctuation, symbols, spaces, tabs and line breaks, right-to-left and formatting marks
UNWRITABLE = [chr(c) for c in (*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF)]
ANY = st.characters(blacklist_categories=("Cs",), blacklist_characters=UNWRITABLE)
SCRIPTS = st.sampled_from(
    ["Сталин", "毛泽东", "蘇聯", "김일성", "東京", "طهران", "ירושלים", "Ürümqi", "<b>&amp;</b>",
     "\u202eRTL\u202c", "{\\}%$#_~^", "'=1+1", "\t", "\n\n", "e\u0301", "\r\n"]
)  # fmt: skip
# what no page or format can carry: refused at the door, with where and why
DAMAGED = st.sampled_from(["bell \x07", "\x1b[0m", "\ufffe", "form\x0cfeed"])
TEXT = st.one_of(st.text(ANY, max_size=40), SCRIPTS, st.text(ANY, min_size=300, max_size=1200))
SHORT = st.one_of(st.text(ANY, max_size=30), SCRIPTS)
LANGUAGES = st.lists(st.sampled_from(["ru", "zh", "zh-hant", "ko", "ja", "en", "ar", "he"]))
DATES = st.one_of(
    edtf_values(), st.just("undated"), st.sampled_from(["[1945,1946]", "{1945,1946}", "19XX"])
)


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    texts = draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    "kind": st.sampled_from(["translation", "original", "transcript"]),
                    "language": st.sampled_from(["ru", "zh", "en", "ko", "ar"]),
                    "body": st.one_of(TEXT, SCRIPTS),
                    "credit": SHORT,
                }
            ),
            max_size=3,
        )
    )
    return {
        "type": "document",
        "key": "generated",
        "id": 1,
        "title": draw(st.one_of(SCRIPTS, st.text(ANY, min_size=1, max_size=200), DAMAGED)),
        "original_title": draw(SHORT),
        "summary": draw(TEXT),
        "date": draw(DATES),
        "date_text": draw(SHORT),
        "doc_type": draw(st.sampled_from(["telegram", "letter", "", "memorandum_of_conversation"])),
        "authors": ["author"],
        "recipients": draw(st.sampled_from([[], ["author"]])),
        "places": ["place"],
        "languages": draw(LANGUAGES),
        "citation": draw(SHORT),
        "classification": draw(SHORT),
        "rights": draw(SHORT),
        "credits": draw(st.lists(SHORT, max_size=2)),
        "funders": draw(st.lists(SHORT, max_size=2)),
        "legacy_ids": draw(st.lists(SHORT, max_size=2)),
        "texts": texts,
        "status": "published",
    }


@st.composite
def archives(draw: st.DrawFn) -> list[dict[str, Any]]:
    author = {"type": "person", "key": "author", "id": 1, "name": draw(
        st.one_of(SCRIPTS, st.text(ANY, min_size=1, max_size=60))
    ), "sort_name": draw(SHORT)}  # fmt: skip
    place = {"type": "place", "key": "place", "id": 1, "name": draw(SCRIPTS)}
    return [author, place, draw(documents())]


def parsed(client: Client, path: str) -> bytes:
    response = client.get(path, follow=True)
    assert response.status_code == 200, (path, response.status_code)
    if response.streaming:
        return b"".join(response.streaming_content)  # type: ignore[attr-defined]
    return response.content


def every_surface(client: Client, public_id: int) -> None:
    for path in ("/", "/search", "/search?sort=title", "/search?sort=-date", "/corrections",
                 f"/documents/{public_id}", "/people/1", "/places/1"):  # fmt: skip
        lxml_html.fromstring(parsed(client, path))
    for path in ("/feeds/documents.atom", "/sitemap.xml", "/sitemap-documents.xml",
                 OAI.format("oai_dc", public_id), OAI.format("readingroom", public_id)):  # fmt: skip
        root = etree.fromstring(parsed(client, path))  # strict XML: no stray control character
        assert not root.findall(".//{http://www.openarchives.org/OAI/2.0/}error"), path
    for path in (f"/api/v1/documents/{public_id}", "/api/v1/documents", "/api/v1/people/1",
                 f"/documents/{public_id}/cite.json"):  # fmt: skip
        json.loads(parsed(client, path))
    rows = list(csv.DictReader(io.StringIO(parsed(client, "/search/export.csv").decode())))
    assert [row["id"] for row in rows] == [str(public_id)]
    assert parsed(client, f"/documents/{public_id}/cite.ris").decode().startswith("TY  - ")
    assert parsed(client, f"/documents/{public_id}/cite.bib").decode().startswith("@misc{")


@settings(max_examples=100, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(archive=archives())
def test_every_accepted_document_works_on_every_surface_or_is_refused_clearly(
    tmp_path: Path, settings_: Any, archive: list[dict[str, Any]]
) -> None:
    path = tmp_path / "generated.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in archive), "utf-8")
    with transaction.atomic():
        report = import_file("jsonl", path)
        if not report.ok:  # refused at the door: with where and why
            for problem in report.problems:
                assert "generated.jsonl, line " in str(problem), problem
            damaged = any(damaged_text(r.get("title", "")) for r in archive)
            assert damaged or any("required" in str(p) for p in report.problems), report.problems
            event("refused: " + ", ".join(sorted({str(p.field) for p in report.problems})))
            transaction.set_rollback(True)
            return
        event("accepted: every surface asked")
        backend = MemoryBackend()
        found, _ = build([document.public_id for document in Document.objects.all()])
        backend.replace(found, [])
        service.set_backend(backend)
        try:
            every_surface(Client(), Document.objects.get().public_id)
        finally:
            service.set_backend(None)
            transaction.set_rollback(True)


@pytest.fixture
def settings_(settings: Any, tmp_path: Path) -> Iterator[Any]:
    settings.SITE_URL = "https://archive.example.org"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.API_RATE_REQUESTS = 10**9
    yield settings
    caches["default"].clear()  # the rate counters of these requests go with them
