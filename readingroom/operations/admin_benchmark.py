"""`readingroom admin-benchmark`: the editors' admin of this archive, timed as an editor gets it.

It starts `readingroom serve` for the archive (or uses `--url`), signs in over HTTP as an editor
made for the run (and removed after), and asks each screen `--repeat` times: the documents list
(first page, a deep page by date and by title, filtered by person, searched), a document's form
and history, the people, places, subjects and collections lists, the largest person's and
collection's forms and the collection's members, the change sets and the largest change set,
the documents autocomplete, the background work, the dashboard. For each it prints the median
and largest time over HTTP and the SQL queries the screen runs (counted in this process, as the
server's code runs them, with Django's test client signed in as the same editor).
"""

from __future__ import annotations

import http.cookiejar
import re
import secrets
import statistics
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO, Any

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext

from readingroom.catalogue.models import Collection, Document, Person
from readingroom.editorial.models import ChangeSet

from .accounts import create_staff_user

EDITOR = "admin-benchmark"
PER_PAGE = 100  # the admin's documents list


@dataclass(frozen=True)
class Screen:
    name: str
    path: str


def screens() -> list[Screen]:
    """The screens measured, with this archive's own largest records in them."""
    count = Document.objects.count()
    deep = max(1, count // PER_PAGE // 2)
    found: list[Screen] = [
        Screen("documents, page 1", "/admin/catalogue/document/"),
        Screen(f"documents, page {deep:,} by date", f"/admin/catalogue/document/?p={deep}"),
        Screen(f"documents, page {deep:,} by title", f"/admin/catalogue/document/?o=2&p={deep}"),
        Screen("documents, searched", "/admin/catalogue/document/?q=telegram"),
        Screen("people", "/admin/catalogue/person/"),
        Screen("places", "/admin/catalogue/place/"),
        Screen("subjects", "/admin/catalogue/subject/"),
        Screen("collections", "/admin/catalogue/collection/"),
        Screen("change sets", "/admin/editorial/changeset/"),
        Screen("background work", "/admin/editorial/job/"),
        Screen("dashboard", "/admin/"),
        Screen(
            "documents autocomplete",
            "/admin/autocomplete/?app_label=catalogue&model_name=document&field_name=related"
            "&term=tele",
        ),
    ]
    return [*found, *record_screens()]


def record_screens() -> list[Screen]:
    """The forms and pages of this archive's first document and largest records."""
    found: list[Screen] = []
    document = Document.objects.order_by("pk").first()
    if document is not None:
        base = f"/admin/catalogue/document/{document.pk}"
        found += [Screen("a document's form", f"{base}/change/")]
        found += [Screen("a document's history", f"{base}/history/")]
    person = Person.objects.annotate(n=Count("document_links")).order_by("-n").first()
    if person is not None:
        found += [
            Screen(f"person of {person.n:,} links", f"/admin/catalogue/person/{person.pk}/change/")
        ]  # type: ignore[attr-defined]
        found += [
            Screen(
                "documents of that person", f"/admin/catalogue/document/?person={person.public_id}"
            )
        ]
    collection = Collection.objects.annotate(n=Count("memberships")).order_by("-n").first()
    if collection is not None:
        base = f"/admin/catalogue/collection/{collection.pk}"
        found += [Screen(f"collection of {collection.n:,}", f"{base}/change/")]  # type: ignore[attr-defined]
        found += [Screen("its members", f"{base}/members/")]
    largest = ChangeSet.objects.annotate(n=Count("versions")).order_by("-n").first()
    if largest is not None:
        found += [
            Screen(
                f"change set of {largest.n:,} versions",
                f"/admin/editorial/changeset/{largest.pk}/change/",
            )
        ]  # type: ignore[attr-defined]
    return found


@contextmanager
def editor_account() -> Iterator[tuple[str, str]]:
    """An editor made for the run, removed after: (username, password)."""
    User = get_user_model()
    User.objects.filter(username=EDITOR).delete()
    password = secrets.token_urlsafe(24)
    create_staff_user(EDITOR, "", "editor", password)
    try:
        yield EDITOR, password
    finally:
        User.objects.filter(username=EDITOR).delete()


def signed_in(base: str, username: str, password: str) -> urllib.request.OpenerDirector:
    """An HTTP client holding an editor's session, signed in through the admin's login form."""
    cookies = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(cookies))
    page = opener.open(f"{base}/admin/login/", timeout=60).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token, "no CSRF token on the admin's login page"
    form = {"csrfmiddlewaretoken": token.group(1), "username": username, "password": password}
    request = urllib.request.Request(  # noqa: S310 (the http:// address of `served`)
        f"{base}/admin/login/?next=/admin/",
        data=urllib.parse.urlencode(form).encode(),
        headers={"Referer": f"{base}/admin/login/"},
    )
    answer = opener.open(request, timeout=60)
    if "/admin/login/" in answer.geturl():
        raise RuntimeError("the benchmark's editor could not sign in")
    return opener


def timed(opener: urllib.request.OpenerDirector, url: str) -> tuple[float, int]:
    started = time.perf_counter()
    with opener.open(url, timeout=300) as answer:
        answer.read()
        status = answer.status
    return (time.perf_counter() - started) * 1000, status


def queries(username: str, path: str) -> int:
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    with CaptureQueriesContext(connection) as captured:
        client.get(path)
    return len(captured)


def measure(base: str, repeat: int, out: IO[str], username: str, password: str) -> list[Any]:
    opener = signed_in(base, username, password)
    rows = []
    out.write(f"{'screen':<42}{'median ms':>10}{'max ms':>9}{'queries':>9}\n")
    for screen in screens():
        samples, statuses = [], set()
        for _ in range(repeat):
            elapsed, status = timed(opener, base + screen.path)
            samples.append(elapsed)
            statuses.add(status)
        counted = queries(username, screen.path)
        median, largest = statistics.median(samples), max(samples)
        note = "" if statuses == {200} else f"  (answered {sorted(statuses)})"
        out.write(f"{screen.name:<42}{median:>10.0f}{largest:>9.0f}{counted:>9}{note}\n")
        out.flush()
        rows.append((screen.name, median, largest, counted))
    return rows
