"""`readingroom benchmark` runs end to end and prints every figure (on a tiny corpus: the
figures themselves belong to docs/performance.md, never to a test)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from support.server import readingroom_command

from . import archive

FIGURES = (
    "Reading Room benchmark: N = 40, SQLite",
    "Import, end to end (records written and indexed): 40 documents in",
    "Index: 39 documents in",
    "with facet counts: p50",
    "  all kinds",
    "The same search without words again (counts remembered): p50",
    "/search page, whole response at the server",
    "  of which its searches: p50",
    "the page's own work: p50",
    "Search process memory: resident",
    "Fast paths, CPU per document (40 documents):",
    "  document rows: plain INSERTs, COPY on PostgreSQL (catalogue/rows.py), not bulk_create",
    "  canonical records from flat queries (interchange/export.document_records), not prefetched",
    "of the import's end-to-end time (",
)


def test_the_benchmark_prints_every_figure(tmp_path: Path) -> None:
    corpus = archive.write(tmp_path / "corpus.jsonl", archive.authorities() + archive.documents(40))
    options = ["--corpus", str(corpus), "--queries", "3", "--workdir", str(tmp_path / "work")]
    result = subprocess.run(
        [*readingroom_command(), "benchmark", "40", *options],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    for figure in FIGURES:
        assert figure in result.stdout, result.stdout
    assert not (tmp_path / "work" / "data").exists()  # removed unless --keep
