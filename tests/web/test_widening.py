"""A name in the query finds the texts that spell it another way: the place Urumqi's names
(Urumchi, Ürümqi, Tihwa, Dihua, 乌鲁木齐) find the same documents, the page and the API say what
else was searched for, and the exact spelling is one link away. Run on the demo corpus's seed
and its originals, where two English texts say Urumchi and Tihwa without being linked."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client
from lxml import html

from readingroom.catalogue.models import Document, Place
from readingroom.importers.pipeline import import_file
from readingroom.search.backend import SearchBackend
from readingroom.search.outbox import enqueue_documents

from .conftest import reindex

CORPUS = Path(__file__).resolve().parents[2] / "readingroom" / "importers" / "corpus"
URUMCHI = "originals-1943-road-transport-en"  # "…reach Urumchi after a journey of nine days…"
TIHWA = "originals-1944-provincial-capital-cable-en"  # "Unrest continues in Tihwa."
CHINESE = "originals-1942-sheng-letter-zh"  # "…苏联专家已经到达乌鲁木齐…"

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(search_backend: SearchBackend) -> SearchBackend:
    for name in ("seed.jsonl", "sources-in-other-scripts.jsonl"):
        report = import_file("jsonl", CORPUS / name, default_status="published")
        assert report.ok, report.problems
    reindex()
    return search_backend


def found(client: Client, query: str) -> tuple[set[str], html.HtmlElement]:
    response = client.get("/search", {"q": query, "per_page": 100})
    assert response.status_code == 200
    page = html.fromstring(response.content)
    links = page.xpath(
        "//ol[contains(@class, 'results')]//h2//a/@href | //*[@class='result']//a/@href"
    )
    ids = {int(link.split("/")[2]) for link in links if link.startswith("/documents/")}
    keys = set(Document.objects.filter(public_id__in=ids).values_list("key", flat=True))
    return keys, page


@pytest.mark.usefixtures("corpus")
def test_every_name_of_a_place_finds_the_same_documents(client: Client) -> None:
    results = {name: found(client, name)[0] for name in ("Urumqi", "Urumchi", "Tihwa", "ürümqi")}
    assert len({frozenset(keys) for keys in results.values()}) == 1, results
    assert {URUMCHI, TIHWA, CHINESE} <= results["Urumqi"]


@pytest.mark.usefixtures("corpus")
def test_the_page_says_what_else_it_searched_for_and_offers_the_spelling(client: Client) -> None:
    keys, page = found(client, "Urumqi")
    notices = " ".join(page.xpath("//*[@class='notices']//li/text()"))
    assert "“Urumqi” names Urumqi: also searched for Urumchi, Tihwa, Dihua and 乌鲁木齐." in notices
    (link,) = page.xpath("//p[@class='exact']/a/@href")
    exact, _ = found(client, '"Urumqi"')
    assert client.get(link).status_code == 200
    assert link.startswith("/search?q=%22Urumqi%22")
    assert URUMCHI not in exact and TIHWA not in exact
    assert exact < keys


@pytest.mark.usefixtures("corpus")
def test_a_quoted_name_is_that_spelling_only(client: Client) -> None:
    keys, page = found(client, '"Tihwa"')
    assert keys == {TIHWA}
    assert not page.xpath("//p[@class='exact']")


@pytest.mark.usefixtures("corpus")
def test_a_name_among_other_words_is_widened_in_place(client: Client) -> None:
    keys, page = found(client, "convoys Urumqi")
    assert keys == {URUMCHI}
    (link,) = page.xpath("//p[@class='exact']/a/@href")
    assert "q=convoys+%22Urumqi%22" in link


@pytest.mark.usefixtures("corpus")
def test_the_api_says_what_else_it_searched_for(client: Client) -> None:
    answer = client.get("/api/v1/documents", {"q": "Tihwa"}).json()
    assert any("also searched for" in notice for notice in answer["notices"])
    assert answer["count"] == len(found(client, "Urumqi")[0])


@pytest.mark.usefixtures("corpus")
@pytest.mark.parametrize(
    "query",
    [
        "Molotov Сталин 新疆",
        "（新疆）。",
        "Ｍｏｌｏｔｏｖ",
        "新疆" * 600,
        "Reading",
        "Bush",
        "Tihwa OR Kashgar",
    ],
)
def test_hostile_and_mixed_queries_answer_a_page(client: Client, query: str) -> None:
    assert client.get("/search", {"q": query}).status_code == 200
    assert client.get("/api/v1/documents", {"q": query}).status_code == 200


@pytest.mark.usefixtures("corpus")
def test_a_variant_added_by_an_editor_widens_the_next_search(client: Client, settings) -> None:  # type: ignore[no-untyped-def]
    """What a query names is kept by each process until the index's next commit: a variant
    added and its documents re-indexed (as the admin's save does) is searched for at once."""
    settings.PAGE_CACHE_SECONDS = 0  # the page computed each time: the memo alone keeps names
    place = Place.objects.get(name="Urumqi")
    before = found(client, "Urumqi")[1].text_content()
    assert "Wulumuqi" not in before
    place.variants.create(name="Wulumuqi")
    enqueue_documents(place.documents.values_list("public_id", flat=True))
    reindex()
    after = found(client, "Urumqi")[1].text_content()
    assert "Wulumuqi" in after
