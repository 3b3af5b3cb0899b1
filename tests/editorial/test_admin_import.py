"""Importing from the admin: upload, the dry run's report (counts by record type, every problem
with its line and field), confirm, and the history of imports with who ran them. The same
all-or-nothing rules as `readingroom import`; only staff who may publish import."""

from __future__ import annotations

import fcntl
import html
from collections.abc import Callable
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from readingroom.catalogue.models import Document
from readingroom.editorial.models import ChangeSet
from readingroom.importers.models import ImportRun

pytestmark = pytest.mark.django_db

GOOD = (
    b'{"type":"person","key":"gromyko","name":"Andrei Gromyko"}\n'
    b'{"type":"document","key":"up1","title":"Cable from the upload","date":"1945-08-24",'
    b'"authors":["gromyko"],"status":"published"}\n'
    b'{"type":"document","key":"up2","title":"Second upload","date":"1946"}\n'
)
BAD_DATE = GOOD.replace(b'"date":"1946"', b'"date":"the spring of 1946"')
ADD = "/admin/importers/importrun/add/"


def upload(client: Client, name: str, content: bytes, **fields: str) -> tuple[int, str, str]:
    """(status, Location, page) of submitting the upload form."""
    form = {"file": SimpleUploadedFile(name, content), "default_status": "draft", **fields}
    answer = client.post(ADD, form)
    return answer.status_code, answer.get("Location", ""), answer.content.decode()


def test_check_then_import_as_the_editor(archive: None, staff: Callable[[str], Client]) -> None:
    editor = staff("editor")
    before = Document.objects.count()
    status, location, _ = upload(editor, "cables.jsonl", GOOD)
    assert status == 302, location
    run = ImportRun.objects.get()
    assert run.state == ImportRun.State.CHECKED and run.user.username == "editor1"
    assert Document.objects.count() == before  # the dry run wrote nothing
    page = editor.get(location).content.decode()
    assert "What an import would do" in page and 'id="run_form"' in page
    assert '<th scope="row">document</th><td>2</td><td>0</td><td>0</td>' in page
    assert '<th scope="row">person</th><td>1</td>' in page

    done = editor.post(f"/admin/importers/importrun/{run.pk}/run/")
    assert done.status_code == 302
    run.refresh_from_db()
    assert run.state == ImportRun.State.IMPORTED and run.import_report["created"]["document"] == 2
    assert Document.objects.get(key="up1").status == "published"
    assert Document.objects.get(key="up2").status == "draft"  # the form's default state
    change = ChangeSet.objects.order_by("-pk").first()
    assert change is not None and change.user is not None and change.user.username == "editor1"
    again = editor.post(f"/admin/importers/importrun/{run.pk}/run/", follow=True)
    shown = again.content.decode()
    assert "Cables.jsonl is imported." in shown  # not twice (the admin writes it capitalised)
    assert Document.objects.count() == before + 2
    listing = editor.get("/admin/importers/importrun/").content.decode()
    assert "cables.jsonl" in listing and "editor1" in listing


@pytest.mark.parametrize(
    ("name", "content", "where"),
    [
        ("dates.jsonl", BAD_DATE, "dates.jsonl, line 3, record 'up2', field 'date'"),
        ("picture.jsonl", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "picture.jsonl, line 1"),
        ("rubbish.csv", b"not,an,archive\n1,2,3\n", "rubbish.csv"),
    ],
)
def test_a_file_with_problems_is_refused_whole_with_each_problem_named(
    archive: None, staff: Callable[[str], Client], name: str, content: bytes, where: str
) -> None:
    editor = staff("editor")
    before = Document.objects.count()
    status, location, _ = upload(editor, name, content)
    assert status == 302
    run = ImportRun.objects.get()
    assert run.state == ImportRun.State.REFUSED
    page = html.unescape(editor.get(location).content.decode())
    assert where in page and 'id="run_form"' not in page, page
    editor.post(f"/admin/importers/importrun/{run.pk}/run/")
    assert ImportRun.objects.get().state == ImportRun.State.REFUSED
    assert Document.objects.count() == before


def test_too_large_and_while_another_import_runs(
    archive: None,
    staff: Callable[[str], Client],
    settings,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    editor = staff("editor")
    settings.DATA_DIR = tmp_path
    settings.ADMIN_IMPORT_MAX_BYTES = 100
    status, _, page = upload(editor, "big.jsonl", GOOD)
    assert status == 200 and "the admin imports files of up to 100 bytes" in page
    status, _, page = upload(editor, "empty.jsonl", b"")
    assert status == 200 and "The submitted file is empty." in page
    settings.ADMIN_IMPORT_MAX_BYTES = 10_000
    with (tmp_path / "import.lock").open("w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # another editor's import, in another process
        status, _, page = upload(editor, "cables.jsonl", GOOD)
    assert status == 200 and "Another import is being checked or written" in page
    assert not ImportRun.objects.exists()


def test_only_staff_who_may_publish_import(archive: None, staff: Callable[[str], Client]) -> None:
    for role in ("cataloguer", "reviewer"):
        client = staff(role)
        assert client.get(ADD).status_code in (302, 403), role
        upload(client, "cables.jsonl", GOOD)
        assert not ImportRun.objects.exists(), role
        assert client.get("/admin/importers/importrun/").status_code == 200, role


def test_a_large_file_is_imported_in_the_background_and_its_page_follows_it(
    archive: None, staff: Callable[[str], Client], settings
) -> None:
    from django.core.management import call_command

    from readingroom.editorial.models import Job, JobState

    settings.JOBS_AT_ONCE = 2  # records: the file's three are too many to wait for
    editor = staff("editor")
    _, location, _ = upload(editor, "cables.jsonl", GOOD)
    run = ImportRun.objects.get()
    confirmed = editor.post(f"/admin/importers/importrun/{run.pk}/run/", follow=True)
    assert "Cables.jsonl is imported in the background." in html.unescape(
        confirmed.content.decode()
    )
    assert not Document.objects.filter(key="up1").exists()  # not yet
    following = html.unescape(editor.get(location).content.decode())
    assert "being imported: waiting" in following and 'http-equiv="refresh"' in following
    assert 'id="run_form"' not in following  # no second "Import it" while it runs
    twice = editor.post(f"/admin/importers/importrun/{run.pk}/run/", follow=True)
    assert "being imported already" in html.unescape(twice.content.decode())

    call_command("jobs")

    run.refresh_from_db()
    assert run.state == ImportRun.State.IMPORTED and run.job is not None
    assert run.job.state == JobState.DONE and Job.objects.count() == 1
    assert "3 record(s) written" in run.job.outcome
    assert Document.objects.get(key="up1").status == "published"
    done = html.unescape(editor.get(location).content.decode())
    assert "imported" in done and 'http-equiv="refresh"' not in done
