"""A collection of any size edited in the admin as a list: its own form saves its fields at
once (no form row a member), and its members are paged, found, moved, removed and added, each
change with its history and positions kept 1..N."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from readingroom.catalogue.models import Collection, CollectionMembership, Document
from readingroom.editorial.models import ChangeSet, Version

from .conftest import load

pytestmark = pytest.mark.django_db
MEMBERS = 1_200  # more than Django's 1,000 forms a save


@pytest.fixture
def big(db: None, tmp_path: Path) -> Collection:
    lines = [{"type": "collection", "key": "big", "title": "Telegrams of 1945"}]
    lines += [
        {"type": "document", "key": f"t{n}", "title": f"Telegram {n}", "date": "1945",
         "collections": ["big"], "status": "published"}
        for n in range(1, MEMBERS + 1)
    ]  # fmt: skip
    lines.append({"type": "document", "key": "outsider", "title": "Outsider memorandum",
                  "date": "1946", "status": "published"})  # fmt: skip
    load(tmp_path, "".join(json.dumps(line) + "\n" for line in lines))
    return Collection.objects.get(key="big")


def positions(collection: Collection) -> list[int]:
    members = CollectionMembership.objects.filter(collection=collection).order_by("position")
    return list(members.values_list("position", flat=True))


def order_in_history(collection: Collection) -> list[str]:
    latest = Version.objects.filter(record_type="collection", public_id=collection.public_id)
    return list(latest.order_by("-number").first().snapshot["order"])  # type: ignore[union-attr]


def test_the_collection_form_saves_whatever_its_size(
    big: Collection, staff: Callable[[str], Client]
) -> None:
    editor = staff("editor")
    url = f"/admin/catalogue/collection/{big.pk}/change/"
    with CaptureQueriesContext(connection) as queries:
        page = editor.get(url).content.decode()
    assert f"{MEMBERS} in curated order" in page and len(queries) < 40
    assert "memberships-TOTAL_FORMS" not in page  # no form row a member
    saved = editor.post(url, {"key": "big", "title": "Telegrams of 1945",
                              "description": "Every telegram.", "_save": "Save",
                              "change_note": "A description"})  # fmt: skip
    assert saved.status_code == 302, saved.content.decode()[:3000]
    big.refresh_from_db()
    assert big.description == "Every telegram." and len(positions(big)) == MEMBERS


def test_members_paged_found_moved_removed_and_added(
    big: Collection, staff: Callable[[str], Client]
) -> None:
    editor = staff("editor")
    url = f"/admin/catalogue/collection/{big.pk}/members/"
    with CaptureQueriesContext(connection) as queries:
        first = editor.get(url).content.decode()
    assert first.count('class="move"') == 50 and len(queries) < 25
    assert "Page 1 of 24" in first
    last = editor.get(url + "?page=24").content.decode()
    assert "Telegram 1200" in last and "Telegram 1150" not in last
    assert editor.get(url + "?q=Telegram+777").content.decode().count('class="move"') == 1

    moved = Document.objects.get(key="t1200")
    editor.post(url, {"action": "move", "document": moved.public_id, "position": "1"})
    assert positions(big) == list(range(1, MEMBERS + 1))
    assert order_in_history(big)[:2] == ["t1200", "t1"]
    assert ChangeSet.objects.filter(note__startswith=f"Moved document {moved.public_id}").exists()
    page = editor.get(url).content.decode()
    assert page.index("Telegram 1200") < page.index("Telegram 1<")

    gone = Document.objects.get(key="t500")
    editor.post(url, {"action": "remove", "document": gone.public_id})
    assert positions(big) == list(range(1, MEMBERS))
    assert "t500" not in order_in_history(big)
    document_history = Version.objects.filter(record_type="document", public_id=gone.public_id)
    assert document_history.order_by("-number").first().snapshot["collections"] == []  # type: ignore[union-attr]

    found = editor.get(url + "?add=Outsider").content.decode()
    outsider = Document.objects.get(key="outsider")
    assert f'value="{outsider.public_id}"' in found
    editor.post(url, {"action": "add", "document": [outsider.public_id]})
    assert order_in_history(big)[-1] == "outsider" and positions(big) == list(range(1, MEMBERS + 1))


def test_bad_requests_and_roles(big: Collection, staff: Callable[[str], Client]) -> None:
    url = f"/admin/catalogue/collection/{big.pk}/members/"
    editor = staff("editor")
    member = Document.objects.get(key="t2")
    shown = editor.post(url, {"action": "move", "document": member.public_id, "position": "x"},
                        follow=True).content.decode()  # fmt: skip
    assert "A position is a whole number" in shown
    editor.post(url, {"action": "move", "document": member.public_id, "position": "999999"})
    assert CollectionMembership.objects.get(document=member).position == MEMBERS  # the last
    outsider = Document.objects.get(key="outsider")
    shown = editor.post(url, {"action": "remove", "document": outsider.public_id},
                        follow=True).content.decode()  # fmt: skip
    assert "is not in Telegrams of 1945" in shown
    before = positions(big)
    reviewer = staff("reviewer")
    reviewer.post(url, {"action": "remove", "document": member.public_id})
    assert positions(big) == before


def test_positions_shown_count_from_one_in_curated_order_whatever_is_stored(
    big: Collection, staff: Callable[[str], Client]
) -> None:
    """An import numbers members from 0; the page shows 1..N, also for a row found by a search,
    so that "Move to position", Up and Down mean what the editor reads."""
    assert positions(big)[0] == 0  # as imported
    editor = staff("editor")
    url = f"/admin/catalogue/collection/{big.pk}/members/"
    first = editor.get(url).content.decode()
    assert 'data-position="1" data-document' in first and 'data-position="0"' not in first
    found = editor.get(url + "?q=Telegram+777").content.decode()
    telegram = Document.objects.get(key="t777")
    assert f'data-position="777" data-document="{telegram.public_id}"' in found
    down = {"action": "move", "document": telegram.public_id, "position": "778"}
    editor.post(url, down)
    after = editor.get(url + "?q=Telegram+77").content.decode()
    assert f'data-position="778" data-document="{telegram.public_id}"' in after
    assert order_in_history(big)[776:778] == ["t778", "t777"]
