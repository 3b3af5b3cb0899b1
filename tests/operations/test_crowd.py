"""`readingroom crowd` serves the archive and lets readers read at once, over HTTP: every kind
of address in its mix is read, and every answer that was not 200 is counted and printed."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from support.server import Archive

pytestmark = pytest.mark.slow


def test_a_crowd_reads_every_kind_of_page_and_reports_the_figures(
    archive_factory: Callable[..., Archive],
) -> None:
    archive = archive_factory("crowd")
    archive.run("demo", "--no-serve")
    printed = archive.run(
        "crowd", "--readers", "4", "--seconds", "4", "--workers", "2", timeout=180
    ).stdout
    total = re.search(r"4 readers for \d+ s: ([\d,]+) requests, ([\d.,]+) requests/s", printed)
    assert total, printed
    assert int(total[1].replace(",", "")) > 4
    kinds = {"search, words", "search, facets", "document", "person", "place", "API",
             "OAI-PMH", "citation"}  # fmt: skip
    for kind in kinds:
        assert re.search(rf"^  {re.escape(kind)}\s+\d+\s+p50\s+\d+ ms", printed, re.M), kind
    assert "Not 200: none" in printed, printed
    memory = re.search(r"Server memory: (\d+) processes, resident ([\d,]+) MiB in all", printed)
    assert memory and int(memory[1]) == 3 and int(memory[2].replace(",", "")) > 50  # 2 workers
