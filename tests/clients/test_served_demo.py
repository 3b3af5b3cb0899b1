"""The whole client suite against a served demo archive, over HTTP as readers' software gets it:
`readingroom demo --no-serve`, then `readingroom serve`; citation files, exports and feeds of its
documents read by citeproc-js, astrocite-ris, citation-js, rispy, XeLaTeX with Biber and the
feed validator's rules."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import rispy
from support.server import Archive, LiveServer

from .conftest import node
from .test_citations_in_citeproc import LOCALE, STYLES
from .test_feed_rules import check_feed
from .test_latex import compiled

pytestmark = pytest.mark.slow
SAMPLE = 40  # documents of the demo whose citation files are read


@pytest.fixture(scope="module")
def served(
    archive_factory: Callable[..., Archive], server_factory: Callable[..., LiveServer]
) -> LiveServer:
    archive = archive_factory("clients")
    archive.run("demo", "--no-serve")
    return server_factory(archive)


def text(server: LiveServer, path: str) -> str:
    answer = server.get(path)
    assert answer.status == 200, (path, answer.status)
    return answer.text


@pytest.fixture(scope="module")
def documents(served: LiveServer) -> list[int]:
    """Public ids of documents across the demo: FRUS, the seed, the originals in other scripts."""
    ids: list[int] = []
    for query in ("", "?q=Stalin", "?language=ru", "?language=zh"):
        listing = json.loads(text(served, f"/api/v1/documents{query}"))
        ids += [record["id"] for record in listing["results"]]
    return sorted(set(ids))[:SAMPLE]


def test_citeproc_js_renders_every_served_cite_json(
    served: LiveServer, documents: list[int]
) -> None:
    items = [json.loads(text(served, f"/documents/{i}/cite.json"))[0] for i in documents]
    styles = {name: path.read_text(encoding="utf-8") for name, path in STYLES.items()}
    request = {"task": "cite", "locale": LOCALE.read_text(encoding="utf-8"), "styles": styles}
    rendered = node({**request, "items": items})
    for style, entries in rendered.items():
        for item in items:
            entry = entries[item["id"]]["bibliography"]
            assert item["title"].split()[0].strip("“”\"'")[:3].lower() in entry.lower(), entry
            assert not re.search(r"\b(\d{4})\s?\1\b", entry), (style, entry)


def test_ris_readers_read_every_served_ris_file(served: LiveServer, documents: list[int]) -> None:
    files = [text(served, f"/documents/{i}/cite.ris") for i in documents]
    files.append(text(served, "/search/export.ris?q=Stalin"))
    answers = node({"task": "ris", "files": files})
    for file, answer in zip(files, answers, strict=True):
        count = len(rispy.loads(file))
        assert count >= 1
        for reader in ("astrocite", "citationjs"):
            assert isinstance(answer[reader], list) and len(answer[reader]) == count, answer


def test_latex_compiles_every_served_bibtex_entry(
    served: LiveServer, documents: list[int], tmp_path: Path
) -> None:
    bib = "\n".join(text(served, f"/documents/{i}/cite.bib") for i in documents)
    (tmp_path / "each").mkdir()
    assert "References" in compiled(bib, tmp_path / "each")
    (tmp_path / "export").mkdir()
    export = text(served, "/search/export.bib?q=Stalin")
    assert "References" in compiled(export, tmp_path / "export")


@pytest.mark.parametrize(
    "path", ["/feeds/documents.atom", "/feeds/corrections.atom", "/feeds/search.atom?q=Stalin"]
)
def test_every_served_feed_keeps_the_validators_rules(served: LiveServer, path: str) -> None:
    answer = served.get(path)
    assert answer.status == 200 and (answer.header("Content-Type") or "").startswith(
        "application/atom+xml"
    )
    entries = check_feed(answer.body, path)
    assert entries or "corrections" in path  # a new demo has no corrections yet
