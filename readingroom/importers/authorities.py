"""Writing authority records (people, organizations, places, subjects, repositories,
collections): new ones in bulk, changed ones one by one, unchanged ones not at all."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Model

from readingroom.catalogue.authority import linked_document_ids
from readingroom.catalogue.fields import AUTHORITY_TYPES
from readingroom.catalogue.models import (
    TYPE_MODELS,
    IdSequence,
    Person,
    PersonVariant,
    Place,
    PlaceVariant,
    Subject,
    SubjectVariant,
)
from readingroom.catalogue.rows import insert_rows
from readingroom.editorial.history import VersionLog
from readingroom.editorial.snapshots import snapshot
from readingroom.interchange import export
from readingroom.interchange.canonical import Record, authority_kind
from readingroom.interchange.problems import ImportFailed, ImportProblem

from .sources import SourceLedger

MODELS: dict[str, type[Any]] = {kind: TYPE_MODELS[kind] for kind in AUTHORITY_TYPES}
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
ORDER = ("repository", "place", "subject", "person", "organization", "collection")
NOT_FIELDS = ("id", "variants", "order", "broader")


def same(current: dict[str, Any], record: Record) -> bool:
    """Whether the stored record already says what the incoming one says."""
    incoming = record.as_json()
    if incoming.get("id") is None:
        incoming["id"] = current.get("id")
    if record.type == "collection" and not incoming["order"]:
        incoming["order"] = current["order"]
    return incoming == current


def check_same_id(existing: Any, record: Record) -> None:
    wanted = record.fields.get("id")
    if wanted is not None and wanted != existing.public_id:
        message = (
            f"the archive already has '{record.key}' as id {existing.public_id}; "
            "public ids never change"
        )
        raise ImportFailed([ImportProblem(record.location, message, "id")])


def public_ids_for(model: type[Any], records: list[Record]) -> list[int]:
    """Ids for new records: the ones a record asks for (if free), new ones for the rest."""
    wanted = [r.fields["id"] for r in records if r.fields.get("id") is not None]
    taken = dict(model.objects.filter(public_id__in=wanted).values_list("public_id", "key"))
    for record in records:
        if record.fields.get("id") in taken:
            message = f"id {record.fields['id']} already belongs to '{taken[record.fields['id']]}'"
            raise ImportFailed([ImportProblem(record.location, message, "id")])
    if wanted:
        IdSequence.reserve(model.sequence_name, max(wanted))
    fresh = iter(IdSequence.allocate_block(model.sequence_name, len(records) - len(wanted)))
    return [r.fields.get("id") or next(fresh) for r in records]


class AuthorityWriter:
    def __init__(
        self,
        summary: Any,
        history: VersionLog,
        reindex: set[int],
        sources: SourceLedger | None = None,
    ) -> None:
        self.summary = summary
        self.history = history
        self.reindex = reindex
        self.sources = sources  # given: a re-import never undoes an editor (sources.py)

    def write(self, records: list[Record]) -> None:
        by_type: dict[str, list[Record]] = {}
        for record in records:
            by_type.setdefault(record.type, []).append(record)
        written = {}
        for record_type in ORDER:
            written[record_type] = self._write_type(record_type, by_type.get(record_type, []))
        self._link_broader_subjects(written["subject"])

    def _write_type(self, record_type: str, records: list[Record]) -> list[Record]:
        """Create or update the records of one type; returns them as written (an editor's
        values kept where only the editor changed them)."""
        if not records:
            return []
        model = MODELS[record_type]
        existing = self._existing(model, [r.key for r in records])
        if self.sources is not None:
            self.sources.load(record_type, [r.key for r in records])
        new, written = [], []
        for record in records:
            current = existing.get(record.key)
            if current is None:
                new.append(record)
                written.append(record)
                continue
            stored = EXPORTERS[record_type](current)
            if self.sources is not None and not same(stored, record):
                record = self.sources.reconcile(stored, record)
            written.append(record)
            if same(stored, record):
                self.summary.unchanged[record_type] += 1
            else:
                self._update(current, record)
        self._create(model, new)
        if self.sources is not None:
            self.sources.remember(records)
        return written

    def _existing(self, model: type[Any], keys: list[str]) -> dict[str, Any]:
        queryset = model.objects.all()
        if model in (Person, Place, Subject):
            queryset = queryset.prefetch_related("variants")
        if model is Subject:
            queryset = queryset.select_related("broader")
        found = {}
        for start in range(0, len(keys), 2000):
            found.update({r.key: r for r in queryset.filter(key__in=keys[start : start + 2000])})
        return found

    def _update(self, instance: Model, record: Record) -> None:
        check_same_id(instance, record)
        before = snapshot(instance)
        self.summary.updated[record.type] += 1
        self.reindex.update(linked_document_ids(instance))
        assign_fields(instance, record)
        instance.save()
        variant_model = VARIANT_MODELS.get(instance.sequence_name)  # type: ignore[attr-defined]
        if variant_model is not None:
            instance.variants.all().delete()  # type: ignore[attr-defined]
            self._insert_variants(variant_model, instance.sequence_name, [(instance.pk, record)])  # type: ignore[attr-defined]
        self.history.add_record(instance, before)

    def _create(self, model: type[Any], records: list[Record]) -> None:
        if not records:
            return
        instances = []
        for record, public_id in zip(records, public_ids_for(model, records), strict=True):
            instance = model(key=record.key, public_id=public_id)
            assign_fields(instance, record)
            instance.prepare()
            instances.append(instance)
        model.objects.bulk_create(instances, batch_size=1000)
        self.summary.created[records[0].type] += len(records)
        pks = dict(model.objects.filter(key__in=[r.key for r in records]).values_list("key", "pk"))
        variant_model = VARIANT_MODELS.get(model.sequence_name)
        if variant_model is not None:
            pairs = [(pks[r.key], r) for r in records]
            self._insert_variants(variant_model, model.sequence_name, pairs)
        for instance in instances:
            self.history.add_record(instance, None)

    def _insert_variants(
        self, variant_model: type[Any], owner: str, pairs: list[tuple[int, Record]]
    ) -> None:
        rows = (
            (pk, variant["name"], variant["kind"])
            for pk, record in pairs
            for variant in record.fields["variants"]
        )
        insert_rows(variant_model, (owner, "name", "kind"), rows)

    def _link_broader_subjects(self, records: list[Record]) -> None:
        for record in records:
            broader_key = record.fields["broader"]
            broader = Subject.objects.get(key=broader_key) if broader_key else None
            Subject.objects.filter(key=record.key).update(broader=broader)


def assign_fields(instance: Model, record: Record) -> None:
    values = {k: v for k, v in record.fields.items() if k not in NOT_FIELDS}
    if isinstance(instance, Person):
        values["kind"] = authority_kind(record.type)
        dates = values.pop("dates")
        values["dates_edtf"] = "" if dates == "undated" else dates
    for name, value in values.items():
        setattr(instance, name, value)
