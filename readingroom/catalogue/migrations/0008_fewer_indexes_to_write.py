"""Indexes no query reads, which every import writes: the slug of every record (addresses name
the public id), and on PostgreSQL the pattern-matching copies Django makes beside a document's
key and type (`_like`, for LIKE 'prefix%', which nothing asks of them). Of a document's twelve
indexes on PostgreSQL, four; writing 100,000 documents took a third less of the server's time.

Dropped by name as found (the models' state only loses the slug's db_index): SQLite would copy
every table to alter a field, minutes at 10^6 documents."""

from django.db import migrations, models

RECORDS = ("person", "place", "subject", "repository", "collection", "document")
LIKE_COPIES = ("key", "doc_type")  # of the document's columns, PostgreSQL only


def _indexes(schema_editor, table, column):  # type: ignore[no-untyped-def]
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, table)
    return [
        name
        for name, index in found.items()
        if index["index"] and not index["unique"] and not index["primary_key"]
        and index["columns"] == [column]
    ]  # fmt: skip


def drop(apps, schema_editor):  # type: ignore[no-untyped-def]
    quote = schema_editor.quote_name
    for name in RECORDS:
        table = apps.get_model("catalogue", name)._meta.db_table
        for index in _indexes(schema_editor, table, "slug"):
            schema_editor.execute(f"DROP INDEX {quote(index)}")
    if schema_editor.connection.vendor == "postgresql":
        table = apps.get_model("catalogue", "document")._meta.db_table
        for column in LIKE_COPIES:
            for index in _indexes(schema_editor, table, column):
                if index.endswith("_like"):
                    schema_editor.execute(f"DROP INDEX {quote(index)}")


def create(apps, schema_editor):  # type: ignore[no-untyped-def]
    for name in RECORDS:
        model = apps.get_model("catalogue", name)
        slug = model._meta.get_field("slug")
        schema_editor.execute(schema_editor._create_index_sql(model, fields=[slug]))
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(schema_editor._create_like_index_sql(model, slug))
    if schema_editor.connection.vendor == "postgresql":
        document = apps.get_model("catalogue", "document")
        for column in LIKE_COPIES:
            field = document._meta.get_field(column)
            schema_editor.execute(schema_editor._create_like_index_sql(document, field))


SLUG = models.SlugField(max_length=80, blank=True, allow_unicode=False, db_index=False)


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0007_texts_compressed_by_lz4"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(model_name=name, name="slug", field=SLUG) for name in RECORDS
            ],
            database_operations=[migrations.RunPython(drop, create)],
        )
    ]
