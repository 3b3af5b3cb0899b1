"""schemathesis drives the API from its OpenAPI description: no server errors, and every
response conforms to the description (status codes, content types, schemas, headers)."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from django.core.cache import cache
from hypothesis import HealthCheck, settings

from readingroom.api.openapi import description
from readingroom.wsgi import application

schema = schemathesis.openapi.from_dict(description())
schema.app = application


@pytest.fixture
def unlimited(settings: Any) -> None:  # type: ignore[no-untyped-def]
    settings.API_RATE_REQUESTS = 1_000_000
    cache.clear()


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_description(archive: None, unlimited: None, case: Any) -> None:
    case.call_and_validate()
