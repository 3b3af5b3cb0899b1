"""What goes wrong in an import, said so that an editor can find and fix it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Location:
    """Where a record came from: the file, and a line (JSONL, CSV) or an element (TEI)."""

    file: str
    line: int | None = None
    record: str | None = None

    def __str__(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.record:
            parts.append(f"record '{self.record}'")
        return ", ".join(parts)


@dataclass(frozen=True)
class ImportProblem:
    location: Location
    message: str
    field: str | None = None

    def __str__(self) -> str:
        where = str(self.location)
        if self.field:
            where += f", field '{self.field}'"
        return f"{where}: {self.message}"


class ImportFailed(Exception):
    """A file could not be imported; nothing from it was written."""

    def __init__(self, problems: list[ImportProblem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
