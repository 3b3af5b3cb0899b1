"""Writing checked canonical records into the archive, in batches, inside the caller's
transaction. A record whose stored form already equals the incoming one is left untouched, so
re-importing a file changes nothing; a changed record is updated in place, found by its key."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model
from django.utils import timezone

from readingroom.catalogue.authority import linked_document_ids
from readingroom.catalogue.dates import parse_date
from readingroom.catalogue.models import (
    Collection,
    CollectionMembership,
    Document,
    DocumentPerson,
    DocumentText,
    IdSequence,
    Person,
    PersonVariant,
    Place,
    PlaceVariant,
    Repository,
    Status,
    Subject,
    SubjectVariant,
)
from readingroom.editorial.history import Attribution, VersionLog
from readingroom.editorial.snapshots import snapshot
from readingroom.search.outbox import enqueue_documents

from . import export, scans
from .canonical import ROLE_FIELDS, Record, authority_kind
from .problems import ImportFailed, ImportProblem

BATCH = 500
MODELS: dict[str, type[Any]] = {
    "person": Person,
    "organization": Person,
    "place": Place,
    "subject": Subject,
    "repository": Repository,
    "collection": Collection,
    "document": Document,
}
EXPORTERS: dict[str, Callable[[Any], dict[str, Any]]] = {
    "person": export.person_record,
    "organization": export.person_record,
    "place": export.place_record,
    "subject": export.subject_record,
    "repository": export.repository_record,
    "collection": export.collection_record,
}
VARIANT_MODELS: dict[str, type[Any]] = {
    "person": PersonVariant,
    "place": PlaceVariant,
    "subject": SubjectVariant,
}
AUTHORITY_ORDER = ("repository", "place", "subject", "person", "organization", "collection")


@dataclass
class ImportSummary:
    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)
    reindexed: int = 0

    def add(self, other: ImportSummary) -> None:
        self.created.update(other.created)
        self.updated.update(other.updated)
        self.unchanged.update(other.unchanged)
        self.reindexed += other.reindexed

    def __str__(self) -> str:
        return (
            f"{sum(self.created.values())} created, {sum(self.updated.values())} updated, "
            f"{sum(self.unchanged.values())} unchanged"
        )


def same(current: dict[str, Any], record: Record) -> bool:
    """Whether the stored record already says what the incoming one says."""
    incoming = record.as_json()
    if incoming.get("id") is None:
        incoming["id"] = current.get("id")
    if record.type == "collection" and not incoming["order"]:
        incoming["order"] = current["order"]
    return incoming == current


class ArchiveWriter:
    """Writes one file's records. Raises ImportFailed; the caller's transaction rolls back.

    Every record it creates or changes gets a version in `history` (editorial), attributed to
    the import and its file unless the caller says otherwise (a restore does)."""

    def __init__(
        self,
        base_dir: str | None = None,
        progress: Callable[[int], object] | None = None,
        history: VersionLog | None = None,
    ):
        self.history = history or VersionLog(Attribution.for_import(base_dir or ""))
        self.summary = ImportSummary()
        self.reindex: set[int] = set()
        self.base_dir = base_dir
        self.progress = progress or (lambda count: None)
        self.repositories: dict[str, Repository] = {}

    def write(self, records: list[Record]) -> ImportSummary:
        by_type: dict[str, list[Record]] = {}
        for record in records:
            by_type.setdefault(record.type, []).append(record)
        for record_type in AUTHORITY_ORDER:
            for record in by_type.get(record_type, []):
                self._upsert_authority(record)
                self.progress(1)
        self._link_broader_subjects(by_type.get("subject", []))
        documents = by_type.get("document", [])
        written: list[tuple[Document, Record]] = []
        for start in range(0, len(documents), BATCH):
            batch = documents[start : start + BATCH]
            written.extend(self._write_document_batch(batch))
            self.progress(len(batch))
        self._link_related(written)
        self._order_collections(by_type.get("collection", []))
        self.summary.reindexed = enqueue_documents(self.reindex)
        self.history.flush()
        return self.summary

    # Authority records -------------------------------------------------------------------

    def _upsert_authority(self, record: Record) -> None:
        model = MODELS[record.type]
        existing = model.objects.filter(key=record.key).first()
        before = None
        if existing is not None:
            if same(EXPORTERS[record.type](existing), record):
                self.summary.unchanged[record.type] += 1
                return
            self._check_same_id(existing, record)
            before = snapshot(existing)
            self.summary.updated[record.type] += 1
            self._reindex_linked(existing)
        else:
            existing = model(key=record.key)
            existing.public_id = self._new_public_id(model, record)
            self.summary.created[record.type] += 1
        self._assign_authority_fields(existing, record)
        existing.save()
        variant_model = VARIANT_MODELS.get(model.sequence_name)
        if variant_model is not None:
            existing.variants.all().delete()
            variant_model.objects.bulk_create(
                [
                    variant_model(name=v["name"], kind=v["kind"], **{model.sequence_name: existing})
                    for v in record.fields["variants"]
                ]
            )
        self.history.add_record(existing, before)

    def _assign_authority_fields(self, instance: Model, record: Record) -> None:
        values = dict(record.fields)
        values.pop("id", None)
        values.pop("variants", None)
        values.pop("order", None)
        values.pop("broader", None)
        if isinstance(instance, Person):
            values["kind"] = authority_kind(record.type)
            dates = values.pop("dates")
            values["dates_edtf"] = "" if dates == "undated" else dates
        for name, value in values.items():
            setattr(instance, name, value)

    def _link_broader_subjects(self, records: list[Record]) -> None:
        for record in records:
            broader_key = record.fields["broader"]
            broader = Subject.objects.get(key=broader_key) if broader_key else None
            Subject.objects.filter(key=record.key).update(broader=broader)

    def _reindex_linked(self, record: Model) -> None:
        self.reindex.update(linked_document_ids(record))

    def _check_same_id(self, existing: Any, record: Record) -> None:
        wanted = record.fields.get("id")
        if wanted is not None and wanted != existing.public_id:
            raise ImportFailed(
                [
                    ImportProblem(
                        record.location,
                        f"the archive already has '{record.key}' as id {existing.public_id}; "
                        "public ids never change",
                        "id",
                    )
                ]
            )

    def _new_public_id(self, model: type[Any], record: Record) -> int:
        wanted = record.fields.get("id")
        if wanted is None:
            return IdSequence.allocate(model.sequence_name)
        other = model.objects.filter(public_id=wanted).first()
        if other is not None:
            raise ImportFailed(
                [
                    ImportProblem(
                        record.location, f"id {wanted} already belongs to '{other.key}'", "id"
                    )
                ]
            )
        IdSequence.reserve(model.sequence_name, wanted)
        return int(wanted)

    # Documents ---------------------------------------------------------------------------

    def _write_document_batch(self, batch: list[Record]) -> list[tuple[Document, Record]]:
        queryset = Document.objects.filter(key__in=[r.key for r in batch])
        existing = {d.key: d for d in export.documents_for_export(queryset)}
        changed: list[tuple[Document, Record]] = []
        new: list[Record] = []
        befores: dict[int, dict[str, Any]] = {}
        for record in batch:
            document = existing.get(record.key)
            if document is None:
                new.append(record)
                continue
            current = export.document_record(document)
            if same(current, record):
                self.summary.unchanged["document"] += 1
            else:
                self._check_same_id(document, record)
                changed.append((document, record))
                befores[document.public_id] = current
        created = self._create_documents(new)
        for document, record in changed:
            self._assign_document_fields(document, record)
        Document.objects.bulk_update([d for d, _ in changed], DOCUMENT_FIELDS, batch_size=BATCH)
        self.summary.updated["document"] += len(changed)
        self.summary.created["document"] += len(created)
        written = created + changed
        self._replace_children(written, replace=[d for d, _ in changed])
        self.reindex.update(d.public_id for d, _ in written)
        for document, record in written:
            # The incoming record is what the document now is: `same` relies on that too.
            after = {**record.as_json(), "id": document.public_id}
            self.history.add("document", document.public_id, befores.get(document.public_id), after)
        return written

    def _create_documents(self, records: list[Record]) -> list[tuple[Document, Record]]:
        wanted = [r.fields["id"] for r in records if r.fields["id"] is not None]
        taken = dict(Document.objects.filter(public_id__in=wanted).values_list("public_id", "key"))
        for record in records:
            if record.fields["id"] in taken:
                raise ImportFailed(
                    [
                        ImportProblem(
                            record.location,
                            f"id {record.fields['id']} already belongs to "
                            f"'{taken[record.fields['id']]}'",
                            "id",
                        )
                    ]
                )
        if wanted:
            IdSequence.reserve("document", max(wanted))
        fresh = iter(IdSequence.allocate_block("document", len(records) - len(wanted)))
        pairs = []
        for record in records:
            document = Document(key=record.key)
            document.public_id = record.fields["id"] or next(fresh)
            self._assign_document_fields(document, record)
            pairs.append((document, record))
        Document.objects.bulk_create([d for d, _ in pairs], batch_size=BATCH)
        return pairs

    def _assign_document_fields(self, document: Document, record: Record) -> None:
        values = record.fields
        for name in SIMPLE_DOCUMENT_FIELDS:
            setattr(document, name, values[name])
        document.set_date(parse_date(values["date"], values["date_text"]))
        document.embargo_until = values["embargo_until"] or None
        document.repository = self._repository(values["repository"])
        if document.status == Status.PUBLISHED and document.published_at is None:
            document.published_at = timezone.now()
        document.updated_at = timezone.now()
        document.prepare()

    def _repository(self, key: str) -> Repository | None:
        """One query per repository per file, not one per document (most share a few)."""
        if not key:
            return None
        if key not in self.repositories:
            self.repositories[key] = self._lookup(Repository, [key])[0]
        return self.repositories[key]

    def _lookup(self, model: type[Any], keys: Iterable[str]) -> list[Any]:
        keys = list(keys)
        found = {r.key: r for r in model.objects.filter(key__in=keys)}
        return [found[k] for k in keys]

    def _replace_children(
        self, written: list[tuple[Document, Record]], replace: list[Document]
    ) -> None:
        ids = [d.pk for d in replace]
        for model in (DocumentText, DocumentPerson):
            model.objects.filter(document_id__in=ids).delete()
        Document.places.through.objects.filter(document_id__in=ids).delete()
        Document.subjects.through.objects.filter(document_id__in=ids).delete()
        self._create_texts(written)
        self._create_person_links(written)
        self._create_tags(written)
        self._sync_memberships(written)
        scans.sync_scans(written, self.base_dir)

    def _create_texts(self, written: list[tuple[Document, Record]]) -> None:
        DocumentText.objects.bulk_create(
            [
                DocumentText(document=document, position=position, **text)
                for document, record in written
                for position, text in enumerate(record.fields["texts"])
            ],
            batch_size=BATCH,
        )

    def _create_person_links(self, written: list[tuple[Document, Record]]) -> None:
        keys = {k for _, r in written for name in ROLE_FIELDS for k in r.fields[name]}
        people = _surviving_people(keys)
        links = []
        for document, record in written:
            for name, role in ROLE_FIELDS.items():
                seen = set()
                for position, key in enumerate(record.fields[name]):
                    person = people[key]
                    if person.pk not in seen:
                        seen.add(person.pk)
                        links.append(
                            DocumentPerson(
                                document=document, person=person, role=role, position=position
                            )
                        )
        DocumentPerson.objects.bulk_create(links, batch_size=BATCH)

    def _create_tags(self, written: list[tuple[Document, Record]]) -> None:
        for field_name, model in (("places", Place), ("subjects", Subject)):
            keys = {k for _, r in written for k in r.fields[field_name]}
            pks = dict(model.objects.filter(key__in=keys).values_list("key", "pk"))
            through = getattr(Document, field_name).through
            column = f"{model.__name__.lower()}_id"
            through.objects.bulk_create(
                [
                    through(document_id=document.pk, **{column: pks[key]})
                    for document, record in written
                    for key in record.fields[field_name]
                ],
                batch_size=BATCH,
            )

    def _sync_memberships(self, written: list[tuple[Document, Record]]) -> None:
        keys = {k for _, r in written for k in r.fields["collections"]}
        collections = {c.key: c for c in Collection.objects.filter(key__in=keys)}
        current: dict[int, dict[str, CollectionMembership]] = {}
        memberships = CollectionMembership.objects.filter(
            document__in=[d for d, _ in written]
        ).select_related("collection")
        for membership in memberships:
            current.setdefault(membership.document_id, {})[membership.collection.key] = membership
        # A collection's members (its curated order) are part of its history too.
        self.history.watch([*collections.values(), *(m.collection for m in memberships)])
        next_position = _next_positions(collections.values())
        new = []
        for document, record in written:
            have = current.get(document.pk, {})
            wanted = record.fields["collections"]
            for key, membership in have.items():
                if key not in wanted:
                    membership.delete()
            for key in wanted:
                if key not in have:
                    collection = collections[key]
                    new.append(
                        CollectionMembership(
                            collection=collection, document=document, position=next_position[key]
                        )
                    )
                    next_position[key] += 1
        CollectionMembership.objects.bulk_create(new, batch_size=BATCH)

    def _link_related(self, written: list[tuple[Document, Record]]) -> None:
        through = Document.related.through
        through.objects.filter(from_document_id__in=[d.pk for d, _ in written]).delete()
        keys = {k for _, r in written for k in r.fields["related"]}
        pks = dict(Document.objects.filter(key__in=keys).values_list("key", "pk"))
        through.objects.bulk_create(
            [
                through(from_document_id=document.pk, to_document_id=pks[key])
                for document, record in written
                for key in record.fields["related"]
            ],
            batch_size=BATCH,
        )

    def _order_collections(self, records: list[Record]) -> None:
        for record in records:
            order = record.fields["order"]
            if not order:
                continue
            memberships = {
                m.document.key: m
                for m in CollectionMembership.objects.filter(collection__key=record.key)
                .select_related("document")
                .order_by("position", "id")
            }
            missing = [key for key in order if key not in memberships]
            if missing:
                raise ImportFailed(
                    [
                        ImportProblem(
                            record.location,
                            f"document '{missing[0]}' is listed in the order but does not name "
                            "this collection in its 'collections'",
                            "order",
                        )
                    ]
                )
            rest = [m for key, m in memberships.items() if key not in order]
            moved = []
            for position, membership in enumerate([memberships[k] for k in order] + rest):
                if membership.position != position:
                    membership.position = position
                    moved.append(membership)
            # Only the positions that change: a new volume arrives in order and moves none.
            CollectionMembership.objects.bulk_update(moved, ["position"], batch_size=BATCH)


SIMPLE_DOCUMENT_FIELDS = (
    "title",
    "summary",
    "doc_type",
    "citation",
    "languages",
    "credits",
    "funders",
    "classification",
    "rights",
    "legacy_ids",
    "status",
    "withdrawn_reason",
)
DOCUMENT_FIELDS = [
    *SIMPLE_DOCUMENT_FIELDS,
    "date_text",
    "date_edtf",
    "date_earliest",
    "date_latest",
    "embargo_until",
    "repository",
    "published_at",
    "updated_at",
    "slug",
]


def _surviving_people(keys: Iterable[str]) -> dict[str, Person]:
    """People by key; a key of a merged person resolves to the person it was merged into."""
    people = {p.key: p for p in Person.objects.filter(key__in=list(keys))}
    for key, person in people.items():
        while person.merged_into_id is not None:
            person = Person.objects.get(pk=person.merged_into_id)
        people[key] = person
    return people


def _next_positions(collections: Iterable[Collection]) -> dict[str, int]:
    positions = {}
    for collection in collections:
        last = (
            collection.memberships.order_by("-position").values_list("position", flat=True).first()
        )
        positions[collection.key] = 0 if last is None else last + 1
    return positions
