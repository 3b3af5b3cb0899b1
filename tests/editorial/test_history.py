"""History: every change kept with who, when, what and why; seen and restored in the admin."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db import connection
from django.test.utils import CaptureQueriesContext

from readingroom.catalogue.models import Document, Person, Place, Status
from readingroom.desk.restore import RestoreRefused, restore_version
from readingroom.editorial.history import versions_of
from readingroom.editorial.models import Action, ChangeSet, Source, Version
from readingroom.editorial.roles import ADMINISTRATOR

from .conftest import RECORDS, errors, load, submit

pytestmark = pytest.mark.django_db


def document(key: str) -> Document:
    return Document.objects.get(key=key)


def history(key: str) -> list[Version]:
    return versions_of("document", document(key).public_id)


def test_an_import_is_one_change_attributed_to_its_file(archive, tmp_path):
    changeset = ChangeSet.objects.get()
    assert changeset.source == Source.IMPORT
    assert changeset.origin.endswith("records.jsonl") and changeset.user is None
    kinds = sorted(changeset.versions.values_list("record_type", flat=True))
    assert kinds == ["document", "document", "person", "person", "person", "place", "repository"]
    assert set(changeset.versions.values_list("action", flat=True)) == {Action.CREATED}
    assert history("pub")[0].snapshot["title"] == "Cabel from Molotov"

    load(tmp_path / "again", RECORDS)  # the same file again changes nothing
    assert ChangeSet.objects.count() == 1

    corrected = RECORDS.replace("Cabel from Molotov", "Cable from Molotov").replace(
        '"name":"Urumqi"', '"name":"Ürümqi"'
    )
    load(tmp_path / "fix", corrected, name="fix.jsonl")
    latest = ChangeSet.objects.first()
    assert latest.origin.endswith("fix.jsonl")
    changed = {(v.record_type, tuple(v.changed_fields)) for v in latest.versions.all()}
    assert changed == {("document", ("title",)), ("place", ("name",))}
    assert [v.number for v in history("pub")] == [1, 2]


def test_admin_changes_record_who_when_what_and_why(staff, archive):
    editor = staff("editor")
    pub = document("pub")
    url = f"/admin/catalogue/document/{pub.pk}/change/"
    response = submit(
        editor,
        url,
        "document_form",
        {
            "title": "Cable from Molotov",
            "date_edtf": "1945-08-24",
            "texts-0-body": "The treaty was signed.",
            "change_note": "Title spelling; the date is the 24th.",
        },
    )
    assert response.status_code == 302, errors(response)
    version = history("pub")[-1]
    assert version.changeset.user.username == "editor1"
    assert version.changeset.source == Source.ADMIN
    assert version.note == "Title spelling; the date is the 24th."
    assert version.changed_fields == ["title", "date", "texts"]
    assert version.snapshot["texts"][0]["body"] == "The treaty was signed."


def test_inline_only_change_to_a_published_document_needs_a_note(staff, archive):
    editor = staff("editor")
    url = f"/admin/catalogue/document/{document('pub').pk}/change/"
    silent = submit(editor, url, "document_form", {"texts-0-body": "Changed quietly."})
    assert silent.status_code == 200
    assert any("change note" in e for e in errors(silent))
    assert document("pub").texts.get().body == "The treaty is signed."


def test_authority_records_and_merges_are_versioned(staff, archive):
    editor = staff("editor")
    place = Place.objects.get(key="urumqi")
    renamed = submit(
        editor,
        f"/admin/catalogue/place/{place.pk}/change/",
        "place_form",
        {"name": "Ürümqi", "change_note": "Diacritics."},
    )
    assert renamed.status_code == 302, errors(renamed)
    assert versions_of("place", place.public_id)[-1].changed_fields == ["name"]

    people = Person.objects.filter(key__in=["stalin", "stalin-dup"])
    survivor = people.get(key="stalin")
    editor.post(
        "/admin/catalogue/person/",
        {
            "action": "merge_people",
            ACTION_CHECKBOX_NAME: [str(p.pk) for p in people],
            "survivor": str(survivor.pk),
        },
    )
    merge = ChangeSet.objects.get(source=Source.MERGE)
    assert merge.user.username == "editor1" and "I. V. Stalin" in merge.note
    touched = {(v.record_type, tuple(v.changed_fields)) for v in merge.versions.all()}
    assert ("person", ("merged_into",)) in touched
    assert ("person", ("variants",)) in touched  # the survivor keeps the other name
    assert ("document", ("recipients",)) in touched  # the draft now names the survivor


def test_history_page_version_page_and_restore(staff, archive):
    editor = staff("editor")
    pub = document("pub")
    base = f"/admin/catalogue/document/{pub.pk}"
    for title in ("Cable from Molotov", "Cable from V. Molotov"):
        submit(editor, f"{base}/change/", "document_form", {"title": title, "change_note": "Fix."})
    listing = editor.get(f"{base}/history/").content.decode()
    assert "Cabel from Molotov" not in listing  # titles are on the version pages
    assert listing.count("/restore/") == 2  # every version but the current one
    page = editor.get(f"{base}/history/2/").content.decode()
    assert "Cabel from Molotov" in page and "Cable from Molotov" in page and "(changed)" in page

    confirm = editor.get(f"{base}/history/1/restore/")
    assert confirm.status_code == 200
    refused = submit(editor, f"{base}/history/1/restore/", "restore_form", {})
    assert refused.status_code == 200  # a public record: the note is required
    restored = submit(
        editor, f"{base}/history/1/restore/", "restore_form", {"note": "Back to the original."}
    )
    assert restored.status_code == 302
    pub.refresh_from_db()
    assert pub.title == "Cabel from Molotov" and pub.status == Status.PUBLISHED
    last = history("pub")[-1]
    assert (last.number, last.changeset.source, last.changed_fields) == (
        4,
        Source.RESTORE,
        ["title"],
    )
    assert last.snapshot["texts"] == history("pub")[0].snapshot["texts"]


def test_restore_is_for_editors_only(staff, archive):
    draft = document("draft")
    submit(
        staff("cataloguer"),
        f"/admin/catalogue/document/{draft.pk}/change/",
        "document_form",
        {"title": "Note 2"},
    )
    url = f"/admin/catalogue/document/{draft.pk}/history/1/restore/"
    assert staff("cataloguer").get(url).status_code == 403
    assert staff("cataloguer").post(url, {"note": "x"}).status_code == 403
    assert (
        staff("reviewer").get(f"/admin/catalogue/document/{draft.pk}/history/").status_code == 200
    )
    assert document("draft").title == "Note 2"


def test_restore_keeps_the_publication_state_and_brings_back_deleted_records(staff, archive):
    pub = document("pub")
    first = history("pub")[0]
    Document.objects.filter(pk=pub.pk).update(status=Status.WITHDRAWN, withdrawn_reason="x")
    restore_version(first, None, "Undo")
    assert document("pub").status == Status.WITHDRAWN  # publishing is its own act

    editor = staff("editor")
    place = Place.objects.get(key="urumqi")
    place.documents.clear()
    deleted = editor.post(f"/admin/catalogue/place/{place.pk}/delete/", {"post": "yes"})
    assert deleted.status_code == 302
    versions = versions_of("place", place.public_id)
    assert versions[-1].action == Action.DELETED and versions[-1].changeset.user is not None
    with pytest.raises(RestoreRefused):
        restore_version(versions[-1], None)
    restore_version(versions[0], None, "Deleted by mistake")
    assert Place.objects.get(key="urumqi").public_id == place.public_id


def test_an_imported_version_is_the_record_as_stored(tmp_path):
    """The importer records each document's version from the incoming record (no second read):
    it must equal what the database then holds, on a corpus with every kind of field."""
    from readingroom.editorial.snapshots import snapshots
    from readingroom.importers.pipeline import import_file

    corpus = Path(__file__).parents[2] / "readingroom" / "importers" / "corpus"
    assert import_file("jsonl", corpus / "seed.jsonl").ok
    assert import_file("tei", corpus / "frus" / "frus1894Nicaragua.xml.gz").ok
    latest: dict[int, Version] = {}
    for version in Version.objects.filter(record_type="document").order_by("number"):
        latest[version.public_id] = version
    stored = snapshots("document", latest)
    assert len(stored) > 100
    differing = [i for i, v in latest.items() if v.snapshot != stored[i]]
    assert differing == []


def test_joining_a_collection_changes_the_document_and_the_collection(staff, archive, tmp_path):
    from readingroom.catalogue.models import Collection

    load(tmp_path / "c", '{"type":"collection","key":"col","title":"Letters"}\n', name="c.jsonl")
    joined = RECORDS.replace(
        '"citation":"RGASPI, f. 558"', '"citation":"RGASPI, f. 558","collections":["col"]'
    )
    load(tmp_path / "j", joined, name="join.jsonl")
    by_import = {
        (v.record_type, tuple(v.changed_fields)) for v in ChangeSet.objects.first().versions.all()
    }
    assert by_import == {("document", ("collections",)), ("collection", ("order",))}

    collection = Collection.objects.get(key="col")
    url = f"/admin/catalogue/collection/{collection.pk}/members/"  # (members_admin)
    editor = staff("editor")
    response = editor.post(url, {"action": "add", "document": [document("draft").public_id]})
    assert response.status_code == 302, errors(response)
    by_admin = ChangeSet.objects.first()
    assert by_admin.user.username == "editor1"
    changed = {
        (v.record_type, v.public_id, tuple(v.changed_fields)) for v in by_admin.versions.all()
    }
    assert changed == {
        ("collection", collection.public_id, ("order",)),
        ("document", document("draft").public_id, ("collections",)),
    }


def test_saving_a_public_record_unchanged_needs_no_note_and_records_nothing(staff, archive):
    editor = staff("editor")
    before = Version.objects.count()
    for url in (
        f"/admin/catalogue/document/{document('pub').pk}/change/",
        f"/admin/catalogue/person/{Person.objects.get(key='molotov').pk}/change/",
    ):
        saved = submit(editor, url, url.split("/")[3] + "_form", {})
        assert saved.status_code == 302, errors(saved)
    assert Version.objects.count() == before


def test_a_collection_version_from_an_import_is_its_order_as_stored(db, tmp_path):
    """Members added by an import are put after the order read before it (no second read):
    each file's version must equal what the database then holds, as members join across
    files and batches, leave, and are reordered by the collection's own record."""
    from readingroom.catalogue.models import Collection
    from readingroom.editorial.snapshots import snapshots
    from readingroom.importers.writer import BATCH

    def documents(keys: range, collections: str, name: str) -> None:
        lines = [
            f'{{"type":"document","key":"d{k}","title":"Letter {k}","date":"1950",'
            f'"collections":{collections},"status":"published"}}'
            for k in keys
        ]
        load(tmp_path / name, "\n".join(lines) + "\n", name=f"{name}.jsonl")

    def latest_equals_stored() -> list[str]:
        collections = {c.public_id: c for c in Collection.objects.all()}
        stored = snapshots("collection", collections)
        latest = {i: versions_of("collection", i)[-1].snapshot for i in collections}
        return [collections[i].key for i in collections if latest[i] != stored[i]]

    load(tmp_path / "c", '{"type":"collection","key":"a","title":"A"}\n'
         '{"type":"collection","key":"b","title":"B"}\n', name="c.jsonl")  # fmt: skip
    documents(range(3), '["a"]', "first")
    documents(range(3, BATCH + 20), '["a","b"]', "second")  # across batches, two collections
    assert latest_equals_stored() == []
    order = snapshots("collection", [Collection.objects.get(key="a").public_id])
    assert next(iter(order.values()))["order"][:4] == ["d0", "d1", "d2", "d3"]
    documents(range(1, 2), '["b"]', "moved")  # d1 leaves a (and joins b at its end)
    assert latest_equals_stored() == []
    reordered = '{"type":"collection","key":"a","title":"A","order":["d4","d0"]}\n' + "".join(
        f'{{"type":"document","key":"n{k}","title":"New {k}","date":"1950","collections":["a"]}}\n'
        for k in range(2)
    )  # the collection's record and new members in one file
    load(tmp_path / "o", reordered, name="o.jsonl")
    assert latest_equals_stored() == []
    latest = versions_of("collection", Collection.objects.get(key="a").public_id)[-1]
    assert latest.snapshot["order"][:2] == ["d4", "d0"] and latest.snapshot["order"][-1] == "n1"


def test_a_change_set_page_shows_its_versions_a_hundred_at_a_time(staff, tmp_path):
    """An import of 250 documents is one change set: its page lists 100 versions and links the
    rest, not every one (issue 18: 20,100 versions took 25 s and 25 MB)."""
    import json

    from import_support import run_import

    path = tmp_path / "many.jsonl"
    path.write_text("".join(
        json.dumps({"type": "document", "key": f"m{n}", "title": f"Cable {n}", "date": "1945"}) + "\n"
        for n in range(250)
    ), encoding="utf-8")  # fmt: skip
    assert not run_import("jsonl", path).failed
    changeset = ChangeSet.objects.get(origin__contains="many.jsonl")
    client = staff(ADMINISTRATOR)
    url = f"/admin/editorial/changeset/{changeset.pk}/change/"

    def shown(page: str) -> tuple[int, str]:
        answer = client.get(url + page)
        assert answer.status_code == 200
        body = answer.content.decode()
        return body.count('<td class="field-public_id">'), body

    count, body = shown("")
    assert count == 100 and "1–100 of 250" in body and "?versions=2" in body
    count, last = shown("?versions=3")
    assert count == 50 and "201–250 of 250" in last
    assert "?versions=2" in last and "?versions=4" not in last
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counted = []
    for page in ("", "?versions=3"):  # 100 rows, then 50: the same queries
        with CaptureQueriesContext(connection) as queries:
            shown(page)
        counted.append(len(queries))
    assert counted[0] == counted[1] < 30, counted


NEW_DOCUMENTS = "".join(
    f'{{"type":"document","key":"new-{n}","title":"Cable {n}","date":"1945"}}\n' for n in range(3)
)


def test_new_documents_get_their_first_versions_without_looking_for_earlier_ones(db, tmp_path):
    """Ids just handed out have no history: the import does not ask for their last numbers."""
    with CaptureQueriesContext(connection) as queries:
        load(tmp_path, NEW_DOCUMENTS)
    assert [q["sql"] for q in queries if 'MAX("editorial_version"."number")' in q["sql"]] == []
    assert [v.number for v in history("new-1")] == [1]


def test_a_document_given_its_old_id_again_continues_its_history(db, tmp_path):
    """An id a record asks for may have had versions (a deleted document imported again): the
    new version comes after them."""
    record = '{"type":"document","key":"cable","id":777,"title":"Cable","date":"1945"}\n'
    load(tmp_path / "first", record)
    Document.objects.filter(key="cable").delete()
    load(tmp_path / "again", record.replace('"Cable"', '"Cable again"'))
    assert [(v.number, v.snapshot["title"]) for v in history("cable")] == [
        (1, "Cable"),
        (2, "Cable again"),
    ]
