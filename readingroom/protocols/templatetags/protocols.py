"""The block the document page includes for its scans: `{% load protocols %}{% iiif_viewer
document %}`. (Its Cite block reads `readingroom.web.citation`, which renders through
`readingroom.protocols.citations`.)"""

from __future__ import annotations

from typing import Any

from django import template

from readingroom.catalogue.models import Document
from readingroom.protocols import iiif

register = template.Library()


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
