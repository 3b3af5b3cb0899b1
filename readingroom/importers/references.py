"""Checking a file's references: every key a record names must exist, in the file or the
archive, and no key may appear twice in one file. `FileCheck` reads records one at a time, so a
file of a million documents is checked holding only keys, not records."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet

from readingroom.catalogue.fields import ROLE_FIELDS
from readingroom.catalogue.models import TYPE_MODELS, Person
from readingroom.interchange.canonical import REFERENCES, Record
from readingroom.interchange.problems import ImportProblem, Location

LOOKUP_CHUNK = 5000


@dataclass
class Reference:
    """The first place a file names a key, and how often it does."""

    location: Location
    field: str
    uses: int = 1


@dataclass
class FileCheck:
    """Pass one over a file: record problems, duplicate keys and unknown references."""

    problems: list[ImportProblem] = field(default_factory=list)
    authorities: list[Record] = field(default_factory=list)  # kept: they are written first
    records: int = 0
    _seen: dict[tuple[str, str], Location] = field(default_factory=dict)
    _keys: dict[str, set[str]] = field(default_factory=dict)
    _references: dict[tuple[str, ...], dict[str, Reference]] = field(default_factory=dict)

    def add(self, record: Record) -> None:
        self.records += 1
        self.problems.extend(record.problems)
        if not record.type:
            return
        self._check_duplicate(record)
        self._keys.setdefault(record.type, set()).add(record.key)
        if record.type != "document":
            self.authorities.append(record)
        for field_name, types in REFERENCES.get(record.type, {}).items():
            named = self._references.setdefault(types, {})
            for key in _keys_in(record.fields.get(field_name)):
                if key in named:
                    named[key].uses += 1
                else:
                    named[key] = Reference(record.location, field_name)

    def _check_duplicate(self, record: Record) -> None:
        kind = "person" if record.type == "organization" else record.type
        first = self._seen.setdefault((kind, record.key), record.location)
        if first is not record.location:
            where = f"line {first.line}" if first.line else "earlier"
            message = f"the key '{record.key}' is used twice (first at {where})"
            self.problems.append(ImportProblem(record.location, message, "key"))

    def finish(self) -> list[ImportProblem]:
        """Every problem found, references checked against the file and the archive."""
        for types, named in self._references.items():
            known = self._known(types, named.keys())
            for key, reference in named.items():
                if key not in known:
                    self.problems.append(_unknown(key, types, reference))
        return sorted(self.problems, key=lambda p: p.location.line or 0)

    def _known(self, types: tuple[str, ...], keys: Iterable[str]) -> set[str]:
        in_file = set().union(*(self._keys.get(t, set()) for t in types))
        missing = [k for k in keys if k not in in_file]
        known = set(in_file)
        for record_type in types:
            queryset: QuerySet[Any] = TYPE_MODELS[record_type]._default_manager.all()
            if TYPE_MODELS[record_type] is Person:
                queryset = queryset.filter(kind=record_type)
            for start in range(0, len(missing), LOOKUP_CHUNK):
                chunk = missing[start : start + LOOKUP_CHUNK]
                known.update(queryset.filter(key__in=chunk).values_list("key", flat=True))
        return known


def _keys_in(value: object) -> list[str]:
    if isinstance(value, list):
        return value
    return [value] if isinstance(value, str) and value else []


def _unknown(key: str, types: tuple[str, ...], reference: Reference) -> ImportProblem:
    message = f"no {' or '.join(types)} has the key '{key}'"
    if reference.uses > 1:
        message += f" (named {reference.uses} times; this is the first)"
    return ImportProblem(reference.location, message, reference.field)


def check_file(records: list[Record]) -> list[ImportProblem]:
    """All problems of records held in memory (one record restored, a small file)."""
    check = FileCheck()
    for record in records:
        check.add(record)
    return check.finish()


def merged_people(keys: Iterable[str] | None = None) -> dict[str, str]:
    """Key of a merged person -> key of the person it was merged into (of these keys, or all:
    an import reads them once rather than looking up each batch's thousands of names)."""
    people = Person.objects.filter(merged_into__isnull=False)
    if keys is not None:
        people = people.filter(key__in=keys)
    return dict(people.values_list("key", "merged_into__key"))


def resolve_merged_people(records: list[Record], merged: dict[str, str] | None = None) -> None:
    """Documents that name a merged person are read as naming the person it was merged into
    (`merged`: from `merged_people()`, when the caller has read them already)."""
    if merged is None:
        fields = ROLE_FIELDS
        merged = merged_people(
            {k for r in records if r.type == "document" for f in fields for k in r.fields[f]}
        )
    if not merged:
        return
    for record in records:
        if record.type != "document":
            continue
        for field_name in ROLE_FIELDS:
            resolved = [merged.get(k, k) for k in record.fields[field_name]]
            record.fields[field_name] = list(dict.fromkeys(resolved))
