"""Every page type's Content-Security-Policy is well formed: directives named once, each with
sources, and `'none'` never beside another source (browsers ignore such a list's `'none'`, so
`frame-ancestors 'none' 'self'` means `'self'`: a malformed policy says something else)."""

from __future__ import annotations

import re

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

PAGES = [
    "/",
    "/search?q=telegram&person=1",
    "/search/help",
    "/corrections",
    "/search/facets/person",
    "/documents/1",
    "/documents/1?version=1",
    "/documents/903",
    "/documents/1/scans/1",
    "/iiif/documents/1/viewer",
    "/people/1",
    "/places/1",
    "/subjects/1",
    "/repositories/1",
    "/collections/1",
    "/data/",
    "/api/v1/docs",
    "/api/v1/documents/1",
    "/feeds/documents.atom",
    "/feeds/corrections.atom",
    "/admin/login/",
    "/no-such-page",
]
DIRECTIVE = re.compile(r"[a-z][a-z-]*")


def problems_of(policy: str) -> list[str]:
    found, seen = [], set()
    for directive in (d.split() for d in policy.split(";") if d.strip()):
        name, sources = directive[0], directive[1:]
        if not DIRECTIVE.fullmatch(name) or name in seen:
            found.append(f"directive {name!r} is ill-named or repeated")
        seen.add(name)
        if "'none'" in sources and len(sources) > 1:
            found.append(f"{name}: 'none' with other sources {sources}")
        if len(set(sources)) != len(sources):
            found.append(f"{name}: a source repeated in {sources}")
    return found


def test_well_formed_policies_are_told_from_malformed_ones() -> None:
    assert problems_of("default-src 'self'; frame-ancestors 'none'; sandbox") == []
    assert problems_of("default-src 'self'; frame-ancestors 'none' 'self'")
    assert problems_of("style-src 'self' 'self'")


def test_every_page_type_has_a_well_formed_policy(archive: None, client: Client) -> None:
    for url in PAGES:
        response = client.get(url, follow=True)
        assert response.status_code in (200, 404, 410), (url, response.status_code)
        policy = response.get("Content-Security-Policy", "")
        assert "default-src" in policy, (url, policy)
        assert problems_of(policy) == [], (url, policy)


def test_only_the_viewer_may_be_framed_and_only_by_the_site(archive: None, client: Client) -> None:
    viewer = client.get("/iiif/documents/1/viewer")["Content-Security-Policy"]
    assert "frame-ancestors 'self';" in viewer + ";"
    # its manifest and images are named by the permanent address, which the page's own
    # address may not be (localhost beside 127.0.0.1): it may fetch from both
    directives = dict(d.strip().split(" ", 1) for d in viewer.split(";") if d.strip())
    assert directives["connect-src"] == "'self' https://archive.example.org"
    assert directives["img-src"] == "'self' data: https://archive.example.org"
    page = client.get("/documents/1", follow=True)["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in page
