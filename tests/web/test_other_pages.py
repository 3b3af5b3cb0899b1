"""The home page, the search help, the full list of a facet's values, error pages, and the
number of database queries each list page makes (no N+1)."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from readingroom.catalogue.models import Collection, CollectionMembership, Document, Status
from readingroom.search.edition import memo

from .conftest import reindex
from .helpers import between, get, record, rid, seed_query, text_of

pytestmark = pytest.mark.usefixtures("seed_archive")


def test_home_page_shows_what_the_archive_holds(client: Client) -> None:
    html = get(client, "/")
    holdings = text_of(between(html, '<ul class="holding-list">', "</ul>"))
    assert holdings == (
        "46 documents 7 people and organizations 5 places 3 subjects 2 repositories 1 collection"
    )
    featured = text_of(between(html, 'class="featured"', "</section>"))
    assert "Sino-Soviet Relations and Xinjiang" in featured and "4 documents" in featured
    recent = between(html, 'class="recent"', "</section>")
    assert len(re.findall(r"<li>", recent)) == 6
    decades = text_of(between(html, 'class="decades"', "</section>"))
    assert "1920s 15" in decades and "1930s 21" in decades and "And 1 undated." in decades
    assert 'href="/search?year=1930s"' in html
    assert 'role="search"' in html and 'action="/search"' in html


def test_home_page_counts_the_public_documents_of_featured_collections(client: Client) -> None:
    """As the search index counts them (the number the collection's search shows): a document
    taken back to draft leaves the count, and a collection with none public leaves the page."""
    collection = Collection.objects.get(featured=True)
    members = CollectionMembership.objects.filter(collection=collection)
    documents = Document.objects.filter(pk__in=members.values("document_id")).order_by("pk")
    first = documents.first()
    assert first is not None
    Document.objects.filter(pk=first.pk).update(status=Status.DRAFT)
    reindex(everything=True)
    featured = text_of(between(get(client, "/"), 'class="featured"', "</section>"))
    assert collection.title in featured and "3 documents" in featured
    documents.update(status=Status.DRAFT)
    reindex(everything=True)
    html = get(client, "/")
    assert 'class="featured"' not in html or collection.title not in text_of(
        between(html, 'class="featured"', "</section>")
    )


def test_home_page_counts_are_kept_until_the_archive_changes(client: Client, settings) -> None:  # type: ignore[no-untyped-def]
    """Counted once an edition (search/edition.py): a second reader's home page counts no
    records; a change to the archive is counted on its next edition."""
    settings.PAGE_CACHE_SECONDS = 0
    memo.edition = None
    get(client, "/")
    with CaptureQueriesContext(connection) as captured:
        get(client, "/")
    assert not [q for q in captured if "COUNT(" in q["sql"]]
    Document.objects.update(status=Status.DRAFT)
    reindex(everything=True)
    holdings = text_of(between(get(client, "/"), '<ul class="holding-list">', "</ul>"))
    assert "7 people" not in holdings and "2 repositories" not in holdings, holdings


def test_search_help_shows_the_syntax_with_examples_that_run(client: Client) -> None:
    html = get(client, "/search/help")
    examples = re.findall(r'<a href="(/search\?q=[^"]+)"><code>', html)
    assert len(examples) >= 10
    for url in examples:
        response = client.get(url.replace("&amp;", "&"))
        assert response.status_code == 200, url
    assert "Filippov" in text_of(html) and '"Kurile Islands"' in text_of(html)
    found = text_of(get(client, "/search?q=Filippov"))
    assert "Cable, Filippov [Stalin]" in found


def test_full_list_of_a_facets_values(client: Client) -> None:
    html = get(client, f"/search/facets/person?{seed_query()}")
    values = re.findall(
        r'<span class="facet-label">(?:<span[^>]*>[^<]*</span>)?([^<]+)</span>', html
    )
    assert "Kliment Voroshilov" in values and "Garegin Apresov" in values
    link = re.search(r'href="([^"]+)"><span class="facet-label">Kliment Voroshilov', html)
    assert link is not None
    path, query = link.group(1).replace("&amp;", "&").split("?")
    assert path == "/search"
    assert ("person", rid("person:voroshilov")) in parse_qsl(query)
    assert client.get("/search/facets/nonsense").status_code == 404


def test_facet_more_list_and_link_to_all_values(client: Client) -> None:
    html = get(client, "/search")
    people = between(html, 'id="facet-person"', "</section>")
    assert "More people (2)" in text_of(people)  # 7 people: 5 shown, 2 behind "more"
    assert "data-facet-filter hidden" in people  # the filter box appears with JavaScript


def test_not_found_page_in_the_sites_style(client: Client) -> None:
    html = get(client, "/no-such-page", status=404)
    assert "Page not found" in html and 'class="skip-link"' in html
    assert '<form class="search-form" role="search"' in html
    assert get(client, "/documents/999999", status=404).count("Page not found") >= 1


def test_server_error_page_stands_alone() -> None:
    from django.template.loader import get_template

    html = get_template("500.html").render({})
    assert "Something went wrong" in html and "reading-room.css" in html


@pytest.fixture
def warm(client: Client, settings) -> Client:  # type: ignore[no-untyped-def]
    """A client after one request: the first request of a day releases due embargoes. The
    server's cache is off: these count what computing a page costs."""
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/search")
    return client


def count_queries(client: Client, url: str, cold: bool = False) -> int:
    """Queries the page makes; `cold`: with nothing kept from earlier pages."""
    if cold:
        memo.edition = None
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


def test_search_page_queries_do_not_grow_with_results_or_facet_values(warm: Client) -> None:
    """One query hydrates the hits, one labels each record facet; a page of 100 results with
    every facet costs what a page of 10 costs. Labels and the records words name are then kept
    until the index's next commit (search/edition.py): only the hits are read again."""
    ten = count_queries(warm, "/search", cold=True)
    hundred = count_queries(warm, "/search?per_page=100", cold=True)
    assert ten == hundred == 6  # hits; repository, person, place, subject, collection labels
    assert count_queries(warm, "/search?per_page=100") == 1  # the hits
    one = count_queries(warm, f"/search?{seed_query()}&from=1936&to=1936", cold=True)
    assert one <= hundred
    words = count_queries(warm, "/search?q=Stalin&per_page=100", cold=True)
    assert words <= hundred + 2  # the people the words name
    assert count_queries(warm, "/search?q=Stalin&per_page=100") == 1


@pytest.mark.parametrize("key", ["person:stalin", "place:xinjiang", "collection:xinjiang"])
def test_record_pages_make_a_bounded_number_of_queries(warm: Client, key: str) -> None:
    url = record(key).get_absolute_url()
    few = count_queries(warm, url, cold=True)
    many = count_queries(warm, f"{url}?per_page=100", cold=True)
    assert few == many
    assert many <= 16


def test_document_page_queries_are_bounded(warm: Client) -> None:
    document = record("doc:seed-04")
    plain = count_queries(warm, document.get_absolute_url())
    assert plain <= 11
    origin = f"{document.get_absolute_url()}?from_search={seed_query(page='4').replace('&', '%26')}"
    assert count_queries(warm, origin) <= plain + 1  # the two neighbours, in one query


def test_canonical_links_are_absolute_and_on_the_configured_site(client: Client) -> None:
    html = get(client, record("person:stalin").get_absolute_url())
    canonical = re.search(r'<link rel="canonical" href="([^"]+)"', html)
    assert (
        canonical
        and urlsplit(canonical.group(1)).path == record("person:stalin").get_absolute_url()
    )


def test_the_site_has_an_icon_at_favicon_ico_and_linked_from_every_page(client: Client) -> None:
    from django.contrib.staticfiles import finders
    from lxml import etree

    answer = client.get("/favicon.ico")
    assert answer.status_code == 302 and answer["Location"].endswith("web/favicon.svg")
    path = finders.find("web/favicon.svg")
    assert path is not None
    assert etree.parse(path).getroot().tag == "{http://www.w3.org/2000/svg}svg"
    assert 'rel="icon"' in client.get("/").content.decode()
