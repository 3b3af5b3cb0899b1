"""The document page: everything about one document, its texts and scans, how to cite it, what
machines read from it, and its neighbours in the search it was reached from."""

from __future__ import annotations

import json
import re
from html import unescape
from urllib.parse import urlencode

import pytest
from django.test import Client

from readingroom.catalogue.models import Document, OldSlug

from .helpers import between, get, record, seed_query, text_of

pytestmark = pytest.mark.usefixtures("seed_archive")


def page_of(client: Client, key: str, query: str = "") -> str:
    url = record(key).get_absolute_url()
    return get(client, f"{url}?{query}" if query else url)


def test_the_document_and_everything_about_it(client: Client) -> None:
    html = page_of(client, "doc:seed-01")
    header = text_of(between(html, '<header class="document-header">', "</header>"))
    assert header.startswith("August 23, 1945 Cable from Vyacheslav Molotov to Soviet")
    assert "Top Secret" in header and "Cable" in header
    assert "Drafted response from Stalin to Truman" in header
    facts = text_of(between(html, '<dl class="facts">', "</dl>"))
    for expected in (
        "From Vyacheslav Molotov",
        "People discussed Joseph Stalin Harry S. Truman",
        "Places Japan Soviet Union",
        "Subjects Territorial claims",
        "Original held by Russian State Archive of Socio-Political History, Moscow",
        "Archival citation RGASPI, f. 558, op. 11, d. 98, ll. 0044",
        "Original classification Top Secret",
        "Contributors Translated by Sergey Radchenko",
        "Made possible with support from Leon Levy Foundation",
        "Rights Public domain in the United States.",
    ):
        assert expected in facts
    assert (
        f"Permanent address http://127.0.0.1:8000/documents/{record('doc:seed-01').public_id}"
        in facts
    )
    for key in ("person:molotov", "person:stalin", "place:japan", "subject:territory"):
        assert f'href="{record(key).get_absolute_url()}"' in html


def test_people_are_listed_by_role(client: Client) -> None:
    facts = text_of(between(page_of(client, "doc:seed-04"), '<dl class="facts">', "</dl>"))
    assert "From Sheng Shicai" in facts
    assert "To Joseph Stalin Vyacheslav Molotov Kliment Voroshilov" in facts
    assert "Collections Sino-Soviet Relations and Xinjiang" in facts


def test_texts_are_tabs_that_work_as_anchored_sections_without_javascript(client: Client) -> None:
    html = page_of(client, "doc:seed-01")
    tabs = between(html, '<nav class="text-tabs"', "</nav>")
    assert 'href="#translation-en"' in tabs and 'href="#original-ru"' in tabs
    assert "Translation (English)" in tabs and "Original (Russian)" in tabs
    assert '<section id="translation-en"' in html and '<section id="original-ru"' in html
    original = between(html, '<section id="original-ru"', "</section>")
    assert 'lang="ru"' in original and "Послу СССР в Вашингтоне." in original
    assert "Translated by Sergey Radchenko" in between(html, 'id="translation-en"', "</section>")


def test_side_by_side_view_of_original_and_translation(client: Client) -> None:
    html = page_of(client, "doc:seed-01")
    link = f"{record('doc:seed-01').get_absolute_url()}?view=side-by-side#texts"
    assert f'href="{link}"' in html
    side = page_of(client, "doc:seed-01", "view=side-by-side")
    columns = between(side, '<div class="side-by-side">', '<section id="scans"')
    assert columns.index("Original (Russian)") < columns.index("Translation (English)")
    assert 'aria-current="page">Side by side' in side
    assert 'rel="canonical" href="http://127.0.0.1:8000/documents/' in side


def test_a_document_without_two_texts_has_no_tabs(client: Client) -> None:
    html = page_of(client, "doc:filler-01")
    assert 'class="text-tabs"' not in html
    assert "Record 1. Present: Stalin, Molotov." in html


def test_scans_are_viewable_and_downloadable_through_the_document(client: Client) -> None:
    document = record("doc:seed-01")
    html = page_of(client, "doc:seed-01")
    scans = between(html, '<section id="scans"', "</section>")
    base = f"/documents/{document.public_id}/scans/1"
    assert f'src="{base}"' in scans and f'href="{base}/download"' in scans
    assert 'alt="Scan: Page 1 of “Cable from Vyacheslav Molotov' in scans
    view = client.get(base)
    assert view.status_code == 200 and view["Content-Type"] == "image/png"
    assert view.getvalue().startswith(b"\x89PNG")
    assert "attachment" not in view.get("Content-Disposition", "")
    download = client.get(f"{base}/download")
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment;")
    assert f"document-{document.public_id}-scan-1.png" in download["Content-Disposition"]
    assert client.get(f"/documents/{document.public_id}/scans/2").status_code == 404


def test_scans_of_unreleased_documents_are_not_served(client: Client) -> None:
    document = record("doc:seed-01")
    assert client.get(f"/documents/{document.public_id}/scans/1").status_code == 200
    Document.objects.filter(pk=document.pk).update(status="draft")
    assert client.get(f"/documents/{document.public_id}/scans/1").status_code == 404
    assert client.get(f"/documents/{document.public_id}/scans/1/download").status_code == 404
    assert client.get(document.get_absolute_url()).status_code == 404


def test_unreleased_documents_have_no_page(client: Client) -> None:
    for key in ("doc:draft", "doc:embargoed"):
        document = record(key)
        assert client.get(document.get_absolute_url()).status_code == 404
        assert client.get(f"/documents/{document.public_id}").status_code == 404


def test_short_and_stale_urls_redirect_permanently(client: Client) -> None:
    document = record("doc:seed-08")
    canonical = document.get_absolute_url()
    short = client.get(f"/documents/{document.public_id}")
    assert short.status_code == 301 and short["Location"] == canonical
    OldSlug.objects.create(record_type="document", public_id=document.public_id, slug="old-name")
    stale = client.get(f"/documents/{document.public_id}/old-name?from_search=page%3D2")
    assert stale.status_code == 301
    assert stale["Location"] == f"{canonical}?from_search=page%3D2"


def test_cite_block_gives_the_chicago_citation(client: Client) -> None:
    html = page_of(client, "doc:seed-01")
    cite = text_of(between(html, '<section class="cite"', "</section>"))
    url = f"http://127.0.0.1:8000/documents/{record('doc:seed-01').public_id}"  # type: ignore[attr-defined]
    assert (
        "Vyacheslav Molotov, “Cable from Vyacheslav Molotov to Soviet Ambassador in the United "
        "States,” Cable, trans. Sergey Radchenko, Reading Room Digital Archive, August 23, 1945, "
        "RGASPI, f. 558, op. 11, d. 98, ll. 0044, Russian State Archive of Socio-Political "
        "History, Moscow, accessed "
    ) in cite
    assert f", {url}." in cite
    assert "Chicago (bibliography)" in cite and "MLA" in cite and "APA" in cite
    assert "BibTeX" in cite and "RIS" in cite and "CSL-JSON" in cite


def test_title_description_and_highwire_tags(client: Client) -> None:
    document = record("doc:seed-05")
    html = page_of(client, "doc:seed-05")
    title = unescape(re.search(r"<title>(.*?)</title>", html, re.S).group(1))  # type: ignore[union-attr]
    assert title.startswith(document.title)  # type: ignore[attr-defined]
    description = re.search(r'<meta name="description" content="([^"]*)"', html)
    assert description and unescape(description.group(1)).startswith("Responding to Stalin")
    tags = dict(re.findall(r'<meta name="(citation_[a-z_]+)" content="([^"]*)"', html))
    assert unescape(tags["citation_title"]) == document.title  # type: ignore[attr-defined]
    assert tags["citation_date"] == "1934/11/01"
    assert tags["citation_author"] == "Sheng Shicai"
    assert tags["citation_language"] == "zh"
    assert tags["citation_abstract_html_url"].endswith(document.get_absolute_url())


def test_year_only_and_month_only_dates_for_machines(client: Client) -> None:
    tags = dict(
        re.findall(r'name="(citation_date)" content="([^"]*)"', page_of(client, "doc:seed-08"))
    )
    assert tags["citation_date"] == "1936"
    tags = dict(
        re.findall(r'name="(citation_date)" content="([^"]*)"', page_of(client, "doc:seed-07"))
    )
    assert tags["citation_date"] == "1934/06"


def test_schema_org_json_ld(client: Client) -> None:
    html = page_of(client, "doc:seed-04")
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert block is not None
    data = json.loads(block.group(1))
    assert data["@type"] == "ArchiveComponent"
    assert data["name"].startswith("Letter from Governor Shicai Sheng")
    assert data["dateCreated"] == "1942-05-10"
    assert data["holdingArchive"]["name"] == "Russian State Archive of Socio-Political History"
    assert [a["name"] for a in data["author"]] == ["Sheng Shicai"]
    assert {p["name"] for p in data["spatialCoverage"]} == {"Soviet Union", "Urumqi", "Xinjiang"}
    assert data["inLanguage"] == ["zh"]


def test_related_documents_in_both_directions(client: Client) -> None:
    seed01 = page_of(client, "doc:seed-01")
    assert "Translation of Message from Harry S. Truman" in between(
        seed01, 'class="related"', "</section>"
    )
    seed02 = page_of(client, "doc:seed-02")  # seed-02 does not name seed-01; seed-01 names it
    assert "Cable from Vyacheslav Molotov" in between(seed02, 'class="related"', "</section>")
    korea = page_of(client, "doc:seed-10")
    assert "Stalin and Molotov on Korea" in between(korea, 'class="related"', "</section>")


def test_previous_and_next_within_the_search_it_was_reached_from(client: Client) -> None:
    origin = seed_query(page="4")
    html = page_of(client, "doc:seed-08", urlencode({"from_search": origin}))
    nav = between(html, '<nav class="neighbours"', "</nav>")
    assert "Result 34 of 43" in text_of(nav)
    assert f'href="/search?{origin.replace("&", "&amp;")}"' in nav
    previous = re.search(r'href="([^"]+)" rel="prev"', nav)
    following = re.search(r'href="([^"]+)" rel="next"', nav)
    assert previous and following
    assert record("doc:seed-05").get_absolute_url() in previous.group(1)
    assert record("doc:seed-09").get_absolute_url() in following.group(1)
    assert "Letter from Governer Shicai Sheng" in text_of(nav)


def test_neighbours_across_a_page_boundary_carry_the_other_page(client: Client) -> None:
    last_on_four = page_of(client, "doc:seed-10", urlencode({"from_search": seed_query(page="4")}))
    nav = between(last_on_four, '<nav class="neighbours"', "</nav>")
    following = re.search(r'href="([^"]+)" rel="next"', nav)
    assert following is not None
    url = unescape(following.group(1))
    assert "page%3D5" in url
    onward = get(client, url)
    assert "Result 41 of 43" in text_of(between(onward, '<nav class="neighbours"', "</nav>"))


def test_a_malformed_or_stale_origin_still_gives_a_page(client: Client) -> None:
    html = page_of(client, "doc:seed-08", "from_search=%25%25%00sort%3Dnope")
    assert "Back to results" in html and 'rel="prev"' not in html
    elsewhere = page_of(client, "doc:seed-08", urlencode({"from_search": seed_query(page="1")}))
    assert "Back to results" in elsewhere and "Result " not in text_of(elsewhere)


def first_result(html: str) -> str:
    link = re.search(r'<h3 class="result-title"><a href="([^"]+)"', html)
    assert link is not None
    return unescape(link.group(1))


def back_link(html: str) -> str:
    found = re.search(r'<a class="back" href="([^"]+)"', html)
    assert found is not None
    return unescape(found.group(1))


@pytest.mark.parametrize(
    ("key", "query"),
    [
        ("person:stalin", ""),
        ("person:stalin", "role=recipient&sort=-date&page=2"),
        ("collection:xinjiang", ""),  # in curated order
        ("collection:xinjiang", "sort=date"),
        ("place:xinjiang", "q=Sheng"),
    ],
)
def test_back_to_results_returns_to_the_record_page_it_came_from(
    client: Client, key: str, query: str
) -> None:
    listing = record(key).get_absolute_url() + (f"?{query}" if query else "")
    document = get(client, first_result(get(client, listing)))
    assert back_link(document) == listing  # its canonical URL: no redirect
    assert "Result " in text_of(between(document, '<nav class="neighbours"', "</nav>"))
    following = re.search(r'href="([^"]+)" rel="next"', document)
    assert following is not None  # the next one knows the way back as well
    assert back_link(get(client, unescape(following.group(1)))) == listing


def test_back_to_results_from_search_stays_on_search(client: Client) -> None:
    listing = f"/search?{seed_query(page='4')}"
    assert back_link(get(client, first_result(get(client, listing)))) == listing


@pytest.mark.parametrize(
    "origin",
    [
        "person:999999",  # no such person
        "collection:1x",
        "colour:1",
        "document:1",
        "place:{stalin}",  # not the record of this search
    ],
)
def test_an_origin_that_is_not_the_searchs_record_page_goes_back_to_search(
    client: Client, origin: str
) -> None:
    stalin = record("person:stalin").public_id
    query = urlencode(
        {"from_search": f"person={stalin}", "from_record": origin.format(stalin=stalin)}
    )
    assert back_link(page_of(client, "doc:seed-08", query)) == f"/search?person={stalin}"
