"""IIIF: manifests validated by iiif-prezi3 (pydantic models generated from the IIIF
Presentation 3.0 JSON schema), the image service, and Mirador loading a manifest in Chromium."""

from __future__ import annotations

import shutil
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client
from iiif_prezi3 import Manifest
from PIL import Image
from support.browser import artifact_path

from readingroom.catalogue.models import Document

from .archive import UNRELEASED_IDS

pytestmark = pytest.mark.django_db


def test_manifest_validates_against_the_presentation_schema(archive: None, client: Client) -> None:
    response = client.get("/iiif/documents/1/manifest.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    data = response.json()
    manifest = Manifest(**data)  # raises on anything the schema forbids
    assert manifest.type == "Manifest"
    assert data["@context"] == "http://iiif.io/api/presentation/3/context.json"
    assert [c["label"] for c in data["items"]] == [{"none": ["Page 1"]}, {"none": ["Page 2"]}]
    canvas = data["items"][0]
    assert (canvas["width"], canvas["height"]) == (1200, 1700)
    body = canvas["items"][0]["items"][0]["body"]
    assert body["service"][0]["profile"] == "level0"
    assert data["seeAlso"][0]["id"] == "https://archive.example.org/api/v1/documents/1"
    assert data["homepage"][0]["id"] == "https://archive.example.org/documents/1"
    labels = [m["label"]["en"][0] for m in data["metadata"]]
    assert {"Date", "Repository", "Archival citation", "Rights"} <= set(labels)


def test_no_manifest_without_scans_or_for_unreleased(archive: None, client: Client) -> None:
    assert client.get("/iiif/documents/2/manifest.json").status_code == 404
    for public_id in UNRELEASED_IDS:
        assert client.get(f"/iiif/documents/{public_id}/manifest.json").status_code == 404


def image_service(client: Client) -> str:
    manifest = client.get("/iiif/documents/1/manifest.json").json()
    service = manifest["items"][0]["items"][0]["items"][0]["body"]["service"][0]["id"]
    return service.removeprefix("https://archive.example.org")


def test_image_service_info_and_tiles(archive: None, client: Client) -> None:
    service = image_service(client)
    info = client.get(f"{service}/info.json").json()
    assert info["profile"] == "level0" and info["type"] == "ImageService3"
    assert info["tiles"] == [{"width": 512, "scaleFactors": [1, 2, 4]}]
    assert info["sizes"][-1] == {"width": 1200, "height": 1700}
    tile = client.get(f"{service}/512,512,512,512/512,512/0/default.jpg")
    assert tile.status_code == 200 and tile["Content-Type"] == "image/jpeg"
    assert Image.open(BytesIO(tile.content)).size == (512, 512)
    small = client.get(f"{service}/full/300,425/0/default.jpg")
    assert Image.open(BytesIO(small.content)).size == (300, 425)
    again = client.get(f"{service}/full/300,425/0/default.jpg")
    assert again.content == small.content  # from the cache
    assert client.get(f"{service}/full/max/0/default.jpg").status_code == 200
    assert client.get(f"{service}/full/5000,/0/default.jpg").status_code == 400
    assert client.get(f"{service}/full/max/90/default.jpg").status_code == 400
    document_id, _attachment = service.rsplit("/", 1)[-1].split("-")
    assert client.get(f"/iiif/images/{document_id}-999999/info.json").status_code == 404


def test_viewer_include(archive: None) -> None:
    from django.template import Context, Template

    from readingroom.protocols.records import public_document

    template = Template("{% load protocols %}{% iiif_viewer document %}")
    html = template.render(Context({"document": public_document(1)}))
    assert 'src="/iiif/documents/1/viewer"' in html
    assert template.render(Context({"document": public_document(2)})).strip() == ""


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("opened_at", ["the permanent address", "another allowed address"])
def test_mirador_shows_the_scans(
    archive: None, live_server: Any, settings: Any, page: Any, opened_at: str
) -> None:
    settings.SITE_URL = live_server.url  # the manifest's and images' ids name this one
    site = live_server.url
    if opened_at == "another allowed address":  # 127.0.0.1, while the ids say localhost
        assert "//localhost:" in live_server.url
        site = live_server.url.replace("//localhost:", "//127.0.0.1:")
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    tiles: list[str] = []
    refused: list[str] = []
    page.on("response", lambda r: tiles.append(r.url) if "/iiif/images/" in r.url else None)
    page.on("response", lambda r: refused.append(r.url) if r.status >= 400 else None)
    page.goto(f"{site}/documents/1")
    frame_element = page.locator("iframe.iiif-viewer")
    frame_element.scroll_into_view_if_needed()
    assert frame_element.get_attribute("src") == "/iiif/documents/1/viewer"
    viewer = page.frame_locator("iframe.iiif-viewer")
    viewer.locator(".mirador-viewer").wait_for(timeout=20_000)
    viewer.locator("canvas").first.wait_for(timeout=20_000)
    viewer.get_by_text("Telegram number 1 on relations").first.wait_for(timeout=20_000)
    page.wait_for_function(
        "() => [...document.querySelectorAll('iframe')].some(f => f.contentWindow.performance"
        ".getEntriesByType('resource').some(e => e.name.includes('/default.jpg')))",
        timeout=20_000,
    )
    assert any(url.endswith("info.json") for url in tiles)
    assert not errors, errors
    assert not refused, refused  # every tile Mirador asks for is one info.json offers
    page.screenshot(path=artifact_path(f"mirador-document-1-{opened_at.replace(' ', '-')}.png"))


@pytest.mark.parametrize(
    ("statement", "rights"),
    [
        ("https://creativecommons.org/licenses/by/4.0/", "http://creativecommons.org/licenses/by/4.0/"),
        ("http://creativecommons.org/publicdomain/mark/1.0/", "http://creativecommons.org/publicdomain/mark/1.0/"),
        ("https://rightsstatements.org/vocab/NoC-US/1.0/", "http://rightsstatements.org/vocab/NoC-US/1.0/"),
        ("https://example.org/our-terms", None),
        ("Public domain in the United States.", None),
    ],
)  # fmt: skip
def test_iiif_rights_is_a_uri_the_presentation_schema_allows(
    archive: None, client: Client, statement: str, rights: str | None
) -> None:
    Document.objects.filter(public_id=1).update(rights=statement)
    data = client.get("/iiif/documents/1/manifest.json").json()
    Manifest(**data)  # the schema the IIIF presentation validator uses
    assert data.get("rights") == rights
    shown = [m for m in data["metadata"] if m["label"]["en"] == ["Rights"]]
    assert [m["value"]["none"] for m in shown] == [[statement]]  # as written, once


def test_only_what_info_json_advertises_is_cut_and_cached(
    archive: None, client: Client, settings: Any
) -> None:
    service = image_service(client)
    info = client.get(f"{service}/info.json").json()
    cache = Path(settings.DATA_DIR) / "iiif-cache"
    offered = [f"full/{s['width']},{s['height']}" for s in info["sizes"]]
    offered += ["full/max", "full/600,", "full/,850", "full/!600,850", "full/pct:25"]
    tiles = [("0,0,512,512", "512,"), ("1024,1536,176,164", "176,164"), ("0,0,1024,1024", "512,")]
    tiles += [("1024,1024,176,676", "88,"), ("0,0,1200,1700", "300,")]
    offered += [f"{region}/{size}" for region, size in tiles]
    for request in offered:
        assert client.get(f"{service}/{request}/0/default.jpg").status_code == 200, request
    made = sorted(cache.rglob("*.jpg"))
    for request in [
        "0,0,100,100/100,",  # a region off the tile grid
        "1,0,512,512/512,",
        "0,0,512,512/256,",  # a tile at a size of no scale factor
        "full/310,",  # the whole image at a size info.json does not list
        "full/pct:33",
        "square/max",
        *(f"{x},{y},300,300/300,300" for x in range(0, 900, 60) for y in (0, 7)),
    ]:
        answer = client.get(f"{service}/{request}/0/default.jpg")
        assert answer.status_code == 400, request
        assert b"level 0" in answer.content
    assert sorted(cache.rglob("*.jpg")) == made  # nothing cut, nothing cached


def test_images_not_cut_before_count_against_a_clients_limit(
    archive: None, client: Client, settings: Any
) -> None:
    """A cut decodes the whole scan: a client may have READINGROOM_IMAGE_CUT_REQUESTS cut in a
    window, then waits (429, Retry-After); what was cut before is served whatever the count."""
    settings.IMAGE_CUT_REQUESTS = 2
    cache.clear()  # (counts of earlier tests' cuts in this window)
    shutil.rmtree(Path(settings.DATA_DIR) / "iiif-cache", ignore_errors=True)  # (and their cuts)
    service = image_service(client)
    cuts = [
        f"{service}/{x},{y},512,512/512,/0/default.jpg" for x, y in ((0, 0), (512, 0), (0, 512))
    ]
    assert [client.get(url).status_code for url in cuts[:2]] == [200, 200]
    refused = client.get(cuts[2])
    assert refused.status_code == 429 and int(refused["Retry-After"]) >= 1
    assert client.get(cuts[0]).status_code == 200  # kept: no cut, no count
    other = client.get(cuts[2], REMOTE_ADDR="192.0.2.7")  # another client has its own count
    assert other.status_code == 200 and Image.open(BytesIO(other.content)).size[1] == 512
    assert client.get(cuts[2]).status_code == 200  # now kept, for everyone
