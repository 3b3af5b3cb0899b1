"""Whatever id a URL holds (0, negative, past the database's 64-bit integers, huge), every public
address answers without a server error: every URL pattern the site routes (found in the URL
configuration, so a new one is covered), OAI-PMH identifiers and sets, and the id-valued
parameters of the search page and the API."""

from __future__ import annotations

import re
from urllib.parse import urlencode

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readingroom.protocols.oai.verbs import identifier

pytestmark = pytest.mark.usefixtures("seed_archive")

IDS = st.one_of(
    st.sampled_from([0, -1, 1, 2**63 - 1, 2**63, 2**64, 10**40]),
    st.integers(),
).map(str)
SETTINGS = settings(
    max_examples=20,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Parameters of URL patterns that hold ids are `public_id`, `number` and IIIF's `identifier`;
# the rest get these values.
FIXED = {
    "slug": "a-slug",
    "name": "readingroom.jsonl.gz",
    "section": "documents",
    "region": "full",
    "size": "max",
    "rotation": "0",
    "extension": "csv",
}
PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>[^()]*(?:\([^()]*\)[^()]*)*\)")


def public_patterns(resolver: URLResolver | None = None, prefix: str = "") -> list[str]:
    """Every route of the site outside the admin, as a template with {parameter} slots."""
    found = []
    for entry in (resolver or get_resolver()).url_patterns:
        route = prefix + str(entry.pattern).lstrip("^").rstrip("$").replace("\\.", ".")
        if route.startswith("admin/"):
            continue
        if isinstance(entry, URLResolver):
            found += public_patterns(entry, route)
        elif isinstance(entry, URLPattern):
            found.append(PARAMETER.sub(lambda m: "{" + (m.group(1) or m.group(2)) + "}", route))
    return found


def fill(template: str, public_id: str, other: str) -> str:
    values = {"public_id": public_id, "number": other} | FIXED
    values["identifier"] = f"{public_id}-{other}"
    values["name"] = values["name"] if "data/" in template else "default.jpg"
    return "/" + template.format(**values)


def assert_no_server_error(client: Client, url: str) -> None:
    cache.clear()  # the machine interfaces' rate limits count in the cache
    response = client.get(url)
    assert response.status_code < 500, (url, response.status_code)


def test_every_public_pattern_is_checked() -> None:
    patterns = public_patterns()
    assert "documents/{public_id}/scans/{number}" in patterns
    assert "api/v1/people/{public_id}" in patterns
    assert "iiif/images/{identifier}/{region}/{size}/{rotation}/{name}" in patterns
    assert all("<" not in p and "(?" not in p for p in patterns), patterns


@SETTINGS
@given(public_id=IDS, other=IDS)
def test_no_id_in_a_path_makes_a_server_error(client: Client, public_id: str, other: str) -> None:
    for template in public_patterns():
        assert_no_server_error(client, fill(template, public_id, other))


@SETTINGS
@given(public_id=IDS)
def test_no_id_in_a_parameter_makes_a_server_error(client: Client, public_id: str) -> None:
    oai = [
        {"verb": "GetRecord", "metadataPrefix": "oai_dc", "identifier": identifier(int(public_id))},
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": f"collection:{public_id}"},
        {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "set": f"repository:{public_id}"},
    ]
    urls = [f"/oai?{urlencode(arguments)}" for arguments in oai]
    facets = ("person", "place", "subject", "repository", "collection")
    for base in ("/search", "/api/v1/documents", "/feeds/search.atom", "/search/export.csv"):
        urls += [f"{base}?{facet}={public_id}" for facet in facets]
    urls += [f"/api/v1/people?page={public_id}", f"/search?page={public_id}"]
    for url in urls:
        assert_no_server_error(client, url)
