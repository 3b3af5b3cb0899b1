"""The canonical JSON Lines format (docs/formats.md): reading and writing."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

from .canonical import Record, normalize
from .files import open_binary, read_lines
from .problems import ImportProblem, Location

NAME = "jsonl"


def read(path: Path, default_status: str) -> list[Record]:
    records = []
    with open_binary(path) as stream:
        for number, line in read_lines(stream, path):
            if not line.strip():
                continue
            location = Location(str(path), number)
            try:
                raw = json.loads(line)
            except json.JSONDecodeError as error:
                problem = ImportProblem(
                    location, f"not valid JSON: {error.msg} at column {error.colno}"
                )
                records.append(Record("", "", {}, location, [problem]))
                continue
            records.append(normalize(raw, location, default_status))
    return records


def dumps(record: dict[str, Any]) -> str:
    """One record as one line: keys in the canonical order, non-ASCII kept readable."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def write(records: Iterable[dict[str, Any]], stream: IO[str]) -> int:
    count = 0
    for record in records:
        stream.write(dumps(record))
        stream.write("\n")
        count += 1
    return count
