"""Pages of the editorial record. The document view (readingroom/web/views.py) hands over to
these for a withdrawn document and for `?version=N`; staff preview any document, in any state,
as readers will see it (`document_preview`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from readingroom.catalogue.models import Document, Status, readable

from . import documents
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


@dataclass(frozen=True)
class Preview:
    """The banner over a document seen in preview: its state, and whether readers see it."""

    status: str  # "draft", "in review", ...
    public: bool
    embargo_until: dt.date | None
    edit_url: str


@staff_member_required
def document_preview(request: HttpRequest, public_id: int) -> HttpResponse:
    """A document in any state (a draft, a copy in review, an embargoed or withdrawn one) as
    its page will look to readers, with a banner; for staff who may see documents only, never
    kept by a cache or indexed."""
    if not request.user.has_perm("catalogue.view_document"):
        raise PermissionDenied("You may not see documents.")
    document = documents.any_document(public_id)
    page = documents.document_page(
        document,
        url=f"{settings.SITE_URL}{document.get_absolute_url()}",
        archive_name=settings.ARCHIVE_NAME,
        absolute=lambda path: f"{settings.SITE_URL}{path}",
        from_search=None,
    )
    preview = Preview(
        status=document.get_status_display(),
        public=readable(document.status, document.embargo_until, timezone.localdate()),
        embargo_until=document.embargo_until if document.status == Status.EMBARGOED else None,
        edit_url=reverse("admin:catalogue_document_change", args=[document.pk]),
    )
    context = {"page": page, "side_by_side": False, "preview": preview}
    response = render(request, "web/document.html", context)
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
