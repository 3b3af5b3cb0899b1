"""Importing a file from the admin, with the command line's rules: the upload is kept (under
DATA_DIR/imports, named by its checksum), checked by a dry run whose report the editor reads,
and imported, all or nothing, only when the editor confirms. Every step is an `ImportRun`: the
history of imports, with who ran them and what each did.

One import at a time, across every process of the server: a second editor is told that one is
running (a lock in the data directory) rather than left waiting on the database. A file larger
than READINGROOM_ADMIN_IMPORT_MAX_BYTES is refused before it is read: such files go through
`readingroom import` (which streams them and shows progress).
"""

from __future__ import annotations

import fcntl
import hashlib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone

from readingroom.editorial.jobs import JobRefused, enqueue, run_here
from readingroom.editorial.models import Job, JobState

from .models import ImportRun
from .pipeline import FORMATS, FileReport, import_file

# What a file's name says its format is (the editor may choose another).
SUFFIXES = {".jsonl": "jsonl", ".gz": "jsonl", ".json": "jsonl", ".csv": "csv", ".xml": "tei"}


class ImportRefused(ValueError):
    """The upload cannot be checked or imported now; the message says why."""


def guessed_format(name: str) -> str:
    suffixes = Path(name.lower()).suffixes
    if suffixes[-2:] == [".xml", ".gz"]:
        return "tei"
    return SUFFIXES.get(suffixes[-1] if suffixes else "", "jsonl")


def imports_dir() -> Path:
    return Path(settings.DATA_DIR) / "imports"


@contextmanager
def one_at_a_time() -> Iterator[None]:
    path = Path(settings.DATA_DIR) / "import.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            running = ImportRun.objects.order_by("-checked_at").first()
            who = f" ({running.file_name})" if running else ""
            raise ImportRefused(
                f"Another import is being checked or written{who}. Try again when it ends."
            ) from None
        yield


def keep(upload: UploadedFile) -> tuple[Path, str]:
    """The upload saved under imports_dir(), named by its SHA-256; (path, digest)."""
    limit = settings.ADMIN_IMPORT_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise ImportRefused(
            f"{upload.name} is {upload.size:,} bytes; the admin imports files of up to "
            f"{limit:,} bytes. Import larger files with `readingroom import`."
        )
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", Path(upload.name or "upload").name)[-100:]
    path = imports_dir() / f"{digest.hexdigest()[:16]}-{name}"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as stored:
        for chunk in upload.chunks():
            stored.write(chunk)
    return path, digest.hexdigest()


def check(upload: UploadedFile, format_name: str, default_status: str, user: Any) -> ImportRun:
    """Keep the upload and dry-run it: the run says what an import would do, or why not."""
    if format_name not in FORMATS:
        raise ImportRefused(f"Unknown format {format_name!r}: one of {', '.join(FORMATS)}.")
    with one_at_a_time():
        path, digest = keep(upload)
        report = import_file(format_name, path, dry_run=True, default_status=default_status)
    return ImportRun.objects.create(
        user=user,
        file_name=(upload.name or path.name)[:255],
        stored=str(path),
        sha256=digest,
        format=format_name,
        default_status=default_status,
        state=ImportRun.State.CHECKED if report.ok else ImportRun.State.REFUSED,
        checked_at=timezone.now(),
        check_report=described(report, Path(upload.name or path.name).name),
    )


IMPORT_FILE = "import-file"  # the kind of job (editorial/jobs.py)
UNDER_WAY = (str(JobState.WAITING), str(JobState.RUNNING))


def confirm(checked: ImportRun, user: Any) -> ImportRun:
    """The editor's "Import it": a job, done at once for a small file, else by the worker."""
    if checked.state != ImportRun.State.CHECKED:
        raise ImportRefused(f"{checked.file_name} is {checked.get_state_display()}.")
    if checked.job is not None and checked.job.state in UNDER_WAY:
        raise ImportRefused(f"{checked.file_name} is being imported already.")
    job = enqueue(IMPORT_FILE, {"run": checked.pk}, f"Import {checked.file_name}", user)
    checked.job = job
    checked.save(update_fields=["job"])
    if checked.check_report.get("records", 0) <= settings.JOBS_AT_ONCE:
        run_here(job, run_import)
    checked.refresh_from_db()
    return checked


def run_import(job: Job) -> str:
    """An import job's work (jobs.Runner): the checked file written, all or nothing."""
    checked = ImportRun.objects.filter(pk=job.parameters["run"]).first()
    if checked is None:
        raise JobRefused("the import it was asked for is gone")
    try:
        done = run(checked, job.created_by)
    except ImportRefused as refusal:
        raise JobRefused(str(refusal)) from refusal
    _, created, updated, _ = count_rows(done.import_report)[-1]  # (the "all" row)
    written = created + updated
    return f"{done.file_name}: {done.get_state_display()}; {written} record(s) written."


def run(checked: ImportRun, user: Any) -> ImportRun:
    """Import a checked file for real (all or nothing), as `user`."""
    if checked.state != ImportRun.State.CHECKED:
        raise ImportRefused(f"{checked.file_name} is {checked.get_state_display()}.")
    path = Path(checked.stored)
    if not path.exists() or hashlib.sha256(path.read_bytes()).hexdigest() != checked.sha256:
        raise ImportRefused(f"The kept copy of {checked.file_name} is gone or changed.")
    with one_at_a_time():
        report = import_file(checked.format, path, default_status=checked.default_status, user=user)
    checked.state = ImportRun.State.IMPORTED if report.ok else ImportRun.State.FAILED
    checked.imported_at = timezone.now()
    checked.import_report = described(report, checked.file_name)
    checked.save(update_fields=["state", "imported_at", "import_report"])
    return checked


def described(report: FileReport, name: str) -> dict[str, Any]:
    """A report as the run keeps it: counts by record type, conflicts and problems (each with
    its line or record and field), the kept file's path replaced by the name uploaded."""
    summary = report.summary

    def where(text: str) -> str:
        return text.replace(str(report.path), name)

    return {
        "records": report.records,
        "created": dict(summary.created),
        "updated": dict(summary.updated),
        "unchanged": dict(summary.unchanged),
        "conflicts": [where(str(c.location)) + f", field '{c.field}'" for c in summary.conflicts],
        "problems": [
            {"where": where(str(p.location)), "field": p.field or "", "message": p.message}
            for p in report.problems
        ],
    }


def count_rows(report: dict[str, Any]) -> list[tuple[str, int, int, int]]:
    """(record type, created, updated, unchanged) for each type in a kept report, then "all"."""
    kinds = ("created", "updated", "unchanged")
    types = sorted({t for kind in kinds for t in report.get(kind, {})})
    rows = [(t, *(report.get(kind, {}).get(t, 0) for kind in kinds)) for t in types]
    totals = tuple(sum(row[i] for row in rows) for i in (1, 2, 3))
    return [*rows, ("all", *totals)]  # type: ignore[list-item]
