"""The canonical record: one JSON object per record, as in docs/formats.md.

Every importer turns its input into these dicts and every exporter writes them, so the rules for
what a valid record is live here and only here. `normalize` fills defaults and checks each
field, so two records that mean the same thing compare equal (which makes imports idempotent).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from readingroom.catalogue.dates import InvalidDate, parse_date
from readingroom.catalogue.fields import RECORD_TYPES, RECORDS
from readingroom.catalogue.models import (
    AgentKind,
    AttachmentKind,
    Status,
    TextKind,
    VariantKind,
)
from readingroom.catalogue.text import UNDETERMINED, UNWRITABLE, normalized, unwritable

from .limits import too_long
from .problems import ImportProblem, Location

LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


class FieldError(ValueError):
    """A field's value is wrong; the message says what is accepted."""


Rule = Callable[[Any], Any]


def text(value: Any) -> str:
    """A string as the archive keeps it (catalogue/text.py: line breaks, NFC, trimmed), or
    refused when it holds a character no page or format can carry."""
    if type(value) is str and not UNWRITABLE.search(value):  # the usual case first
        return normalized(value)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise FieldError(f"must be a string, not {type(value).__name__}")
    problem = unwritable(value)
    if problem:
        raise FieldError(problem)
    return normalized(str(value))


def required_text(value: Any) -> str:
    result = text(value)
    if not result:
        raise FieldError("is required and must not be empty")
    return result


def text_list(value: Any) -> list[str]:
    if value is None or value == []:
        return []
    if not isinstance(value, list):
        raise FieldError("must be a list of strings")
    items = [text(item) for item in value]
    return [item for item in items if item]


def key_list(value: Any) -> list[str]:
    """Ordered references (authors, recipients, people): in order, each key once, as stored."""
    return list(dict.fromkeys(text_list(value)))


def key_set(value: Any) -> list[str]:
    """Unordered references (places, subjects, collections, related): sorted, no repeats."""
    return sorted(set(text_list(value)))


def optional_int(value: Any) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise FieldError("must be a positive whole number")
    return value


def optional_float(value: Any) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise FieldError("must be a number")
    return float(value)


def boolean(value: Any) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        raise FieldError("must be true or false")
    return value


def edtf_value(value: Any) -> str:
    """An EDTF string, or 'undated' (also for an empty or missing date)."""
    raw = text(value)
    try:
        date = parse_date(raw)
    except InvalidDate as error:
        raise FieldError(str(error)) from error
    return date.edtf or "undated"


def iso_day(value: Any) -> str:
    raw = text(value)
    if not raw:
        return ""
    try:
        return dt.date.fromisoformat(raw).isoformat()
    except ValueError as error:
        raise FieldError(f"'{raw}' is not a day in the form YYYY-MM-DD") from error


def choice(*values: str, default: str = "") -> Rule:
    def rule(value: Any) -> str:
        raw = text(value) or default
        if raw not in values:
            raise FieldError(f"'{raw}' is not one of: {', '.join(values)}")
        return raw

    return rule


def language_list(value: Any) -> list[str]:
    return [language_code(item) for item in text_list(value)]


def language_code(value: Any) -> str:
    raw = required_text(value)
    if not LANGUAGE.match(raw):
        raise FieldError(f"'{raw}' is not an ISO 639 language code such as en, ru or zh")
    return raw


def optional_language(value: Any) -> str:
    """A text's language; left out or empty, "und" (undetermined: search detects it)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return UNDETERMINED
    return language_code(value)


def objects(rules: dict[str, Rule], what: str) -> Rule:
    """A list of small objects (variants, texts, scans), each checked field by field."""

    def rule(value: Any) -> list[dict[str, Any]]:
        if value is None:
            return []
        if not isinstance(value, list):
            raise FieldError(f"must be a list of {what}")
        result = []
        for number, item in enumerate(value, start=1):
            if not isinstance(item, dict):
                raise FieldError(f"item {number} must be an object ({what})")
            unknown = sorted(set(item) - set(rules))
            if unknown:
                raise FieldError(f"item {number} has unknown field '{unknown[0]}'")
            normalized = {}
            for name, item_rule in rules.items():
                try:
                    normalized[name] = item_rule(item.get(name))
                except FieldError as error:
                    raise FieldError(f"item {number}, '{name}' {error}") from error
            result.append(normalized)
        return result

    return rule


VARIANTS = objects(
    {"name": required_text, "kind": choice(*VariantKind.values, default=VariantKind.ALTERNATE)},
    "variants",
)
TEXTS = objects(
    {
        "kind": choice(*TextKind.values, default=TextKind.TRANSLATION),
        "language": optional_language,
        "body": required_text,
        "credit": text,
    },
    "texts",
)
SCANS = objects(
    {
        "file": required_text,
        "kind": choice(*AttachmentKind.values, default=AttachmentKind.IMAGE),
        "label": required_text,
    },
    "scans",
)

# The rules by the names the declaration (catalogue/fields.py) gives them.
RULES: dict[str, Rule] = {
    "id": optional_int,
    "text": text,
    "required_text": required_text,
    "text_list": text_list,
    "key_list": key_list,
    "key_set": key_set,
    "edtf": edtf_value,
    "day": iso_day,
    "status": choice(*Status.values, default=Status.DRAFT),
    "languages": language_list,
    "number": optional_float,
    "boolean": boolean,
    "variants": VARIANTS,
    "texts": TEXTS,
    "scans": SCANS,
}
SCHEMA: dict[str, dict[str, Rule]] = {
    record_type: {f.name: RULES[f.rule] for f in declared}
    for record_type, declared in RECORDS.items()
}

KNOWN_FIELDS = {name: {"type", "key", *rules} for name, rules in SCHEMA.items()}

# Which record type each reference field points at (checked after the whole file is read).
REFERENCES: dict[str, dict[str, tuple[str, ...]]] = {
    "subject": {"broader": ("subject",)},
    "collection": {"order": ("document",)},
    "document": {
        "authors": ("person", "organization"),
        "recipients": ("person", "organization"),
        "people": ("person", "organization"),
        "places": ("place",),
        "subjects": ("subject",),
        "collections": ("collection",),
        "repository": ("repository",),
        "related": ("document",),
    },
}


@dataclass
class Record:
    """A checked canonical record and where it came from."""

    type: str
    key: str
    fields: dict[str, Any]
    location: Location
    problems: list[ImportProblem] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"type": self.type, "key": self.key, **self.fields}


def normalize(raw: Any, location: Location, default_status: str = Status.DRAFT) -> Record:
    """Check one raw record; problems are collected on the record rather than raised."""
    if not isinstance(raw, dict):
        problem = ImportProblem(location, "a record must be a JSON object")
        return Record("", "", {}, location, [problem])
    record_type = raw.get("type")
    key = raw.get("key")
    where = Location(location.file, location.line, key if isinstance(key, str) else None)
    problems: list[ImportProblem] = []
    if record_type not in SCHEMA:
        allowed = ", ".join(RECORD_TYPES)
        problems.append(ImportProblem(where, f"'type' must be one of: {allowed}", "type"))
        return Record(str(record_type), str(key or ""), {}, where, problems)
    if not isinstance(key, str) or not key.strip():
        problems.append(ImportProblem(where, "every record needs a non-empty string 'key'", "key"))
        key = ""
    rules = SCHEMA[record_type]
    for name in sorted(raw.keys() - KNOWN_FIELDS[record_type]):
        problems.append(ImportProblem(where, f"unknown field for a {record_type}", name))
    fields: dict[str, Any] = {}
    for name, rule in rules.items():
        value = raw.get(name)
        if name == "status" and value is None:
            value = default_status
        try:
            fields[name] = rule(value)
        except FieldError as error:
            problems.append(ImportProblem(where, f"{error}", name))
    problems.extend(too_long(record_type, {"key": key.strip(), **fields}, where))
    if record_type == "document" and not problems:
        problems.extend(_document_rules(fields, where))
    if record_type in ("person", "organization") and not fields.get("sort_name"):
        fields["sort_name"] = fields.get("name", "")
    return Record(record_type, key.strip(), fields, where, problems)


def _document_rules(fields: dict[str, Any], where: Location) -> list[ImportProblem]:
    problems = []
    if fields["status"] == Status.EMBARGOED and not fields["embargo_until"]:
        problems.append(
            ImportProblem(where, "an embargoed document needs a release day", "embargo_until")
        )
    if fields["status"] == Status.WITHDRAWN and not fields["withdrawn_reason"]:
        problems.append(
            ImportProblem(where, "a withdrawn document needs a reason", "withdrawn_reason")
        )
    return problems


def authority_kind(record_type: str) -> str:
    """'person' and 'organization' are both stored as people, with a kind."""
    return AgentKind.ORGANIZATION if record_type == "organization" else AgentKind.PERSON
