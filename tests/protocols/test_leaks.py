"""Nothing unreleased leaves through any open interface: a draft, a document in review, one
embargoed until 2999 and a withdrawn one, each with a distinctive word, are neither shown nor
counted anywhere (OAI-PMH reports the withdrawn one as deleted: an identifier, no metadata)."""

from __future__ import annotations

import gzip

import pytest
from django.core.management import call_command
from django.test import Client
from lxml import etree

from .archive import PUBLIC_COUNT, SECRET_WORDS, UNRELEASED_IDS
from .xmlschemas import OAI

pytestmark = pytest.mark.django_db

PAGES = [
    "/oai?verb=ListRecords&metadataPrefix=oai_dc",
    "/oai?verb=ListRecords&metadataPrefix=readingroom",
    "/oai?verb=ListIdentifiers&metadataPrefix=oai_dc",
    "/oai?verb=ListSets",
    "/oai?verb=Identify",
    "/api/v1/documents?per_page=100",
    "/api/v1/people?per_page=100",
    "/api/v1/places?per_page=100",
    "/api/v1/subjects?per_page=100",
    "/api/v1/repositories?per_page=100",
    "/api/v1/collections?per_page=100",
    "/feeds/documents.atom",
    "/feeds/search.atom",
    "/feeds/collections/1.atom",
    "/sitemap.xml",
    "/sitemap-documents.xml",
    "/sitemap-people.xml",
    "/sitemap-collections.xml",
    "/robots.txt",
    "/data/",
    "/data/manifest.json",
    "/data/readingroom-documents.csv",
    "/search/export.csv",
    "/search/export.jsonl",
    "/search/export.ris",
    "/search/export.bib",
]


def text_of(client: Client, path: str) -> bytes:
    response = client.get(path)
    assert response.status_code == 200, path
    body = b"".join(response.streaming_content) if response.streaming else response.content  # type: ignore[attr-defined]
    return gzip.decompress(body) if path.endswith(".gz") else body


def test_no_interface_shows_or_counts_unreleased_documents(archive: None, client: Client) -> None:
    call_command("dump")
    for path in [*PAGES, "/data/readingroom.jsonl.gz"]:
        body = text_of(client, path)
        for word in SECRET_WORDS:
            assert word.encode() not in body, f"{word} leaked through {path}"
    assert client.get("/api/v1/documents").json()["count"] == PUBLIC_COUNT
    root = etree.fromstring(text_of(client, PAGES[2]))
    headers = root.findall(f".//{OAI}header")
    deleted = [h.findtext(f"{OAI}identifier") for h in headers if h.get("status") == "deleted"]
    assert len(headers) == PUBLIC_COUNT + 1 and deleted == ["oai:archive.example.org:903"]


def test_every_per_document_address_is_404(archive: None, client: Client) -> None:
    for public_id in UNRELEASED_IDS:
        for path in (
            f"/api/v1/documents/{public_id}",
            f"/documents/{public_id}/cite.bib",
            f"/documents/{public_id}/cite.ris",
            f"/documents/{public_id}/cite.json",
            f"/iiif/documents/{public_id}/manifest.json",
            f"/iiif/documents/{public_id}/viewer",
        ):
            assert client.get(path).status_code == 404, path
        record = client.get(
            "/oai",
            {"verb": "GetRecord", "metadataPrefix": "oai_dc",
             "identifier": f"oai:archive.example.org:{public_id}"},
        ).content  # fmt: skip
        assert not any(word.encode() in record for word in SECRET_WORDS)
