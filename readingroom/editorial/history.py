"""Keeping the history: every change to a record becomes a Version in a ChangeSet.

Two ways in:
- `VersionLog`: the caller says what each record was before and (or) after; versions are written
  as plain rows by `insert_rows` (executemany, not bulk_create) when it flushes. The importer's
  writer uses it for whole files.
- `Recorder`: watch records before an operation (an admin save, a merge), and the snapshots
  before and after are read from the database; `recording()` wraps an operation in one.

A record changed for the first time since history began gets a "baseline" version holding what
it was before, so the first change can be shown, compared and undone like any other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db.models import Max, Model

from readingroom.catalogue.rows import insert_rows

from .models import Action, ChangeSet, Source, Version
from .snapshots import Snapshot, changed_fields, record_type, snapshot, snapshots

BATCH = 1000
LOOKUP_CHUNK = 5000
FROM_DATABASE: Any = object()  # the "after" snapshot is read from the database at flush


@dataclass(frozen=True)
class Attribution:
    """Who changed records, how, and why."""

    source: str
    user: Any = None  # a User, or None for the command line
    note: str = ""
    origin: str = ""

    @classmethod
    def for_import(cls, path: object, user: Any = None) -> Attribution:
        return cls(Source.IMPORT, user=user, origin=str(path))


class VersionLog:
    """The versions of one act, written together under one ChangeSet."""

    def __init__(self, attribution: Attribution) -> None:
        self.attribution = attribution
        self.changeset: ChangeSet | None = None
        self._entries: dict[tuple[str, int], list[Any]] = {}
        self._unversioned: set[tuple[str, int]] = set()

    def first_versions(self, kind: str, public_ids: Iterable[int]) -> None:
        """Records with ids the archive has just handed out (never given before, never given
        again): they have no versions yet, so flush need not look for their last number. (An
        import of 10^5 new documents asked 200 times, and PostgreSQL, its statistics not yet
        counting the rows the import is writing, read the table through each time.)"""
        self._unversioned.update((kind, public_id) for public_id in public_ids)

    def add(self, kind: str, public_id: int, before: Snapshot | None, after: Any) -> None:
        """A record went from `before` (None: did not exist) to `after` (None: deleted;
        FROM_DATABASE: as the database will have it at flush). Repeats keep the first before."""
        entry = self._entries.setdefault((kind, public_id), [before, after])
        entry[1] = after

    def has(self, kind: str, public_id: int) -> bool:
        return (kind, public_id) in self._entries

    def watch(self, records: Iterable[Model]) -> None:
        """Records this act may change, as they are now (each read once per act)."""
        for record in records:
            kind, public_id = record_type(record), record.public_id  # type: ignore[attr-defined]
            if not self.has(kind, public_id):
                self.add(kind, public_id, snapshot(record), FROM_DATABASE)

    def settle(self, kind: str, public_id: int, change: Callable[[Snapshot], Snapshot]) -> None:
        """A watched record whose change the caller knows: its snapshot after is `change` of
        its snapshot before, rather than read back from the database at flush."""
        entry = self._entries.get((kind, public_id))
        if entry is not None and entry[0] is not None and entry[1] is FROM_DATABASE:
            entry[1] = change(entry[0])

    def add_record(self, record: Model, before: Snapshot | None) -> None:
        """A record object that changed (or was created, with before=None)."""
        self.add(record_type(record), record.public_id, before, FROM_DATABASE)  # type: ignore[attr-defined]

    def flush(self, kinds: tuple[str, ...] | None = None) -> int:
        """Write the versions of every real change added since the last flush (only of these
        kinds of record, if given: a long import writes documents batch by batch)."""
        if kinds is not None:
            held = {k: v for k, v in self._entries.items() if k[0] not in kinds}
            self._entries = {k: v for k, v in self._entries.items() if k[0] in kinds}
        else:
            held = {}
        entries = self._resolve()
        self._entries = held
        changes = [(k, i, b, a) for (k, i), (b, a) in entries.items() if b != a]
        if not changes:
            return 0
        changeset = self._changeset()
        latest = _latest_numbers(
            (k, i) for k, i, _, _ in changes if (k, i) not in self._unversioned
        )
        rows: list[tuple[Any, ...]] = []
        for kind, public_id, before, after in changes:
            number = latest.get((kind, public_id), 0)
            if number == 0 and before is not None:
                number = 1
                rows.append(_baseline(kind, public_id, before, changeset))
            number += 1
            rows.append(_version(kind, public_id, number, before, after, changeset))
        return insert_rows(Version, VERSION_COLUMNS, rows)

    def _resolve(self) -> dict[tuple[str, int], list[Any]]:
        wanted: dict[str, list[int]] = {}
        for (kind, public_id), (_, after) in self._entries.items():
            if after is FROM_DATABASE:
                wanted.setdefault(kind, []).append(public_id)
        for kind, ids in wanted.items():
            found = snapshots(kind, ids)
            for public_id in ids:
                self._entries[(kind, public_id)][1] = found.get(public_id)
        return self._entries

    def _changeset(self) -> ChangeSet:
        if self.changeset is None:
            who = self.attribution
            self.changeset = ChangeSet.objects.create(
                source=who.source,
                user=who.user if who.user is not None and who.user.is_authenticated else None,
                note=who.note,
                origin=who.origin[:500],
            )
        return self.changeset


# Versions are written as rows in this order: an import writes one per record, and a Version
# instance each cost more than its INSERT.
VERSION_COLUMNS = (
    "changeset",
    "record_type",
    "public_id",
    "number",
    "action",
    "created_at",
    "snapshot",
    "changed_fields",
)


def _latest_numbers(keys: Iterable[tuple[str, int]]) -> dict[tuple[str, int], int]:
    by_kind: dict[str, list[int]] = {}
    for kind, public_id in keys:
        by_kind.setdefault(kind, []).append(public_id)
    latest: dict[tuple[str, int], int] = {}
    for kind, ids in by_kind.items():
        for start in range(0, len(ids), LOOKUP_CHUNK):
            rows = (
                Version.objects.filter(
                    record_type=kind, public_id__in=ids[start : start + LOOKUP_CHUNK]
                )
                .values("public_id")
                .annotate(last=Max("number"))
            )
            latest.update({(kind, row["public_id"]): row["last"] for row in rows})
    return latest


def _baseline(kind: str, public_id: int, before: Snapshot, changeset: ChangeSet) -> tuple[Any, ...]:
    """What a record was when history first saw it (made before history was kept)."""
    created_at = changeset.created_at - dt.timedelta(microseconds=1)
    return (None, kind, public_id, 1, Action.BASELINE, created_at, before, [])


def _version(
    kind: str,
    public_id: int,
    number: int,
    before: Snapshot | None,
    after: Snapshot | None,
    changeset: ChangeSet,
) -> tuple[Any, ...]:
    fields: list[str] = []
    if after is None:
        action = Action.DELETED
    elif before is None:
        action = Action.CREATED
    else:
        action, fields = Action.CHANGED, changed_fields(before, after)
    return (
        changeset.pk,
        kind,
        public_id,
        number,
        action,
        changeset.created_at,
        after or {},
        fields,
    )


class Recorder:
    """Watches records around an operation and records what the operation changed."""

    def __init__(self, attribution: Attribution) -> None:
        self.log = VersionLog(attribution)

    def watch(self, kind: str, public_ids: Iterable[int]) -> None:
        """Remember these records as they are now (before the operation changes them)."""
        ids = [i for i in set(public_ids) if not self.log.has(kind, i)]
        found = snapshots(kind, ids) if ids else {}
        for public_id in ids:
            self.log.add(kind, public_id, found.get(public_id), FROM_DATABASE)

    def watch_records(self, records: Iterable[Model]) -> None:
        by_kind: dict[str, list[int]] = {}
        for record in records:
            by_kind.setdefault(record_type(record), []).append(record.public_id)  # type: ignore[attr-defined]
        for kind, ids in by_kind.items():
            self.watch(kind, ids)

    def created(self, record: Model) -> None:
        """A record the operation created (it had no before)."""
        self.log.add_record(record, None)

    def finish(self) -> int:
        return self.log.flush()


@contextmanager
def recording(attribution: Attribution) -> Iterator[Recorder]:
    """`with recording(who) as recorder: recorder.watch(...); change things` records the
    changes when the block ends without an exception (call inside the changing transaction)."""
    recorder = Recorder(attribution)
    yield recorder
    recorder.finish()


def versions_of(kind: str, public_id: int) -> list[Version]:
    return list(
        Version.objects.filter(record_type=kind, public_id=public_id)
        .select_related("changeset__user")
        .order_by("number")
    )
