"""The "Data and APIs" page: every open way into the archive with working examples, linked
from every page's footer; every example answers."""

from __future__ import annotations

import pytest
from django.test import Client
from lxml import html

pytestmark = pytest.mark.usefixtures("seed_archive")


def test_every_example_on_the_data_and_apis_page_answers(client: Client) -> None:
    page = html.fromstring(client.get("/data-and-apis").content)
    names = page.xpath("//section/h2/text()")
    assert {"Bulk data", "JSON API", "OAI-PMH 2.0", "Atom feeds", "Citations",
            "IIIF Presentation 3.0", "Sitemaps"} <= set(names)  # fmt: skip
    examples = page.xpath("//ul[@class='examples']//a/@href")
    assert len(examples) >= 15
    for path in examples:
        answer = client.get(path)
        assert answer.status_code == 200, path
        if path.startswith("/oai"):
            assert b"<error" not in answer.content, path


def test_every_page_links_the_data_and_apis_page(client: Client) -> None:
    for path in ("/", "/search", "/people/"):
        footer = html.fromstring(client.get(path).content).xpath("//footer//a/@href")
        assert "/data-and-apis" in footer, path
