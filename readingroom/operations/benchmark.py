"""`readingroom benchmark N`: generate N documents from the demo's real FRUS texts, import them
into a new archive (SQLite, or PostgreSQL with --database-url) end to end (import and indexing),
then measure searches in a separate process of that archive (the engine's own measures are
`search/benchmark_queries.py`) and print every figure; the fast paths' share is
`operations/fastpaths.py`. Nothing here is a test; the figures go to docs/performance.md.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from readingroom.cli import console_command

CHUNK = 20_000  # documents per import file (each file is one transaction)
DROPPED = ("DATABASE_URL", "READINGROOM_INDEX_DIR", "READINGROOM_DATA_DIR")


@dataclass
class Plan:
    count: int
    workdir: Path
    corpus: Path | None = None  # an existing corpus to import instead of generating one
    database_url: str | None = None
    seed: int = 1
    keep: bool = False
    queries: int = 100  # different queries of each kind


class Bench:
    """One benchmark run in its own work directory and archive."""

    def __init__(self, plan: Plan, out: IO[str]) -> None:
        self.plan = plan
        self.out = out
        self.data_dir = plan.workdir / "data"

    def env(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in DROPPED}
        env["READINGROOM_DATA_DIR"] = str(self.data_dir)
        env["PYTHONUNBUFFERED"] = "1"
        if self.plan.database_url:
            env["DATABASE_URL"] = self.plan.database_url
        return env

    def run(self, *args: str) -> float:
        """Run `readingroom ARGS` for the archive; the seconds it took."""
        started = time.perf_counter()
        subprocess.run([*console_command(), *args], env=self.env(), check=True)
        return time.perf_counter() - started

    def say(self, line: str) -> None:
        self.out.write(line + "\n")
        self.out.flush()

    def corpus(self) -> Path:
        if self.plan.corpus:
            return self.plan.corpus
        path = self.plan.workdir / f"corpus-{self.plan.count}.jsonl.gz"
        if not path.exists():
            seconds = self.run(
                "generate-corpus", str(self.plan.count), str(path), "--seed", str(self.plan.seed)
            )
            self.say(f"Corpus: {self.plan.count:,} documents generated in {seconds:.0f} s")
        return path

    import_rate: float | None = None  # documents/s, once the import has run

    def import_corpus(self, corpus: Path) -> int:
        files = split(corpus, self.plan.workdir / "import")
        documents = sum(count for _, count in files)
        self.run("init", "--verbosity", "0")
        paths = [str(path) for path, _ in files]
        seconds = self.run(
            "import", "jsonl", *paths, "--status", "published", "--no-progress", "--index-alongside"
        )
        seconds += self.run("indexer", "--verbosity", "0")  # anything left (nothing, normally)
        self.import_rate = documents / seconds
        self.say(
            f"Import, end to end (records written and indexed): {documents:,} documents in "
            f"{seconds:.0f} s = {self.import_rate:,.0f} documents/s"
        )
        return documents

    def measure(self, documents: int) -> None:
        command = [*console_command(), "benchmark", str(documents), "--measure"]
        command += ["--queries", str(self.plan.queries)]
        if self.import_rate:
            command += ["--import-rate", f"{self.import_rate:.1f}"]
        subprocess.run(command, env=self.env(), check=True)

    def start(self) -> None:
        self.plan.workdir.mkdir(parents=True, exist_ok=True)
        cores = os.cpu_count()
        database = "PostgreSQL" if self.plan.database_url else "SQLite"
        self.say(f"Reading Room benchmark: N = {self.plan.count:,}, {database}, {cores} cores")
        self.say(f"Work directory: {self.plan.workdir}")
        try:
            documents = self.import_corpus(self.corpus())
            self.measure(documents)
        finally:
            if not self.plan.keep:
                shutil.rmtree(self.data_dir, ignore_errors=True)
                shutil.rmtree(self.plan.workdir / "import", ignore_errors=True)


def default_workdir(count: int) -> Path:
    return Path(tempfile.gettempdir()) / f"readingroom-benchmark-{count}"


def _open(path: Path) -> IO[str]:
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8")
    return path.open(encoding="utf-8")


def _is_document(line: str) -> bool:
    if line.startswith('{"type":"document"'):
        return True
    if '"document"' not in line:
        return False
    record: Any = json.loads(line)
    return isinstance(record, dict) and record.get("type") == "document"


def split(corpus: Path, directory: Path, chunk: int = CHUNK) -> list[tuple[Path, int]]:
    """The corpus as import files: authority records first, then documents `chunk` a file (the
    import command reads a file whole and writes it in one transaction)."""
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    authorities = directory / "0000-authorities.jsonl"
    files: list[tuple[Path, int]] = [(authorities, 0)]
    with _open(corpus) as lines, authorities.open("w", encoding="utf-8") as first:
        for number, batch in enumerate(_document_batches(lines, first, chunk), start=1):
            path = directory / f"{number:04d}-documents.jsonl"
            path.write_text("".join(batch), encoding="utf-8")
            files.append((path, len(batch)))
    return files


def _document_batches(lines: IO[str], others: IO[str], chunk: int) -> Iterator[list[str]]:
    batch: list[str] = []
    for line in lines:
        if not line.strip():
            continue
        if not _is_document(line):
            others.write(line)
            continue
        batch.append(line)
        if len(batch) == chunk:
            yield batch
            batch = []
    if batch:
        yield batch
