"""Bulk data: the whole public archive as JSON Lines (gzip; the canonical format, so importing
it into an empty archive reproduces the public archive), documents as CSV, and the scans the
records name (tar), with a manifest giving each file's checksum, size and record count.

`build()` writes into DATA_DIR/dumps beside the current files and swaps them in; a
fingerprint of the public archive tells whether the files are stale (`readingroom dump
--if-stale`, the /data/ page).
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import hashlib
import io
import json
import shutil
import tarfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import Count, Max, Sum

from readingroom.catalogue.fields import RECORDS, simple_fields
from readingroom.catalogue.models import (
    Attachment,
    Collection,
    Document,
    Person,
    Place,
    Repository,
    Subject,
)
from readingroom.interchange import jsonl
from readingroom.interchange.export import documents_for_export, export_records

from . import conf, describe
from .models import Tombstone

JSONL = "readingroom.jsonl.gz"
CSV = "readingroom-documents.csv"
SCANS = "readingroom-scans.tar"
MANIFEST = "manifest.json"
# The CSV's columns: the document's declared fields in their order (catalogue/fields.py), but
# the publication workflow and what a cell cannot hold, with columns for readers added after
# the field they explain.
NOT_IN_CSV = ("status", "embargo_until", "withdrawn_reason", "texts", "scans", "related")
ADDED_AFTER = {"id": ("key", "url"), "date": ("date_display",), "languages": ("translators",)}
CSV_FIELDS = tuple(
    column
    for field in RECORDS["document"]
    if field.name not in NOT_IN_CSV
    for column in (field.name, *ADDED_AFTER.get(field.name, ()))
)
CSV_SIMPLE = tuple(f for f in simple_fields("document") if f.name in CSV_FIELDS)
# What makes a spreadsheet read a cell as a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def dump_dir() -> Path:
    return Path(settings.DATA_DIR) / "dumps"


def fingerprint() -> str:
    """Changes whenever anything the dump holds may have changed."""
    parts: list[Any] = [Document.objects.public().aggregate(n=Count("pk"), ids=Sum("pk"))]
    for model in (Document, Person, Place, Subject, Repository, Collection):
        parts.append(model.objects.aggregate(n=Count("pk"), last=Max("updated_at")))
    parts.append(Tombstone.objects.count())
    parts.append(Attachment.objects.aggregate(n=Count("pk"), last=Max("pk")))
    encoded = json.dumps(parts, default=str, sort_keys=True).encode()
    return hashlib.sha256(encoded).hexdigest()


def manifest() -> dict[str, Any] | None:
    path = dump_dir() / MANIFEST
    return json.loads(path.read_text()) if path.exists() else None


def is_stale() -> bool:
    current = manifest()
    return current is None or current.get("fingerprint") != fingerprint()


def csv_row(document: Document) -> dict[str, str]:
    """One document as a flat row of CSV_FIELDS: names rather than keys, lists joined with "; "
    (a column without its cell is a KeyError, never a silent blank)."""
    names = "; ".join
    cells = {f.name: _cell(getattr(document, f.name)) for f in CSV_SIMPLE} | {
        "id": str(document.public_id),
        "key": document.key,
        "url": conf.permanent_url(document.public_id),
        "date": document.date_edtf or "undated",
        "date_display": document.date.display,
        "authors": names(p.name for p in describe.authors(document)),
        "recipients": names(p.name for p in describe.recipients(document)),
        "people": names(p.name for p in describe.discussed(document)),
        "places": names(describe.place_names(document)),
        "subjects": names(describe.subject_names(document)),
        "collections": names(describe.collection_titles(document)),
        "repository": describe.repository_name(document),
        "translators": names(describe.translators(document)),
    }
    return {column: cells[column] for column in CSV_FIELDS}


def _cell(value: str | list[str]) -> str:
    return value if isinstance(value, str) else "; ".join(value)


def spreadsheet_safe(cell: str) -> str:
    """The cell as a spreadsheet will show it, never run it: a cell that would start a formula
    (`=`, `+`, `-`, `@`, tab or carriage return, as OWASP lists) gets a leading `'`."""
    return f"'{cell}" if cell.startswith(FORMULA_STARTS) else cell


def csv_lines(documents: Iterable[Document]) -> Iterator[str]:
    """CSV text, a header then one chunk per document (for files and streamed answers); every
    CSV the archive writes is written here."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_FIELDS, lineterminator="\r\n")
    writer.writeheader()
    for document in documents:
        writer.writerow({name: spreadsheet_safe(cell) for name, cell in csv_row(document).items()})
        if buffer.tell() > 64_000:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def public_documents_in_batches(batch: int = 1000) -> Iterator[Document]:
    ids = list(Document.objects.public().order_by("public_id").values_list("pk", flat=True))
    for start in range(0, len(ids), batch):
        chunk = Document.objects.filter(pk__in=ids[start : start + batch])
        yield from documents_for_export(chunk).order_by("public_id")


def build() -> dict[str, Any]:
    """Write every file into a fresh directory, then swap it in; returns the manifest."""
    target = dump_dir()
    work = target.with_name("dumps.new")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    stamp = fingerprint()
    files = [_write_jsonl(work), _write_csv(work), _write_scans(work)]
    result = {
        "built_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "fingerprint": stamp,
        "format": "Reading Room canonical records (docs/formats.md)",
        "files": files,
    }
    (work / MANIFEST).write_text(json.dumps(result, indent=2))
    old = target.with_name("dumps.old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    work.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    return result


def _describe_file(path: Path, records: int, media_type: str, description: str) -> dict[str, Any]:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return {
        "name": path.name,
        "media_type": media_type,
        "description": description,
        "bytes": path.stat().st_size,
        "sha256": digest.hexdigest(),
        "records": records,
    }


def _write_jsonl(work: Path) -> dict[str, Any]:
    path = work / JSONL
    with gzip.open(path, "wt", encoding="utf-8", newline="\n") as stream:
        count = jsonl.write(export_records(public_only=True), stream)
    description = "Every public record, canonical JSON Lines (import with `readingroom import`)"
    return _describe_file(path, count, "application/gzip", description)


def _write_csv(work: Path) -> dict[str, Any]:
    path = work / CSV
    count = 0

    def counted() -> Iterator[Document]:
        nonlocal count
        for document in public_documents_in_batches():
            count += 1
            yield document

    with path.open("w", encoding="utf-8", newline="") as stream:
        for chunk in csv_lines(counted()):
            stream.write(chunk)
    return _describe_file(path, count, "text/csv", "Public documents, one row each")


def _write_scans(work: Path) -> dict[str, Any]:
    path = work / SCANS
    public = Document.objects.public()
    attachments = Attachment.objects.filter(document__in=public).order_by("document_id", "position")
    count = 0
    with tarfile.open(path, "w") as archive:
        for attachment in attachments.iterator():
            if not attachment.source or not attachment.file:
                continue
            info = tarfile.TarInfo(attachment.source)
            with attachment.file.open("rb") as stream:
                data = stream.read()
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
            count += 1
    description = "The scans, at the paths the JSON Lines records name (unpack beside it)"
    return _describe_file(path, count, "application/x-tar", description)
