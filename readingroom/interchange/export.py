"""Records as canonical dicts (docs/formats.md): the bulk dump, `export jsonl`, and the
comparison that makes imports idempotent all read records through these functions."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Prefetch, QuerySet

from readingroom.catalogue.fields import RECORDS, Field, simple_columns, simple_fields
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
    Role,
    Subject,
)
from readingroom.catalogue.visibility import public_records

ROLE_FIELDS = (("authors", Role.AUTHOR), ("recipients", Role.RECIPIENT), ("people", Role.DISCUSSED))


def _variants(record: Any) -> list[dict[str, str]]:
    return [{"name": v.name, "kind": v.kind} for v in record.variants.all()]


def _canonical(
    record_type: str, key: str, structured: dict[str, Any], simple: dict[str, Any]
) -> dict[str, Any]:
    """The record's dict in the declared order (catalogue/fields.py): its simple fields'
    values as stored, the others' as `structured` gives them."""
    values = {**structured, **simple}
    return {
        "type": record_type,
        "key": key,
        **{f.name: values[f.name] for f in RECORDS[record_type]},
    }


def _columns(instance: Any, fields: tuple[Field, ...]) -> dict[str, Any]:
    """The simple fields of a model instance (lists copied)."""
    return {f.name: _stored(f, getattr(instance, f.column or f.name)) for f in fields}


def _stored(field: Field, value: Any) -> Any:
    return list(value) if field.is_list else value


SIMPLE = {name: simple_fields(name) for name in RECORDS}


def person_record(person: Person) -> dict[str, Any]:
    record_type = "organization" if person.kind == AgentKind.ORGANIZATION else "person"
    structured = {
        "id": person.public_id,
        "dates": person.dates_edtf or "undated",
        "variants": _variants(person),
    }
    return _canonical(record_type, person.key, structured, _columns(person, SIMPLE["person"]))


def place_record(place: Place) -> dict[str, Any]:
    structured = {"id": place.public_id, "variants": _variants(place)}
    return _canonical("place", place.key, structured, _columns(place, SIMPLE["place"]))


def subject_record(subject: Subject) -> dict[str, Any]:
    structured = {
        "id": subject.public_id,
        "variants": _variants(subject),
        "broader": subject.broader.key if subject.broader else "",
    }
    return _canonical("subject", subject.key, structured, _columns(subject, SIMPLE["subject"]))


def repository_record(repository: Repository) -> dict[str, Any]:
    simple = _columns(repository, SIMPLE["repository"])
    return _canonical("repository", repository.key, {"id": repository.public_id}, simple)


def collection_record(collection: Collection, public_only: bool = False) -> dict[str, Any]:
    memberships = collection.memberships.order_by("position", "id")
    if public_only:
        memberships = memberships.filter(document__in=Document.objects.public())
    structured = {
        "id": collection.public_id,
        "order": list(memberships.values_list("document__key", flat=True)),
    }
    simple = _columns(collection, SIMPLE["collection"])
    return _canonical("collection", collection.key, structured, simple)


def document_record(document: Document, public_only: bool = False) -> dict[str, Any]:
    """A document as a canonical dict; expects the prefetches of `documents_for_export`."""
    links: dict[str, list[str]] = {name: [] for name, _ in ROLE_FIELDS}
    role_field: dict[str, str] = {str(role): name for name, role in ROLE_FIELDS}
    for link in document.person_links.all():
        links[role_field[link.role]].append(link.person.key)
    related = list(document.related.all())
    if public_only:
        related = [d for d in related if d.is_public]
    structured = {
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
    simple = _columns(document, SIMPLE["document"])
    return _canonical("document", document.key, structured, simple)


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
    role_field: dict[str, str] = {str(role): name for name, role in ROLE_FIELDS}
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
    structured = {
        "id": row["public_id"],
        "date": row["date_edtf"] or "undated",
        **{name: [] for name, _ in ROLE_FIELDS},
        "places": [],
        "subjects": [],
        "collections": [],
        "repository": row["repository__key"] or "",
        "texts": [],
        "related": [],
        "scans": [],
        "embargo_until": row["embargo_until"].isoformat() if row["embargo_until"] else "",
    }
    simple = {f.name: _stored(f, row[f.column]) for f in SIMPLE["document"]}  # type: ignore[index]
    return _canonical("document", row["key"], structured, simple)


def _flat_related(records: dict[int, dict[str, Any]], pks: list[int], public_only: bool) -> None:
    through = Document.related.through.objects.filter(from_document_id__in=pks)
    if public_only:
        public = Document.objects.public()
        through = through.filter(to_document__in=public)
    for pk, key in through.values_list("from_document_id", "to_document__key"):
        records[pk]["related"].append(key)


def export_records(public_only: bool = False, batch: int = 2000) -> Iterator[dict[str, Any]]:
    """Every record in dependency order: authorities first, then documents by public id."""
    documents = Document.objects.public() if public_only else Document.objects.all()
    # Public: only the records a public document names (catalogue/visibility.py).
    select = public_records if public_only else (lambda model: model._default_manager.all())
    repositories, places, subjects = (select(m) for m in (Repository, Place, Subject))
    yield from (repository_record(r) for r in repositories.order_by("public_id"))
    people = Person.objects.filter(merged_into__isnull=True).prefetch_related("variants")
    if public_only:
        people = people.filter(document_links__document__in=documents).distinct()
    yield from (person_record(p) for p in people.order_by("public_id"))
    places = places.prefetch_related("variants").order_by("public_id")
    yield from (place_record(p) for p in places)
    subjects = subjects.select_related("broader").prefetch_related("variants")
    yield from (subject_record(s) for s in subjects.order_by("public_id"))
    for collection in Collection.objects.order_by("public_id"):
        yield collection_record(collection, public_only)
    ids = list(documents.order_by("public_id").values_list("pk", flat=True))
    for start in range(0, len(ids), batch):
        chunk = ids[start : start + batch]
        records = document_records(chunk, public_only)
        yield from (records[pk] for pk in chunk)
