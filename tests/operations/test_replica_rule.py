"""Which requests a read replica may answer (operations/replicas.py): readers' page views
only; the router sends every write to the primary and keeps migrations there."""

from __future__ import annotations

import warnings

import pytest
from django.conf import settings
from django.test import RequestFactory, override_settings

from readingroom.catalogue.models import Document
from readingroom.operations.replicas import ReplicaRouter, reads_replica


@pytest.fixture
def with_replica():  # type: ignore[no-untyped-def]
    replica = {**settings.DATABASES["default"], "TEST": {"MIRROR": "default"}}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # (Django warns that DATABASES is overridden)
        with override_settings(DATABASES={**settings.DATABASES, "replica": replica}):
            yield


@pytest.mark.parametrize(
    ("method", "path", "cookies", "replica"),
    [
        ("get", "/search?q=cable", {}, True),
        ("head", "/documents/3", {}, True),
        ("get", "/api/v1/documents/3", {"csrftoken": "x"}, True),
        ("post", "/search", {}, False),
        ("get", "/admin/catalogue/document/", {}, False),
        ("get", "/preview/documents/3", {}, False),
        ("get", "/search?q=cable", {"sessionid": "staff"}, False),
    ],
)
def test_readers_page_views_only(with_replica, method, path, cookies, replica) -> None:  # type: ignore[no-untyped-def]
    factory = RequestFactory()
    for name, value in cookies.items():
        factory.cookies[name] = value
    assert reads_replica(getattr(factory, method)(path)) is replica


def test_without_a_replica_everything_reads_the_primary() -> None:
    assert not reads_replica(RequestFactory().get("/search"))


def test_writes_and_migrations_stay_on_the_primary() -> None:
    router = ReplicaRouter()
    assert router.db_for_write(Document) == "default"
    assert router.db_for_read(Document) == "default"  # outside a reader's page view
    assert router.allow_migrate("default", "catalogue") and not router.allow_migrate(
        "replica", "catalogue"
    )
