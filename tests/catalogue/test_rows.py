"""The import's plain INSERTs (catalogue/rows.py, a fast path the benchmark shows earns its keep)
store exactly what Django's bulk_create, its plain twin, stores: every column of documents with
any text, lists, dates and times, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readingroom.catalogue.models import Document, Status
from readingroom.catalogue.rows import insert_rows, plain_insert_rows

pytestmark = pytest.mark.django_db

# Text a column can hold: no NUL (PostgreSQL refuses it in text) and no lone surrogates.
TEXT = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"))
LISTS = st.lists(TEXT, max_size=3)
DAYS = st.none() | st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31))
TIMES = st.datetimes(dt.datetime(1900, 1, 1), dt.datetime(2100, 1, 1), timezones=st.just(dt.UTC))
VALUES: dict[str, st.SearchStrategy[Any]] = {
    "title": TEXT.map(lambda text: text[:1000]),
    "summary": TEXT,
    "date_earliest": DAYS,
    "languages": LISTS,
    "credits": LISTS,
    "legacy_ids": LISTS,
    "status": st.sampled_from(Status.values),
    "embargo_until": DAYS,
    "created_at": TIMES,
    "updated_at": TIMES,
    "published_at": st.none() | TIMES,
}
COLUMNS = [f.name for f in Document._meta.concrete_fields if not f.primary_key]
# bulk_create gives an auto_now column the time of the write; the plain INSERT leaves it out.
COMPARED = [
    f.attname for f in Document._meta.concrete_fields if f.name not in ("id", "key", "slug")
]


def row_of(key: str, public_id: int, values: dict[str, Any]) -> list[Any]:
    """A new document's row in COLUMNS order: the generated values, the model's defaults."""
    document = Document(key=key, public_id=public_id, slug=key, **values)
    return [getattr(document, Document._meta.get_field(c).attname) for c in COLUMNS]


def stored(key_prefix: str) -> list[dict[str, Any]]:
    rows = Document.objects.filter(key__startswith=key_prefix).order_by("key")
    return [{**row, "public_id": row["public_id"] % 10**6} for row in rows.values(*COMPARED)]


@given(st.lists(st.fixed_dictionaries(VALUES), min_size=1, max_size=4))
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_plain_inserts_store_what_bulk_create_stores(documents: list[dict[str, Any]]) -> None:
    Document.objects.all().delete()
    for prefix, offset, write in (
        ("fast", 10**6, insert_rows),
        ("plain", 2 * 10**6, plain_insert_rows),
    ):
        rows = [row_of(f"{prefix}-{n}", offset + n, d) for n, d in enumerate(documents)]
        assert write(Document, COLUMNS, rows) == len(rows)
    fast, plain = stored("fast-"), stored("plain-")
    for row in fast + plain:
        row.pop("updated_at")
    assert fast == plain
    assert [row["title"] for row in fast] == [d["title"] for d in documents]
