"""Bulk changes from the documents list (issue 18, item 4): a subject, place or person added or
removed, documents added to a collection, their type, repository or classification set; done
at once when few, else as a job in parts, each part committed with its history and progress, so
a job taken again goes on where it stopped; refused in words when the record does not exist or
the editor may not."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.management import call_command
from django.test import Client

from readingroom.catalogue.models import (
    Collection,
    Document,
    Person,
    Repository,
    Status,
    Subject,
)
from readingroom.editorial.bulk_changes import Change, bulk_job
from readingroom.editorial.models import ChangeSet, Job, JobState, Source, Version

from .conftest import load

pytestmark = pytest.mark.django_db

MORE = "".join(
    f'{{"type":"document","key":"more-{n}","title":"Report {n}","date":"1950-0{n}",'
    f'"status":"published"}}\n'
    for n in range(1, 6)
) + (
    '{"type":"subject","key":"treaties","name":"Treaties"}\n'
    '{"type":"repository","key":"avp","name":"Archive of Foreign Policy","short_name":"AVP RF"}\n'
    '{"type":"collection","key":"reports","title":"Reports"}\n'
)


@pytest.fixture
def documents(db: None, tmp_path: Path, search_backend: object) -> list[Document]:
    load(tmp_path / "import")
    load(tmp_path / "more", MORE, name="more.jsonl")
    return list(Document.objects.order_by("pk"))


def change_in_the_admin(editor: Client, chosen: list[Document], **form: str) -> str:
    posted = {
        "action": "change_documents",
        ACTION_CHECKBOX_NAME: [str(d.pk) for d in chosen],
        "index": "0",
        **form,
    }
    response = editor.post("/admin/catalogue/document/", posted, follow=True)
    assert response.status_code == 200
    return response.content.decode()


def test_a_subject_is_added_to_the_selected_documents_with_their_history(
    documents: list[Document], staff
) -> None:
    treaties = Subject.objects.get(key="treaties")
    chosen = documents[:3]
    form = change_in_the_admin(staff("editor"), chosen)
    assert "Change 3 documents" in form  # the form first
    page = change_in_the_admin(
        staff("editor"), chosen, change="add:subject", value=str(treaties.public_id)
    )
    assert "3 document(s): added subject Treaties." in page
    assert set(treaties.documents.all()) == set(chosen)
    changeset = ChangeSet.objects.get(note="Bulk change: added subject Treaties")
    versions = Version.objects.filter(changeset=changeset)
    assert {v.public_id for v in versions} == {d.public_id for d in chosen}
    assert all("subjects" in v.changed_fields for v in versions)
    assert Job.objects.get().changeset is None  # (parts: each part has its own change set)


def test_fields_and_people_are_set_and_removed(documents: list[Document], staff) -> None:
    editor = staff("editor")
    avp = Repository.objects.get(key="avp")
    stalin = Person.objects.get(key="stalin")
    change_in_the_admin(editor, documents, change="set:repository", value=str(avp.public_id))
    change_in_the_admin(editor, documents, change="set:doc_type", value="despatch")
    change_in_the_admin(
        editor, documents, change="add:person", value=str(stalin.public_id), role="discussed"
    )
    for document in Document.objects.all():
        assert (document.repository, document.doc_type) == (avp, "despatch")
        assert document.person_links.filter(person=stalin, role="discussed").exists()
    change_in_the_admin(
        editor, documents, change="remove:person", value=str(stalin.public_id), role="discussed"
    )
    assert not stalin.document_links.filter(role="discussed").exists()
    assert stalin.document_links.filter(role="recipient").count() == 1  # the others stay


def test_documents_are_added_to_a_collection_at_its_end(documents: list[Document], staff) -> None:
    reports = Collection.objects.get(key="reports")
    change_in_the_admin(
        staff("editor"), documents[2:], change="add:collection", value=str(reports.public_id)
    )
    members = list(reports.memberships.order_by("position").values_list("document", flat=True))
    assert members == [d.pk for d in documents[2:]]


def test_an_unknown_record_or_a_missing_role_is_refused_on_the_form(
    documents: list[Document], staff
) -> None:
    editor = staff("editor")
    page = change_in_the_admin(editor, documents, change="add:subject", value="99999")
    assert "there is no subject with the id 99999" in page
    page = change_in_the_admin(editor, documents, change="add:person", value="1", role="")
    assert "say in which role" in page
    assert not Job.objects.exists()


def test_only_editors_change_documents_in_bulk(documents: list[Document], staff) -> None:
    treaties = Subject.objects.get(key="treaties")
    change_in_the_admin(
        staff("cataloguer"), documents, change="add:subject", value=str(treaties.public_id)
    )
    assert not treaties.documents.exists() and not Job.objects.exists()


def test_a_large_change_runs_in_parts_and_goes_on_where_it_stopped(
    documents: list[Document],
) -> None:
    """Seven documents in parts of two: four change sets. A job taken again after two parts
    were committed (its worker killed) changes only the documents not yet changed."""
    treaties = Subject.objects.get(key="treaties")
    ids = [d.pk for d in documents]
    change = Change("add", "subject", str(treaties.public_id))
    job = bulk_job(ids, change, None, part=2)
    call_command("jobs")
    job.refresh_from_db()
    assert (job.state, job.done, job.total) == (JobState.DONE, 7, 7)
    assert ChangeSet.objects.filter(note__startswith="Bulk change").count() == 4
    assert treaties.documents.count() == 7

    treaties.documents.clear()
    again = bulk_job(ids, change, None, part=2)
    Job.objects.filter(pk=again.pk).update(state=JobState.RUNNING, done=4, worker="gone:1")
    call_command("jobs")
    assert set(treaties.documents.values_list("pk", flat=True)) == set(ids[4:])
    again.refresh_from_db()
    assert (again.state, again.done) == (JobState.DONE, 7)


def test_documents_are_removed_from_a_collection_the_rest_kept_in_order(
    documents: list[Document], staff
) -> None:
    editor = staff("editor")
    reports = Collection.objects.get(key="reports")
    value = str(reports.public_id)
    change_in_the_admin(editor, documents, change="add:collection", value=value)
    page = change_in_the_admin(editor, documents[1:3], change="remove:collection", value=value)
    assert "2 document(s): removed from the collection Reports." in page
    kept = reports.memberships.order_by("position").values_list("document", "position")
    assert list(kept) == [(d.pk, n) for n, d in enumerate([documents[0], *documents[3:]], 1)]
    latest = Version.objects.filter(record_type="collection", public_id=reports.public_id)
    order = latest.order_by("-number").first().snapshot["order"]  # type: ignore[union-attr]
    assert order == [d.key for d in [documents[0], *documents[3:]]]
    gone = Version.objects.filter(record_type="document", public_id=documents[1].public_id)
    assert gone.order_by("-number").first().snapshot["collections"] == []  # type: ignore[union-attr]


def test_the_workflow_in_bulk_embargo_withdraw_publish_with_their_history(
    documents: list[Document], staff
) -> None:
    editor = staff("editor")
    lifts = dt.date.today() + dt.timedelta(days=30)
    page = change_in_the_admin(editor, documents[:2], change="state:embargoed", value="soon")
    assert "give the day the embargo lifts, as YYYY-MM-DD" in page
    page = change_in_the_admin(editor, documents[:2], change="state:embargoed", value="2000-01-01")
    assert "an embargo lifts on a day after today" in page
    page = change_in_the_admin(editor, documents[:2], change="state:withdrawn", value="")
    assert "This change needs a value." in page
    assert not Job.objects.exists()

    page = change_in_the_admin(
        editor, documents[:2], change="state:embargoed", value=lifts.isoformat()
    )
    assert f"2 document(s): embargoed until {lifts.isoformat()}." in page
    held = Document.objects.filter(pk__in=[d.pk for d in documents[:2]])
    assert {(d.status, d.embargo_until) for d in held} == {(Status.EMBARGOED, lifts)}
    embargoed = ChangeSet.objects.get(note=f"Embargoed until {lifts.isoformat()}")
    assert embargoed.source == Source.WORKFLOW
    assert Version.objects.filter(changeset=embargoed).count() == 2

    page = change_in_the_admin(editor, documents[2:4], change="state:withdrawn", value="Forged")
    assert "2 document(s): withdrawn: Forged." in page
    gone = Document.objects.filter(pk__in=[d.pk for d in documents[2:4]])
    assert {(d.status, d.withdrawn_reason) for d in gone} == {(Status.WITHDRAWN, "Forged")}
    change_in_the_admin(editor, documents[:2], change="state:published")
    assert {d.status for d in held.all()} == {Status.PUBLISHED}


def test_a_large_publication_is_a_job_in_parts(documents: list[Document], staff, settings) -> None:
    """More documents than are published while the editor waits: the admin's own "Publish"
    action queues a job, which publishes them part by part, each part with its change set."""
    settings.JOBS_AT_ONCE = 2
    Document.objects.update(status=Status.DRAFT)
    posted = {
        "action": "publish_documents",
        ACTION_CHECKBOX_NAME: [str(d.pk) for d in documents],
        "index": "0",
    }
    page = staff("editor").post("/admin/catalogue/document/", posted, follow=True)
    assert "7 document(s): published runs in the background" in page.content.decode()
    assert not Document.objects.filter(status=Status.PUBLISHED).exists()
    job = Job.objects.get()
    Job.objects.filter(pk=job.pk).update(parameters={**job.parameters, "part": 3})
    call_command("jobs")
    assert set(Document.objects.values_list("status", flat=True)) == {Status.PUBLISHED}
    assert ChangeSet.objects.filter(note="Published", source=Source.WORKFLOW).count() == 3
