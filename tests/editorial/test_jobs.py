"""Long editorial work in the background (issue 18, item 3): a merge too large to wait for is a
job the worker (`readingroom jobs`) runs; its page follows it; the merge, its history and the
job's "done" are committed together; two merges of the same person end with one merged and
the other refused in words; a job whose work fails leaves the archive as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.management import call_command
from django.test import Client

from readingroom.catalogue.models import Person
from readingroom.editorial.jobs import claim
from readingroom.editorial.merges import merge_job
from readingroom.editorial.models import ChangeSet, Job, JobState, Merge, Source, Version

from .conftest import load

pytestmark = pytest.mark.django_db

DUPLICATES = (
    '{"type":"person","key":"stalin-dup","name":"I. V. Stalin"}\n'
    '{"type":"person","key":"stalin-again","name":"Iosif Stalin"}\n'
)


def person(key: str) -> Person:
    return Person.objects.get(key=key)


def ask_to_merge(editor: Client, survivor: str, *others: str) -> str:
    people = [person(survivor), *(person(key) for key in others)]
    form = {
        "action": "merge_people",
        ACTION_CHECKBOX_NAME: [str(p.pk) for p in people],
        "survivor": str(people[0].pk),
    }
    response = editor.post("/admin/catalogue/person/", form, follow=True)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def duplicates(db: None, tmp_path: Path, search_backend: object) -> None:
    load(tmp_path / "import")
    load(tmp_path / "more", DUPLICATES, name="duplicates.jsonl")


def test_a_large_merge_is_a_job_the_worker_runs_with_its_history(
    duplicates: None, staff, settings
) -> None:
    settings.JOBS_AT_ONCE = 0  # every merge is left to the background
    editor = staff("editor")
    page = ask_to_merge(editor, "stalin", "stalin-dup")
    job = Job.objects.get()
    assert "Merge I. V. Stalin into Joseph Stalin runs in the background" in page
    assert f"/admin/editorial/job/{job.pk}/change/" in page
    assert person("stalin-dup").merged_into is None  # not yet
    waiting = editor.get(f"/admin/editorial/job/{job.pk}/change/").content.decode()
    assert "waiting for the background worker" in waiting
    assert 'http-equiv="refresh"' in waiting  # the page follows the job

    call_command("jobs")

    job.refresh_from_db()
    assert (job.state, job.attempts, job.created_by.username) == (JobState.DONE, 1, "editor1")
    assert person("stalin-dup").merged_into == person("stalin")
    assert job.changeset == ChangeSet.objects.get(source=Source.MERGE)
    assert job.changeset.note == "Merged I. V. Stalin into Joseph Stalin"
    kept = set(job.changeset.versions.values_list("record_type", "public_id"))
    assert ("person", person("stalin-dup").public_id) in kept
    done = editor.get(f"/admin/editorial/job/{job.pk}/change/").content.decode()
    assert "Merged I. V. Stalin into Joseph Stalin;" in done
    assert 'http-equiv="refresh"' not in done
    assert f"/admin/editorial/changeset/{job.changeset.pk}/change/" in done


def test_a_small_merge_is_done_while_the_editor_waits(duplicates: None, staff) -> None:
    page = ask_to_merge(staff("editor"), "stalin", "stalin-dup")
    assert "Merged I. V. Stalin into Joseph Stalin;" in page
    assert Job.objects.get().state == JobState.DONE
    assert person("stalin-dup").merged_into == person("stalin")


def test_two_merges_of_one_person_end_with_one_merge_and_one_refusal(
    duplicates: None, staff, settings
) -> None:
    settings.JOBS_AT_ONCE = 0
    editor = staff("editor")
    ask_to_merge(editor, "stalin", "stalin-dup")
    ask_to_merge(editor, "stalin-again", "stalin-dup")  # asked before the first is done
    call_command("jobs")
    done, refused = Job.objects.order_by("pk")
    assert done.state == JobState.DONE
    assert refused.state == JobState.FAILED
    assert "merged into another record already" in refused.outcome
    assert person("stalin-dup").merged_into == person("stalin")
    assert person("stalin-again").merged_into is None
    assert Merge.objects.count() == 1
    assert ChangeSet.objects.filter(source=Source.MERGE).count() == 1  # history = what happened


def test_a_refused_job_leaves_the_archive_as_it_was(duplicates: None) -> None:
    """A job whose work fails half-way (the second of two merges refused) commits nothing."""
    stalin, duplicate, again = person("stalin"), person("stalin-dup"), person("stalin-again")
    job = merge_job(stalin, [stalin, duplicate, again], {}, None)
    Person.objects.filter(pk=again.pk).update(merged_into=duplicate)  # since asked
    versions = Version.objects.count()
    call_command("jobs")
    job.refresh_from_db()
    assert job.state == JobState.FAILED, job.outcome
    assert "merged into another record already" in job.outcome
    assert person("stalin-dup").merged_into is None  # the first merge was undone with it
    assert Merge.objects.count() == 0 and Version.objects.count() == versions


def test_a_job_running_under_a_live_worker_is_not_taken_twice(duplicates: None) -> None:
    stalin, duplicate = person("stalin"), person("stalin-dup")
    job = merge_job(stalin, [stalin, duplicate], {}, None)
    taken = claim()
    assert taken is not None and taken.pk == job.pk
    assert claim() is None  # this process, alive, holds it
    Job.objects.filter(pk=job.pk).update(worker="localhost-gone:999999999")
    assert claim() is None  # another machine's worker: trusted until it is stale


def test_merging_needs_the_merge_role(duplicates: None, staff) -> None:
    ask_to_merge(staff("cataloguer"), "stalin", "stalin-dup")
    assert not Job.objects.exists()
    assert person("stalin-dup").merged_into is None
