"""Imports and editors share records: a re-import changes only what the source changed since its
last import, keeps what an editor changed, and reports a conflict where both changed a field
(issue 13, item 1). The editor works in the admin as a browser would; the import is the real
`readingroom import` command."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from readingroom.catalogue.models import Document, Status
from readingroom.editorial.models import ChangeSet, Source, Version
from readingroom.editorial.releases import corrections

from .conftest import RECORDS, errors, submit, write_records

pytestmark = pytest.mark.django_db


def run_import(path: Path, *options: str) -> str:
    out = io.StringIO()
    call_command("import", "jsonl", str(path), "--no-progress", *options, stdout=out)
    return out.getvalue()


def edit_title(editor: Client, title: str) -> None:
    pub = Document.objects.get(key="pub")
    response = submit(
        editor,
        f"/admin/catalogue/document/{pub.pk}/change/",
        "document_form",
        {"title": title, "change_note": "Corrected the spelling."},
    )
    assert response.status_code == 302, errors(response)


@pytest.fixture
def source(db: None, tmp_path: Path) -> Path:
    path = write_records(tmp_path / "import", RECORDS)
    assert "7 created" in run_import(path)
    return path


def test_reimporting_the_unchanged_file_keeps_the_editors_title(staff, source, search_backend):
    edit_title(staff("editor"), "Cable from Molotov")
    versions = Version.objects.count()
    for options in (("--dry-run",), ()):
        said = run_import(source, *options)
        assert "0 created, 0 updated, 7 unchanged" in said, said
        assert "conflict" not in said
    assert Document.objects.get(key="pub").title == "Cable from Molotov"
    assert Version.objects.count() == versions  # nothing changed, nothing recorded
    assert len(corrections(Document.objects.get(key="pub"))) == 1  # the editor's only


def test_the_source_changes_what_the_editor_did_not(staff, source, search_backend):
    edit_title(staff("editor"), "Cable from Molotov")
    changed = write_records(source.parent, RECORDS.replace("RGASPI, f. 558", "RGASPI, f. 82"))
    said = run_import(changed)
    assert "1 updated" in said and "conflict" not in said, said
    pub = Document.objects.get(key="pub")
    assert (pub.title, pub.citation) == ("Cable from Molotov", "RGASPI, f. 82")
    latest = Version.objects.filter(record_type="document", public_id=pub.public_id).last()
    assert latest is not None and latest.changed_fields == ["citation"]


def test_both_changed_the_editor_wins_and_the_conflict_is_reported(staff, source, search_backend):
    edit_title(staff("editor"), "Cable from Molotov")
    changed = write_records(source.parent, RECORDS.replace("Cabel from Molotov", "Telegram"))
    for options in (("--dry-run",), ()):
        said = run_import(changed, *options)
        assert "1 conflicts" in said, said
        (line,) = [line for line in said.splitlines() if "conflict:" in line]
        assert "records.jsonl, line 6, record 'pub', field 'title'" in line
        assert "kept the editor's value" in line and "changed by editor1 (" in line
        assert '"Cable from Molotov"' in line and '"Telegram"' in line
        assert Document.objects.get(key="pub").title == "Cable from Molotov"
    again = run_import(changed)  # the file's value is now what the source last said
    assert "7 unchanged" in again and "conflict" not in again


def test_prefer_source_takes_the_files_value_as_the_imports_change(staff, source, search_backend):
    edit_title(staff("editor"), "Cable from Molotov")
    changed = write_records(source.parent, RECORDS.replace("Cabel from Molotov", "Telegram"))
    said = run_import(changed, "--prefer-source")
    assert "took the file's value" in said, said
    pub = Document.objects.get(key="pub")
    assert pub.title == "Telegram"
    latest = Version.objects.filter(record_type="document", public_id=pub.public_id).last()
    assert latest is not None and latest.changeset is not None
    assert latest.changeset.source == Source.IMPORT and latest.changed_fields == ["title"]


def test_an_editors_publication_survives_a_reimport(staff, source, search_backend):
    draft = Document.objects.get(key="draft")
    response = submit(
        staff("editor"),
        f"/admin/catalogue/document/{draft.pk}/change/",
        "document_form",
        {"status": Status.PUBLISHED, "change_note": "Ready."},
    )
    assert response.status_code == 302, errors(response)
    assert "7 unchanged" in run_import(source)
    assert Document.objects.get(key="draft").status == Status.PUBLISHED


def test_records_imported_before_sources_were_kept_fall_back_to_their_history(
    staff, source, search_backend
):
    from readingroom.importers.models import SourceRecord

    SourceRecord.objects.all().delete()  # as an archive imported before this was recorded
    edit_title(staff("editor"), "Cable from Molotov")
    assert "7 unchanged" in run_import(source)
    assert Document.objects.get(key="pub").title == "Cable from Molotov"
    assert ChangeSet.objects.filter(source=Source.IMPORT).count() == 1


def test_a_save_without_an_edit_changes_nothing_though_the_browser_sends_crlf(
    staff, db, tmp_path, search_backend
):
    """Browsers send a textarea's lines with \\r\\n: the archive keeps \\n (catalogue/text.py),
    so a save with no edit needs no note, records no version and publishes no correction."""
    from .conftest import form_values, load

    load(tmp_path / "import", RECORDS.replace("The treaty is signed.", "The treaty\\nis signed."))
    editor = staff("editor")
    pub = Document.objects.get(key="pub")
    url = f"/admin/catalogue/document/{pub.pk}/change/"
    values = form_values(editor.get(url).content, "document_form")
    # a browser drops the newline after <textarea> (lxml keeps it) and sends lines with \r\n
    values = {name: [v.removeprefix("\n") for v in vs] for name, vs in values.items()}
    assert values["texts-0-body"] == ["The treaty\nis signed."]
    sent = {name: [v.replace("\n", "\r\n") for v in vs] for name, vs in values.items()}
    versions = Version.objects.count()
    response = editor.post(url, {**sent, "_save": ["Save"]})
    assert response.status_code == 302, errors(response)
    assert Version.objects.count() == versions
    assert pub.texts.get().body == "The treaty\nis signed."
    assert corrections(Document.objects.get(key="pub")) == []
    reopened = form_values(editor.get(url).content, "document_form")
    edited = {**reopened, "summary": ["A  summary\r\nin two lines "], "change_note": ["Summary."]}
    assert editor.post(url, {**edited, "_save": ["Save"]}).status_code == 302
    assert Document.objects.get(key="pub").summary == "A  summary\nin two lines"


def test_imported_text_is_kept_composed_with_unix_line_breaks(db, tmp_path) -> None:
    decomposed = "Cafe\u0301 in Urumqi\r\nsecond line\rthird"
    records = RECORDS.replace(
        "The treaty is signed.", decomposed.replace("\r", "\\r").replace("\n", "\\n")
    )
    path = write_records(tmp_path / "import", records)
    run_import(path)
    body = Document.objects.get(key="pub").texts.get().body
    assert body == "Caf\u00e9 in Urumqi\nsecond line\nthird"


def test_authority_records_keep_an_editors_change_too(staff, source, search_backend):
    from readingroom.catalogue.models import Place

    editor = staff("editor")
    place = Place.objects.get(key="urumqi")
    renamed = submit(
        editor, f"/admin/catalogue/place/{place.pk}/change/", "place_form",
        {"name": "Ürümqi", "change_note": "Diacritics."},
    )  # fmt: skip
    assert renamed.status_code == 302, errors(renamed)
    assert "7 unchanged" in run_import(source)
    assert Place.objects.get(key="urumqi").name == "Ürümqi"
    described = RECORDS.replace(
        '"name":"Urumqi"', '"name":"Urumqi","description":"Capital of Xinjiang."'
    )
    said = run_import(write_records(source.parent, described))
    assert "1 updated" in said and "conflict" not in said, said
    place = Place.objects.get(key="urumqi")
    assert (place.name, place.description) == ("Ürümqi", "Capital of Xinjiang.")
    clash = RECORDS.replace('"name":"Urumqi"', '"name":"Wulumuqi"')
    said = run_import(write_records(source.parent, clash))
    assert "records.jsonl, line 5, record 'urumqi', field 'name'" in said, said
    assert Place.objects.get(key="urumqi").name == "Ürümqi"


def test_the_admin_refuses_a_character_no_format_can_carry(staff, source, search_backend):
    pub = Document.objects.get(key="pub")
    response = submit(
        staff("editor"), f"/admin/catalogue/document/{pub.pk}/change/", "document_form",
        {"title": "Cable \x07 from Molotov", "change_note": "Bell."},
    )  # fmt: skip
    assert response.status_code == 200
    assert any("control character U+0007" in e for e in errors(response))
    assert Document.objects.get(key="pub").title == "Cabel from Molotov"


def test_a_save_over_a_change_made_since_the_form_was_opened_is_refused(
    staff, source, search_backend
):
    from .conftest import form_values

    editor = staff("editor")
    pub = Document.objects.get(key="pub")
    url = f"/admin/catalogue/document/{pub.pk}/change/"
    opened = form_values(editor.get(url).content, "document_form")  # the editor opens the form
    changed = write_records(source.parent, RECORDS.replace("RGASPI, f. 558", "RGASPI, f. 82"))
    assert "1 updated" in run_import(changed)  # meanwhile an import changes the citation
    edited = {**opened, "title": ["Cable from Molotov"], "change_note": ["Spelling."]}
    response = editor.post(url, {**edited, "_save": ["Save"]})
    assert response.status_code == 200
    assert any("changed since you opened it" in e for e in errors(response))
    pub = Document.objects.get(key="pub")
    assert (pub.title, pub.citation) == ("Cabel from Molotov", "RGASPI, f. 82")  # nothing undone
    edit_title(editor, "Cable from Molotov")  # opened again: saved
    assert Document.objects.get(key="pub").citation == "RGASPI, f. 82"
