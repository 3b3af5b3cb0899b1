"""Documents from a spreadsheet: one row per document (docs/formats.md, "CSV").

Editors keep batches in spreadsheets, so the columns are the canonical document fields, with
several values in one cell separated by `|`. People, places, subjects, collections and the
repository are named by the keys of records already in the archive (imported from JSON Lines
or made in the admin): a name typed in a cell must not quietly create a second Stalin. An
unknown key is an error naming the line and the column, as in JSON Lines.
"""

from __future__ import annotations

import csv
import difflib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from readingroom.catalogue.fields import DOCUMENT
from readingroom.catalogue.models import TextKind
from readingroom.catalogue.text import UNDETERMINED
from readingroom.interchange.canonical import (
    FieldError,
    Record,
    choice,
    normalize,
    optional_language,
)
from readingroom.interchange.files import MAX_LINE, open_binary, read_lines
from readingroom.interchange.problems import ImportFailed, ImportProblem, Location

NAME = "csv"
SEPARATOR = "|"
REQUIRED = ("key", "title")
# The document's fields that are columns (catalogue/fields.py): one value, or several.
SINGLE = ("key", *(f.name for f in DOCUMENT if f.csv == "one"))
MULTIPLE = tuple(f.name for f in DOCUMENT if f.csv == "many")
TEXT = ("text", "text_kind", "text_language", "text_credit")
COLUMNS = (*SINGLE, *MULTIPLE, *TEXT)
TEXT_KIND = choice(*TextKind.values, default=TextKind.TRANSLATION)
SCAN_KINDS = {".pdf": "pdf", ".txt": "text"}


def read(path: Path, default_status: str) -> list[Record]:
    csv.field_size_limit(MAX_LINE)
    records = []
    with open_binary(path) as stream:
        rows = Rows(path, (line for _, line in read_lines(stream, path)))
        header = rows.header()
        key_column = header.index("key")
        for line, cells in rows:
            key = cells[key_column].strip() if key_column < len(cells) else ""
            location = Location(str(path), line, key or None)
            records.append(row_record(header, cells, location, default_status))
    return records


class Rows:
    """The file's rows with the line each starts on; a malformed file fails naming the line."""

    def __init__(self, path: Path, lines: Iterator[str]) -> None:
        self.path = path
        self.reader = csv.reader(lines, strict=True)
        self.last_line = 0

    def header(self) -> list[str]:
        first = next(iter(self), None)
        if first is None:
            raise ImportFailed(
                [ImportProblem(Location(str(self.path)), "the file is empty; a header is needed")]
            )
        return check_header(first[1], self.path)

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        while True:
            start = self.last_line + 1
            try:
                cells = next(self.reader)
            except StopIteration:
                return
            except csv.Error as error:
                where = Location(str(self.path), start)
                raise ImportFailed([ImportProblem(where, f"not valid CSV: {error}")]) from error
            self.last_line = self.reader.line_num
            if any(cell.strip() for cell in cells):
                yield start, cells


def check_header(cells: list[str], path: Path) -> list[str]:
    """The column names, or ImportFailed naming every unknown, repeated or missing column."""
    where = Location(str(path), 1)
    names = [cell.strip().lstrip("\ufeff") for cell in cells]
    problems = []
    for name in names:
        if name not in COLUMNS:
            problems.append(ImportProblem(where, unknown_column(name), name or "(empty)"))
    for name in sorted({n for n in names if names.count(n) > 1}):
        problems.append(ImportProblem(where, "the column appears more than once", name))
    for name in REQUIRED:
        if name not in names:
            problems.append(ImportProblem(where, "the header lacks this required column", name))
    if problems:
        raise ImportFailed(problems)
    return names


def unknown_column(name: str) -> str:
    if any(mark in name for mark in ";\t"):
        return "unknown column; columns must be separated by commas"
    close = difflib.get_close_matches(name, COLUMNS, n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return f"unknown column{hint}; the columns are listed in docs/formats.md"


def row_record(
    header: list[str], cells: list[str], location: Location, default_status: str
) -> Record:
    if len(cells) > len(header):
        problem = ImportProblem(
            location, f"the row has {len(cells)} cells but the header has {len(header)} columns"
        )
        return Record("document", location.record or "", {}, location, [problem])
    row = {name: cells[index].strip() for index, name in enumerate(header) if index < len(cells)}
    raw, problems = canonical_document(row, location)
    record = normalize(raw, location, default_status)
    record.problems[:0] = problems
    return record


def canonical_document(
    row: dict[str, str], location: Location
) -> tuple[dict[str, Any], list[ImportProblem]]:
    """The row as a canonical document dict; empty cells are left out so defaults apply."""
    raw: dict[str, Any] = {"type": "document"}
    problems: list[ImportProblem] = []
    for name in SINGLE:
        if row.get(name):
            raw[name] = row[name]
    for name in MULTIPLE:
        if row.get(name):
            raw[name] = [v.strip() for v in row[name].split(SEPARATOR) if v.strip()]
    if "id" in raw:
        try:
            raw["id"] = int(raw["id"])
        except ValueError:
            problems.append(ImportProblem(location, "must be a whole number", "id"))
            del raw["id"]
    if "scans" in raw:
        raw["scans"] = [scan(file, number) for number, file in enumerate(raw["scans"], 1)]
    text, text_problems = document_text(row, location)
    if text:
        raw["texts"] = [text]
    return raw, problems + text_problems


def document_text(
    row: dict[str, str], location: Location
) -> tuple[dict[str, str] | None, list[ImportProblem]]:
    """The `text` cell with its kind, language and credit; they mean nothing without it. A
    text without a language is undetermined ("und"): search detects it."""
    if not row.get("text"):
        stray = [name for name in TEXT[1:] if row.get(name)]
        return None, [
            ImportProblem(location, "is given but the 'text' cell is empty", name) for name in stray
        ]
    problems = []
    for column, rule in (("text_language", optional_language), ("text_kind", TEXT_KIND)):
        try:
            rule(row.get(column))
        except FieldError as error:
            problems.append(ImportProblem(location, str(error), column))
    text = {"body": row["text"], "language": row.get("text_language") or UNDETERMINED}
    if row.get("text_kind"):
        text["kind"] = row["text_kind"]
    if row.get("text_credit"):
        text["credit"] = row["text_credit"]
    return (None if problems else text), problems


def scan(file: str, number: int) -> dict[str, str]:
    kind = SCAN_KINDS.get(Path(file).suffix.lower(), "image")
    label = f"Page {number}" if kind == "image" else Path(file).name
    return {"file": file, "kind": kind, "label": label}
