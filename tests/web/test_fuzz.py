"""Whatever a URL holds, /search and the record pages answer: a page, a notice, a redirect or a
404, never a server error; and a redirect always lands on a page that does not redirect again."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readingroom.search.params import ORDER

from .helpers import record

pytestmark = pytest.mark.usefixtures("seed_archive")

NAMES = st.sampled_from([*ORDER, "role", "f[0]", "fo[]", "", "from_search", "view"])
TRICKY = st.sampled_from(
    [
        "",
        " ",
        "0",
        "-1",
        "1",
        "2",
        "99999999999999999999",
        "1945",
        "1945-08",
        "1945-02-30",
        "title",
        "-date",
        "curated",
        "relevance",
        "ru",
        "\x00",
        "%",
        "%%25",
        '"unbalanced',
        "NOT",
        "Stalin OR",
        "*",
        "title:",
        "<script>",
        "١٢",
        "Ürümqi",
        "a" * 600,
    ]
)
VALUES = st.one_of(TRICKY, st.text(max_size=40))
PAIRS = st.lists(st.tuples(NAMES, VALUES), max_size=8)
SETTINGS = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def fetch_until_settled(client: Client, url: str) -> int:
    response = client.get(url)
    assert response.status_code < 500, url
    if response.status_code == 301:
        target = response["Location"]
        again = client.get(target)
        assert again.status_code in (200, 404), (url, target, again.status_code)
        return again.status_code
    assert response.status_code in (200, 404), (url, response.status_code)
    return response.status_code


@SETTINGS
@given(pairs=PAIRS)
def test_search_never_fails(client: Client, pairs: list[tuple[str, str]]) -> None:
    fetch_until_settled(client, "/search?" + urlencode(pairs))


@SETTINGS
@given(raw=st.text(max_size=200))
def test_search_never_fails_on_raw_query_strings(client: Client, raw: str) -> None:
    fetch_until_settled(client, "/search?" + raw.replace("#", "%23"))


@SETTINGS
@given(pairs=PAIRS, key=st.sampled_from(["person:stalin", "collection:xinjiang", "place:korea"]))
def test_record_pages_never_fail(client: Client, pairs: list[tuple[str, str]], key: str) -> None:
    fetch_until_settled(client, record(key).get_absolute_url() + "?" + urlencode(pairs))


@SETTINGS
@given(origin=st.one_of(st.text(max_size=80), PAIRS.map(urlencode)))
def test_document_page_never_fails_whatever_search_it_came_from(
    client: Client, origin: str
) -> None:
    url = record("doc:seed-08").get_absolute_url() + "?" + urlencode({"from_search": origin})
    assert fetch_until_settled(client, url) == 200
