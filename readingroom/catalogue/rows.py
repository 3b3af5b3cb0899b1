"""Plain INSERTs for the many rows of a large import.

Django's bulk_create spends most of a big import in per-object, per-field machinery; rows
written here are tuples of plain values, and only the columns that need a database form (JSON,
dates, times) go through the backend's adapters (times and lists of strings: each distinct value
of a write once). executemany then writes them about four times faster on SQLite; PostgreSQL
takes them by COPY.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from itertools import islice
from typing import Any

from django.db import connection
from django.db.models import Field, Model

CHUNK = 2000


def insert_rows(model: type[Model], columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """INSERT the rows (values in the order of `columns`, model field names); returns the count."""
    fields = [_field(model, name) for name in columns]
    quote = connection.ops.quote_name
    names = ", ".join(quote(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({names}) VALUES ({marks})"  # noqa: S608
    converters = _converters(fields)
    if connection.vendor == "postgresql":
        return _copy_rows(quote(model._meta.db_table), names, converters, rows)
    count = 0
    iterator = iter(rows)
    with connection.cursor() as cursor:
        while chunk := list(islice(iterator, CHUNK)):
            if converters:
                chunk = [_convert(row, converters) for row in chunk]
            cursor.executemany(sql, chunk)
            count += len(chunk)
    return count


def _copy_rows(
    table: str,
    names: str,
    converters: list[tuple[int, Callable[[Any], Any]]],
    rows: Iterable[Sequence[Any]],
) -> int:
    """PostgreSQL: the rows by COPY, which the server takes in one stream instead of parsing
    and planning an INSERT a row (Django's cursors bind values client-side, so each INSERT is
    new text to the server). Its errors are Django's, as an INSERT's would be."""
    count = 0
    statement = f"COPY {table} ({names}) FROM STDIN"
    with (
        connection.cursor() as cursor,
        connection.wrap_database_errors,
        cursor.cursor.copy(statement) as copy,
    ):
        for row in rows:
            copy.write_row(_convert(row, converters) if converters else row)
            count += 1
    return count


def _field(model: type[Model], name: str) -> Field[Any, Any]:
    field = model._meta.get_field(name)
    if not isinstance(field, Field) or not field.column:
        raise ValueError(f"{model.__name__}.{name} is not a column")
    return field


def _converters(fields: list[Field[Any, Any]]) -> list[tuple[int, Callable[[Any], Any]]]:
    """The database form of JSON and dates, by the backend's own adapters (the field's full
    get_db_prep_save path costs several times more per value)."""
    ops = connection.ops
    converters: list[tuple[int, Callable[[Any], Any]]] = []
    for index, field in enumerate(fields):
        kind = field.get_internal_type()
        if kind == "JSONField":
            converters.append((index, _json_converter(field)))
        elif kind == "DateField":
            converters.append((index, ops.adapt_datefield_value))
        elif kind == "DateTimeField":
            converters.append((index, _datetime_converter(field)))
    return converters


def _json_converter(field: Field[Any, Any]) -> Callable[[Any], Any]:
    """The backend's JSON adapter, each distinct list of strings once: languages, credits and
    funders repeat from document to document (and most lists are empty)."""
    adapt = partial(connection.ops.adapt_json_value, encoder=field.encoder)  # type: ignore[attr-defined]
    seen: dict[tuple[str, ...], Any] = {}

    def convert(value: Any) -> Any:
        if type(value) is not list or not all(type(item) is str for item in value):
            return adapt(value)
        key = tuple(value)
        if key not in seen:
            seen[key] = adapt(list(key))  # a list of its own: an adapter may keep it till execute
        return seen[key]

    return convert


def _datetime_converter(field: Field[Any, Any]) -> Callable[[Any], Any]:
    """An aware datetime goes straight to the backend's adapter (all that get_db_prep_save does
    with one), each distinct value once: rows of one write often share their time."""
    adapt = connection.ops.adapt_datetimefield_value
    prepare = partial(field.get_db_prep_save, connection=connection)
    seen: dict[dt.datetime, Any] = {}

    def convert(value: Any) -> Any:
        if type(value) is not dt.datetime or value.tzinfo is None:
            return prepare(value)  # None, naive or not a datetime: the field's full path
        if value not in seen:
            seen[value] = adapt(value)
        return seen[value]

    return convert


def _convert(row: Sequence[Any], converters: list[tuple[int, Callable[[Any], Any]]]) -> list[Any]:
    values = list(row)
    for index, convert in converters:
        values[index] = convert(values[index])
    return values


def plain_insert_rows(
    model: type[Model], columns: Sequence[str], rows: Iterable[Sequence[Any]]
) -> int:
    """`insert_rows` by Django's bulk_create: its plain twin, the reference its property test
    and the benchmark (operations/fastpaths.py) compare it with. (bulk_create also runs the
    fields' pre_save: an `auto_now` column gets the time of the write, not the row's value.)"""
    attnames = [_field(model, name).attname for name in columns]
    records = [model(**dict(zip(attnames, row, strict=True))) for row in rows]
    model._default_manager.bulk_create(records, batch_size=CHUNK)
    return len(records)
