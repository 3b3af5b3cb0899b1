"""Fixtures for the editorial workflow: staff of each role signed in, a small archive, and the
admin's forms submitted as a browser would submit them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.test import Client
from lxml import html

from readingroom.editorial.roles import ROLES
from readingroom.importers.pipeline import import_file
from readingroom.operations.accounts import create_staff_user
from readingroom.search import service
from readingroom.search.memory import MemoryBackend

PASSWORD = "a long and unguessable passphrase 7"

RECORDS = """\
{"type":"repository","key":"rgaspi","name":"Russian State Archive of Socio-Political History","short_name":"RGASPI"}
{"type":"person","key":"stalin","name":"Joseph Stalin","sort_name":"Stalin, Joseph","variants":[{"name":"Filippov","kind":"pseudonym"}]}
{"type":"person","key":"stalin-dup","name":"I. V. Stalin"}
{"type":"person","key":"molotov","name":"Vyacheslav Molotov"}
{"type":"place","key":"urumqi","name":"Urumqi"}
{"type":"document","key":"pub","title":"Cabel from Molotov","date":"1945-08-23","authors":["molotov"],"recipients":["stalin"],"places":["urumqi"],"repository":"rgaspi","citation":"RGASPI, f. 558","texts":[{"language":"en","body":"The treaty is signed."}],"status":"published"}
{"type":"document","key":"draft","title":"Note for the file","date":"1936","recipients":["stalin-dup"],"status":"draft"}
"""


def write_records(directory: Path, text: str, name: str = "records.jsonl") -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def load(directory: Path, text: str = RECORDS, name: str = "records.jsonl") -> None:
    report = import_file("jsonl", write_records(directory, text, name))
    assert report.ok, report.problems


@pytest.fixture
def archive(db: None, tmp_path: Path) -> None:
    load(tmp_path / "import")


@pytest.fixture
def staff(db: None) -> Callable[[str], Client]:
    """`staff(role)`: a client signed in as a new staff user of that role."""
    made: dict[str, Client] = {}

    def signed_in(role: str) -> Client:
        assert role in ROLES
        if role not in made:
            user = create_staff_user(f"{role}1", f"{role}@example.org", role, PASSWORD)
            client = Client()
            client.force_login(user)
            made[role] = client
        return made[role]

    return signed_in


def form_values(page: bytes, form_id: str) -> dict[str, list[str]]:
    """The values a browser would submit for the form, as rendered."""
    form = html.fromstring(page).get_element_by_id(form_id)
    values: dict[str, list[str]] = {}
    for name, value in form.form_values():
        values.setdefault(name, []).append(value)
    return values


def submit(client: Client, url: str, form_id: str, changes: dict[str, str]):  # type: ignore[no-untyped-def]
    """GET the form, change some fields, POST it with Save."""
    page = client.get(url)
    assert page.status_code == 200, page.status_code
    values = form_values(page.content, form_id)
    values.update({name: [value] for name, value in changes.items()})
    values["_save"] = ["Save"]
    return client.post(url, values)


def errors(response) -> list[str]:  # type: ignore[no-untyped-def]
    """The error messages an admin page shows."""
    tree = html.fromstring(response.content)
    found = tree.xpath("//*[contains(@class, 'errorlist') or contains(@class, 'errornote')]")
    return [" ".join(e.text_content().split()) for e in found if e.text_content().strip()]


@pytest.fixture
def search_backend() -> Iterator[MemoryBackend]:
    """An in-memory search backend for this test's requests (the pages that search need one;
    the leak suite uses the real one)."""
    backend = MemoryBackend()
    service.set_backend(backend)
    yield backend
    service.set_backend(None)
