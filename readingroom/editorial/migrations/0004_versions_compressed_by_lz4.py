"""Versions' snapshots compressed by lz4 on PostgreSQL (catalogue/compression.py): an import
writes one a document, with all its texts."""

from django.db import migrations

from readingroom.catalogue.compression import compressed_by_lz4


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0003_jobs"),
    ]

    operations = [compressed_by_lz4("editorial_version", ("snapshot", "changed_fields"))]
