"""The canonical JSON Lines import: round trip, idempotence, updates in place, dry runs, and
every kind of bad input refused with a message that says where, leaving the archive as it was."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import tracemalloc
from pathlib import Path

import pytest
from django.core.management import call_command
from import_support import NICARAGUA, SEED, empty_the_archive, run_import, snapshot

from readingroom.catalogue.models import Document, Person, Place, Status
from readingroom.interchange.files import MAX_LINE

pytestmark = pytest.mark.django_db


def seed_lines() -> list[dict]:
    return [json.loads(line) for line in SEED.read_text(encoding="utf-8").splitlines()]


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return path


def updated_at() -> dict[str, dt.datetime]:
    stamps = {f"document:{k}": t for k, t in Document.objects.values_list("key", "updated_at")}
    stamps.update({f"person:{k}": t for k, t in Person.objects.values_list("key", "updated_at")})
    stamps.update({f"place:{k}": t for k, t in Place.objects.values_list("key", "updated_at")})
    return stamps


def test_seed_imports_with_its_authority_records_and_honest_dates() -> None:
    outcome = run_import("jsonl", SEED)
    assert not outcome.failed, outcome.stderr
    assert "49 created" in outcome.stdout
    stalin = Person.objects.get(key="stalin")
    assert {(v.name, v.kind) for v in stalin.variants.all()} >= {
        ("Filippov", "pseudonym"),
        ("Filipov", "misspelling"),
        ("Сталин", "native"),
    }
    assert Person.objects.get(key="sheng-shicai").sort_name == "Sheng, Shicai"
    telegram = Document.objects.get(key="seed-1936-telegram-to-apresov")
    assert (telegram.date_edtf, telegram.date.display) == ("1936", "1936")
    letter = Document.objects.get(key="seed-1934-06-sheng-letter")
    assert letter.date.display == "June 1934"
    assert letter.status == Status.PUBLISHED


def test_round_trip_export_import_export_is_identical(tmp_path: Path) -> None:
    assert not run_import("jsonl", SEED).failed
    assert not run_import("tei", NICARAGUA).failed
    first = tmp_path / "first.jsonl"
    call_command("export", "jsonl", str(first), stderr=io.StringIO())
    empty_the_archive()
    assert snapshot() == []
    outcome = run_import("jsonl", first)
    assert not outcome.failed, outcome.stderr
    second = tmp_path / "second.jsonl"
    call_command("export", "jsonl", str(second), stderr=io.StringIO())
    assert second.read_bytes() == first.read_bytes()
    assert len(first.read_text(encoding="utf-8").splitlines()) > 180


def test_reimport_changes_nothing() -> None:
    assert not run_import("jsonl", SEED).failed
    before, stamps = snapshot(), updated_at()
    outcome = run_import("jsonl", SEED)
    assert "0 created, 0 updated, 49 unchanged" in outcome.stdout
    assert snapshot() == before
    assert updated_at() == stamps


def test_a_changed_record_is_updated_in_place_keeping_its_public_id(tmp_path: Path) -> None:
    assert not run_import("jsonl", SEED).failed
    document = Document.objects.get(key="seed-1949-10-03-filippov-cable")
    records = seed_lines()
    for record in records:
        if record["key"] == document.key:
            record["title"] = "Cable, Filippov [Stalin] to Ambassador Shtykov, Pyongyang"
    outcome = run_import("jsonl", write_jsonl(tmp_path / "changed.jsonl", records))
    assert "0 created, 1 updated, 48 unchanged" in outcome.stdout
    changed = Document.objects.get(key=document.key)
    assert changed.public_id == document.public_id
    assert changed.title.endswith("Ambassador Shtykov, Pyongyang")
    assert Document.objects.count() == 10


def test_dry_run_writes_nothing() -> None:
    outcome = run_import("jsonl", SEED, options=("--dry-run",))
    assert not outcome.failed
    assert "would import 49 records" in outcome.stdout
    assert snapshot() == []


def bad_records(case: str) -> tuple[list[str], str]:
    """A copy of the seed with one fault, and the words the error must contain."""
    lines = SEED.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    document = next(i for i, r in enumerate(records) if r["type"] == "document")
    line = f"line {document + 1}"
    if case == "malformed JSON":
        lines[document] = lines[document][:-5]
        return lines, f"{line}: not valid JSON"
    if case == "unknown key":
        records[document]["authors"] = ["stalin", "nobody-at-all"]
        expected = f"{line}, record '{records[document]['key']}', field 'authors': no person"
    elif case == "unknown field":
        records[document]["sumary"] = "typo"
        expected = f"{line}, record '{records[document]['key']}', field 'sumary': unknown field"
    elif case == "invalid EDTF":
        records[document]["date"] = "1945-02-30"
        expected = f"{line}, record '{records[document]['key']}', field 'date': "
        expected += "'1945-02-30' is not a valid date (day 30 does not exist in that month)"
    elif case == "missing title":
        del records[document]["title"]
        expected = f"{line}, record '{records[document]['key']}', field 'title': is required"
    else:  # duplicate key
        records.append(dict(records[document]))
        expected = f"line {len(records)}, record '{records[document]['key']}', field 'key': "
        expected += f"the key '{records[document]['key']}' is used twice (first at {line})"
    return [json.dumps(r, ensure_ascii=False) for r in records], expected


@pytest.mark.parametrize(
    "case",
    [
        "malformed JSON",
        "unknown key",
        "unknown field",
        "invalid EDTF",
        "missing title",
        "duplicate key",
    ],
)
def test_bad_records_fail_naming_where_and_leave_the_archive_as_it_was(
    tmp_path: Path, case: str
) -> None:
    assert not run_import("jsonl", SEED).failed
    before, stamps = snapshot(), updated_at()
    lines, expected = bad_records(case)
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    outcome = run_import("jsonl", path)
    assert outcome.failed
    assert "1 of 1 files failed" in (outcome.error or "")
    assert f"{path}: not imported; the archive is unchanged." in outcome.stderr
    assert f"{path}, {expected}" in outcome.stderr
    assert snapshot() == before
    assert updated_at() == stamps


def test_a_truncated_gzip_fails_and_changes_nothing(tmp_path: Path) -> None:
    whole = gzip.compress(SEED.read_bytes())
    path = tmp_path / "seed.jsonl.gz"
    path.write_bytes(whole[: len(whole) // 2])
    outcome = run_import("jsonl", path)
    assert outcome.failed
    assert f"{path}: the gzip file is truncated or damaged" in outcome.stderr
    assert snapshot() == []


def test_a_200_megabyte_line_is_refused_without_reading_it_into_memory(tmp_path: Path) -> None:
    path = tmp_path / "huge.jsonl"
    with path.open("wb") as stream:
        stream.write(SEED.read_bytes().splitlines(keepends=True)[0])
        stream.write(b'{"type":"document","key":"huge","title":"')
        chunk = b"x" * (1024 * 1024)
        for _ in range(200):
            stream.write(chunk)
        stream.write(b'"}\n')
    tracemalloc.start()
    try:
        outcome = run_import("jsonl", path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert outcome.failed
    assert f"{path}, line 2: the line is longer than 16 MB" in outcome.stderr
    # A few line-sized buffers at most; never the 200 MB line itself.
    assert peak < 6 * MAX_LINE, f"peak {peak / 1e6:.0f} MB while refusing the line"
    assert snapshot() == []


def test_one_bad_file_among_several_leaves_the_good_ones_imported(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"type":"place","key":"x"}\n', encoding="utf-8")
    outcome = run_import("jsonl", SEED, bad)
    assert outcome.failed
    assert f"{bad}, line 1, record 'x', field 'name': is required" in outcome.stderr
    assert Document.objects.count() == 10


def test_the_console_script_exits_non_zero_on_bad_input(archive_factory, tmp_path: Path) -> None:
    archive = archive_factory("bad-import")
    path = tmp_path / "bad.jsonl"
    path.write_text('{"type":"document","key":"d","title":"T","date":"1945-13"}\n', "utf-8")
    result = archive.run("import", "jsonl", str(path), "--no-progress", check=False)
    assert result.returncode != 0
    assert f"{path}, line 1, record 'd', field 'date': '1945-13' is not a valid date" in (
        result.stderr
    )
    exported = archive.run("export", "jsonl", "-")
    assert exported.stdout == ""


def test_a_person_named_twice_in_one_role_is_linked_once_and_reimports_unchanged(
    tmp_path: Path,
) -> None:
    records = seed_lines()
    for record in records:
        if record["key"] == "seed-1949-10-03-filippov-cable":
            record["authors"] = ["stalin", "stalin"]
    path = write_jsonl(tmp_path / "twice.jsonl", records)
    assert not run_import("jsonl", path).failed
    document = Document.objects.get(key="seed-1949-10-03-filippov-cable")
    assert list(
        document.person_links.filter(role="author").values_list("person__key", flat=True)
    ) == ["stalin"]
    again = run_import("jsonl", path)
    assert "0 created, 0 updated, 49 unchanged" in again.stdout


def test_a_value_longer_than_its_column_is_an_error_naming_the_field(tmp_path: Path) -> None:
    records: list[dict] = [
        {"type": "repository", "key": "r", "name": "R", "short_name": "x" * 61},
        {"type": "document", "key": "d", "title": "T", "citation": "c" * 501},
        {"type": "person", "key": "p", "name": "P", "variants": [{"name": "v" * 301}]},
        {"type": "place", "key": "k" * 201, "name": "Long key"},
    ]
    path = write_jsonl(tmp_path / "long.jsonl", records)
    outcome = run_import("jsonl", path)
    assert outcome.failed
    for expected in (
        "line 1, record 'r', field 'short_name': is 61 characters long; at most 60 are allowed",
        "line 2, record 'd', field 'citation': is 501 characters long; at most 500 are allowed",
        "line 3, record 'p', field 'variants': item 1, 'name' is 301 characters long; at most 300",
        "field 'key': is 201 characters long; at most 200 are allowed",
    ):
        assert expected in outcome.stderr
    assert snapshot() == []
