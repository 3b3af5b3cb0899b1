"""Settings of the open interfaces, as readingroom/settings.py reads them from the environment
(each with its default there)."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings


def site_url() -> str:
    return str(settings.SITE_URL).rstrip("/")


def archive_name() -> str:
    return str(settings.ARCHIVE_NAME)


def admin_email() -> str:
    return str(settings.OAI_ADMIN_EMAIL)


def oai_repository_id() -> str:
    """The repository part of OAI identifiers; set it once, identifiers must never change."""
    return str(settings.OAI_REPOSITORY_ID or urlsplit(site_url()).hostname or "localhost")


def oai_page_size() -> int:
    return int(settings.OAI_PAGE_SIZE)


def api_rate_limit() -> tuple[int, int]:
    """(requests, seconds) one client may make to the API and the other machine interfaces."""
    return int(settings.API_RATE_REQUESTS), int(settings.API_RATE_SECONDS)


def image_rate_limit() -> tuple[int, int]:
    """(images, seconds): how many IIIF images not cut before one client may have cut in that
    many seconds (each decodes a whole scan; a viewer's first look at a scan cuts a few dozen
    tiles). Images cut before are served from the cache without limit."""
    return int(settings.IMAGE_CUT_REQUESTS), int(settings.API_RATE_SECONDS)


def permanent_url(public_id: int) -> str:
    """The URL that always reaches a document (it redirects to the page with today's slug)."""
    return f"{site_url()}/documents/{public_id}"
