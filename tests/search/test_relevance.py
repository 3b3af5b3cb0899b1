"""The multilingual relevance set, run by `readingroom relevance` on the demo archive as an
operator runs it: its figures hold, query by query in each script, and a set naming documents
the archive does not hold is refused by name."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from support.server import Archive

from readingroom.search.relevance import load_set

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo(archive_factory: Callable[..., Archive]) -> Archive:
    archive = archive_factory("relevance")
    archive.run("demo", "--no-serve")
    return archive


def test_the_relevance_set_finds_every_script(demo: Archive) -> None:
    printed = demo.run("relevance").stdout
    total = re.search(r"recall@10 ([\d.]+)  MRR ([\d.]+)  \((\d+) queries\)", printed)
    assert total, printed
    recall, mrr, queries = float(total[1]), float(total[2]), int(total[3])
    assert queries == len(load_set())
    assert recall >= 0.8 and mrr >= 0.65, printed
    for line in printed.splitlines()[:-1]:
        if re.search(r"Han|Japanese|Hangul|Pinyin", line):
            assert line.split()[0] == "1.00", line  # every document found in the first ten


def test_a_set_naming_documents_not_in_the_archive_is_refused(
    demo: Archive, tmp_path: Path
) -> None:
    wrong = tmp_path / "set.json"
    entry = {"query": "stalin", "script": "Latin", "finds": ["no-such-document"]}
    wrong.write_text(json.dumps({"queries": [entry]}))
    result = demo.run("relevance", "--set", str(wrong), check=False)
    assert result.returncode != 0
    assert "documents not in this archive: no-such-document" in result.stderr
