"""Long addresses against the real server (`readingroom serve`, gunicorn): a search of 999
Chinese characters with filters works; a longer address gets the archive's own 414 page (and
the API a problem), never gunicorn's bare answer; the OpenAPI description lists the 414."""

from __future__ import annotations

from urllib.parse import quote, urlencode

from support.server import LiveServer

from readingroom.protocols.request_limits import MAX_QUERY_STRING
from readingroom.search.query import MAX_CHARS

CHINESE = "中苏友好同盟条约" * 125  # 1,000 characters


def test_the_longest_search_in_chinese_is_served(production_server: LiveServer) -> None:
    words = CHINESE[: MAX_CHARS - 1]
    filters = [("person", "1"), ("place", "2"), ("from", "1945-08-01"), ("to", "1950-02-14")]
    query = urlencode([("q", words), *filters, ("sort", "date"), ("per_page", "50")])
    assert 9_000 < len(query) <= MAX_QUERY_STRING
    for path in ("/search", "/api/v1/documents"):
        response = production_server.get(f"{path}?{query}")
        assert response.status == 200, (path, response.status, response.text[:300])


def test_a_longer_address_gets_the_archives_own_page(production_server: LiveServer) -> None:
    query = "q=" + quote(CHINESE * 2)
    assert len(query) > MAX_QUERY_STRING
    page = production_server.get(f"/search?{query}")
    assert page.status == 414, (page.status, page.text[:300])
    assert page.header("Content-Type").startswith("text/html")  # type: ignore[union-attr]
    assert "This address is too long" in page.text and f"{MAX_CHARS:,} characters" in page.text
    assert 'action="/search"' in page.text  # the site's own page, with its search form
    assert page.header("Content-Security-Policy")
    api = production_server.get(f"/api/v1/documents?{query}")
    assert api.status == 414 and api.header("Content-Type") == "application/problem+json"
    description = production_server.get("/api/v1/openapi.json").text
    assert '"414"' in description
