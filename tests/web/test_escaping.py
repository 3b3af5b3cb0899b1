"""Text is escaped everywhere: a title like <script>alert(1)</script> shows as text, in every
place a page shows it (and in what machines read from the page)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.test import Client

from readingroom.importers.pipeline import import_file
from readingroom.search.backend import SearchBackend

from .conftest import reindex
from .helpers import get, record

SCRIPT = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
IMG = '<img src=x onerror="alert(2)">'
HOSTILE = [
    {"type": "repository", "key": "repository:x", "name": f"Archive {SCRIPT}", "short_name": ""},
    {
        "type": "person",
        "key": "person:x",
        "name": f"Agent {SCRIPT}",
        "biography": IMG,
        "variants": [{"name": f"Alias {SCRIPT}", "kind": "pseudonym"}],
    },
    {"type": "place", "key": "place:x", "name": f"Town {SCRIPT}", "description": IMG},
    {"type": "subject", "key": "subject:x", "name": f"Topic {SCRIPT}"},
    {
        "type": "collection",
        "key": "collection:x",
        "title": f"Set {SCRIPT}",
        "description": IMG,
        "featured": True,
    },
    {
        "type": "document",
        "key": "doc:x",
        "title": f"Report {SCRIPT}",
        "date": "1936",
        "summary": f"Summary {IMG} and {SCRIPT} about uranium",
        "doc_type": f"memo{SCRIPT}",
        "authors": ["person:x"],
        "places": ["place:x"],
        "subjects": ["subject:x"],
        "collections": ["collection:x"],
        "repository": "repository:x",
        "citation": f"Fond {SCRIPT}",
        "classification": SCRIPT,
        "credits": [f"Translated by {SCRIPT}"],
        "funders": [IMG],
        "rights": SCRIPT,
        "languages": ["en"],
        "texts": [
            {
                "kind": "translation",
                "language": "en",
                "body": f"Body on uranium {SCRIPT} {IMG}",
                "credit": SCRIPT,
            },
            {"kind": "original", "language": "ru", "body": f"Текст {SCRIPT}"},
        ],
        "related": ["doc:y"],
    },
    {
        "type": "document",
        "key": "doc:y",
        "title": f"Other {SCRIPT}",
        "date": "1937",
        "authors": ["person:x"],
    },
]


@pytest.fixture
def hostile(db: None, tmp_path: Path, search_backend: SearchBackend) -> None:
    path = tmp_path / "hostile.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in HOSTILE), encoding="utf-8")
    report = import_file("jsonl", path, default_status="published")
    assert report.ok, report.problems
    reindex()


def assert_escaped(html: str, *, expect: bool = True) -> None:
    assert SCRIPT not in html
    assert "<img src=x" not in html  # (in JSON-LD it is \u003cimg: text, not a tag)
    if expect:
        assert ESCAPED in html


def pages() -> list[str]:
    document = record("doc:x")
    origin = urlencode({"from_search": f"q=uranium&person={record('person:x').public_id}"})
    return [
        "/",
        "/search",
        "/search?q=uranium",
        f"/search?person={record('person:x').public_id}&place={record('place:x').public_id}",
        f"/search/facets/person?person={record('person:x').public_id}",
        document.get_absolute_url(),
        f"{document.get_absolute_url()}?{origin}",
        f"{document.get_absolute_url()}?view=side-by-side",
        record("person:x").get_absolute_url(),
        record("person:x").get_absolute_url() + "?role=author",
        record("place:x").get_absolute_url(),
        record("subject:x").get_absolute_url(),
        record("repository:x").get_absolute_url(),
        record("collection:x").get_absolute_url(),
    ]


@pytest.mark.usefixtures("hostile")
def test_markup_in_records_is_shown_as_text_on_every_page(client: Client) -> None:
    for url in pages():
        assert_escaped(get(client, url))


@pytest.mark.usefixtures("hostile")
def test_highlighted_passages_are_escaped(client: Client) -> None:
    html = get(client, "/search?q=uranium")
    passages = re.findall(r'<p class="result-passage">(.*?)</p>', html, re.S)
    assert passages, "a keyword search shows why each document matched"
    assert any("<mark>uranium</mark>" in p.lower() for p in passages)
    for passage in passages:
        assert_escaped(passage, expect=False)
        assert re.sub(r"</?mark>|<span[^>]*>|</span>", "", passage).count("<") == 0


@pytest.mark.usefixtures("hostile")
def test_machine_readable_metadata_is_escaped(client: Client) -> None:
    html = get(client, record("doc:x").get_absolute_url())
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert block is not None
    assert "<" not in block.group(1)  # nothing in the data can close the script element
    data = json.loads(block.group(1))
    assert data["name"] == f"Report {SCRIPT}"
    tags = dict(re.findall(r'<meta name="(citation_title)" content="([^"]*)"', html))
    assert tags["citation_title"] == f"Report {ESCAPED}"
    title = re.search(r"<title>(.*?)</title>", html, re.S)
    assert title and ESCAPED in title.group(1)


@pytest.mark.usefixtures("hostile")
def test_markup_in_the_query_is_shown_as_text(client: Client) -> None:
    html = get(client, "/search?" + urlencode({"q": SCRIPT}))
    assert_escaped(html)
    notice = get(client, "/search?" + urlencode({"sort": SCRIPT}))
    assert SCRIPT not in notice and "no sort “&lt;script&gt;" in notice
    filters = get(client, "/search?" + urlencode({"type": SCRIPT}))
    assert SCRIPT not in filters
