"""The JSON API: records in the JSON Lines field names, the /search parameters and facets,
pagination links, rate limiting, and nothing unreleased."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from protocols.archive import PUBLIC_COUNT, SECRET_WORDS, UNRELEASED_IDS

from readingroom.catalogue.models import Document
from readingroom.interchange.export import document_record, documents_for_export
from readingroom.search.params import ORDER as SEARCH_PARAMETERS

pytestmark = pytest.mark.django_db


def get(client: Client, path: str, **params: Any) -> dict[str, Any]:
    response = client.get(path, params)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/json")
    return response.json()


def test_document_has_the_json_lines_fields(archive: None, client: Client) -> None:
    data = get(client, "/api/v1/documents/1")
    record = document_record(
        documents_for_export(Document.objects.filter(public_id=1)).get(), public_only=True
    )
    links = data.pop("links")
    assert data == record
    assert links["html"].startswith("https://archive.example.org/documents/1/")
    assert links["iiif_manifest"] == "https://archive.example.org/iiif/documents/1/manifest.json"


def test_documents_list_takes_the_search_parameters(archive: None, client: Client) -> None:
    data = get(client, "/api/v1/documents", person="1", sort="date", per_page="10")
    assert data["count"] == PUBLIC_COUNT - 1  # document 2 has no author
    assert len(data["results"]) == 10
    assert data["links"]["next"] == ("https://archive.example.org/api/v1/documents?person=1&page=2")
    assert data["links"]["prev"] is None
    assert data["links"]["last"].endswith("page=3")
    people = {f["value"]: f for f in data["facets"]["person"]}
    assert people["1"] == {"value": "1", "label": "Joseph Stalin", "count": PUBLIC_COUNT - 1}
    assert "6" not in people  # the author of unreleased documents only
    page3 = get(client, "/api/v1/documents", person="1", sort="date", page="3")
    assert len(page3["results"]) == PUBLIC_COUNT - 1 - 20
    assert page3["links"]["next"] is None
    repo = get(client, "/api/v1/documents", repository="2")
    assert [d["id"] for d in repo["results"]] == [3]


def test_unreadable_parameters_come_back_as_notices(archive: None, client: Client) -> None:
    data = get(client, "/api/v1/documents", per_page="7", sort="sideways")
    assert data["per_page"] == 10
    assert len(data["notices"]) == 2


def test_authorities(archive: None, client: Client) -> None:
    people = get(client, "/api/v1/people")
    assert {p["name"] for p in people["results"]} == {
        "Joseph Stalin", "Vyacheslav Molotov", "Mao Zedong", "Zhou Enlai", "Politburo",
    }  # fmt: skip
    stalin = get(client, "/api/v1/people/1")
    assert stalin["variants"] == [{"name": "Filippov", "kind": "pseudonym"}]
    assert stalin["sort_name"] == "Stalin, Joseph"
    assert client.get("/api/v1/people/6").status_code == 404
    collections = get(client, "/api/v1/collections")
    assert [c["title"] for c in collections["results"]] == ["Sino-Soviet Relations"]
    assert client.get("/api/v1/collections/2").status_code == 404
    for kind in ("places", "subjects", "repositories"):
        assert get(client, f"/api/v1/{kind}")["count"] >= 1
    small = get(client, "/api/v1/people", per_page="10", page="1")
    assert small["links"]["next"] is None
    response = client.get("/api/v1/people", {"page": "0"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")


@pytest.mark.parametrize("page", ["\u00b2", "\u0661", "\uff11", "0", "-1", "1" * 10])
def test_a_page_number_in_other_digits_is_refused(archive: None, client: Client, page: str) -> None:
    for path in ("/api/v1/people", "/api/v1/places", "/api/v1/collections"):
        response = client.get(path, {"page": page})
        assert response.status_code == 400, (path, page)
        assert response["Content-Type"].startswith("application/problem+json")


def test_record_filters_take_every_public_id(archive: None, client: Client) -> None:
    """A filter takes any id a record can have (the one rule of catalogue/ids.py): one past
    2**53 is a well-formed id that names nothing here; one past 2**63 - 1 is refused."""
    large = get(client, "/api/v1/documents", person=str(2**53 + 1))
    assert (large["count"], large["notices"]) == (0, [])
    too_large = get(client, "/api/v1/documents", person=str(2**63))
    assert too_large["count"] == PUBLIC_COUNT
    assert len(too_large["notices"]) == 1
    assert get(client, "/api/v1/documents", person="0001")["count"] == PUBLIC_COUNT - 1


def test_unreleased_documents_are_not_found(archive: None, client: Client) -> None:
    for public_id in UNRELEASED_IDS:
        response = client.get(f"/api/v1/documents/{public_id}")
        assert response.status_code == 404
        assert response.json()["detail"] == "There is no public document with this id."
    body = b"".join(
        client.get(path, params).content
        for path, params in [
            ("/api/v1/documents", {"per_page": "100"}),
            ("/api/v1/people", {"per_page": "100"}),
            ("/api/v1/collections", {}),
        ]
    )
    for word in SECRET_WORDS:  # asking for the words finds nothing (the links echo the query)
        assert get(client, "/api/v1/documents", q=word)["count"] == 0
    for word in SECRET_WORDS:
        assert word.encode() not in body
    assert get(client, "/api/v1/documents")["count"] == PUBLIC_COUNT


def test_rate_limit_answers_429_with_retry_after(archive: None, client: Client, settings) -> None:  # type: ignore[no-untyped-def]
    from django.core.cache import cache

    cache.clear()
    settings.API_RATE_REQUESTS = 3
    statuses = [client.get("/api/v1/places").status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 429, 429]
    response = client.get("/api/v1/places")
    assert 1 <= int(response["Retry-After"]) <= 60
    assert response.json()["status"] == 429
    other = client.get("/api/v1/places", REMOTE_ADDR="10.9.9.9")
    assert other.status_code == 200
    cache.clear()


def test_docs_and_openapi(archive: None, client: Client) -> None:
    spec = get(client, "/api/v1/openapi.json")
    assert spec["openapi"] == "3.1.0"
    assert "/documents" in spec["paths"]
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    assert b"GET /documents/{id}" in page.content


def test_openapi_lists_every_search_parameter(archive: None, client: Client) -> None:
    spec = get(client, "/api/v1/openapi.json")
    listed = {p["name"] for p in spec["paths"]["/documents"]["get"]["parameters"]}
    assert listed == set(SEARCH_PARAMETERS)  # author, recipient, discussed among them
