"""A document as a PDF a reader can keep, print or send: its metadata, summary, texts, every
citation, its permanent address and the day it was made (the date of access a citation needs),
laid out by WeasyPrint from the page's own parts (`documents.DocumentPage`).

Written with a kept library rather than the browser's print dialog so that the file is the same
for everyone and can be linked. Scripts: the fonts are the system's, found by fontconfig for
each text's language (Noto Serif CJK for Chinese, DejaVu or Noto for Cyrillic and Latin;
`make test` and the operators' guide install them), and embedded in the PDF.

Bounded: texts longer than TEXT_LIMIT characters in all are left out with a note that sends the
reader to the permanent address (WeasyPrint lays out a megabyte of text in minutes), and nothing
is fetched while rendering (no scans, no outside addresses).
"""

from __future__ import annotations

import datetime as dt
from typing import NoReturn

from django.template.loader import render_to_string

from .documents import DocumentPage

TEXT_LIMIT = 200_000  # characters of all the texts together (about 60 printed pages)


class NothingFetched(ValueError):
    """WeasyPrint asked for an address while rendering; a record's PDF fetches nothing."""


def _fetch_nothing(url: str, *args: object, **kwargs: object) -> NoReturn:
    raise NothingFetched(url)


def texts_fit(page: DocumentPage) -> bool:
    return sum(len(panel.text.body) for panel in page.texts) <= TEXT_LIMIT


def record_pdf(page: DocumentPage, archive_name: str, made: dt.date) -> bytes:
    """The PDF of a document page's record."""
    from weasyprint import HTML  # (loads Pango: only where a PDF is made)

    html = render_to_string(
        "web/record_pdf.html",
        {
            "page": page,
            "archive_name": archive_name,
            "made": made,
            "texts_fit": texts_fit(page),
            "text_limit": TEXT_LIMIT,
        },
    )
    document = HTML(string=html, url_fetcher=_fetch_nothing)
    return bytes(document.write_pdf())
