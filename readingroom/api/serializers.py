"""API representations: the canonical records of `importers.export`, plus links.

Field names are exactly those of the JSON Lines format; the API only adds `links`.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from readingroom.catalogue.models import (
    Collection,
    Document,
    Person,
    Place,
    PublicRecord,
    Repository,
    Subject,
)
from readingroom.catalogue.visibility import public_records
from readingroom.interchange import export
from readingroom.protocols import conf, iiif

API = "/api/v1"


def _links(kind: str, record: PublicRecord) -> dict[str, str]:
    site = conf.site_url()
    return {
        "self": f"{site}{API}/{kind}/{record.public_id}",
        "html": f"{site}{record.get_absolute_url()}",
    }


def document(record: Document) -> dict[str, Any]:
    """Expects `export.documents_for_export` prefetches."""
    data = export.document_record(record, public_only=True)
    links = _links("documents", record)
    links["citation"] = f"{conf.site_url()}/documents/{record.public_id}/cite.json"
    if any(a.kind == "image" for a in record.attachments.all()):
        links["iiif_manifest"] = iiif.manifest_url(record.public_id)
    return {**data, "links": links}


def people() -> QuerySet[Person]:
    return public_records(Person).prefetch_related("variants")


def collections() -> QuerySet[Collection]:
    return public_records(Collection)


def _collection(record: Collection) -> dict[str, Any]:
    return export.collection_record(record, public_only=True)


# kind -> (queryset of what may be shown, canonical record function)
AUTHORITIES: dict[str, tuple[Any, Any]] = {
    "people": (people, export.person_record),
    # Only what a public document names (readingroom/catalogue/visibility.py).
    "places": (lambda: public_records(Place).prefetch_related("variants"), export.place_record),
    "subjects": (
        lambda: public_records(Subject).select_related("broader").prefetch_related("variants"),
        export.subject_record,
    ),
    "repositories": (lambda: public_records(Repository), export.repository_record),
    "collections": (collections, _collection),
}


def authority(kind: str, record: PublicRecord) -> dict[str, Any]:
    return {**AUTHORITIES[kind][1](record), "links": _links(kind, record)}
