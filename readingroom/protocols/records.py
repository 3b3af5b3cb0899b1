"""Finding public documents for the open interfaces: one rule, `Document.objects.public()`."""

from __future__ import annotations

from django.http import Http404
from django.utils import timezone

from readingroom.catalogue.models import Document
from readingroom.catalogue.visibility import check_available_now
from readingroom.interchange.export import documents_for_export


def public_document(public_id: int) -> Document:
    """The public document with everything the formats read, or 404 (the same 404 for a draft
    as for an id never used, so the answer tells nothing about unreleased records)."""
    document = documents_for_export(Document.objects.public().filter(public_id=public_id)).first()
    if document is None:
        check_available_now(public_id)  # one readers saw, away for now: says so
        raise Http404("No such document")
    return document


def today():  # type: ignore[no-untyped-def]
    return timezone.localdate()
