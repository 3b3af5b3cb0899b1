"""Nothing unreleased leaks, anywhere; and an embargo that passes shows the document everywhere.

The world (tests/editorial/leaks.py) holds published and unreleased documents. Every public
surface is requested: as a view of the published documents (it must work and show them), and at
every address that could reveal an unreleased record (its pages, files, citations, API and
OAI-PMH records, searches by its words, near-misses of them and its facet values).

Three proofs:
1. No unreleased word appears in any response, nor a link to the page of a record only
   unreleased documents name (unless the request itself contained it; the withdrawn
   document's title may appear on its own tombstone).
2. Every response is exactly what it is in a reference archive where the unreleased documents
   never existed (deleted, their own people, places... with them; the withdrawn one reduced to
   its tombstone), searched through a freshly built index. So nothing counts them either:
   totals, facet counts, the histogram, suggestions, previous/next and related links.
3. Every count of a person's documents, in a role or in any (results of a role filter, facet
   values, person page tabs, in the web pages and the API), is the number of released documents
   the world's records name them in: for the secret people none, for a shared one a few.
"""

from __future__ import annotations

import datetime as dt
import gzip
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

import pytest
import time_machine
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from readingroom.catalogue.models import Document, Status
from readingroom.editorial import workflow
from readingroom.importers.pipeline import import_file
from readingroom.protocols import bulk
from readingroom.search import service
from readingroom.search.documents import build
from readingroom.search.indexer import apply_outbox
from readingroom.search.models import OutboxEntry
from readingroom.search.tantivy.engine import TantivyBackend

from .leaks import (
    DELETED_IN_REFERENCE,
    PUBLISHED,
    SECRET_AUTHORITIES,
    SECRET_WORDS,
    SURFACES,
    TOMBSTONE_WORDS,
    World,
    applies,
    records,
    released_counts,
    tallied,
    write_scans,
)

pytestmark = pytest.mark.django_db
# What differs between two identical answers: the moment they were made.
VOLATILE = (
    re.compile(r"<responseDate>[^<]*</responseDate>"),
    re.compile(r'"built_at": "[^"]*"'),
    re.compile(r"Built \d{4}-\d\d-\d\dT[\d:]+(?:[+-][\d:]+|Z)?"),
    re.compile(r"Built <time [^>]*>[^<]*</time>"),  # (/data/)
)
# An empty Atom feed is as new as the moment it was asked for.
EMPTY_FEED_UPDATED = re.compile(r"^(?!.*<entry>)(.*?<feed.*?)<updated>[^<]*</updated>", re.S)
# Bulk data describes its files by checksum; a gzip file's bytes hold the moment it was made.
CHECKSUMMED = ("/data/", "/data/manifest.json")
DIGEST = re.compile(r"\b[0-9a-f]{64}\b")


@dataclass(frozen=True)
class Answer:
    status: int
    location: str
    body: str


@pytest.fixture
def index(tmp_path: Path, settings):  # type: ignore[no-untyped-def]
    """The real search engine (Tantivy) on an index of this test's own."""
    settings.SEARCH_INDEX_DIR = tmp_path / "index"
    backend = TantivyBackend(tmp_path / "index")
    backend.ensure()
    service.set_backend(backend)
    yield backend
    service.set_backend(None)


def build_world(directory: Path, backend: TantivyBackend) -> World:
    """Import the world, index it as the site would, then withdraw a published document."""
    directory.mkdir(parents=True)
    write_scans(directory)
    path = directory / "world.jsonl"
    path.write_text(records(timezone.localdate()), encoding="utf-8")
    report = import_file("jsonl", path)
    assert report.ok, report.problems
    apply_outbox(backend)
    withdrawn = Document.objects.get(key="d-withdrawn")
    workflow.withdraw([withdrawn], None, "Rights to the letter were never cleared.")
    apply_outbox(backend)
    bulk.build()
    return World.load()


def pdf_text(pdf: bytes) -> str:
    """A PDF's text as a reader's viewer shows it (poppler's pdftotext), lines joined."""
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    )
    return " ".join(done.stdout.decode().split())


def fetch(urls: list[str]) -> dict[str, Answer]:
    cache.clear()  # rate limits count per address and window; start every round afresh
    answers = {}
    for number, url in enumerate(urls):
        address = f"10.{number // 65000 % 250}.{number // 250 % 250}.{number % 250 + 1}"
        response = Client().get(url, REMOTE_ADDR=address)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        if body[:2] == b"\x1f\x8b":
            body = gzip.decompress(body)
        text = pdf_text(body) if body.startswith(b"%PDF-") else body.decode("utf-8", "replace")
        for pattern in VOLATILE:
            text = pattern.sub("", text)
        text = EMPTY_FEED_UPDATED.sub(r"\1", text)
        if url in CHECKSUMMED:
            text = DIGEST.sub("<sha256>", text)
        answers[url] = Answer(response.status_code, response.get("Location", ""), text)
    return answers


def addresses(world: World) -> list[str]:
    urls = [s.live(world, k) for s in SURFACES for k in PUBLISHED if applies(s, k)]
    urls += [url for surface in SURFACES for url in surface.probes(world)]
    return list(dict.fromkeys(urls))


def check_alive(world: World, answers: dict[str, Answer], keys: tuple[str, ...]) -> list[str]:
    """Each surface, as a view of each document in `keys`, works and shows it."""
    problems = []
    for surface in SURFACES:
        for key in keys:
            if not applies(surface, key):
                continue
            url = surface.live(world, key)
            answer = answers[url]
            expected = surface.shows(world, key)
            if answer.status != 200:
                problems.append(f"{surface.name}: {url} answered {answer.status}")
            elif expected and expected.lower() not in answer.body.lower():
                problems.append(f"{surface.name}: {url} does not show {expected!r}")
    return problems


def is_tombstone(world: World, url: str) -> bool:
    """The withdrawn document's own page (any of its addresses): it names the record."""
    path = url.split("?")[0]
    short = f"/documents/{world.doc('d-withdrawn')}"
    return path in (short, world.page("d-withdrawn"))


def find_leaks(world: World, answers: dict[str, Answer]) -> list[str]:
    leaks = []
    for url, answer in answers.items():
        asked = unquote(url).lower()
        body = answer.body.lower()
        words = [w for w in SECRET_WORDS if w not in asked]
        if not is_tombstone(world, url):
            words += [w for w in TOMBSTONE_WORDS if w not in asked]
        leaks += [f"{url} ({answer.status}) shows {word!r}" for word in words if word in body]
        pages = [p for p in world.secret_pages() if not names_page(asked, p)]
        leaks += [f"{url} ({answer.status}) links to {p}" for p in pages if names_page(body, p)]
    return leaks


def names_page(text: str, page: str) -> bool:
    """True if `text` holds the record address `page` ("/people/12"): as it is, with the
    record's slug, or in the API's address for it."""
    return re.search(rf"{re.escape(page)}(?![0-9])", text) is not None


def make_reference_archive(tmp_path: Path) -> None:
    """As if the unreleased documents had never been: deleted, with the records only they name;
    the withdrawn one kept only as what its tombstone shows. A freshly built index."""
    Document.objects.filter(key__in=DELETED_IN_REFERENCE).delete()
    withdrawn = Document.objects.filter(key="d-withdrawn")
    document = withdrawn.get()
    for related in (document.texts, document.person_links, document.attachments):
        related.all().delete()
    for tags in (document.places, document.subjects, document.related, document.related_from):
        tags.clear()
    withdrawn.update(summary="", doc_type="", languages=[], credits=[], citation="")
    for model, keys in SECRET_AUTHORITIES.items():
        model.objects.filter(key__in=keys).delete()
    OutboxEntry.objects.all().delete()
    fresh = TantivyBackend(tmp_path / "reference-index")
    fresh.ensure()
    documents, _ = build(Document.objects.values_list("public_id", flat=True))
    fresh.replace(documents, [])
    service.set_backend(fresh)
    bulk.build()


def differences(first: dict[str, Answer], second: dict[str, Answer]) -> list[str]:
    found = []
    for url, answer in first.items():
        other = second[url]
        if answer != other:
            where = next(
                (
                    i
                    for i, (a, b) in enumerate(zip(answer.body, other.body, strict=False))
                    if a != b
                ),
                min(len(answer.body), len(other.body)),
            )
            found.append(
                f"{url}: {answer.status} vs {other.status} {answer.location!r} "
                f"vs {other.location!r}; at {where}: {answer.body[where - 80 : where + 80]!r} "
                f"vs {other.body[where - 80 : where + 80]!r}"
            )
    return found


def test_nothing_unreleased_leaks_anywhere(tmp_path, index):
    world = build_world(tmp_path / "import", index)
    urls = addresses(world)
    answers = fetch(urls)
    dead = check_alive(world, answers, PUBLISHED)
    assert not dead, "surfaces that do not work:\n" + "\n".join(dead)
    leaks = find_leaks(world, answers)
    assert not leaks, f"{len(leaks)} leaks:\n" + "\n".join(leaks)

    make_reference_archive(tmp_path)
    reference = fetch(urls)
    changed = differences(answers, reference)
    assert not changed, (
        f"{len(changed)} of {len(urls)} answers differ from an archive without the unreleased "
        "documents:\n" + "\n".join(changed)
    )


def miscounts(world: World, answers: dict[str, Answer]) -> list[str]:
    """Each tally of a person's documents that is not the number of their released ones."""
    released = released_counts()
    wrong = []
    for tally, key, facet in tallied():
        url = tally.url(world, key, facet)
        shown = tally.read(answers[url].body, world.public_id(key), facet)
        if answers[url].status == 200 and shown == released[key, facet]:
            continue
        wrong.append(f"{tally.name}: {url} ({answers[url].status}) counts {shown} documents of "
                     f"{key} as {facet}; released: {released[key, facet]}")  # fmt: skip
    return wrong


def test_people_are_counted_by_their_released_documents_only(tmp_path, index):
    world = build_world(tmp_path / "import", index)
    answers = fetch(list(dict.fromkeys(t.url(world, k, f) for t, k, f in tallied())))
    wrong = miscounts(world, answers)
    assert not wrong, f"{len(wrong)} wrong counts:\n" + "\n".join(wrong)


def test_a_passing_embargo_shows_the_document_everywhere(tmp_path, index):
    world = build_world(tmp_path / "import", index)
    embargoed = Document.objects.get(key="d-embargo")
    release = embargoed.embargo_until
    assert embargoed.status == Status.EMBARGOED and release > timezone.localdate()
    views = [s.live(world, "d-embargo") for s in SURFACES if applies(s, "d-embargo")]
    before = fetch(views)
    shown = [url for url, a in before.items() if "plumtreequist" in a.body.lower().replace(url, "")]
    assert not [u for u in shown if "plumtreequist" not in u], shown
    noon = dt.datetime.combine(release, dt.time(12), tzinfo=dt.UTC)
    with time_machine.travel(noon):
        Client().get("/")  # the day's first request hands passed embargoes to the indexer
        assert OutboxEntry.objects.filter(document_id=world.doc("d-embargo")).exists()
        apply_outbox(index)
        assert bulk.is_stale()  # the release changed the public archive: the next
        call_command("dump", "--if-stale", verbosity=0)  # scheduled dump rebuilds the files
        answers = fetch(views)
        missing = check_alive(world, answers, ("d-embargo",))
    assert not missing, "the released document is missing from:\n" + "\n".join(missing)
    released = Document.objects.get(key="d-embargo")
    assert released.published_at.date() == release
    feed = answers["/feeds/documents.atom"].body
    assert "<title>Plumtreequist cable</title>" in feed  # new, not "Corrected: ..."
