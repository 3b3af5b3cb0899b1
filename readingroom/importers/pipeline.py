"""Running an import: each file is read, checked and written in one transaction, so a file
either goes in whole or leaves the archive exactly as it was.

Files are read once, into memory, unless they are large (over KEEP documents) and their format
can stream (JSON Lines): then they are read twice, once to check every record and reference
holding only keys, and once to write documents batch by batch, so a file of a million documents
imports in constant memory."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from types import ModuleType
from typing import Any

from django.db import transaction

from readingroom.editorial.history import Attribution, VersionLog
from readingroom.interchange import jsonl
from readingroom.interchange.canonical import Record
from readingroom.interchange.problems import ImportFailed, ImportProblem

from . import csvfile, listing, tei
from .references import FileCheck, merged_people, resolve_merged_people
from .sources import SourceLedger
from .writer import BATCH, ArchiveWriter, ImportSummary

# Format name on the command line -> module that reads it: each has `read(path, status)`
# returning a list, and may have `stream(path, status)` yielding records.
FORMATS: dict[str, ModuleType] = {"jsonl": jsonl, "csv": csvfile, "tei": tei, "listing": listing}
MAX_PROBLEMS = 50
KEEP = 20_000  # documents held in memory between checking and writing


@dataclass
class FileReport:
    path: Path
    summary: ImportSummary = field(default_factory=ImportSummary)
    problems: list[ImportProblem] = field(default_factory=list)
    records: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def format_module(name: str) -> ModuleType:
    if name not in FORMATS:
        raise ValueError(f"unknown format '{name}'; choose one of: {', '.join(FORMATS)}")
    return FORMATS[name]


def record_source(module: ModuleType, path: Path, status: str) -> Callable[[], Iterator[Record]]:
    """A function giving the file's records afresh each time it is called."""
    if hasattr(module, "stream"):
        return lambda: module.stream(path, status)
    records: list[Record] = module.read(path, status)
    return lambda: iter(records)


def import_file(
    format_name: str,
    path: Path,
    *,
    dry_run: bool = False,
    default_status: str = "draft",
    progress: Callable[[int], object] | None = None,
    prefer_source: bool = False,
    user: Any = None,
) -> FileReport:
    """Check then write one file, all or nothing. Where an editor and the file both changed a
    field since the file's last import, the editor's value stays and the report lists the
    conflict (`prefer_source`: the file's value is taken instead, and still reported). History
    names `user` as who imported it (None: the command line)."""
    report = FileReport(path)
    try:
        records = record_source(format_module(format_name), path, default_status)
        check = FileCheck()
        kept: list[Record] | None = []
        for record in records():
            check.add(record)
            if kept is not None and record.type == "document":
                kept.append(record)
                if len(kept) > KEEP and hasattr(format_module(format_name), "stream"):
                    kept = None  # too many to hold: the writer reads the file again
        report.records = check.records
        problems = check.finish()
        if problems:
            raise ImportFailed(problems)
        with transaction.atomic():
            documents = iter(kept) if kept is not None else records()
            ledger = SourceLedger(prefer_source=prefer_source)
            history = VersionLog(Attribution.for_import(path, user))
            report.summary = _write(documents, check, path, progress, ledger, history)
            if dry_run:
                transaction.set_rollback(True)
    except ImportFailed as failure:
        report.problems = failure.problems[:MAX_PROBLEMS]
        if len(failure.problems) > MAX_PROBLEMS:
            extra = len(failure.problems) - MAX_PROBLEMS
            more = ImportProblem(failure.problems[0].location, f"... and {extra} more problems")
            report.problems.append(more)
    return report


def _write(
    records: Iterator[Record],
    check: FileCheck,
    path: Path,
    progress: Callable[[int], object] | None,
    sources: SourceLedger,
    history: VersionLog,
) -> ImportSummary:
    writer = ArchiveWriter(
        base_dir=str(path.parent), progress=progress, history=history, sources=sources
    )
    writer.write_authorities(check.authorities)
    documents = (r for r in records if r.type == "document")
    merged = merged_people()
    while batch := list(islice(documents, BATCH)):
        resolve_merged_people(batch, merged)
        writer.write_documents(batch)
    return writer.finish()
