"""Documents' texts compressed by lz4 on PostgreSQL (catalogue/compression.py)."""

from django.db import migrations

from readingroom.catalogue.compression import compressed_by_lz4


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0006_document_by_title"),
    ]

    operations = [compressed_by_lz4("catalogue_documenttext", ("body",))]
