"""API representations: the canonical records of `importers.export`, plus links.

Field names are exactly those of the JSON Lines format; the API only adds `links`.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from readingroom.catalogue.models import (
    Collection,
    CollectionMembership,
    Document,
    Person,
    Place,
    PublicRecord,
    Repository,
    Subject,
)
from readingroom.editorial.visibility import public_records
from readingroom.importers import export
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


def public_documents() -> QuerySet[Document]:
    return Document.objects.public()


def people() -> QuerySet[Person]:
    """People and organizations named in at least one public document (never only in drafts)."""
    named = Person.objects.filter(document_links__document__in=public_documents()).values("pk")
    return Person.objects.filter(merged_into__isnull=True, pk__in=named).prefetch_related(
        "variants"
    )


def collections() -> QuerySet[Collection]:
    """Collections holding at least one public document."""
    holding = CollectionMembership.objects.filter(document__in=public_documents())
    return Collection.objects.filter(pk__in=holding.values("collection_id"))


def _collection(record: Collection) -> dict[str, Any]:
    return export.collection_record(record, public_only=True)


# kind -> (queryset of what may be shown, canonical record function)
AUTHORITIES: dict[str, tuple[Any, Any]] = {
    "people": (people, export.person_record),
    # Only what a public document names (readingroom/editorial/visibility.py).
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
