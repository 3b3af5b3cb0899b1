"""Running an import: each file is read, checked and written in one transaction, so a file
either goes in whole or leaves the archive exactly as it was."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from django.db import transaction

from readingroom.editorial.history import Attribution, VersionLog

from .canonical import Record
from .problems import ImportFailed, ImportProblem
from .references import check_file, resolve_merged_people
from .writer import ArchiveWriter, ImportSummary

# Format name on the command line -> module that reads it (each has `read(path, status)`).
FORMATS = {"jsonl": "jsonl", "csv": "csvfile", "tei": "tei", "listing": "listing"}
MAX_PROBLEMS = 50


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
    return importlib.import_module(f"readingroom.importers.{FORMATS[name]}")


def _position(problem: ImportProblem) -> int:
    return problem.location.line or 0


def import_file(
    format_name: str,
    path: Path,
    *,
    dry_run: bool = False,
    default_status: str = "draft",
    progress: Callable[[int], object] | None = None,
) -> FileReport:
    report = FileReport(path)
    try:
        records: list[Record] = format_module(format_name).read(path, default_status)
        report.records = len(records)
        problems = [p for r in records for p in r.problems]
        problems += check_file([r for r in records if r.type])
        if problems:
            raise ImportFailed(sorted(problems, key=_position))
        with transaction.atomic():
            resolve_merged_people(records)
            history = VersionLog(Attribution.for_import(path))
            writer = ArchiveWriter(base_dir=str(path.parent), progress=progress, history=history)
            report.summary = writer.write(records)
            if dry_run:
                transaction.set_rollback(True)
    except ImportFailed as failure:
        report.problems = failure.problems[:MAX_PROBLEMS]
        if len(failure.problems) > MAX_PROBLEMS:
            extra = len(failure.problems) - MAX_PROBLEMS
            more = ImportProblem(failure.problems[0].location, f"... and {extra} more problems")
            report.problems.append(more)
    return report
