"""Checking a file's references: every key a record names must exist, in the file or the
archive, and no key may appear twice in one file."""

from __future__ import annotations

from collections import defaultdict

from readingroom.catalogue.models import Person

from .canonical import REFERENCES, ROLE_FIELDS, Record
from .problems import ImportProblem
from .writer import MODELS


def check_file(records: list[Record]) -> list[ImportProblem]:
    problems = _duplicates(records)
    known = _known_keys(records)
    for record in records:
        for field_name, types in REFERENCES.get(record.type, {}).items():
            value = record.fields.get(field_name)
            keys = value if isinstance(value, list) else [value] if value else []
            for key in keys:
                if not any(key in known[t] for t in types):
                    what = " or ".join(types)
                    problems.append(
                        ImportProblem(record.location, f"no {what} has the key '{key}'", field_name)
                    )
    return problems


def _duplicates(records: list[Record]) -> list[ImportProblem]:
    first_seen: dict[tuple[str, str], Record] = {}
    problems = []
    for record in records:
        kind = "person" if record.type == "organization" else record.type
        earlier = first_seen.setdefault((kind, record.key), record)
        if earlier is not record:
            where = f"line {earlier.location.line}" if earlier.location.line else "earlier"
            problems.append(
                ImportProblem(
                    record.location,
                    f"the key '{record.key}' is used twice (first at {where})",
                    "key",
                )
            )
    return problems


def _known_keys(records: list[Record]) -> dict[str, set[str]]:
    """Keys each reference could name: those in this file plus those already in the archive."""
    known: dict[str, set[str]] = defaultdict(set)
    wanted: dict[str, set[str]] = defaultdict(set)
    for record in records:
        known[record.type].add(record.key)
        for field_name, types in REFERENCES.get(record.type, {}).items():
            value = record.fields.get(field_name)
            for key in value if isinstance(value, list) else [value] if value else []:
                for record_type in types:
                    wanted[record_type].add(key)
    for record_type, keys in wanted.items():
        missing = list(keys - known[record_type])
        model = MODELS[record_type]
        queryset = model.objects.filter(key__in=missing)
        if model is Person:
            queryset = queryset.filter(kind=record_type)
        for start in range(0, len(missing), 5000):
            chunk = missing[start : start + 5000]
            known[record_type].update(queryset.filter(key__in=chunk).values_list("key", flat=True))
    return known


def resolve_merged_people(records: list[Record]) -> None:
    """Documents that name a merged person are read as naming the person it was merged into."""
    keys = {k for r in records if r.type == "document" for f in ROLE_FIELDS for k in r.fields[f]}
    merged = dict(
        Person.objects.filter(key__in=keys, merged_into__isnull=False).values_list(
            "key", "merged_into__key"
        )
    )
    if not merged:
        return
    for record in records:
        if record.type != "document":
            continue
        for field_name in ROLE_FIELDS:
            resolved = [merged.get(k, k) for k in record.fields[field_name]]
            record.fields[field_name] = list(dict.fromkeys(resolved))
