"""The admin's lists at any depth (issue 18, item 1): a page's rows are found by id in the
list's order (desk/forms.IdsFirst), the documents list in the order of an index, and a page
runs the same queries whatever its depth and its number of rows."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db import connection
from django.test.utils import CaptureQueriesContext
from import_support import run_import

from readingroom.catalogue.models import Document, Person
from readingroom.desk.forms import SearchCounted

pytestmark = pytest.mark.django_db
ROW = re.compile(r'<tr>\s*<td class="action-checkbox"><input[^>]*value="(\d+)"')


def test_every_page_of_the_documents_list_in_order_with_bounded_queries(
    staff, tmp_path: Path
) -> None:
    path = tmp_path / "many.jsonl"
    dates = ["1945", "1945-08", "1945-08-23", "1930/1960", ""]  # ties, wide dates, undated
    path.write_text("".join(
        json.dumps({"type": "document", "key": f"m{n}", "title": f"Cable {n}",
                    "date": dates[n % len(dates)]}) + "\n"
        for n in range(250)
    ), encoding="utf-8")  # fmt: skip
    assert not run_import("jsonl", path).failed
    editor = staff("editor")
    expected = list(
        Document.objects.order_by("date_earliest", "date_latest", "-id").values_list(
            "pk", flat=True
        )
    )
    editor.get("/admin/catalogue/document/?p=3")  # (content types and permissions, cached)
    shown, counted = [], []
    for page in (1, 2, 3):
        with CaptureQueriesContext(connection) as queries:
            answer = editor.get(f"/admin/catalogue/document/?p={page}")
        assert answer.status_code == 200
        shown += [int(pk) for pk in ROW.findall(answer.content.decode())]
        counted.append(len(queries))
    assert shown == expected  # every row once, in the list's order, across its pages
    assert counted[0] == counted[1] == counted[2] < 25, counted  # 100, 100 and 50 rows
    by_title = list(Document.objects.order_by("title", "-id").values_list("pk", flat=True))
    shown = []
    for page in (1, 2, 3):  # sorted by title
        answer = editor.get(f"/admin/catalogue/document/?o=2&p={page}")
        shown += [int(pk) for pk in ROW.findall(answer.content.decode())]
    assert shown == by_title


def test_the_longest_chinese_title_is_kept_and_listed_by_title(staff, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A title may hold 1,000 characters: 3,000 bytes in Chinese, more than a PostgreSQL index
    entry may hold, so no index of the whole title may refuse it (migration 0006)."""
    title = "中華民國外交部檔案" * 111 + "檔"
    record = {"type": "document", "key": "long", "title": title, "date": "1950",
              "classification": "機密" * 50, "status": "draft"}  # fmt: skip
    source = tmp_path / "long.jsonl"
    source.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    assert not run_import("jsonl", source).failed
    assert Document.objects.get(key="long").title == title
    page = staff("editor").get("/admin/catalogue/document/?o=2").content.decode()
    assert title[:40] in page


def test_a_search_counts_its_matches_up_to_a_bound_and_acts_on_them_all(
    staff, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Words are looked for inside every row, so a search counts its matches only up to a
    bound (desk/forms.SearchCounted) and says "more than" it; "select all" still takes every
    match."""
    path = tmp_path / "grain.jsonl"
    path.write_text("".join(
        json.dumps({"type": "document", "key": f"g{n}", "title": title, "date": "1946"}) + "\n"
        for n, title in enumerate(["Grain for Poland"] * 5 + ["Coal for Poland"] * 2)
    ), encoding="utf-8")  # fmt: skip
    assert not run_import("jsonl", path).failed
    editor = staff("editor")
    monkeypatch.setattr(SearchCounted, "BOUND", 3)
    with CaptureQueriesContext(connection) as queries:
        page = editor.get("/admin/catalogue/document/?q=grain").content.decode()
    assert "more than 3 documents: narrow the list to see them all" in page
    assert "more than 3 results" in page
    assert "Select all matching documents (more than 3)" in page
    counts = [q["sql"] for q in queries if "COUNT(" in q["sql"]]
    assert len(counts) == 1 and "LIMIT 4" in counts[0], counts  # never every row
    coal = editor.get("/admin/catalogue/document/?q=coal").content.decode()
    assert "2 results" in coal and "more than" not in coal
    posted = {"action": "change_documents", "select_across": "1", "index": "0",
              ACTION_CHECKBOX_NAME: [str(Document.objects.get(key="g0").pk)]}  # fmt: skip
    form = editor.post("/admin/catalogue/document/?q=grain", posted).content.decode()
    assert "Change 5 documents" in form  # every match, not the bound


def test_a_large_record_s_documents_are_walked_in_date_order_and_counted_up_to_a_bound(
    staff, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A person named in a large share of the archive: the list walks the date index asking
    each document for a link (desk/document_filters.walked) and counts up to a bound; a person
    named in a few documents: their links are read. Both show the same documents in the same
    order as the database's own join."""
    dates = ["1945", "1945-08", "1945-08-23", "1930/1960", "", "1950"]
    people = [{"type": "person", "key": "wide", "name": "Wide Person"},
              {"type": "person", "key": "rare", "name": "Rare Person"}]  # fmt: skip
    documents = [
        {"type": "document", "key": f"w{n}", "title": f"Cable {n}", "date": dates[n % 6],
         "authors": ["wide"] if n % 5 else ["rare"], "recipients": ["wide"] if n % 3 else []}
        for n in range(240)
    ]  # fmt: skip
    path = tmp_path / "links.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in people + documents), "utf-8")
    assert not run_import("jsonl", path).failed
    editor = staff("editor")
    monkeypatch.setattr(SearchCounted, "BOUND", 150)  # walked when links^2 > 150 x documents
    for key, wanted, walked in (("wide", 224, True), ("rare", 48, False)):
        person = Person.objects.get(key=key)
        expected = list(
            Document.objects.filter(person_links__person=person)
            .distinct()
            .order_by("date_earliest", "date_latest", "-id")
            .values_list("pk", flat=True)
        )
        assert len(expected) == wanted
        shown = []
        for page in (1, 2, 3):
            with CaptureQueriesContext(connection) as queries:
                answer = editor.get(
                    f"/admin/catalogue/document/?person={person.public_id}&p={page}"
                )
            rows = [int(pk) for pk in ROW.findall(answer.content.decode())]
            if answer.status_code != 200 or set(rows) <= set(shown):
                break  # past the last page (or the bound): the admin shows the last again
            html = answer.content.decode()
            shown += rows
            sql = " ".join(q["sql"] for q in queries)
            assert ("EXISTS" in sql) == walked, key
        if walked:
            assert len(shown) >= 150 and shown == expected[: len(shown)]  # pages to the bound
            assert "more than 150 documents: narrow the list to see them all" in html
        else:
            assert shown == expected
            assert "48 documents" in html and "more than" not in html


def test_a_whole_list_s_count_and_filter_choices_follow_each_change(staff, tmp_path: Path) -> None:
    """The documents list's count and its type filter's values are read once a change set
    (desk/forms.kept), and a change, even to a draft, shows at once."""

    def load(name: str, *records: dict) -> None:
        path = tmp_path / f"{name}.jsonl"
        path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        assert not run_import("jsonl", path).failed

    load("first", *({"type": "document", "key": f"t{n}", "title": "Cable", "doc_type": "telegram",
                    "date": "1946"} for n in range(3)))  # fmt: skip
    editor = staff("editor")
    page = editor.get("/admin/catalogue/document/").content.decode()
    assert "3 documents" in page and "telegram" in page and "despatch" not in page
    with CaptureQueriesContext(connection) as queries:
        again = editor.get("/admin/catalogue/document/").content.decode()
    assert "3 documents" in again
    read = " ".join(q["sql"] for q in queries)
    assert "COUNT(" not in read and "DISTINCT" not in read  # kept from the first
    load("second", {"type": "document", "key": "d1", "title": "Despatch", "doc_type": "despatch",
                    "date": "1947", "status": "draft"})  # fmt: skip
    page = editor.get("/admin/catalogue/document/").content.decode()
    assert "4 documents" in page and "despatch" in page
