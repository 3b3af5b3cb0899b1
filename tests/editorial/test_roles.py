"""Each role, allowed and refused, through real admin requests."""

from __future__ import annotations

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Group

from readingroom.catalogue.models import Document, Person, Status
from readingroom.editorial.models import Comment, Source, Version
from readingroom.editorial.roles import ROLE_PERMISSIONS, ROLES, sync_roles

from .conftest import errors, submit

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/catalogue/document/"


def change_url(key: str) -> str:
    return f"/admin/catalogue/document/{Document.objects.get(key=key).pk}/change/"


def run_action(client, action: str, *keys: str, **extra: str):  # type: ignore[no-untyped-def]
    pks = [str(Document.objects.get(key=k).pk) for k in keys]
    return client.post(CHANGELIST, {"action": action, ACTION_CHECKBOX_NAME: pks, **extra})


def status(key: str) -> str:
    return Document.objects.get(key=key).status


def test_roles_exist_with_their_permissions_and_sync_is_idempotent():
    groups = {g.name: g for g in Group.objects.filter(name__in=ROLES)}
    assert set(groups) == set(ROLES)
    editor = {
        f"{p.content_type.app_label}.{p.codename}" for p in groups["editor"].permissions.all()
    }
    assert set(ROLE_PERMISSIONS["editor"]) == editor
    cataloguer = {
        f"{p.content_type.app_label}.{p.codename}" for p in groups["cataloguer"].permissions.all()
    }
    assert "editorial.publish_document" not in cataloguer
    assert "catalogue.add_document" in cataloguer
    before = {name: group.permissions.count() for name, group in groups.items()}
    groups["reviewer"].permissions.clear()  # someone fiddled with a role in the admin
    sync_roles()
    sync_roles()
    after = {g.name: g.permissions.count() for g in Group.objects.filter(name__in=ROLES)}
    assert after == before


def test_reviewer_reads_drafts_and_comments_but_changes_nothing(staff, archive):
    reviewer = staff("reviewer")
    page = reviewer.get(change_url("draft"))
    assert page.status_code == 200
    assert b"Note for the file" in page.content
    assert b'name="_save"' not in page.content  # a read-only view
    refused = reviewer.post(change_url("draft"), {"title": "Changed by a reviewer"})
    assert refused.status_code == 403
    assert reviewer.get("/admin/catalogue/document/add/").status_code == 403
    draft = Document.objects.get(key="draft")
    added = submit(
        reviewer,
        f"/admin/editorial/comment/add/?document={draft.pk}",
        "comment_form",
        {"body": "The date looks wrong."},
    )
    assert added.status_code == 302, errors(added)
    comment = Comment.objects.get()
    assert (comment.document, comment.author.username) == (draft, "reviewer1")
    assert b"The date looks wrong." in reviewer.get(change_url("draft")).content
    assert run_action(reviewer, "publish_documents", "draft").status_code in (200, 302, 403)
    assert status("draft") == Status.DRAFT


def test_cataloguer_creates_and_edits_drafts_but_cannot_publish(staff, archive):
    cataloguer = staff("cataloguer")
    add = cataloguer.get("/admin/catalogue/document/add/").content.decode()
    assert 'value="draft"' in add and 'value="review"' in add
    assert 'value="published"' not in add and 'value="embargoed"' not in add
    refused = submit(
        cataloguer,
        "/admin/catalogue/document/add/",
        "document_form",
        {"title": "A new cable", "date_edtf": "1950", "status": "published"},
    )
    assert refused.status_code == 200
    assert any("valid choice" in e for e in errors(refused))
    made = submit(
        cataloguer,
        "/admin/catalogue/document/add/",
        "document_form",
        {"title": "A new cable", "date_edtf": "1950", "status": "review"},
    )
    assert made.status_code == 302, errors(made)
    assert Document.objects.get(title="A new cable").status == Status.REVIEW
    edited = submit(cataloguer, change_url("draft"), "document_form", {"title": "Note, revised"})
    assert edited.status_code == 302, errors(edited)
    assert Document.objects.get(key="draft").title == "Note, revised"
    # A published document is in editors' hands: view only, and a POST is refused.
    assert b'name="_save"' not in cataloguer.get(change_url("pub")).content
    assert cataloguer.post(change_url("pub"), {"title": "x"}).status_code == 403
    run_action(cataloguer, "publish_documents", "draft")
    assert status("draft") == Status.DRAFT
    assert b"publish_documents" not in cataloguer.get(CHANGELIST).content
    pub = Document.objects.get(key="pub")
    assert (
        cataloguer.post(f"/admin/catalogue/document/{pub.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    assert Document.objects.filter(key="pub").exists()


def test_editor_publishes_withdraws_and_is_asked_for_a_reason(staff, archive):
    editor = staff("editor")
    assert b"publish_documents" in editor.get(CHANGELIST).content
    published = run_action(editor, "publish_documents", "draft")
    assert published.status_code == 302
    assert status("draft") == Status.PUBLISHED
    assert Document.objects.get(key="draft").published_at is not None
    draft = Document.objects.get(key="draft")
    version = Version.objects.filter(record_type="document", public_id=draft.public_id).last()
    assert (
        version.changeset.source == Source.WORKFLOW and version.changeset.user.username == "editor1"
    )
    assert version.changed_fields == ["status"]

    asked = run_action(editor, "withdraw_documents", "pub")
    assert asked.status_code == 200 and b"reason" in asked.content
    assert status("pub") == Status.PUBLISHED
    done = run_action(editor, "withdraw_documents", "pub", reason="Rights not cleared.")
    assert done.status_code == 302
    pub = Document.objects.get(key="pub")
    assert (pub.status, pub.withdrawn_reason) == (Status.WITHDRAWN, "Rights not cleared.")


def test_editing_a_published_document_needs_a_note(staff, archive):
    editor = staff("editor")
    silent = submit(editor, change_url("pub"), "document_form", {"title": "Cable from Molotov"})
    assert silent.status_code == 200
    assert any("change note" in e for e in errors(silent))
    assert Document.objects.get(key="pub").title == "Cabel from Molotov"
    noted = submit(
        editor,
        change_url("pub"),
        "document_form",
        {"title": "Cable from Molotov", "change_note": "Corrected the title's spelling."},
    )
    assert noted.status_code == 302, errors(noted)
    # A draft needs no note.
    assert (
        submit(editor, change_url("draft"), "document_form", {"title": "Note"}).status_code == 302
    )


def test_merging_people_needs_the_editor_role(staff, archive):
    people = [str(p.pk) for p in Person.objects.filter(key__in=["stalin", "stalin-dup"])]
    survivor = str(Person.objects.get(key="stalin").pk)
    form = {"action": "merge_people", ACTION_CHECKBOX_NAME: people, "survivor": survivor}
    cataloguer = staff("cataloguer")
    assert b"merge_people" not in cataloguer.get("/admin/catalogue/person/").content
    cataloguer.post("/admin/catalogue/person/", form)
    assert Person.objects.get(key="stalin-dup").merged_into is None
    assert staff("editor").post("/admin/catalogue/person/", form).status_code == 302
    assert Person.objects.get(key="stalin-dup").merged_into.key == "stalin"


def test_only_administrators_manage_staff_accounts(staff, archive):
    assert staff("editor").get("/admin/auth/user/").status_code == 403
    assert staff("administrator").get("/admin/auth/user/").status_code == 200
    assert staff("administrator").get("/admin/editorial/changeset/").status_code == 200
