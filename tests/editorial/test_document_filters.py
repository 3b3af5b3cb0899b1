"""The admin's documents list filtered as an editor works: by a person in any role or one, a
place, subject or collection (one click from that record's admin page), by years, and to the
documents the editor changed."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from readingroom.catalogue.models import Document, Person, Place
from readingroom.editorial.history import Attribution, recording
from readingroom.editorial.models import Source
from readingroom.search import service
from readingroom.search.documents import build
from readingroom.search.memory import MemoryBackend

pytestmark = pytest.mark.django_db
LIST = "/admin/catalogue/document/"


def listed(client: Client, query: str) -> set[str]:
    page = client.get(f"{LIST}?{query}")
    assert page.status_code == 200, page.status_code
    return set(
        re.findall(
            r'<th class="field-public_id"><a href="[^"]*/(\d+)/change/', page.content.decode()
        )
    )


def ids(*keys: str) -> set[str]:
    return {str(Document.objects.get(key=key).pk) for key in keys}


def test_documents_by_person_role_place_years_and_my_changes(
    archive: None, staff: Callable[[str], Client]
) -> None:
    editor = staff("editor")
    stalin = Person.objects.get(key="stalin")
    molotov = Person.objects.get(key="molotov")
    urumqi = Place.objects.get(key="urumqi")
    assert listed(editor, f"person={stalin.public_id}") == ids("pub")
    assert listed(editor, f"recipient={stalin.public_id}") == ids("pub")
    assert listed(editor, f"author={stalin.public_id}") == set()
    assert listed(editor, f"author={molotov.public_id}") == ids("pub")
    assert listed(editor, f"place={urumqi.public_id}") == ids("pub")
    assert listed(editor, "years=1945") == ids("pub")
    assert listed(editor, "years=1930-1939") == ids("draft")
    assert listed(editor, "years=1950-1940") == ids("pub", "draft")  # unusable: no filter
    assert listed(editor, "person=999999") == set()
    assert listed(editor, "changed_by=me") == set()

    change = f"/admin/catalogue/person/{stalin.pk}/change/"
    page = editor.get(change).content.decode()
    assert f'href="{LIST}?person={stalin.public_id}">1 documents</a>' in page
    draft = Document.objects.get(key="draft")
    with recording(Attribution(Source.ADMIN, editor_user(), "Retitled")) as recorder:
        recorder.watch_records([draft])
        draft.title = "Note for the file, retitled"
        draft.save()
    assert listed(editor, "changed_by=me") == ids("draft")
    assert listed(staff("reviewer"), "changed_by=me") == set()


def editor_user() -> Any:
    return get_user_model().objects.get(username="editor1")


def test_the_admin_search_finds_a_persons_documents_under_any_spelling(
    archive: None, staff: Callable[[str], Client], search_backend: MemoryBackend
) -> None:
    """ "Filippov" (a pseudonym of Stalin) is in no document's own fields: the public search's
    answer adds the document that names him; without an index the admin's own search stays."""
    search_backend.replace(build([Document.objects.get(key="pub").public_id])[0], [])
    editor = staff("editor")
    assert listed(editor, "q=Filippov") == ids("pub")
    assert listed(editor, "q=Note+for+the+file") == ids("draft")  # a draft, by its own title
    service.set_backend(None)
    assert listed(editor, "q=Filippov") == set()
