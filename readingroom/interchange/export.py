"""Records as canonical dicts (docs/formats.md): the bulk dump, `export jsonl`, and the
comparison that makes imports idempotent all read records through these functions."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from operator import itemgetter
from typing import Any

from django.db.models import Model, Prefetch, QuerySet

from readingroom.catalogue.fields import RECORDS, ROLE_FIELDS, simple_columns
from readingroom.catalogue.models import (
    AgentKind,
    Attachment,
    Collection,
    CollectionMembership,
    Document,
    DocumentPerson,
    DocumentText,
    Person,
    Place,
    Repository,
    Subject,
)
from readingroom.catalogue.visibility import public_records


def _variants(record: Any) -> list[dict[str, str]]:
    return [{"name": v.name, "kind": v.kind} for v in record.variants.all()]


class Layout:
    """A record type's canonical order and its simple fields (catalogue/fields.py), worked
    out once: records are laid out by it thousands of times a second."""

    def __init__(self, record_type: str) -> None:
        declared = RECORDS[record_type]
        self.names = ("type", "key", *(f.name for f in declared))
        self.in_order = itemgetter(*self.names)
        self.plain = tuple(f.name for f in declared if f.column and not f.is_list)
        self.lists = tuple(f.name for f in declared if f.column and f.is_list)

    def record(self, values: dict[str, Any], stored: Any) -> dict[str, Any]:
        """The record in the declared order: the simple fields as `stored` holds them (an
        instance, or a row of values), the others as `values` gives them."""
        read = stored.__getitem__ if isinstance(stored, dict) else partial(getattr, stored)
        for name in self.plain:
            values[name] = read(name)
        for name in self.lists:
            values[name] = list(read(name))
        return dict(zip(self.names, self.in_order(values), strict=True))


LAYOUTS = {record_type: Layout(record_type) for record_type in RECORDS}


def person_record(person: Person) -> dict[str, Any]:
    record_type = "organization" if person.kind == AgentKind.ORGANIZATION else "person"
    values = {
        "type": record_type,
        "key": person.key,
        "id": person.public_id,
        "dates": person.dates_edtf or "undated",
        "variants": _variants(person),
    }
    return LAYOUTS[record_type].record(values, person)


def place_record(place: Place) -> dict[str, Any]:
    values = {"type": "place", "key": place.key, "id": place.public_id}
    values["variants"] = _variants(place)
    return LAYOUTS["place"].record(values, place)


def subject_record(subject: Subject) -> dict[str, Any]:
    values = {
        "type": "subject",
        "key": subject.key,
        "id": subject.public_id,
        "variants": _variants(subject),
        "broader": subject.broader.key if subject.broader else "",
    }
    return LAYOUTS["subject"].record(values, subject)


def repository_record(repository: Repository) -> dict[str, Any]:
    values = {"type": "repository", "key": repository.key, "id": repository.public_id}
    return LAYOUTS["repository"].record(values, repository)


def collection_record(collection: Collection, public_only: bool = False) -> dict[str, Any]:
    memberships = collection.memberships.order_by("position", "id")
    if public_only:
        memberships = memberships.filter(document__in=Document.objects.public())
    values = {
        "type": "collection",
        "key": collection.key,
        "id": collection.public_id,
        "order": list(memberships.values_list("document__key", flat=True)),
    }
    return LAYOUTS["collection"].record(values, collection)


def document_record(document: Document, public_only: bool = False) -> dict[str, Any]:
    """A document as a canonical dict; expects the prefetches of `documents_for_export`."""
    links: dict[str, list[str]] = {name: [] for name in ROLE_FIELDS}
    role_field: dict[str, str] = {role: name for name, role in ROLE_FIELDS.items()}
    for link in document.person_links.all():
        links[role_field[link.role]].append(link.person.key)
    related = list(document.related.all())
    if public_only:
        related = [d for d in related if d.is_public]
    values = {
        "type": "document",
        "key": document.key,
        "id": document.public_id,
        "date": document.date_edtf or "undated",
        **links,
        "places": sorted(p.key for p in document.places.all()),
        "subjects": sorted(s.key for s in document.subjects.all()),
        "collections": sorted(m.collection.key for m in document.memberships.all()),
        "repository": document.repository.key if document.repository else "",
        "texts": [
            {"kind": t.kind, "language": t.language, "body": t.body, "credit": t.credit}
            for t in document.texts.all()
        ],
        "related": sorted(d.key for d in related),
        "scans": [
            {"file": a.source, "kind": a.kind, "label": a.label} for a in document.attachments.all()
        ],
        "embargo_until": document.embargo_until.isoformat() if document.embargo_until else "",
    }
    return LAYOUTS["document"].record(values, document)


def documents_for_export(queryset: QuerySet[Document]) -> QuerySet[Document]:
    """The queryset with everything `document_record` reads fetched in a few queries."""
    return queryset.select_related("repository").prefetch_related(
        Prefetch(
            "person_links",
            DocumentPerson.objects.select_related("person").order_by("role", "position", "id"),
        ),
        "places",
        "subjects",
        Prefetch(
            "memberships", CollectionMembership.objects.select_related("collection").order_by("id")
        ),
        "texts",
        "related",
        "attachments",
    )


def document_records(pks: list[int], public_only: bool = False) -> dict[int, dict[str, Any]]:
    """The canonical dicts of many documents, by primary key, from flat queries: the same
    records as `document_record` at a fraction of the cost (imports compare thousands, dumps
    write millions). tests/test_export_flat.py holds the two to the same answers."""
    records = {row.pop("pk"): _flat_document(row) for row in _document_rows(pks)}
    role_field: dict[str, str] = {role: name for name, role in ROLE_FIELDS.items()}
    links = DocumentPerson.objects.filter(document_id__in=pks).order_by("role", "position", "id")
    for pk, key, role in links.values_list("document_id", "person__key", "role"):
        records[pk][role_field[role]].append(key)
    for field_name, column in (("places", "place__key"), ("subjects", "subject__key")):
        through = getattr(Document, field_name).through.objects.filter(document_id__in=pks)
        for pk, key in through.values_list("document_id", column):
            records[pk][field_name].append(key)
    memberships = CollectionMembership.objects.filter(document_id__in=pks)
    for pk, key in memberships.values_list("document_id", "collection__key"):
        records[pk]["collections"].append(key)
    texts = DocumentText.objects.filter(document_id__in=pks).order_by("position", "id")
    for pk, kind, language, body, credit in texts.values_list(
        "document_id", "kind", "language", "body", "credit"
    ):
        text = {"kind": kind, "language": language, "body": body, "credit": credit}
        records[pk]["texts"].append(text)
    _flat_related(records, pks, public_only)
    scans = Attachment.objects.filter(document_id__in=pks).order_by("position", "id")
    for pk, source, kind, label in scans.values_list("document_id", "source", "kind", "label"):
        records[pk]["scans"].append({"file": source, "kind": kind, "label": label})
    for record in records.values():
        for name in ("places", "subjects", "collections", "related"):
            record[name].sort()
    return records


DOCUMENT_COLUMNS = (
    "pk",
    "key",
    "public_id",
    "date_edtf",
    "repository__key",
    "embargo_until",
    *simple_columns("document"),
)


def _document_rows(pks: list[int]) -> Iterator[dict[str, Any]]:
    return Document.objects.filter(pk__in=pks).values(*DOCUMENT_COLUMNS).iterator()


def _flat_document(row: dict[str, Any]) -> dict[str, Any]:
    values = {
        "type": "document",
        "key": row["key"],
        "id": row["public_id"],
        "date": row["date_edtf"] or "undated",
        **{name: [] for name in ROLE_FIELDS},
        "places": [],
        "subjects": [],
        "collections": [],
        "repository": row["repository__key"] or "",
        "texts": [],
        "related": [],
        "scans": [],
        "embargo_until": row["embargo_until"].isoformat() if row["embargo_until"] else "",
    }
    return LAYOUTS["document"].record(values, row)


def _flat_related(records: dict[int, dict[str, Any]], pks: list[int], public_only: bool) -> None:
    through = Document.related.through.objects.filter(from_document_id__in=pks)
    if public_only:
        public = Document.objects.public()
        through = through.filter(to_document__in=public)
    for pk, key in through.values_list("from_document_id", "to_document__key"):
        records[pk]["related"].append(key)


def export_records(public_only: bool = False, batch: int = 2000) -> Iterator[dict[str, Any]]:
    """Every record in dependency order: authorities first, then documents by public id. Public
    only: the records readers may see, by the one rule per type (catalogue/visibility.py), so a
    person named only by unreleased documents, a merged person and a collection without public
    documents are left out."""
    documents = Document.objects.public() if public_only else Document.objects.all()
    select = public_records if public_only else _every_record
    yield from (repository_record(r) for r in select(Repository).order_by("public_id"))
    people = select(Person).filter(merged_into__isnull=True).prefetch_related("variants")
    yield from (person_record(p) for p in people.order_by("public_id"))
    places = select(Place).prefetch_related("variants").order_by("public_id")
    yield from (place_record(p) for p in places)
    subjects = select(Subject).select_related("broader").prefetch_related("variants")
    yield from (subject_record(s) for s in subjects.order_by("public_id"))
    for collection in select(Collection).order_by("public_id"):
        yield collection_record(collection, public_only)
    ids = list(documents.order_by("public_id").values_list("pk", flat=True))
    for start in range(0, len(ids), batch):
        chunk = ids[start : start + batch]
        records = document_records(chunk, public_only)
        yield from (records[pk] for pk in chunk)


def _every_record(model: type[Model]) -> QuerySet[Any]:
    return model._default_manager.all()
