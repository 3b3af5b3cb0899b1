"""Long texts and versions are compressed by lz4 on PostgreSQL (catalogue/compression.py): the
migrations set it, and a long text written after it reads back whole."""

from __future__ import annotations

import pytest
from django.db import connection

from readingroom.catalogue.compression import set_compression
from readingroom.catalogue.models import Document, DocumentText

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def on_postgres(test_backend: str) -> None:
    if test_backend != "postgres":
        pytest.skip("PostgreSQL's compression")


COMPRESSED = {
    ("catalogue_documenttext", "body"),
    ("editorial_version", "snapshot"),
    ("editorial_version", "changed_fields"),
}


def methods() -> dict[tuple[str, str], str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, a.attname, a.attcompression FROM pg_attribute a "
            "JOIN pg_class c ON c.oid = a.attrelid WHERE c.relname = ANY(%s) AND a.attnum > 0",
            [sorted({table for table, _ in COMPRESSED})],
        )
        return {(table, column): method for table, column, method in cursor.fetchall()}


def test_the_migrations_compress_texts_and_versions_by_lz4() -> None:
    found = methods()
    assert {key: found[key] for key in COMPRESSED} == dict.fromkeys(COMPRESSED, "l")
    others = {key: method for key, method in found.items() if key not in COMPRESSED}
    assert set(others.values()) <= {""}  # every other column as PostgreSQL's default


def test_set_compression_goes_back_to_pglz_and_forth() -> None:
    with connection.schema_editor() as editor:
        set_compression(editor, "catalogue_documenttext", ["body"], "pglz")
    assert methods()[("catalogue_documenttext", "body")] == "p"
    with connection.schema_editor() as editor:
        set_compression(editor, "catalogue_documenttext", ["body"], "lz4")
    assert methods()[("catalogue_documenttext", "body")] == "l"


def test_a_long_text_is_stored_compressed_and_reads_back_whole() -> None:
    document = Document.objects.create(key="compressed", title="Telegram")
    body = "Телеграмма 電報 telegram. " * 20_000
    text = DocumentText.objects.create(document=document, kind="original", language="ru", body=body)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_column_compression(body), octet_length(body), pg_column_size(body) "
            "FROM catalogue_documenttext WHERE id = %s",
            [text.pk],
        )
        method, length, stored = cursor.fetchone()
    assert method == "lz4"
    assert stored < length / 10
    assert DocumentText.objects.get(pk=text.pk).body == body
