"""Search results as files: CSV, JSON Lines, RIS and BibTeX, every page of the result set,
streamed in batches so a large export never sits in memory. A result set larger than
`settings.EXPORT_LIMIT` is refused before anything is written (`too_large`): an export is
whole or not at all, and never holds a worker for long; the whole archive is at /data/."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from readingroom.catalogue.models import Document
from readingroom.interchange import jsonl
from readingroom.interchange.export import document_record, documents_for_export
from readingroom.search import params as search_params
from readingroom.search import service
from readingroom.search.reading import from_query_string

from . import bulk, citations, conf
from .records import today

BATCH = 500


@dataclass(frozen=True)
class ExportFormat:
    extension: str
    content_type: str


FORMATS = {
    "csv": ExportFormat("csv", "text/csv"),
    "jsonl": ExportFormat("jsonl", "application/jsonl"),
    "ris": ExportFormat("ris", "application/x-research-info-systems"),
    "bib": ExportFormat("bib", "application/x-bibtex"),
}


def matching_documents(params: search_params.SearchParams) -> Iterator[Document]:
    """Every public document of the result set, in its order, fetched a batch at a time."""
    offset = 0
    while True:
        query = params.search_query(
            offset=offset, limit=BATCH, facet_limit=0, histogram=False, highlight=False
        )
        hits = service.search(query).hits
        ids = [hit.public_id for hit in hits]
        found = documents_for_export(Document.objects.public().filter(public_id__in=ids))
        by_id = {d.public_id: d for d in found}
        yield from (by_id[i] for i in ids if i in by_id)
        if len(hits) < BATCH:
            return
        offset += BATCH


def too_large(query_string: str) -> str | None:
    """Why this search cannot be exported (more documents than the limit), or None."""
    params = from_query_string(query_string).params
    query = params.search_query(limit=0, facet_limit=0, histogram=False, highlight=False)
    total, limit = service.search(query).total, int(settings.EXPORT_LIMIT)
    if total <= limit:
        return None
    return (
        f"This search has {total:,} documents; an export of search results holds at most "
        f"{limit:,}. Narrow the search (a filter or a range of dates), or download the whole "
        f"archive from {conf.site_url()}/data/ (CSV and JSON Lines, rebuilt after changes).\n"
    )


def stream(name: str, query_string: str) -> Iterator[str]:
    params = from_query_string(query_string).params
    documents = matching_documents(params)
    if name == "csv":
        yield from bulk.csv_lines(documents)
    elif name == "jsonl":
        yield from (jsonl.dumps(document_record(d, public_only=True)) + "\n" for d in documents)
    else:
        accessed = today()
        write: Any = citations.ris if name == "ris" else citations.bibtex
        for document in documents:
            yield write([citations.csl_item(document, accessed)])
