"""`readingroom admin-benchmark` serves the archive, signs in over HTTP as an editor made for
the run, and prints each admin screen's times and queries; every screen answers 200."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from search import archive as records
from support.server import Archive

SCREENS = (
    "documents, page 1", "documents, searched", "people", "change sets", "dashboard",
    "documents autocomplete", "a document's form", "a document's history",
    "documents of that person", "its members",
)  # fmt: skip


def test_the_admin_benchmark_times_every_screen_over_http(
    archive_factory: Callable[..., Archive], tmp_path: Path
) -> None:
    served = archive_factory("admin-benchmark")
    collection = {"type": "collection", "key": "c", "title": "Telegrams"}
    documents = records.documents(30)
    documents[5]["collections"] = ["c"]
    lines = [*records.authorities(), collection, *documents]
    served.run("import", "jsonl", str(records.write(tmp_path / "a.jsonl", lines)))
    printed = served.run("admin-benchmark", "--repeat", "2", timeout=300).stdout
    assert "The admin of an archive of 30 documents" in printed
    for screen in SCREENS:
        assert re.search(rf"^{re.escape(screen)}\s+\d+\s+\d+\s+\d+$", printed, re.M), printed
    assert "answered" not in printed, printed  # every screen 200
    users = served.run("shell", "-c", "from django.contrib.auth.models import User;"
                       "print(User.objects.filter(username='admin-benchmark').count())")  # fmt: skip
    assert users.stdout.split()[-1] == "0"  # the run's editor is gone
