"""Settings of the open interfaces, each with a default; read from Django settings, then the
environment, so an operator can set them either way without code."""

from __future__ import annotations

import os
from urllib.parse import urlsplit

from django.conf import settings


def _get(name: str, env: str, default: str) -> str:
    return str(getattr(settings, name, None) or os.environ.get(env) or default)


def site_url() -> str:
    return str(settings.SITE_URL).rstrip("/")


def archive_name() -> str:
    return str(settings.ARCHIVE_NAME)


def admin_email() -> str:
    return _get("OAI_ADMIN_EMAIL", "READINGROOM_ADMIN_EMAIL", "archivist@example.org")


def oai_repository_id() -> str:
    """The repository part of OAI identifiers; set it once, identifiers must never change."""
    host = urlsplit(site_url()).hostname or "localhost"
    return _get("OAI_REPOSITORY_ID", "READINGROOM_OAI_REPOSITORY_ID", host)


def oai_page_size() -> int:
    return int(_get("OAI_PAGE_SIZE", "READINGROOM_OAI_PAGE_SIZE", "100"))


def api_rate_limit() -> tuple[int, int]:
    """(requests, seconds) one client may make to the API and the other machine interfaces."""
    return (
        int(_get("API_RATE_REQUESTS", "READINGROOM_API_RATE_REQUESTS", "120")),
        int(_get("API_RATE_SECONDS", "READINGROOM_API_RATE_SECONDS", "60")),
    )


def permanent_url(public_id: int) -> str:
    """The URL that always reaches a document (it redirects to the page with today's slug)."""
    return f"{site_url()}/documents/{public_id}"
