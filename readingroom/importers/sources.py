"""Imports and editors share records without stepping on each other.

What a record's source last said is known field by field: from its last imported version in
the history, which holds the file's values whenever the import took them all; and, where an
import kept an editor's value instead, from the fingerprints of the file's values written down
then (`SourceRecord`). When a file is imported again, a field whose value differs from the
archive's is settled by who changed it since that last import:

- only the source changed it: the file's value is taken;
- only an editor changed it (the file still says what it said): the editor's value stays;
- both changed it: the editor's value stays and the import reports a conflict (file, line,
  record, field, both values, who edited and when), unless the import was asked to prefer the
  source (`import --prefer-source`), when the file's value is taken and recorded in the history
  as the import's change.

A first import writes nothing more than the record and its version (the import's speed is
kept). A record no import ever wrote (made in the admin, then named by a file) has no source:
every field where the file differs is a conflict.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from readingroom.editorial.history import versions_of
from readingroom.editorial.models import Source, Version
from readingroom.interchange.canonical import Record
from readingroom.interchange.problems import Location

from .models import SourceRecord

NOT_COMPARED = ("id",)  # public ids are checked on their own (never change)
SHOWN = 60  # characters of a value quoted in a conflict


def fingerprint(value: Any) -> str:
    """A short, stable digest of a canonical value. A string (most fields) is hashed as it is, a
    list of strings (keys, codes) joined by NUL (which no canonical text holds), anything else
    as JSON with sorted keys: encoding every field as JSON took a seventh of the import's time
    per document."""
    if isinstance(value, str):
        text = value
    elif isinstance(value, list) and all(isinstance(item, str) for item in value):
        text = "\x00" + "\x00".join(value)
    else:
        text = json.dumps(value, sort_keys=True)
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


@dataclass(frozen=True)
class Conflict:
    """A field both the source and an editor changed since the last import."""

    location: Location
    field: str
    editor_value: Any
    source_value: Any
    edited_by: str
    edited_at: str
    took_source: bool = False

    def __str__(self) -> str:
        outcome = "took the file's value" if self.took_source else "kept the editor's value"
        return (
            f"{self.location}, field '{self.field}': changed by {self.edited_by} "
            f"({self.edited_at}) and in the file; {outcome}. Editor: {_shown(self.editor_value)}; "
            f"file: {_shown(self.source_value)}"
        )


@dataclass
class SourceLedger:
    """What the sources last said, for one import; collects its conflicts."""

    prefer_source: bool = False
    conflicts: list[Conflict] = field(default_factory=list)
    _known: dict[tuple[str, str], SourceRecord] = field(default_factory=dict)
    _kept: set[tuple[str, str]] = field(default_factory=set)  # records written with editor values

    def load(self, record_type: str, keys: list[str]) -> None:
        found = SourceRecord.objects.filter(record_type=record_type, key__in=keys)
        self._known.update({(record_type, s.key): s for s in found})

    def reconcile(self, current: dict[str, Any], record: Record) -> Record:
        """The record to write over `current` (the archive's canonical record): the file's
        values where the source changed them, the editor's where only an editor did."""
        last = self._last_said(record.type, current)
        fields = dict(record.fields)
        for name, value in record.fields.items():
            now = current.get(name)
            if name in NOT_COMPARED or value == now:
                continue
            said = last.get(name) if last is not None else None
            if said is not None and fingerprint(now) == said:
                continue  # the editor left it as the source said: take the file's value
            if said is not None and fingerprint(value) == said:
                fields[name] = now  # only the editor changed it
                continue
            self.conflicts.append(self._conflict(record, current, name))
            if not self.prefer_source:
                fields[name] = now
        if fields != record.fields:
            self._kept.add((record.type, record.key))
        return Record(record.type, record.key, fields, record.location, record.problems)

    def remember(self, records: list[Record]) -> None:
        """The file's values become what the source last said. Where the archive now holds
        them all (a new record, or one the file changed and no editor had), its imported
        version in the history says so and no row is kept; where an editor's value was kept,
        the file's values are written down here."""
        now = timezone.now()
        new, changed, settled = [], [], []
        for record in records:
            known = self._known.get((record.type, record.key))
            if (record.type, record.key) not in self._kept:
                if known is not None and known.pk is not None:
                    settled.append(known.pk)
                    del self._known[(record.type, record.key)]
                continue
            if known is None:
                known = SourceRecord(record_type=record.type, key=record.key)
                self._known[(record.type, record.key)] = known
                new.append(known)
            else:
                changed.append(known)
            known.file, known.line = record.location.file[:500], record.location.line
            known.fingerprints, known.imported_at = _fingerprints(record), now
        SourceRecord.objects.filter(pk__in=settled).delete()
        SourceRecord.objects.bulk_create(new, batch_size=500)
        columns = ["file", "line", "fingerprints", "imported_at"]
        SourceRecord.objects.bulk_update(changed, columns, batch_size=500)

    def _last_said(self, record_type: str, current: dict[str, Any]) -> dict[str, str] | None:
        known = self._known.get((record_type, current["key"]))
        if known is not None:
            return dict(known.fingerprints)
        imported = [v for v in _versions(record_type, current) if _by_import(v)]
        if not imported:
            return None
        return {name: fingerprint(value) for name, value in imported[-1].snapshot.items()}

    def _conflict(self, record: Record, current: dict[str, Any], name: str) -> Conflict:
        edits = [v for v in _versions(record.type, current) if not _by_import(v)]
        edit = next((v for v in reversed(edits) if name in v.changed_fields), None)
        who, when = _editor(edit or (edits[-1] if edits else None))
        where = Location(record.location.file, record.location.line, record.key)
        value = record.fields[name]
        return Conflict(where, name, current.get(name), value, who, when, self.prefer_source)


def _fingerprints(record: Record) -> dict[str, str]:
    return {n: fingerprint(v) for n, v in record.fields.items() if n not in NOT_COMPARED}


def _versions(record_type: str, current: dict[str, Any]) -> list[Version]:
    kind = "person" if record_type == "organization" else record_type
    return versions_of(kind, current["id"]) if current.get("id") is not None else []


def _editor(edit: Version | None) -> tuple[str, str]:
    """Who made an edit, and when."""
    if edit is None or edit.changeset is None:
        return "an editor", "date unknown"
    changeset = edit.changeset
    who = changeset.user.get_username() if changeset.user else changeset.get_source_display()
    return who, f"{timezone.localtime(edit.created_at):%Y-%m-%d %H:%M}"


def _by_import(version: Version) -> bool:
    return version.changeset is not None and version.changeset.source == Source.IMPORT


def _shown(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"
