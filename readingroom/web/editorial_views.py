"""Public pages of the editorial record. The document view (readingroom/web/views.py) hands
over to these for a withdrawn document and for `?version=N`."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from readingroom.catalogue.models import Document

from . import editorial_pages as pages


def withdrawn(request: HttpRequest, public_id: int) -> HttpResponse | None:
    """410 Gone with the tombstone, if the document was withdrawn; None otherwise."""
    tombstone = pages.tombstone(public_id)
    if tombstone is None:
        return None
    return render(request, "editorial/tombstone.html", {"tombstone": tombstone}, status=410)


def document_version(request: HttpRequest, document: Document) -> HttpResponse:
    """A published version of a public document, as readers saw it, with its citation."""
    number = request.GET.get("version", "")
    whole = number.isascii() and number.isdigit() and len(number) <= 9
    page = pages.version_page(document, int(number)) if whole else None
    if page is None:
        raise Http404(f"Document {document.public_id} has no published version {number!r}")
    url = f"{settings.SITE_URL}{document.get_absolute_url()}?version={page.version.number}"
    context = {
        "page": page,
        "url": url,
        "current_url": f"{settings.SITE_URL}{document.get_absolute_url()}",
        "citations": pages.version_citations(page, url),
    }
    return render(request, "editorial/document_version.html", context)
