"""Versions' snapshots compressed by lz4 on PostgreSQL (catalogue/compression.py): an import
writes one a document, with all its texts."""

from django.db import migrations

from readingroom.catalogue.compression import set_compression

COLUMNS = ("snapshot", "changed_fields")


def lz4(apps, schema_editor):  # type: ignore[no-untyped-def]
    set_compression(schema_editor, "editorial_version", COLUMNS, "lz4")


def pglz(apps, schema_editor):  # type: ignore[no-untyped-def]
    set_compression(schema_editor, "editorial_version", COLUMNS, "pglz")


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0003_jobs"),
    ]

    operations = [migrations.RunPython(lz4, pglz)]
