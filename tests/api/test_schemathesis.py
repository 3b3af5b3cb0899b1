"""schemathesis drives the API from its OpenAPI description: no server errors, and every
response conforms to the description (status codes, content types, schemas, headers)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from readingroom.api.openapi import description
from readingroom.wsgi import application

schema = schemathesis.openapi.from_dict(description())
schema.app = application


@pytest.fixture
def unlimited(settings: Any) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """No rate limit, and the test's database connection kept open across requests (as
    Django's test client does: the WSGI handler would close it after each request)."""
    settings.API_RATE_REQUESTS = 1_000_000
    cache.clear()
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_description(archive: None, unlimited: None, case: Any) -> None:
    case.call_and_validate()
