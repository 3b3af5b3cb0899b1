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
