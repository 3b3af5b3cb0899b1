"""Merges lose nothing and can be undone (issue 13, item 7): the survivor takes the merged
record's sort name, life dates and ids where its own are empty, and the values the editor chose
where the two disagree; undoing the merge in the admin puts every link, name and field back, so
the archive exports exactly as it did before the merge."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.management import call_command
from django.test import Client

from readingroom.catalogue.models import Person
from readingroom.editorial.merges import MergeRefused, merge_people, unmerge
from readingroom.editorial.models import ChangeSet, Job, JobState, Merge, Source
from readingroom.interchange import jsonl
from readingroom.interchange.export import export_records

from .conftest import RECORDS, load

pytestmark = pytest.mark.django_db

DUPLICATE = '{"type":"person","key":"stalin-dup","name":"I. V. Stalin"}'
DETAILED = (
    '{"type":"person","key":"stalin-dup","name":"I. V. Stalin","sort_name":"Dzhugashvili, I. V.",'
    '"dates":"1878-12-18/1953-03-05","wikidata":"Q855",'
    '"variants":[{"name":"Koba","kind":"pseudonym"}]}'
)
# the duplicate is also a recipient of the published document, as Stalin is: one link dropped
SHARED = RECORDS.replace(DUPLICATE, DETAILED).replace(
    '"recipients":["stalin"]', '"recipients":["stalin","stalin-dup"]'
)


def exported() -> str:
    out = io.StringIO()
    jsonl.write(export_records(), out)
    return out.getvalue()


def person(key: str) -> Person:
    return Person.objects.get(key=key)


def merge_in_the_admin(editor: Client, **chosen: str) -> None:
    people = [person("stalin"), person("stalin-dup")]
    form = {
        "action": "merge_people",
        ACTION_CHECKBOX_NAME: [str(p.pk) for p in people],
        "survivor": str(people[0].pk),
        **{f"keep_{name}": value for name, value in chosen.items()},
    }
    response = editor.post("/admin/catalogue/person/", form)
    assert response.status_code == 302, response.content.decode()[-2000:]


def undo_in_the_admin(editor: Client) -> None:
    form = {"action": "undo_merges", ACTION_CHECKBOX_NAME: [str(person("stalin-dup").pk)]}
    assert editor.post("/admin/catalogue/person/", form).status_code == 302


def test_a_merge_then_its_undoing_exports_identically(staff, db, tmp_path: Path, search_backend):
    load(tmp_path / "import", SHARED)
    before = exported()
    editor = staff("editor")
    merge_in_the_admin(editor)
    stalin = person("stalin")
    assert person("stalin-dup").merged_into == stalin
    assert stalin.sort_name == "Stalin, Joseph"  # its own, not the other's
    assert (stalin.dates_edtf, stalin.wikidata) == ("1878-12-18/1953-03-05", "Q855")  # filled
    assert {"I. V. Stalin", "Koba"} <= set(stalin.variants.values_list("name", flat=True))
    assert exported() != before
    undo_in_the_admin(editor)
    assert person("stalin-dup").merged_into is None
    assert exported() == before
    assert Merge.objects.get().undone_at is not None
    sources = list(ChangeSet.objects.filter(source=Source.MERGE).values_list("note", flat=True))
    assert any(
        note.startswith("Undid the merges of I. V. Stalin from Joseph Stalin") for note in sources
    )


def test_the_editor_chooses_where_the_records_disagree(staff, db, tmp_path: Path, search_backend):
    load(tmp_path / "import", SHARED)
    editor = staff("editor")
    people = [person("stalin"), person("stalin-dup")]
    asked = editor.post(
        "/admin/catalogue/person/",
        {"action": "merge_people", ACTION_CHECKBOX_NAME: [str(p.pk) for p in people]},
    ).content.decode()
    assert "Keep this sort name" in asked or "Keep this sort_name" in asked
    assert "Dzhugashvili, I. V." in asked and "Stalin, Joseph" in asked
    merge_in_the_admin(editor, sort_name="Dzhugashvili, I. V.")
    assert person("stalin").sort_name == "Dzhugashvili, I. V."
    undo_in_the_admin(editor)
    assert person("stalin").sort_name == "Stalin, Joseph"
    assert person("stalin-dup").sort_name == "Dzhugashvili, I. V."


def test_merges_that_would_confuse_records_are_refused(db, tmp_path: Path, search_backend):
    load(tmp_path / "import", SHARED)
    stalin, duplicate, molotov = person("stalin"), person("stalin-dup"), person("molotov")
    with pytest.raises(MergeRefused, match="into themselves"):
        merge_people(stalin, stalin)
    merge_people(stalin, duplicate)
    with pytest.raises(MergeRefused, match="merged into another record already"):
        merge_people(molotov, person("stalin-dup"))
    with pytest.raises(MergeRefused, match="was itself merged"):
        merge_people(person("stalin-dup"), molotov)
    merge = Merge.objects.get()
    unmerge(merge)
    with pytest.raises(MergeRefused, match="undone already"):
        unmerge(Merge.objects.get())


def test_a_merged_person_is_not_restored_behind_the_merge(db, tmp_path: Path, search_backend):
    from readingroom.desk.restore import RestoreRefused, restore_version
    from readingroom.editorial.history import versions_of

    load(tmp_path / "import", SHARED)
    merge_people(person("stalin"), person("stalin-dup"))
    first = versions_of("person", person("stalin-dup").public_id)[0]
    with pytest.raises(RestoreRefused, match="merged into Joseph Stalin; undo the merge first"):
        restore_version(first, None)


def test_a_merge_is_undone_from_its_change_in_history(
    staff, db, tmp_path: Path, search_backend, settings
):
    """The merge's change set names the merge and links its undoing; only those who may merge
    undo it; past READINGROOM_JOBS_AT_ONCE it is undone by the background worker."""
    load(tmp_path / "import", SHARED)
    before = exported()
    editor = staff("editor")
    merge_in_the_admin(editor)
    merge = Merge.objects.get()
    changeset = ChangeSet.objects.get(source=Source.MERGE)
    assert merge.changeset == changeset  # written in the merge's own transaction
    page_url = f"/admin/editorial/changeset/{changeset.pk}/change/"
    page = editor.get(page_url).content.decode()
    undo_url = f"/admin/editorial/changeset/{changeset.pk}/undo-merges/"
    assert "I. V. Stalin into Joseph Stalin" in page and f'href="{undo_url}"' in page

    cataloguer = staff("cataloguer")
    cataloguer.post(undo_url)
    assert Merge.objects.get().undone_at is None

    asked = editor.get(undo_url).content.decode()
    assert "I. V. Stalin, merged into Joseph Stalin" in asked and 'id="undo_form"' in asked
    settings.JOBS_AT_ONCE = 0  # every undoing goes to the worker
    answer = editor.post(undo_url, follow=True).content.decode()
    assert "runs in the background" in answer
    assert Merge.objects.get().undone_at is None  # not yet: the worker does it
    call_command("jobs")
    assert Merge.objects.get().undone_at is not None
    assert exported() == before
    job = Job.objects.get(kind="unmerge-people")
    assert job.state == JobState.DONE and job.changeset is not None
    assert job.changeset.note == "Undid the merges of I. V. Stalin from Joseph Stalin"
    after = editor.get(page_url).content.decode()
    assert "(undone " in after and f'href="{undo_url}"' not in after
    again = editor.get(undo_url).content.decode()
    assert "This change has no merge left to undo." in again
