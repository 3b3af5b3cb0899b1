"""Thin views for citation files, IIIF, search exports, bulk data and robots.txt."""

from __future__ import annotations

import json

from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseRedirect,
    StreamingHttpResponse,
)
from django.http.response import (
    HttpResponseBase,
)
from django.shortcuts import render
from django.views.decorators.clickjacking import xframe_options_sameorigin

from readingroom.protocols import throttle
from readingroom.protocols.page_cache import cached
from readingroom.protocols.throttle import rate_limited

from . import bulk, citations, conf, exports, iiif, images
from .records import public_document, today

# The viewer's directives in place of the site's (replaced, not added to: the site's
# `frame-ancestors 'none'` beside `'self'` would be a malformed list).
VIEWER_CSP = {"style-src": ["'self'", "'unsafe-inline'"], "frame-ancestors": ["'self'"]}


def viewer_csp() -> dict[str, list[str]]:
    """The viewer's policy: its manifest and images are named by the permanent address
    (READINGROOM_SITE_URL), which may not be the address the page was opened at (localhost
    beside 127.0.0.1, say); both answer with CORS, so the viewer may fetch from both."""
    site = conf.site_url()
    return {
        **VIEWER_CSP,
        "connect-src": ["'self'", site],
        "img-src": ["'self'", "data:", site],
    }


def _download(body: str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Access-Control-Allow-Origin"] = "*"
    return response


@cached("citation")
def cite_bibtex(request: HttpRequest, public_id: int) -> HttpResponse:
    item = citations.csl_item(public_document(public_id), today())
    return _download(citations.bibtex([item]), "application/x-bibtex", f"{public_id}.bib")


@cached("citation")
def cite_ris(request: HttpRequest, public_id: int) -> HttpResponse:
    item = citations.csl_item(public_document(public_id), today())
    return _download(
        citations.ris([item]), "application/x-research-info-systems", f"{public_id}.ris"
    )


@cached("citation")
def cite_csl_json(request: HttpRequest, public_id: int) -> HttpResponse:
    item = citations.csl_item(public_document(public_id), today())
    body = json.dumps([item], ensure_ascii=False, indent=2)
    return _download(body, "application/vnd.citationstyles.csl+json", f"{public_id}.json")


@cached("citation")
def iiif_manifest(request: HttpRequest, public_id: int) -> HttpResponse:
    document = public_document(public_id)
    if not iiif.page_images(document).exists():
        raise Http404("This document has no scans")
    return _json(iiif.manifest(document), "application/ld+json")


@xframe_options_sameorigin
def iiif_viewer(request: HttpRequest, public_id: int) -> HttpResponse:
    """Mirador on one document, for the document page's frame. Mirador writes its styles at
    run time, so this page (and only this page) allows inline styles; scripts stay 'self'."""
    document = public_document(public_id)
    if not iiif.page_images(document).exists():
        raise Http404("This document has no scans")
    context = {"document": document, "manifest": iiif.manifest_url(public_id)}
    response = render(request, "protocols/viewer_page.html", context)
    response._csp_replace = viewer_csp()  # type: ignore[attr-defined]
    return response


@cached("citation")
def iiif_image_info(request: HttpRequest, identifier: str) -> HttpResponse:
    attachment = images.find_image(identifier)
    if attachment is None:
        raise Http404("No such image")
    return _json(images.info(attachment), "application/ld+json")


def iiif_image_base(request: HttpRequest, identifier: str) -> HttpResponse:
    return HttpResponseRedirect(f"/iiif/images/{identifier}/info.json", status=303)


def iiif_image(
    request: HttpRequest, identifier: str, region: str, size: str, rotation: str, name: str
) -> HttpResponse:
    attachment = images.find_image(identifier)
    if attachment is None:
        raise Http404("No such image")
    try:
        image = images.derivative(attachment, region, size, rotation, name)
    except images.BadRequest as error:
        return HttpResponseBadRequest(str(error), content_type="text/plain")
    wait = 0 if image.kept else throttle.check(request, "cuts", conf.image_rate_limit())
    if wait:
        return throttle.too_many(wait)
    response = HttpResponse(images.image_bytes(image), content_type="image/jpeg")
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "public, max-age=86400"
    return response


def _json(data: object, content_type: str = "application/json") -> HttpResponse:
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False), content_type=f"{content_type}; charset=utf-8"
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


@rate_limited
def search_export(request: HttpRequest, extension: str) -> HttpResponseBase:
    if extension not in exports.FORMATS:
        raise Http404("No such export format")
    export = exports.FORMATS[extension]
    query_string = request.META.get("QUERY_STRING", "")
    refusal = exports.too_large(query_string)
    if refusal:
        return HttpResponse(refusal, status=422, content_type="text/plain; charset=utf-8")
    response = StreamingHttpResponse(
        exports.stream(extension, query_string),
        content_type=f"{export.content_type}; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="search-results.{extension}"'
    return response


def robots(request: HttpRequest) -> HttpResponse:
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/export",
        "Disallow: /feeds/search.atom",
        "Disallow: /iiif/images/",
        "Allow: /",
        "",
        "# Please harvest with OAI-PMH (/oai), the API (/api/v1/) or the bulk data (/data/).",
        f"Sitemap: {conf.site_url()}/sitemap.xml",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def data_manifest(request: HttpRequest) -> HttpResponse:
    current = bulk.manifest()
    if current is None:
        raise Http404("The bulk data has not been built yet")
    return _json({**current, "stale": bulk.is_stale()})


def data_file(request: HttpRequest, name: str) -> FileResponse:
    current = bulk.manifest() or {"files": []}
    if name not in {f["name"] for f in current["files"]}:
        raise Http404("No such file")
    response = FileResponse((bulk.dump_dir() / name).open("rb"), as_attachment=True)
    response["Access-Control-Allow-Origin"] = "*"
    return response
