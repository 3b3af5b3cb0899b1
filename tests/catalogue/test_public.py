"""What readers may see has one rule, read in two places: `Document.objects.public()` in SQL
and `readable` on values already read (the indexer's). Both must agree on every state."""

from __future__ import annotations

import datetime as dt
from itertools import product

import pytest
from django.utils import timezone

from readingroom.catalogue.models import (
    Collection,
    CollectionMembership,
    Document,
    DocumentPerson,
    Person,
    Place,
    Repository,
    Status,
    Subject,
    readable,
)
from readingroom.catalogue.visibility import is_public, public_records

pytestmark = pytest.mark.django_db


def test_the_query_and_the_values_agree_on_every_state() -> None:
    today = timezone.localdate()
    days = (None, today - dt.timedelta(days=1), today, today + dt.timedelta(days=1))
    for number, (status, embargo) in enumerate(product(Status.values, days), start=1):
        Document.objects.create(
            key=f"d{number}", title=f"Note {number}", status=status, embargo_until=embargo
        )
    states = {d.key: (d.status, d.embargo_until) for d in Document.objects.all()}
    by_query = set(Document.objects.public().values_list("key", flat=True))
    by_values = {
        key for key, (status, embargo) in states.items() if readable(status, embargo, today)
    }
    assert by_query == by_values
    assert len(by_values) == len(days) + 2  # published, whatever the day; embargoes passed
    assert {key for key in states if Document.objects.get(key=key).is_public} == by_values


def test_a_document_is_first_published_when_it_first_becomes_public(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The one rule of a public trace (`first_publication`): an import in every state gives a
    first publication time exactly to the documents readers can see now; taking one back to
    draft keeps it (so it leaves a trace); a later import never moves it."""
    from import_support import run_import
    from test_import_jsonl import write_jsonl

    today = timezone.localdate()
    days = [str(today + dt.timedelta(days=n)) for n in (-1, 0, 1)]
    states = [(s, "") for s in Status.values if s != Status.EMBARGOED]
    states += [(Status.EMBARGOED, day) for day in days]
    records = [
        {"type": "document", "key": f"d{n}", "title": f"Note {n}", "date": "1945",
         "status": status, "embargo_until": day, "withdrawn_reason": "Withdrawn."}
        for n, (status, day) in enumerate(states)
    ]  # fmt: skip
    source = write_jsonl(tmp_path / "states.jsonl", records)
    assert not run_import("jsonl", source).failed
    first = dict(Document.objects.values_list("key", "published_at"))
    public = set(Document.objects.public().values_list("key", flat=True))
    assert {key for key, when in first.items() if when is not None} == public
    assert len(public) == 3  # published; embargoes of yesterday and today
    Document.objects.filter(key__in=public).update(status=Status.DRAFT)
    assert not run_import("jsonl", source).failed
    assert dict(Document.objects.values_list("key", "published_at")) == first


def test_a_record_is_public_exactly_when_public_records_has_it() -> None:
    """`is_public` asks the rule of one record from its links; `public_records` asks it of
    every record: they agree for records named by documents in every state, by none, and
    merged."""
    today = timezone.localdate()
    states = [(Status.PUBLISHED, None), (Status.DRAFT, None), (Status.EMBARGOED, today),
              (Status.EMBARGOED, today + dt.timedelta(days=1)), (Status.WITHDRAWN, None)]  # fmt: skip
    for number, (status, embargo) in enumerate([*states, (None, None)], start=1):
        person = Person.objects.create(key=f"p{number}", name=f"Person {number}")
        place = Place.objects.create(key=f"l{number}", name=f"Place {number}")
        subject = Subject.objects.create(key=f"s{number}", name=f"Subject {number}")
        repository = Repository.objects.create(key=f"r{number}", name=f"Archive {number}")
        collection = Collection.objects.create(key=f"c{number}", title=f"Collection {number}")
        if status is None:
            continue  # records no document names
        document = Document.objects.create(
            key=f"d{number}", title="Note", status=status, embargo_until=embargo,
            repository=repository,
        )  # fmt: skip
        DocumentPerson.objects.create(document=document, person=person, role="author")
        document.places.add(place)
        document.subjects.add(subject)
        CollectionMembership.objects.create(collection=collection, document=document, position=1)
    merged = Person.objects.get(key="p1")
    merged.merged_into = Person.objects.get(key="p2")
    merged.save()
    for model in (Person, Place, Subject, Repository, Collection, Document):
        expected = set(public_records(model, today).values_list("pk", flat=True))
        found = {r.pk for r in model.objects.all() if is_public(r, today)}
        assert found == expected, model.__name__
        assert len(expected) == (1 if model is Person else 2)  # published; embargo passed
