"""Every public URL pattern the archive routes, fed generated ids, slugs, path parts, parameters
and request headers: never a server error, and every answer (a page, a redirect, a 304, a 404,
a 429 or a 503 alike) carries the security headers.

The patterns are read from the URL configuration itself, so a route added later is fuzzed
without a word here. The admin is left out (it answers a sign-in redirect to all of it, and its
forms are tested in tests/editorial)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote, urlencode

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readingroom.catalogue.models import Document, Person

pytestmark = pytest.mark.usefixtures("seed_archive")

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def _patterns(resolvers: list[Any], prefix: str = "") -> Iterator[str]:
    """Each route's full regular expression (anchors dropped), outside the admin."""
    for entry in resolvers:
        part = entry.pattern.regex.pattern.lstrip("^").removesuffix(r"\Z").removesuffix("$")
        if isinstance(entry, URLResolver):
            if not part.startswith("admin/"):
                yield from _patterns(entry.url_patterns, prefix + part)
        elif isinstance(entry, URLPattern):
            yield prefix + part


ROUTES = sorted(set(_patterns(get_resolver().url_patterns)))
WORDS = ["", "0", "1", "-1", "²", "١٢", "9" * 25, "18446744073709551616", "%", "\x00", "é", "苏联"]
NAMES = ["page", "q", "person", "place", "sort", "from", "to", "verb", "metadataPrefix", "size"]
PARAMETERS = st.lists(
    st.tuples(
        st.sampled_from(NAMES) | st.text(max_size=8),
        st.sampled_from(WORDS) | st.text(max_size=20),
    ),
    max_size=4,
)
HEADERS = st.dictionaries(
    st.sampled_from(
        ["HTTP_ACCEPT", "HTTP_ACCEPT_LANGUAGE", "HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE"]
    ),
    st.sampled_from(["*/*", "ru", "zh-Hant;q=0.9", '"x"', "*", "Mon, 01 Jan 1990 00:00:00 GMT"])
    | st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=30),
    max_size=3,
)


def _real_ids() -> list[str]:
    return [str(d.public_id) for d in Document.objects.all()[:3]] + [
        str(p.public_id) for p in Person.objects.all()[:2]
    ]


@st.composite
def addresses(draw: st.DrawFn, route: str) -> str:
    """A path this route matches, each part generated from its own pattern (or a real id)."""
    parts = re.split(r"(\(\?P<\w+>(?:[^()]|\([^()]*\))+\))", route)
    path = ""
    for part in parts:
        if part.startswith("(?P<"):
            inner = part[part.index(">") + 1 : -1]
            value = draw(st.sampled_from(_real_ids()) | st.from_regex(f"^(?:{inner})$"))
            path += quote(value.rstrip("\n"), safe="")
        else:
            path += part.replace("\\", "")
    return "/" + path


@pytest.mark.parametrize("route", ROUTES)
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data(), parameters=PARAMETERS, headers=HEADERS)
def test_every_route_answers_without_a_server_error_and_with_security_headers(
    client: Client, route: str, data: st.DataObject, parameters: list[Any], headers: Any
) -> None:
    cache.clear()  # no rate limit carried from one example to the next
    path = data.draw(addresses(route))
    url = path + ("?" + urlencode(parameters) if parameters else "")
    response = client.get(url, **headers)
    assert response.status_code < 500 or response.status_code == 503, (url, headers)
    for name, value in SECURITY_HEADERS.items():
        assert response.get(name) == value, (url, response.status_code, name)
    if response.get("Content-Type", "").startswith("text/html"):
        assert "Content-Security-Policy" in response, (url, response.status_code)
