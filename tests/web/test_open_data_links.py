"""Open data in plain sight: every results page links its results as CSV, JSON Lines, BibTeX
and RIS (all of them, not the page) and its Atom feed; each link answers with exactly the
documents the page counts; a set past the export limit points to /data/; a collection page
links its own feed."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.test import Client
from lxml import html

from .helpers import record, rid

pytestmark = pytest.mark.usefixtures("seed_archive")


def links(client: Client, url: str) -> dict[str, str]:
    response = client.get(url, follow=True)
    assert response.status_code == 200
    page = html.fromstring(response.content)
    return {a.text_content(): a.get("href") for a in page.xpath("//p[@class='downloads']/a")}


def count_line_total(client: Client, url: str) -> int:
    page = html.fromstring(client.get(url, follow=True).content)
    return int(page.xpath("string(//h2[@id='results-heading'])").split()[-1].replace(",", ""))


@pytest.mark.parametrize(
    "where", ["/search?q=Kurile", "/search", "person:stalin", "collection:xinjiang"]
)
def test_every_results_page_links_its_files_and_feed_holding_what_it_counts(
    client: Client, where: str
) -> None:
    url = where if where.startswith("/") else record(where).get_absolute_url()
    found = links(client, url)
    assert set(found) == {"CSV", "JSON Lines", "BibTeX", "RIS", "Atom feed"}
    total = count_line_total(client, url)

    def body(href: str) -> str:
        answer = client.get(href)
        assert answer.status_code == 200, href
        return (
            b"".join(answer.streaming_content).decode()
            if answer.streaming
            else answer.content.decode()
        )  # type: ignore[attr-defined]

    assert len(list(csv.DictReader(io.StringIO(body(found["CSV"]))))) == total
    assert len([json.loads(line) for line in body(found["JSON Lines"]).splitlines()]) == total
    assert body(found["BibTeX"]).count("@misc{") == total
    assert body(found["RIS"]).count("\nER  -") + body(found["RIS"]).startswith("ER  -") == total
    feed = html.fromstring(client.get(found["Atom feed"]).content)
    assert 0 < len(feed.xpath("//entry")) <= total


def test_a_set_past_the_export_limit_points_to_the_whole_archive(client: Client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.EXPORT_LIMIT = 2
    page = html.fromstring(client.get("/search").content)
    downloads = page.xpath("//p[@class='downloads']")[0]
    assert [a.get("href") for a in downloads.xpath("a")] == ["/data/", "/feeds/search.atom"]


def test_a_collection_page_links_its_own_feed(client: Client) -> None:
    collection = record("collection:xinjiang")
    page = html.fromstring(client.get(collection.get_absolute_url()).content)
    feed = f"/feeds/collections/{rid('collection:xinjiang')}.atom"
    assert feed in page.xpath("//p[@class='record-feed']/a/@href")
    assert page.xpath(f"//link[@rel='alternate'][@href='{feed}']")
    assert client.get(feed).status_code == 200
