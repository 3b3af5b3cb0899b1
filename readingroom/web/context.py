"""Template context shared by every page."""

from django.conf import settings
from django.http import HttpRequest


def archive(request: HttpRequest) -> dict[str, str]:
    return {"archive_name": settings.ARCHIVE_NAME, "site_url": settings.SITE_URL}
