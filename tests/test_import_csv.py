"""The CSV importer: one document per row, references by key, and errors that name the line and
the column."""

from __future__ import annotations

from pathlib import Path

import pytest
from import_support import FIXTURES, SEED, run_import, snapshot

from readingroom.catalogue.models import Document, Status
from readingroom.importers import csvfile
from readingroom.interchange.files import MAX_LINE

pytestmark = pytest.mark.django_db
DOCUMENTS = FIXTURES / "documents.csv"
HEADER = "key,title,date,authors\n"


@pytest.fixture
def seeded() -> list[str]:
    """The seed archive (people, places, subjects by key), and its export."""
    assert not run_import("jsonl", SEED).failed
    return snapshot()


def csv_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "batch.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_rows_become_documents_linked_by_key(seeded: list[str]) -> None:
    outcome = run_import("csv", DOCUMENTS)
    assert not outcome.failed, outcome.stderr
    telegram = Document.objects.get(key="csv-1934-08-sheng-telegram")
    assert (telegram.date_edtf, telegram.date.display) == ("1934-08~", "circa August 1934")
    assert telegram.date_text == "about August 1934"
    assert [p.person.key for p in telegram.person_links.filter(role="discussed")] == [
        "apresov",
        "molotov",
    ]
    assert telegram.person_links.get(role="author").person.key == "sheng-shicai"
    assert sorted(telegram.places.values_list("key", flat=True)) == ["urumqi", "xinjiang"]
    assert telegram.repository is not None and telegram.repository.short_name == "RGASPI"
    assert telegram.legacy_ids == ["legacy-17", "legacy-18"]
    assert telegram.status == Status.PUBLISHED
    text = telegram.texts.get()
    assert text.body == "I have received your letter.\nI thank you for your trust."
    assert (text.kind, text.language, text.credit) == (
        "translation",
        "en",
        "Illustrative demo text",
    )
    assert telegram.memberships.get().collection.key == "xinjiang-sino-soviet"
    note = Document.objects.get(key="csv-1941-undated-note")
    assert (note.date_edtf, note.date.display, note.status) == ("", "Undated", Status.DRAFT)


def test_reimporting_the_sheet_changes_nothing(seeded: list[str]) -> None:
    assert not run_import("csv", DOCUMENTS).failed
    before = snapshot()
    outcome = run_import("csv", DOCUMENTS)
    assert "0 created, 0 updated, 2 unchanged" in outcome.stdout
    assert snapshot() == before


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("key,titel,date\nk1,A,1945\n", "line 1, field 'titel': unknown column (did you mean"),
        ("key,date\nk1,1945\n", "line 1, field 'title': the header lacks this required column"),
        ("key,title,title\nk1,A,B\n", "line 1, field 'title': the column appears more than once"),
        ("key;title;date\nk1;A;1945\n", "columns must be separated by commas"),
        ("", ": the file is empty; a header is needed"),
    ],
)
def test_a_wrong_header_fails_naming_the_column(
    tmp_path: Path, seeded: list[str], text: str, expected: str
) -> None:
    path = csv_file(tmp_path, text)
    outcome = run_import("csv", path)
    assert outcome.failed
    assert expected in outcome.stderr
    assert snapshot() == seeded


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("k1,A title,1945,nobody", "line 3, record 'k1', field 'authors': no person"),
        ("k1,A title,1945-13,stalin", "line 3, record 'k1', field 'date': '1945-13' is not"),
        ("k1,,1945,stalin", "line 3, record 'k1', field 'title': is required"),
        ("k0,Again,1945,stalin", "line 3, record 'k0', field 'key': the key 'k0' is used twice"),
        ("k1,A title,1945,stalin,extra", "line 3, record 'k1': the row has 5 cells"),
        ('k1,"A title,1945,stalin', "line 3: not valid CSV"),
    ],
)
def test_a_bad_row_fails_naming_line_and_field(
    tmp_path: Path, seeded: list[str], row: str, expected: str
) -> None:
    path = csv_file(tmp_path, f"{HEADER}k0,A good row,1934-06,stalin\n{row}\n")
    outcome = run_import("csv", path)
    assert outcome.failed
    assert f"{path}, {expected}" in outcome.stderr
    assert snapshot() == seeded


def test_text_columns_need_the_text_and_a_language(tmp_path: Path, seeded: list[str]) -> None:
    path = csv_file(
        tmp_path,
        "key,title,text,text_language,text_kind\n"
        "k1,One,Body,,\n"
        "k2,Two,,en,\n"
        "k3,Three,Body,english,\n"
        "k4,Four,Body,en,summary\n",
    )
    outcome = run_import("csv", path)
    assert outcome.failed
    for expected in (
        "line 3, record 'k2', field 'text_language': is given but the 'text' cell is empty",
        "line 4, record 'k3', field 'text_language': 'english' is not an ISO 639 language code",
        "line 5, record 'k4', field 'text_kind': 'summary' is not one of",
    ):
        assert expected in outcome.stderr
    assert snapshot() == seeded


def test_a_cell_over_several_lines_keeps_the_line_numbers_right(tmp_path: Path) -> None:
    path = csv_file(tmp_path, 'key,title,summary\nk1,One,"first\nsecond\nthird"\nk2,,x\n')
    records = csvfile.read(path, Status.DRAFT)
    assert [r.location.line for r in records] == [2, 5]
    assert records[0].fields["summary"] == "first\nsecond\nthird"
    assert str(records[1].problems[0]).endswith(
        "line 5, record 'k2', field 'title': is required and must not be empty"
    )


def test_a_200_megabyte_row_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    with path.open("wb") as stream:
        stream.write(b"key,title\nk1,")
        for _ in range(200):
            stream.write(b"x" * (1024 * 1024))
        stream.write(b"\n")
    outcome = run_import("csv", path)
    assert outcome.failed
    assert f"{path}, line 2: the line is longer than {MAX_LINE // 2**20} MB" in outcome.stderr


def test_a_text_without_a_language_is_undetermined(tmp_path: Path, seeded: list[str]) -> None:
    path = csv_file(
        tmp_path,
        "key,title,text,text_language\n"
        "k1,One,Товарищи сообщили о переговорах с делегацией в Москве.,\n"
        "k2,Two,The delegation arrived in Moscow.,en\n",
    )
    assert not run_import("csv", path).failed
    (text,) = Document.objects.get(key="k1").texts.all()
    assert text.language == "und"
    assert Document.objects.get(key="k2").texts.get().language == "en"
    jsonl = tmp_path / "texts.jsonl"
    jsonl.write_text(
        '{"type": "document", "key": "k3", "title": "Three", "texts": [{"body": "Ни слова."}]}\n'
    )
    assert not run_import("jsonl", jsonl).failed
    assert Document.objects.get(key="k3").texts.get().language == "und"
