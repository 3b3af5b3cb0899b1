"""`readingroom demo`: the shipped corpus builds a published archive, and building it again
changes nothing."""

from __future__ import annotations

import datetime as dt
import html
import io

import pytest
from django.core.management import call_command
from django.test import Client
from import_support import snapshot

from readingroom.catalogue.models import Collection, Document, Person, Place, Status, Subject
from readingroom.editorial.models import ChangeSet, Source
from readingroom.operations import demo_story
from readingroom.operations.management.commands.demo import corpus_files

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_the_demo_corpus_ships_the_seed_and_a_few_frus_volumes() -> None:
    names = [(format_name, path.name) for format_name, path in corpus_files()]
    assert names[0] == ("jsonl", "seed.jsonl")  # first, so FRUS datelines find its places
    assert {name for format_name, name in names if format_name == "tei"} == {
        "frus1861.xml.gz",
        "frus1894Nicaragua.xml.gz",
        "frus1918Russiav03.xml.gz",
        "frus1934v04.xml.gz",
    }
    assert sum(path.stat().st_size for _, path in corpus_files()) < 3_000_000


def test_demo_builds_a_published_archive_and_a_second_run_changes_nothing() -> None:
    out = io.StringIO()
    call_command("demo", "--no-serve", stdout=out)
    assert "seed.jsonl: 49 records (49 created" in out.getvalue()
    assert "sources-in-other-scripts.jsonl: 10 records (10 created" in out.getvalue()
    documents = Document.objects.count()
    assert documents == 10 + 9 + 350 + 138 + 478 + 702
    # originals in Russian, Chinese (Simplified and Traditional), Japanese and Korean
    written = {
        t.language
        for d in Document.objects.filter(key__startswith="originals")
        for t in d.texts.all()
    }
    assert {"ru", "zh-Hans", "zh-Hant", "ja", "ko"} <= written
    # what the demo's archive lived through (operations/demo_story.py), each with its history
    embargoed = Document.objects.exclude(status=Status.PUBLISHED)
    assert [(d.key, d.status) for d in embargoed] == [(demo_story.EMBARGOED, Status.EMBARGOED)]
    assert embargoed[0].embargo_until > dt.date.today()  # it lifts later
    corrected = Document.objects.get(key=demo_story.CORRECTED)
    assert corrected.title == demo_story.CORRECTED_TITLE
    assert demo_story.CORRECTION in html.unescape(Client().get("/corrections").content.decode())
    assert ChangeSet.objects.filter(source=Source.WORKFLOW, note=demo_story.EMBARGO_NOTE).exists()
    chicherin = Person.objects.get(key=demo_story.SURVIVOR)
    frus = Person.objects.get(sort_name=demo_story.DUPLICATE_SORT_NAME)
    assert frus.merged_into == chicherin  # two records of one man, merged with its history
    assert chicherin.variants.filter(name=frus.name).exists()
    assert chicherin.document_links.filter(document__key__startswith="frus").exists()
    assert ChangeSet.objects.filter(source=Source.MERGE, note__contains="Chicherin").count() == 1
    redirect = Client().get(frus.get_absolute_url())
    assert redirect.status_code == 301 and redirect["Location"] == chicherin.get_absolute_url()
    assert Collection.objects.get(key="xinjiang-sino-soviet").memberships.count() == 7
    # FRUS datelines found the curated places: Moscow by key, Peking as a variant of Beijing.
    assert Place.objects.get(key="moscow").documents.filter(key__startswith="frus").exists()
    assert Place.objects.get(key="beijing").documents.filter(key__startswith="frus").exists()
    assert not Place.objects.filter(key="peking").exists()
    assert Person.objects.get(key="stalin").variants.filter(name="Filippov").exists()
    # subjects from the indexes of the two FRUS volumes that have one (importers/tei_index.py)
    chaco = Subject.objects.get(key="chaco-dispute-between-bolivia-and-paraguay")
    assert chaco.documents.filter(key__startswith="frus1934v04").count() > 250
    assert Subject.objects.get(key="railways").documents.count() > 200
    before = snapshot()
    again = io.StringIO()
    call_command("demo", "--no-serve", stdout=again)
    assert "0 created, 0 updated, 702 unchanged" in again.getvalue()
    assert snapshot() == before
    # an editor's change survives the next start of the demo, which imports its corpus again
    edited = Document.objects.filter(key__startswith="frus").order_by("pk").first()
    assert edited is not None
    Document.objects.filter(pk=edited.pk).update(title="Retitled by an editor")
    third = io.StringIO()
    call_command("demo", "--no-serve", stdout=third)
    assert "conflict" not in third.getvalue() and " 1 updated" not in third.getvalue()
    assert Document.objects.get(pk=edited.pk).title == "Retitled by an editor"
