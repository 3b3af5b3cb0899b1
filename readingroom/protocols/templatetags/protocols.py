"""Blocks the document page includes: `{% load protocols %}{% cite_block document %}` and
`{% iiif_viewer document %}`."""

from __future__ import annotations

from typing import Any

from django import template

from readingroom.catalogue.models import Document
from readingroom.protocols import citations, iiif
from readingroom.protocols.records import public_document, today

register = template.Library()


@register.inclusion_tag("protocols/cite.html")
def cite_block(document: Document) -> dict[str, Any]:
    """Chicago (note and bibliography), MLA and APA, and the citation files."""
    full = public_document(document.public_id)
    return {
        "document": full,
        "styles": citations.citations(full, today()),
        "files": [
            ("BibTeX", f"/documents/{full.public_id}/cite.bib"),
            ("RIS", f"/documents/{full.public_id}/cite.ris"),
            ("CSL-JSON", f"/documents/{full.public_id}/cite.json"),
        ],
    }


@register.inclusion_tag("protocols/viewer.html")
def iiif_viewer(document: Document) -> dict[str, Any]:
    """Mirador on the document's IIIF manifest, in a frame of its own (its styles need a looser
    Content-Security-Policy than the page's); nothing for documents without scans."""
    if not iiif.page_images(document).exists():
        return {"document": document, "viewer": ""}
    return {
        "document": document,
        "viewer": f"/iiif/documents/{document.public_id}/viewer",
        "manifest": iiif.manifest_url(document.public_id),
    }
