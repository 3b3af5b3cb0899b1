"""The canonical JSON Lines format (docs/formats.md): reading and writing."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from .canonical import Record, normalize
from .files import open_binary, read_lines
from .problems import ImportProblem, Location

NAME = "jsonl"


def stream(path: Path, default_status: str) -> Iterator[Record]:
    """The file's records one at a time (a file of any size is read in constant memory)."""
    with open_binary(path) as binary:
        for number, line in read_lines(binary, path):
            if not line.strip():
                continue
            location = Location(str(path), number)
            try:
                raw = json.loads(line)
            except json.JSONDecodeError as error:
                problem = ImportProblem(
                    location, f"not valid JSON: {error.msg} at column {error.colno}"
                )
                yield Record("", "", {}, location, [problem])
                continue
            yield normalize(raw, location, default_status)


def read(path: Path, default_status: str) -> list[Record]:
    return list(stream(path, default_status))


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
