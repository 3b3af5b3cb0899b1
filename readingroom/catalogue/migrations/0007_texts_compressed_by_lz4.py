"""Documents' texts compressed by lz4 on PostgreSQL (catalogue/compression.py)."""

from django.db import migrations

from readingroom.catalogue.compression import set_compression

COLUMNS = ("body",)


def lz4(apps, schema_editor):  # type: ignore[no-untyped-def]
    set_compression(schema_editor, "catalogue_documenttext", COLUMNS, "lz4")


def pglz(apps, schema_editor):  # type: ignore[no-untyped-def]
    set_compression(schema_editor, "catalogue_documenttext", COLUMNS, "pglz")


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0006_document_by_title"),
    ]

    operations = [migrations.RunPython(lz4, pglz)]
