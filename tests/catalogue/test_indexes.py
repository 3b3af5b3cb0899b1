"""The indexes every import writes are the ones queries read (migration 0008): no record's slug
is indexed, nor, on PostgreSQL, the pattern-matching copies of a document's key and type; the
migration goes back and forth."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection

from readingroom.catalogue.models import Collection, Document, Person, Place, Repository, Subject

pytestmark = pytest.mark.django_db(transaction=True)

RECORDS = (Person, Place, Subject, Repository, Collection, Document)


def indexed_columns(table: str) -> list[tuple[str, list[str]]]:
    """(name, columns) of the table's indexes that are not unique."""
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, table)
    return sorted(
        (name, index["columns"])
        for name, index in found.items()
        if index["index"] and not index["unique"] and not index["primary_key"]
    )


def slug_indexes() -> list[str]:
    return [
        name
        for model in RECORDS
        for name, columns in indexed_columns(model._meta.db_table)
        if columns == ["slug"]
    ]


def like_copies() -> list[str]:
    return [name for name, _ in indexed_columns("catalogue_document") if name.endswith("_like")]


def test_no_index_is_written_that_no_query_reads() -> None:
    assert slug_indexes() == []
    assert like_copies() == []
    document_indexes = {tuple(columns) for _, columns in indexed_columns("catalogue_document")}
    assert ("doc_type",) in document_indexes  # the type is filtered on: its index stays


def test_the_migration_goes_back_and_forth() -> None:
    try:
        call_command("migrate", "catalogue", "0007", verbosity=0)
        assert len(slug_indexes()) == len(RECORDS) * (2 if connection.vendor == "postgresql" else 1)
        if connection.vendor == "postgresql":
            assert len(like_copies()) == 2 + 1  # key, type and the slug's
    finally:
        call_command("migrate", "catalogue", verbosity=0)
    assert slug_indexes() == [] and like_copies() == []
