"""Web nodes read an index they may not write to (readingroom/search/tantivy/copies.py): from
a local copy kept up to date commit by commit, never locking or writing in the shared one."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from support.server import Archive, LiveServer, free_port, readingroom_command

from readingroom.search.backend import SearchQuery, WriterOptions
from readingroom.search.query import parse
from readingroom.search.tantivy import copies
from readingroom.search.tantivy.engine import TantivyBackend

from .samples import CONTRACT


def found(backend: TantivyBackend, text: str = "") -> set[int]:
    result = backend.search(SearchQuery(words=parse(text), limit=100))
    return {hit.public_id for hit in result.hits}


@pytest.fixture
def read_only(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, settings) -> Path:  # type: ignore[no-untyped-def]
    """Every index directory reads as not writable; copies go to the test's directory."""
    monkeypatch.setattr(copies, "writable", lambda path: False)
    monkeypatch.setattr("readingroom.search.tantivy.engine.writable", lambda path: False)
    settings.SEARCH_COPY_DIR = str(tmp_path / "copies")
    return tmp_path / "copies"


def test_a_node_that_may_not_write_reads_a_copy_kept_up_to_date(
    tmp_path: Path, read_only: Path
) -> None:
    shared = tmp_path / "shared"
    writer = TantivyBackend(shared)
    writer.ensure()
    writer.replace(CONTRACT[:4], [])
    node = TantivyBackend(shared)
    assert found(node) == {d.public_id for d in CONTRACT[:4]}
    generation = writer.directory.current()
    assert generation is not None
    before = {p.name for p in generation.iterdir()}
    for commit in range(6):  # commits that add, replace and delete: segments come and go
        writer.replace(CONTRACT[4 + commit : 5 + commit], [CONTRACT[commit].public_id])
        expected = {d.public_id for d in CONTRACT[commit + 1 : 5 + commit]}
        assert found(node) == expected
        assert node.edition() == writer.edition()
    copy = read_only / generation.name
    assert {p.name for p in copy.glob("*.store")} == {p.name for p in generation.glob("*.store")}
    assert (
        not {p.name for p in generation.iterdir()} - before - {p.name for p in copy.iterdir()}
    )  # the node wrote nothing in the shared directory that is not also the writer's


def test_a_reindex_moves_the_node_to_a_copy_of_the_new_generation(
    tmp_path: Path, read_only: Path
) -> None:
    shared = tmp_path / "shared"
    writer = TantivyBackend(shared)
    writer.ensure()
    writer.replace(CONTRACT[:2], [])
    node = TantivyBackend(shared)
    assert len(found(node)) == 2
    fresh = writer.directory.new_generation()
    with writer.session(fresh, WriterOptions()) as writing:
        writing.replace(CONTRACT, [])
    writer.directory.publish(fresh)
    writer.directory.remove_others()
    assert len(found(node)) == len(CONTRACT)
    assert [p.name for p in read_only.iterdir() if p.is_dir()] == [fresh.name]


def can_mount() -> bool:
    if os.geteuid() != 0 or not shutil.which("unshare"):
        return False
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True, check=False)
    return probe.returncode == 0


@pytest.mark.slow
@pytest.mark.skipif(not can_mount(), reason="mounting read-only needs root and unshare")
def test_a_served_node_with_the_index_mounted_read_only_searches_and_follows_commits(
    archive_factory: Callable[..., Archive], tmp_path: Path
) -> None:
    archive = archive_factory("shared")
    archive.run("demo", "--no-serve")
    mounted = tmp_path / "mounted"
    mounted.mkdir()
    port = free_port()
    source = archive.data_dir / "index"
    serve = " ".join([*readingroom_command(), "serve", "--no-init", "--no-dumps", "--workers", "2"])
    script = (
        f"mount --bind {source} {mounted} && mount -o remount,bind,ro {mounted} && "
        f"exec {serve} --bind 127.0.0.1:{port}"
    )
    environment = archive.env(
        READINGROOM_INDEX_DIR=str(mounted),
        READINGROOM_INDEX_COPY_DIR=str(tmp_path / "copy"),
        READINGROOM_SEARCH_APPLY_ON_COMMIT="0",
    )
    log = (tmp_path / "serve.log").open("wb")
    process = subprocess.Popen(
        ["unshare", "-m", "bash", "-c", script],
        env=environment,
        stdout=log,
        stderr=log,
        start_new_session=True,
    )
    server = LiveServer(archive, "127.0.0.1", port, process, tmp_path / "serve.log", log)
    try:
        deadline = time.monotonic() + 60
        while not _answers(server) and time.monotonic() < deadline:
            time.sleep(0.2)
        page = server.get("/search?q=Molotov")
        assert page.status == 200 and "No documents match" not in page.text, server.log()
        assert server.get("/healthz").status == 200
        archive.run("reindex")  # the indexer, writing a new generation where the node reads
        live = (source / "CURRENT").read_text().strip()
        again = server.get("/search?q=Molotov")
        assert again.status == 200 and "No documents match" not in again.text
        assert [p.name for p in (tmp_path / "copy").iterdir() if p.is_dir()] == [live]
        assert "Traceback" not in server.log()
    finally:
        server.stop()


def _answers(server: LiveServer) -> bool:
    try:
        return server.get("/healthz").status in (200, 503)
    except OSError:
        return False
