"""IIIF Presentation 3.0 manifests for documents with scans, one canvas per page image.

Images are served by `images` as IIIF Image API 3.0 level 0 (static tiles, info.json), so any
IIIF viewer can zoom them. Only public documents have manifests; their attachments are reached
only through these views, never from the media directory.
"""

from __future__ import annotations

import re
from functools import partial
from typing import Any

from django.db.models import QuerySet

from readingroom.catalogue.fields import facts
from readingroom.catalogue.models import Attachment, AttachmentKind, Document

from . import conf, describe

CONTEXT = "http://iiif.io/api/presentation/3/context.json"


RIGHTS_URI = re.compile(
    r"https?://((?:creativecommons\.org/(?:licenses|publicdomain)|rightsstatements\.org/vocab)/\S+)$"
)


def manifest_url(public_id: int) -> str:
    return f"{conf.site_url()}/iiif/documents/{public_id}/manifest.json"


def image_service_url(attachment: Attachment) -> str:
    return f"{conf.site_url()}/iiif/images/{attachment.document.public_id}-{attachment.pk}"


def page_images(document: Document) -> QuerySet[Attachment]:
    return document.attachments.filter(
        kind=AttachmentKind.IMAGE, width__isnull=False, height__isnull=False
    ).order_by("position", "id")


def _label(text: str) -> dict[str, list[str]]:
    return {"none": [text]}


def _entry(label: str, value: str) -> dict[str, Any]:
    return {"label": {"en": [label]}, "value": {"none": [value]}}


def metadata(document: Document) -> list[dict[str, Any]]:
    pairs = [
        ("Date", document.date.display),
        ("Type", document.doc_type.replace("_", " ").capitalize()),
        ("Authors", "; ".join(p.name for p in describe.authors(document))),
        ("Recipients", "; ".join(p.name for p in describe.recipients(document))),
        ("Repository", describe.repository_name(document)),
        ("Translators", "; ".join(describe.translators(document))),
        ("Languages", ", ".join(document.languages)),
    ]
    pairs += [
        (f.heading, "; ".join(f.values)) for f in facts("document", partial(getattr, document))
    ]
    return [_entry(label, value) for label, value in pairs if value]


def manifest(document: Document) -> dict[str, Any]:
    """The manifest of a public document (expects `documents_for_export` prefetches)."""
    url = manifest_url(document.public_id)
    record_url = conf.permanent_url(document.public_id)
    result: dict[str, Any] = {
        "@context": CONTEXT,
        "id": url,
        "type": "Manifest",
        "label": {"en": [document.title]},
        "metadata": metadata(document),
        "requiredStatement": _entry("Published by", conf.archive_name()),
        "homepage": [
            {"id": record_url, "type": "Text", "label": {"en": [document.title]},
             "format": "text/html"}
        ],
        "seeAlso": [
            {"id": f"{conf.site_url()}/api/v1/documents/{document.public_id}", "type": "Dataset",
             "format": "application/json", "label": {"en": ["The record (JSON)"]}},
            {"id": f"{record_url}/cite.json", "type": "Dataset",
             "format": "application/vnd.citationstyles.csl+json",
             "label": {"en": ["Citation (CSL-JSON)"]}},
        ],
        "items": [_canvas(url, a, n) for n, a in enumerate(page_images(document), start=1)],
    }  # fmt: skip
    if document.summary:
        result["summary"] = {"en": [document.summary]}
    rights = iiif_rights(document.rights)
    if rights:
        result["rights"] = rights
    return result  # any rights statement is in the metadata too, as written (a fact)


def iiif_rights(statement: str) -> str | None:
    """The record's rights as IIIF's `rights` property allows it: a Creative Commons or
    RightsStatements.org URI, in its http:// form (IIIF 3.0, 3.3.1); None for anything else."""
    found = RIGHTS_URI.match(statement.strip())
    return f"http://{found.group(1)}" if found else None


def _canvas(manifest_id: str, attachment: Attachment, number: int) -> dict[str, Any]:
    base = manifest_id.removesuffix("/manifest.json")
    canvas_id = f"{base}/canvas/{number}"
    service = image_service_url(attachment)
    width, height = attachment.width or 1, attachment.height or 1
    body = {
        "id": f"{service}/full/max/0/default.jpg",
        "type": "Image",
        "format": "image/jpeg",
        "width": width,
        "height": height,
        "service": [{"id": service, "type": "ImageService3", "profile": "level0"}],
    }
    annotation = {
        "id": f"{canvas_id}/annotation/1",
        "type": "Annotation",
        "motivation": "painting",
        "body": body,
        "target": canvas_id,
    }
    return {
        "id": canvas_id,
        "type": "Canvas",
        "label": _label(attachment.label or f"Page {number}"),
        "width": width,
        "height": height,
        "items": [{"id": f"{canvas_id}/page", "type": "AnnotationPage", "items": [annotation]}],
    }
