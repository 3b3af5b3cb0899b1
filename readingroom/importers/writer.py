"""Writing checked canonical records into the archive, in batches, inside the caller's
transaction. A record whose stored form already equals the incoming one is left untouched, so
re-importing a file changes nothing; a changed record is updated in place, found by its key.

Every record it creates or changes gets a version in `history` (editorial), attributed to the
import and its file unless the caller says otherwise (a restore does)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from typing import Any, NamedTuple

from django.db.models import Max
from django.utils import timezone

from readingroom.catalogue.dates import parse_date
from readingroom.catalogue.fields import ROLE_FIELDS, simple_fields
from readingroom.catalogue.models import (
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
from readingroom.catalogue.rows import insert_rows
from readingroom.editorial.history import Attribution, VersionLog
from readingroom.interchange import export
from readingroom.interchange.canonical import Record
from readingroom.interchange.problems import ImportFailed, ImportProblem
from readingroom.search.outbox import enqueue_documents

from . import scans
from .authorities import AuthorityWriter, check_same_id, public_ids_for, same
from .sources import Conflict, SourceLedger

BATCH = 500


class Written(NamedTuple):
    """A document the writer has just created or changed."""

    pk: int
    public_id: int


@dataclass
class ImportSummary:
    created: Counter[str] = field(default_factory=Counter)
    updated: Counter[str] = field(default_factory=Counter)
    unchanged: Counter[str] = field(default_factory=Counter)
    reindexed: int = 0
    conflicts: list[Conflict] = field(default_factory=list)

    def add(self, other: ImportSummary) -> None:
        self.created.update(other.created)
        self.updated.update(other.updated)
        self.unchanged.update(other.unchanged)
        self.reindexed += other.reindexed
        self.conflicts += other.conflicts

    @property
    def changes(self) -> int:
        return sum(self.created.values()) + sum(self.updated.values())

    def __str__(self) -> str:
        conflicts = f", {len(self.conflicts)} conflicts" if self.conflicts else ""
        return (
            f"{sum(self.created.values())} created, {sum(self.updated.values())} updated, "
            f"{sum(self.unchanged.values())} unchanged{conflicts}"
        )


class KeyMap:
    """Key -> primary key of authority records, read once per file, not once per batch."""

    def __init__(self) -> None:
        self.pks: dict[type[Any], dict[str, int]] = {}

    def get(self, model: type[Any], keys: Iterable[str]) -> dict[str, int]:
        known = self.pks.setdefault(model, {})
        missing = [k for k in set(keys) if k not in known]
        for start in range(0, len(missing), 5000):
            chunk = missing[start : start + 5000]
            known.update(model.objects.filter(key__in=chunk).values_list("key", "pk"))
        return known


class ArchiveWriter:
    """Writes one file's records: authorities first, then documents batch by batch, then what
    needs every document (related links, curated order, outbox). Raises ImportFailed; the
    caller's transaction rolls back."""

    def __init__(
        self,
        base_dir: str | None = None,
        progress: Callable[[int], object] | None = None,
        history: VersionLog | None = None,
        sources: SourceLedger | None = None,
    ):
        self.history = history or VersionLog(Attribution.for_import(base_dir or ""))
        self.summary = ImportSummary()
        self.reindex: set[int] = set()
        self.base_dir = base_dir
        self.progress = progress or (lambda count: None)
        self.keys = KeyMap()
        self.related: list[tuple[int, list[str]]] = []
        self.collections: list[Record] = []
        self.memberships = Memberships()
        # What each record's source last said: given for imports from files, so a re-import
        # never undoes an editor (sources.py); a restore writes its record as it is.
        self.sources = sources

    def write(self, records: list[Record]) -> ImportSummary:
        """Everything at once, for records held in memory."""
        self.write_authorities([r for r in records if r.type != "document"])
        documents = [r for r in records if r.type == "document"]
        for start in range(0, len(documents), BATCH):
            self.write_documents(documents[start : start + BATCH])
        return self.finish()

    def write_authorities(self, records: list[Record]) -> None:
        AuthorityWriter(self.summary, self.history, self.reindex, self.sources).write(records)
        self.collections = [r for r in records if r.type == "collection"]
        self.progress(len(records))

    def write_documents(self, batch: list[Record]) -> None:
        # locked until the file's transaction ends (PostgreSQL; SQLite's writer holds the whole
        # database): an editor's save cannot land between reading a record and writing it
        found = Document.objects.select_for_update().filter(key__in=[r.key for r in batch])
        existing = dict(found.values_list("key", "pk"))
        currents = export.document_records(list(existing.values())) if existing else {}
        if self.sources is not None:
            self.sources.load("document", [r.key for r in batch])
        changed: list[Record] = []
        new: list[Record] = []
        for record in batch:
            pk = existing.get(record.key)
            if pk is None:
                new.append(record)
                continue
            if self.sources is not None and not same(currents[pk], record):
                record = self.sources.reconcile(currents[pk], record)
            if same(currents[pk], record):
                self.summary.unchanged["document"] += 1
            else:
                changed.append(record)
        documents = Document.objects.in_bulk([existing[r.key] for r in changed])
        pairs = [(documents[existing[r.key]], r) for r in changed]
        for document, record in pairs:
            check_same_id(document, record)
        befores = {d.public_id: currents[d.pk] for d, _ in pairs}
        written = self._create(new) + self._update(pairs)
        replaced = {d.pk for d, _ in pairs}
        self._write_children(written, replaced)
        self._remember(written, befores, replaced)
        if self.sources is not None:
            self.sources.remember(batch)
        self.progress(len(batch))

    def finish(self) -> ImportSummary:
        self._link_related()
        self._order_collections()
        self._settle_collection_orders()
        self.summary.reindexed = enqueue_documents(self.reindex)
        self.summary.conflicts = list(self.sources.conflicts) if self.sources else []
        self.history.flush()
        return self.summary

    def _create(self, records: list[Record]) -> list[tuple[Written, Record]]:
        public_ids = public_ids_for(Document, records)
        handed_out = (i for r, i in zip(records, public_ids, strict=True) if not r.fields.get("id"))
        self.history.first_versions("document", handed_out)
        named = [r.fields["repository"] for r in records if r.fields["repository"]]
        repositories = self.keys.get(Repository, named)
        # Rows straight from the records: a Document instance each cost more than its INSERT.
        now = timezone.now()  # one time for the batch: each distinct time is converted once
        rows = (
            new_row(record, public_id, repositories, now)
            for record, public_id in zip(records, public_ids, strict=True)
        )
        insert_rows(Document, INSERTED_COLUMNS, rows)
        pks = dict(
            Document.objects.filter(key__in=[r.key for r in records]).values_list("key", "pk")
        )
        self.summary.created["document"] += len(records)
        return [
            (Written(pks[r.key], public_id), r)
            for r, public_id in zip(records, public_ids, strict=True)
        ]

    def _update(self, changed: list[tuple[Document, Record]]) -> list[tuple[Written, Record]]:
        for document, record in changed:
            self._assign(document, record)
        Document.objects.bulk_update([d for d, _ in changed], DOCUMENT_FIELDS, batch_size=BATCH)
        self.summary.updated["document"] += len(changed)
        return [(Written(d.pk, d.public_id), r) for d, r in changed]

    def _assign(self, document: Document, record: Record) -> None:
        repository = record.fields["repository"]
        repositories = self.keys.get(Repository, [repository] if repository else [])
        for name, value in _record_values(record, repositories).items():
            setattr(document, name, value)
        document.note_publication(timezone.now())
        document.updated_at = timezone.now()
        document.prepare()

    def _remember(
        self, written: list[tuple[Written, Record]], befores: dict[int, Any], replaced: set[int]
    ) -> None:
        for document, record in written:
            self.reindex.add(document.public_id)
            if record.fields["related"] or document.pk in replaced:
                self.related.append((document.pk, record.fields["related"]))
            # The incoming record is what the document now is: `same` relies on that too.
            after = {**record.as_json(), "id": document.public_id}
            self.history.add("document", document.public_id, befores.get(document.public_id), after)
        # Versions of documents are written batch by batch; authorities' at the end.
        self.history.flush(kinds=("document",))

    # Children of documents ---------------------------------------------------------------

    def _write_children(self, written: list[tuple[Written, Record]], replace: set[int]) -> None:
        if replace:
            DocumentText.objects.filter(document_id__in=replace).delete()
            DocumentPerson.objects.filter(document_id__in=replace).delete()
            Document.places.through.objects.filter(document_id__in=replace).delete()
            Document.subjects.through.objects.filter(document_id__in=replace).delete()
        insert_rows(
            DocumentText,
            ("document", "kind", "language", "body", "credit", "position"),
            (
                (d.pk, t["kind"], t["language"], t["body"], t["credit"], position)
                for d, r in written
                for position, t in enumerate(r.fields["texts"])
            ),
        )
        self._write_person_links(written)
        for field_name, tag in (("places", Place), ("subjects", Subject)):
            pks = self.keys.get(tag, (k for _, r in written for k in r.fields[field_name]))
            through = getattr(Document, field_name).through
            rows = ((d.pk, pks[k]) for d, r in written for k in r.fields[field_name])
            insert_rows(through, ("document", tag.__name__.lower()), rows)
        self._sync_memberships(written, replace)
        scans.sync_scans(written, self.base_dir)

    def _write_person_links(self, written: list[tuple[Written, Record]]) -> None:
        keys = (k for _, r in written for name in ROLE_FIELDS for k in r.fields[name])
        people = self.keys.get(Person, keys)
        rows = []
        for document, record in written:
            for name, role in ROLE_FIELDS.items():
                seen = set()
                for position, key in enumerate(record.fields[name]):
                    if people[key] not in seen:
                        seen.add(people[key])
                        rows.append((document.pk, people[key], role, position))
        insert_rows(DocumentPerson, ("document", "person", "role", "position"), rows)

    def _sync_memberships(self, written: list[tuple[Written, Record]], replace: set[int]) -> None:
        keys = {k for _, r in written for k in r.fields["collections"]}
        current: dict[int, dict[str, CollectionMembership]] = {}
        memberships = CollectionMembership.objects.filter(document_id__in=replace)
        for membership in memberships.select_related("collection") if replace else ():
            current.setdefault(membership.document_id, {})[membership.collection.key] = membership
            keys.add(membership.collection.key)
        if not keys:
            return
        collections = self._collections(keys)
        next_position = self.memberships.next_positions(collections)
        rows = []
        for document, record in written:
            have = current.get(document.pk, {})
            wanted = record.fields["collections"]
            for key, membership in have.items():
                if key not in wanted:
                    membership.delete()
                    self.memberships.forget(key)
            for key in wanted:
                if key not in have:
                    rows.append((collections[key].pk, document.pk, next_position[key]))
                    next_position[key] += 1
                    self.memberships.added.setdefault(key, []).append(record.key)
        insert_rows(CollectionMembership, ("collection", "document", "position"), rows)

    def _collections(self, keys: set[str]) -> dict[str, Collection]:
        """The collections of these keys, each read (and watched) once per file."""
        known = self.memberships.collections
        missing = [k for k in keys if k not in known]
        if missing:
            found = list(Collection.objects.filter(key__in=missing))
            # A collection's members (its curated order) are part of its history too.
            self.history.watch(found)
            known.update((c.key, c) for c in found)
        return {k: known[k] for k in keys if k in known}

    # After every document ------------------------------------------------------------------

    def _link_related(self) -> None:
        through = Document.related.through
        sources = [pk for pk, _ in self.related]
        for start in range(0, len(sources), 5000):
            through.objects.filter(from_document_id__in=sources[start : start + 5000]).delete()
        keys = {k for _, related in self.related for k in related}
        pks = dict(Document.objects.filter(key__in=keys).values_list("key", "pk"))
        rows = ((pk, pks[k]) for pk, related in self.related for k in related)
        insert_rows(through, ("from_document", "to_document"), rows)

    def _order_collections(self) -> None:
        for record in self.collections:
            if record.fields["order"]:
                _apply_order(record)

    def _settle_collection_orders(self) -> None:
        """A collection that only gained members now has its order before with them after it,
        as they were added: its history is given that rather than reading every member again
        (at a million documents, the largest cost of a file that grows with the archive)."""
        in_file = {record.key for record in self.collections}
        for key, collection in self.memberships.collections.items():
            if key in in_file or key in self.memberships.left:
                continue  # written or reordered by this file, or a member left: read it back
            self.history.settle(
                "collection",
                collection.public_id,
                partial(_joined, self.memberships.added.get(key, [])),
            )


def _joined(added: list[str], before: dict[str, Any]) -> dict[str, Any]:
    """A collection's snapshot after these documents joined it, from its snapshot before."""
    return {**before, "order": [*before["order"], *added]}


def _apply_order(record: Record) -> None:
    order = record.fields["order"]
    memberships = {
        m.document.key: m
        for m in CollectionMembership.objects.filter(collection__key=record.key)
        .select_related("document")
        .order_by("position", "id")
    }
    missing = [key for key in order if key not in memberships]
    if missing:
        message = (
            f"document '{missing[0]}' is listed in the order but does not name "
            "this collection in its 'collections'"
        )
        raise ImportFailed([ImportProblem(record.location, message, "order")])
    rest = [m for key, m in memberships.items() if key not in order]
    moved = []
    for position, membership in enumerate([memberships[k] for k in order] + rest):
        if membership.position != position:
            membership.position = position
            moved.append(membership)
    # Only the positions that change: a new volume arrives in order and moves none.
    CollectionMembership.objects.bulk_update(moved, ["position"], batch_size=BATCH)


# The columns a document takes from its record as they are (catalogue/fields.py), then those
# the writer works out: the date's bounds, the repository, the times and the slug.
SIMPLE_DOCUMENT_FIELDS = tuple(f.column for f in simple_fields("document") if f.column)
DOCUMENT_FIELDS = [
    *SIMPLE_DOCUMENT_FIELDS,
    "date_edtf",
    "date_earliest",
    "date_latest",
    "embargo_until",
    "repository",
    "published_at",
    "updated_at",
    "slug",
]


INSERTED_COLUMNS = [f.attname for f in Document._meta.concrete_fields if not f.primary_key]


def _record_values(record: Record, repositories: dict[str, int]) -> dict[str, Any]:
    """The columns a document takes from its record, when created and when updated alike."""
    values = record.fields
    row = {name: values[name] for name in SIMPLE_DOCUMENT_FIELDS}
    date = parse_date(values["date"], values["date_text"])
    row.update(
        date_edtf=date.edtf,
        date_earliest=date.earliest,
        date_latest=date.latest,
        embargo_until=dt.date.fromisoformat(values["embargo_until"])
        if values["embargo_until"]
        else None,
        repository_id=repositories.get(values["repository"]),
    )
    return row


def new_row(
    record: Record, public_id: int, repositories: dict[str, int], now: dt.datetime
) -> list[Any]:
    """A new document's INSERTED_COLUMNS: a Document set as `_assign` and `prepare` set one.
    (Building the row by hand, without the instance, saved 3.6% of the import at 10^5: put
    back, docs/performance.md.)"""
    document = Document(key=record.key, public_id=public_id, created_at=now, updated_at=now)
    for name, value in _record_values(record, repositories).items():
        setattr(document, name, value)
    document.note_publication(now)
    document.prepare()
    return [getattr(document, name) for name in INSERTED_COLUMNS]


class Memberships:
    """Collections a file's documents join, and the next free position in each: read once per
    file rather than once per batch (a collection per query cost more than the batch's rows)."""

    def __init__(self) -> None:
        self.collections: dict[str, Collection] = {}
        self.next: dict[str, int] = {}
        self.stale: set[str] = set()
        self.added: dict[str, list[str]] = {}  # keys of the documents added, in their order
        self.left: set[str] = set()  # collections a member left

    def next_positions(self, collections: dict[str, Collection]) -> dict[str, int]:
        """The next positions of these collections, to be moved on as members are added."""
        for key in self.stale:
            self.next.pop(key, None)
        self.stale.clear()
        missing = {c.pk: key for key, c in collections.items() if key not in self.next}
        if missing:
            last = dict(
                CollectionMembership.objects.filter(collection_id__in=missing)
                .order_by()
                .values("collection_id")
                .annotate(last=Max("position"))
                .values_list("collection_id", "last")
            )
            for pk, key in missing.items():
                self.next[key] = 0 if last.get(pk) is None else last[pk] + 1
        return self.next

    def forget(self, key: str) -> None:
        """A member left: its last position is read again next batch (it may have been that),
        and its order after this file is read back for its history."""
        self.stale.add(key)
        self.left.add(key)
