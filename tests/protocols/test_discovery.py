"""Feeds (parsed by feedparser), sitemaps (validated against the sitemaps.org schema) and
robots.txt."""

from __future__ import annotations

import datetime as dt

import feedparser
import pytest
from django.test import Client
from django.utils import timezone
from lxml import etree

from readingroom.catalogue.models import Document
from readingroom.protocols import sitemaps

from .archive import PUBLIC_COUNT, SECRET_WORDS
from .xmlschemas import VENDOR, assert_valid, sitemap

pytestmark = pytest.mark.django_db
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_atom_feed_of_new_and_corrected_documents(archive: None, client: Client) -> None:
    later = timezone.now() + dt.timedelta(hours=1)
    Document.objects.filter(public_id=7).update(updated_at=later)
    response = client.get("/feeds/documents.atom")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.title.endswith("new and corrected documents")
    assert len(feed.entries) == PUBLIC_COUNT
    first = feed.entries[0]
    assert first.title == "Corrected: Telegram number 7 on relations"
    assert first.link == "https://archive.example.org/documents/7"
    assert {t.term for t in first.tags} >= {"corrected", "Treaties"}
    assert first.author == "Joseph Stalin"
    assert "published" in first and "updated" in first
    # the feed names the archive as its author, for entries with none (RFC 4287, 4.1.1)
    assert feed.feed.author == "Reading Room Digital Archive"
    assert any(not getattr(entry, "author", "") for entry in feed.entries)  # document 2: no author
    for path in ("/feeds/corrections.atom", "/feeds/collections/1.atom", "/feeds/search.atom"):
        root = etree.fromstring(client.get(path).content)
        authors = root.findall(
            "{http://www.w3.org/2005/Atom}author/{http://www.w3.org/2005/Atom}name"
        )
        assert [a.text for a in authors] == ["Reading Room Digital Archive"], path


def test_feeds_per_collection_and_per_search(archive: None, client: Client) -> None:
    collection = feedparser.parse(client.get("/feeds/collections/1.atom").content)
    assert not collection.bozo
    assert len(collection.entries) == PUBLIC_COUNT - 1
    assert client.get("/feeds/collections/2.atom").status_code == 404  # nothing public in it
    search = feedparser.parse(client.get("/feeds/search.atom?repository=2").content)
    assert [e.link for e in search.entries] == ["https://archive.example.org/documents/3"]
    assert search.feed.links[0].href.endswith("/search?repository=2")


# Summaries an editor typed, with markup a feed reader must show as text, never run.
HOSTILE_SUMMARIES = {
    4: "<script>alert(1)</script> The <b>treaty</b> & its annex",
    5: "<img src=x onerror=alert(1)> Договор о дружбе <i>подписан</i>",
    6: '<a href="javascript:alert(1)">中苏友好同盟条约</a> 已签订',
}


@pytest.mark.parametrize(
    "path", ["/feeds/documents.atom", "/feeds/collections/1.atom", "/feeds/search.atom"]
)
def test_feed_summaries_are_the_editors_text_not_markup(
    archive: None, client: Client, path: str
) -> None:
    for public_id, summary in HOSTILE_SUMMARIES.items():
        Document.objects.filter(public_id=public_id).update(summary=summary)
    content = client.get(path).content
    for sanitize in (True, False):  # a reader that cleans HTML, and one that trusts the feed
        feed = feedparser.parse(content, sanitize_html=sanitize)
        assert not feed.bozo, feed.bozo_exception
        summaries = {e.link.rsplit("/", 1)[-1]: e.summary_detail for e in feed.entries}
        for public_id, summary in HOSTILE_SUMMARIES.items():
            detail = summaries[str(public_id)]
            assert detail.type == "text/plain", (path, detail)
            assert detail.value.endswith(f". {summary}"), (path, detail.value)


def parse_xml(content: bytes) -> etree._Element:
    return etree.fromstring(content)


def test_sitemap_validates_and_lists_every_public_page(archive: None, client: Client) -> None:
    response = client.get("/sitemap.xml")
    root = parse_xml(response.content)
    assert_valid(sitemap(), root)
    locations = [e.text or "" for e in root.iter(f"{SITEMAP_NS}loc")]
    documents = [u for u in locations if "/documents/" in u]
    assert len(documents) == PUBLIC_COUNT
    assert all(u.startswith("https://archive.example.org/") for u in locations)
    assert "https://archive.example.org/people/6" not in " ".join(locations)
    assert not any(word.lower() in " ".join(locations).lower() for word in SECRET_WORDS)


SITEINDEX_XSD = b"""<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
  targetNamespace="http://www.sitemaps.org/schemas/sitemap/0.9"
  xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" elementFormDefault="qualified">
  <!-- The sitemap index as sitemaps.org describes it (no registry ships siteindex.xsd). -->
  <xs:element name="sitemapindex"><xs:complexType><xs:sequence>
    <xs:element name="sitemap" maxOccurs="50000"><xs:complexType><xs:sequence>
      <xs:element name="loc" type="xs:anyURI"/>
      <xs:element name="lastmod" type="xs:string" minOccurs="0"/>
    </xs:sequence></xs:complexType></xs:element>
  </xs:sequence></xs:complexType></xs:element>
</xs:schema>"""


def test_sitemap_index_past_the_limit(archive: None, client: Client, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(sitemaps, "LIMIT", 10)
    monkeypatch.setattr(sitemaps.ArchiveSitemap, "limit", 10)
    root = parse_xml(client.get("/sitemap.xml").content)
    assert root.tag == f"{SITEMAP_NS}sitemapindex"
    assert_valid(etree.XMLSchema(etree.fromstring(SITEINDEX_XSD)), root)
    sections = [e.text or "" for e in root.iter(f"{SITEMAP_NS}loc")]
    assert "https://archive.example.org/sitemap-documents.xml?p=3" in sections
    total = 0
    for url in sections:
        page = parse_xml(client.get(url.removeprefix("https://archive.example.org")).content)
        assert_valid(sitemap(), page)
        total += sum(1 for e in page.iter(f"{SITEMAP_NS}loc") if "/documents/" in (e.text or ""))
    assert total == PUBLIC_COUNT
    assert VENDOR.exists()


def test_robots_txt(archive: None, client: Client) -> None:
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Sitemap: https://archive.example.org/sitemap.xml" in text
    assert "Disallow: /admin/" in text
