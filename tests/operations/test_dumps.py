"""The bulk data at /data/ rebuilt without anyone asking: `serve` runs `dump --loop` beside its
workers, which builds the files at once, rebuilds them when the public archive changes (after
READINGROOM_DUMP_SECONDS), and stops with the server. Real processes over HTTP."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from support.server import Archive, LiveServer

pytestmark = pytest.mark.slow


def documents(first: int, count: int) -> str:
    return "".join(
        json.dumps({"type": "document", "key": f"d{n}", "id": n, "title": f"Cable {n}",
                    "date": "1945-08-23", "status": "published"}) + "\n"
        for n in range(first, first + count)
    )  # fmt: skip


def manifest_when(server: LiveServer, ready: Callable[[dict], bool], seconds: float) -> dict:
    deadline = time.monotonic() + seconds
    last: dict = {}
    while time.monotonic() < deadline:
        answer = server.get("/data/manifest.json")
        if answer.status == 200:
            last = json.loads(answer.text)
            if ready(last):
                return last
        time.sleep(0.5)
    raise AssertionError(f"no such bulk data within {seconds} s: {last}\n{server.log()}")


def companions(data_dir: Path) -> list[int]:
    """Running `dump --loop` processes of this archive."""
    found = []
    for process in Path("/proc").glob("[0-9]*"):
        try:
            command = (process / "cmdline").read_bytes().split(b"\0")
            environment = (process / "environ").read_bytes().split(b"\0")
        except OSError:
            continue
        mine = f"READINGROOM_DATA_DIR={data_dir}".encode() in environment
        if mine and b"dump" in command and b"--loop" in command:
            found.append(int(process.name))
    return found


def jsonl_records(manifest: dict) -> int:
    return next(f["records"] for f in manifest["files"] if f["name"].endswith(".jsonl.gz"))


def test_serve_keeps_the_bulk_data_up_to_date_by_itself(
    archive_factory: Callable[..., Archive],
    server_factory: Callable[..., LiveServer],
    tmp_path: Path,
) -> None:
    archive = archive_factory("dumps")
    archive.extra_env["READINGROOM_DUMP_SECONDS"] = "1"
    first = tmp_path / "first.jsonl"
    first.write_text(documents(1, 3), encoding="utf-8")
    archive.run("import", "jsonl", str(first), "--no-progress")
    server = server_factory(archive, dumps=True)
    built = manifest_when(server, lambda m: not m["stale"], 60)  # at once, with no one asking
    assert jsonl_records(built) == 3
    assert companions(archive.data_dir)

    later = tmp_path / "later.jsonl"
    later.write_text(documents(10, 2), encoding="utf-8")
    archive.run("import", "jsonl", str(later), "--no-progress")
    rebuilt = manifest_when(server, lambda m: not m["stale"] and jsonl_records(m) == 5, 60)
    assert (
        rebuilt["built_at"] >= built["built_at"] and rebuilt["fingerprint"] != built["fingerprint"]
    )
    page = server.get("/data/")
    assert page.status == 200 and "readingroom.jsonl.gz" in page.text

    assert server.stop() == 0
    deadline = time.monotonic() + 15
    while companions(archive.data_dir) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not companions(archive.data_dir), "dump --loop outlived serve"
