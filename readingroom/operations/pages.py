"""Rendering the public record's pages as readers get them, for `readingroom check`: every
page, citation file, manifest and API record of each public record (or a sample of them) is
requested through the site's own URLs, and any answer that is not a page is reported.

Nothing here knows the views: it asks the URLs, as a reader's browser would (through Django's
test client, in this process, at the permanent address's host)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.conf import settings
from django.test import Client
from django.test.utils import override_settings

from readingroom.catalogue.models import RECORD_MODELS, Document
from readingroom.catalogue.visibility import public_records
from readingroom.protocols.iiif import page_images
from readingroom.protocols.oai.verbs import identifier

SITE_PAGES = ("/", "/search", "/search?sort=-date", "/corrections", "/feeds/documents.atom")
DOCUMENT_FILES = ("cite.bib", "cite.ris", "cite.json")
UNLIMITED = 2**31
CHECK_ADDRESS = "192.0.2.1"  # TEST-NET-1 (RFC 5737): never a reader's


@dataclass
class PageReport:
    rendered: int = 0
    failures: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        lines = [f"Pages: {self.rendered} rendered, {len(self.failures)} failed."]
        return lines + [f"  {failure}" for failure in self.failures]


def addresses(sample: int | None, seed: int = 0) -> Iterator[str]:
    """The site's own pages, then each public record's (`sample` of each type, or all)."""
    yield from SITE_PAGES
    chooser = random.Random(seed)
    for model in RECORD_MODELS.values():
        ids = list(public_records(model).order_by("public_id").values_list("public_id", flat=True))
        if sample is not None and len(ids) > sample:
            ids = sorted(chooser.sample(ids, sample))
        for record in model._default_manager.filter(public_id__in=ids).order_by("public_id"):
            yield record.get_absolute_url()
            if isinstance(record, Document):
                yield from _document_addresses(record)


def _document_addresses(document: Document) -> Iterator[str]:
    public_id = document.public_id
    base = f"/documents/{public_id}"
    yield from (f"{base}/{name}" for name in DOCUMENT_FILES)
    if page_images(document).exists():  # a manifest only for scans
        yield f"/iiif/documents/{public_id}/manifest.json"
        yield f"/iiif/documents/{public_id}/viewer"
    yield f"/api/v1/documents/{public_id}"
    yield f"/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier={identifier(public_id)}"


def render_pages(sample: int | None) -> PageReport:
    """Request every address; a failure is any answer but 200 (or a redirect to a page)."""
    host = urlsplit(settings.SITE_URL).netloc or "localhost"
    # its own address: the check's requests count against no reader's rate limit
    client = Client(HTTP_HOST=host, REMOTE_ADDR=CHECK_ADDRESS, raise_request_exception=False)
    report = PageReport()
    # the archive's own requests are not a harvester's: the rate limits do not apply, and each
    # page is rendered anew, never taken from the server's cache
    with override_settings(API_RATE_REQUESTS=UNLIMITED, PAGE_CACHE_SECONDS=0):
        for address in addresses(sample):
            response = client.get(address, follow=True, headers={"Accept": "text/html"})
            report.rendered += 1
            if response.status_code != 200:
                report.failures.append(f"{address}: {response.status_code}")
    return report
