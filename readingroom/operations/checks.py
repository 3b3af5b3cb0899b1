"""System checks of the site's addresses, run by `readingroom check` (and every command)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Warning, register
from django.http.request import validate_host


@register("readingroom")
def site_url_is_served(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    """READINGROOM_SITE_URL must name a host the site answers (ALLOWED_HOSTS): it is the
    permanent address every citation, feed, sitemap and IIIF id gives."""
    host = urlsplit(settings.SITE_URL).hostname or ""
    if validate_host(host, settings.ALLOWED_HOSTS):
        return []
    return [
        Warning(
            f"READINGROOM_SITE_URL ({settings.SITE_URL}) names {host}, which is not in "
            "READINGROOM_ALLOWED_HOSTS: the archive's own permanent links would be refused.",
            hint="Add the host to READINGROOM_ALLOWED_HOSTS, or set READINGROOM_SITE_URL to "
            "the address readers use.",
            id="readingroom.W001",
        )
    ]


@register("readingroom")
def nodes_share_their_state(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    """On PostgreSQL (the database of several web nodes) every node must sign sessions with one
    key and count rate limits in one place: else a sign-in on one node is refused on the next,
    and each process lets a client make the whole limit again."""
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"):
        return []
    found = []
    if not settings.SECRET_KEY_FROM_ENVIRONMENT:
        found.append(
            Warning(
                "The secret key is this data directory's own: nodes with other data "
                "directories sign sessions with other keys.",
                hint="Set READINGROOM_SECRET_KEY to the same value on every node.",
                id="readingroom.W002",
            )
        )
    if settings.RATE_LIMITS != "database":
        found.append(
            Warning(
                "Rate limits are counted in each server process's memory: each process and "
                "node lets a client make the whole limit.",
                hint="Set READINGROOM_RATE_LIMITS=database on every node.",
                id="readingroom.W003",
            )
        )
    return found
