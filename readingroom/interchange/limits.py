"""Field lengths: a value longer than its database column is an import error naming the field.

PostgreSQL refuses such a value while writing, with an error that names no line or field and
aborts the whole import with a traceback; SQLite stores it silently, so the same file would
behave differently on the two databases. The limits are read from the models, so they cannot
drift from the schema.
"""

from __future__ import annotations

import functools
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models

from readingroom.catalogue.models import (
    TYPE_MODELS,
    Attachment,
    DocumentText,
    PersonVariant,
)

from .problems import ImportProblem, Location

COLUMNS = {"dates": "dates_edtf", "date": "date_edtf", "file": "source"}
# List fields of small objects: the model that stores them.
ITEMS: dict[str, type[models.Model]] = {
    "variants": PersonVariant,
    "texts": DocumentText,
    "scans": Attachment,
}


def max_length(model: type[models.Model], name: str) -> int | None:
    try:
        field = model._meta.get_field(COLUMNS.get(name, name))
    except FieldDoesNotExist:
        return None
    return field.max_length if isinstance(field, models.CharField) else None


@functools.cache
def limits(record_type: str) -> dict[str, int]:
    model = TYPE_MODELS[record_type]
    names = ("key", *(f.name for f in model._meta.get_fields()), *COLUMNS)
    found = {name: max_length(model, name) for name in names}
    return {name: length for name, length in found.items() if length}


@functools.cache
def item_limits(model: type[models.Model]) -> dict[str, int | None]:
    """Lengths of the columns that store small objects' parts (a text's language, a scan's
    file), looked up once: every document has a few such objects."""
    names = (*(f.name for f in model._meta.get_fields()), *COLUMNS)
    return {name: max_length(model, name) for name in names}


def too_long(record_type: str, fields: dict[str, Any], where: Location) -> list[ImportProblem]:
    """Problems for the values of a normalized record that are longer than their columns."""
    problems = []
    columns = limits(record_type)
    for name, value in fields.items():
        if isinstance(value, str):
            limit = columns.get(name)
            if limit and len(value) > limit:
                problems.append(_problem(where, name, len(value), limit))
        elif name in ITEMS and isinstance(value, list):
            problems.extend(_items_too_long(ITEMS[name], name, value, where))
    return problems


def _items_too_long(
    model: type[models.Model], name: str, items: list[dict[str, Any]], where: Location
) -> list[ImportProblem]:
    problems = []
    columns = item_limits(model)
    for number, item in enumerate(items, start=1):
        for part, value in item.items():
            limit = columns.get(part)
            if isinstance(value, str) and limit and len(value) > limit:
                problems.append(
                    _problem(where, name, len(value), limit, f"item {number}, '{part}' ")
                )
    return problems


def _problem(where: Location, name: str, length: int, limit: int, part: str = "") -> ImportProblem:
    return ImportProblem(
        where, f"{part}is {length} characters long; at most {limit} are allowed", name
    )
