"""Opening import files, plain or gzipped, with errors that name the file."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from .problems import ImportFailed, ImportProblem, Location

MAX_LINE = 16 * 1024 * 1024  # longer lines are refused rather than read into memory


@contextmanager
def open_binary(path: Path) -> Iterator[IO[bytes]]:
    where = Location(str(path))
    if not path.is_file():
        raise ImportFailed([ImportProblem(where, "no such file")])
    raw = path.open("rb")
    try:
        if raw.read(2) == b"\x1f\x8b":
            raw.seek(0)
            yield gzip.GzipFile(fileobj=raw)  # type: ignore[misc]
        else:
            raw.seek(0)
            yield raw
    except (EOFError, gzip.BadGzipFile, zlib.error) as error:
        raise ImportFailed(
            [ImportProblem(where, f"the gzip file is truncated or damaged ({error})")]
        ) from error
    finally:
        raw.close()


def read_lines(stream: IO[bytes], path: Path) -> Iterator[tuple[int, str]]:
    """(line number, text) for each line, refusing lines over MAX_LINE and invalid UTF-8."""
    number = 0
    while True:
        line = stream.readline(MAX_LINE + 1)
        if not line:
            return
        number += 1
        if len(line) > MAX_LINE and not line.endswith(b"\n"):
            _skip_rest_of_line(stream)
            raise ImportFailed(
                [
                    ImportProblem(
                        Location(str(path), number),
                        f"the line is longer than {MAX_LINE // (1024 * 1024)} MB; "
                        "a record must fit in it",
                    )
                ]
            )
        try:
            yield number, line.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError as error:
            raise ImportFailed(
                [
                    ImportProblem(
                        Location(str(path), number),
                        f"not UTF-8 text ({error.reason} at byte {error.start})",
                    )
                ]
            ) from error


def _skip_rest_of_line(stream: IO[bytes]) -> None:
    while True:
        chunk = stream.readline(MAX_LINE)
        if not chunk or chunk.endswith(b"\n"):
            return
