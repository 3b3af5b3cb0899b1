"""What readers may see has one rule, read in two places: `Document.objects.public()` in SQL
and `readable` on values already read (the indexer's). Both must agree on every state."""

from __future__ import annotations

import datetime as dt
from itertools import product

import pytest
from django.utils import timezone

from readingroom.catalogue.models import Document, Status, readable

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
