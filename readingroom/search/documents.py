"""Building IndexDocuments from the database: the one place that decides what is searchable.

Only public documents are indexed; anything else (draft, review, embargoed before its day,
withdrawn, deleted) is reported as to-be-removed, so nothing unreleased can reach the index.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable

from django.db.models import Prefetch

from readingroom.catalogue.models import Document, DocumentPerson

from .backend import IndexDocument, IndexText
from .facets import FACETS


def _names(record: object) -> tuple[str, ...]:
    names = [getattr(record, "name", "")]
    names.extend(v.name for v in record.variants.all())  # type: ignore[attr-defined]
    return tuple(dict.fromkeys(n for n in names if n))


def index_document(document: Document) -> IndexDocument:
    """The index's view of one document; expects `indexable_documents` prefetches."""
    names: list[str] = []
    for link in document.person_links.all():
        names.extend(_names(link.person))
    repository = document.repository
    fields = {
        "public_id": document.public_id,
        "title": document.title,
        "summary": document.summary,
        "texts": tuple(IndexText(t.language, t.body) for t in document.texts.all()),
        "names": tuple(dict.fromkeys(names)),
        "places": tuple(n for p in document.places.all() for n in _names(p)),
        "subjects": tuple(n for s in document.subjects.all() for n in _names(s)),
        "repository": tuple(n for n in (repository.name, repository.short_name) if n)
        if repository
        else (),
        "facets": tuple((f.name, tuple(f.values(document))) for f in FACETS),
        "earliest": document.date_earliest,
        "latest": document.date_latest,
        "sort_title": document.title.casefold(),
    }
    return IndexDocument(**fields, fingerprint=fingerprint(fields))  # type: ignore[arg-type]


def fingerprint(fields: dict[str, object]) -> str:
    """A short digest of what was indexed, so `check` can compare database and index."""
    encoded = json.dumps(fields, default=str, sort_keys=True, ensure_ascii=False)
    return hashlib.blake2b(encoded.encode(), digest_size=12).hexdigest()


def indexable_documents():  # type: ignore[no-untyped-def]
    """Public documents with everything `index_document` reads, fetched in a few queries."""
    return (
        Document.objects.public()
        .select_related("repository")
        .prefetch_related(
            Prefetch(
                "person_links",
                DocumentPerson.objects.select_related("person").prefetch_related(
                    "person__variants"
                ),
            ),
            "places__variants",
            "subjects__variants",
            "memberships__collection",
            "texts",
        )
    )


def build(public_ids: Iterable[int]) -> tuple[list[IndexDocument], list[int]]:
    """(documents to index, ids to remove) for these public ids, as the database has them now."""
    wanted = sorted(set(public_ids))
    found = [index_document(d) for d in indexable_documents().filter(public_id__in=wanted)]
    present = {d.public_id for d in found}
    return found, [i for i in wanted if i not in present]
