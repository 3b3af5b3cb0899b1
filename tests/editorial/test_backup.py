"""Backups made while the archive is being written to, restored into an empty data directory
(and, on PostgreSQL runs, an empty database) through the real `readingroom` command line."""

from __future__ import annotations

import json
import subprocess
import time
from pathlib import Path

import pytest
from support.server import readingroom_command

pytestmark = pytest.mark.slow

# Imports one small file after another, each a document with a scan of its own (so each
# transaction writes a media file, versions and outbox rows), until told to stop.
WRITER = """
import io, json, pathlib, sys
from PIL import Image
from readingroom.importers.pipeline import import_file
work, stop, progress = (pathlib.Path(p) for p in sys.argv[1:4])
number = 0
while not stop.exists() and number < 400:
    image = io.BytesIO()
    Image.new("RGB", (8, 8), (number % 256, number // 256, 7)).save(image, "PNG")
    (work / f"w{number}.png").write_bytes(image.getvalue())
    record = {"type": "document", "key": f"w-{number}", "title": f"Written during backup {number}",
              "date": "1950", "status": "published", "texts": [{"language": "en", "body": "x"}],
              "scans": [{"file": f"w{number}.png", "kind": "image", "label": "Page 1"}]}
    path = work / f"w{number}.jsonl"
    path.write_text(json.dumps(record) + "\\n")
    report = import_file("jsonl", path)
    assert report.ok, report.problems
    number += 1
    partial = progress.with_name("progress.part")  # renamed into place: never read half-written
    partial.write_text(str(number))
    partial.replace(progress)
"""

# What the restored archive holds, as JSON.
INVENTORY = """
import json
from readingroom.catalogue.models import Attachment, Document
from readingroom.editorial.models import Version
from readingroom.operations.restore import missing_files
written = sorted(int(k[2:]) for k in Document.objects.filter(key__startswith="w-").values_list("key", flat=True))
documents = set(Document.objects.values_list("public_id", flat=True))
versioned = set(Version.objects.filter(record_type="document").values_list("public_id", flat=True))
print(json.dumps({
    "written": written,
    "unversioned": sorted(documents - versioned),
    "scanless": Document.objects.filter(key__startswith="w-", attachments__isnull=True).count(),
    "missing_files": missing_files(),
    "attachments": Attachment.objects.count(),
}))
"""

SEED = '{"type":"document","key":"seed","title":"Present before the backup","date":"1945"}\n'


def shell(archive, code: str, *args: str) -> subprocess.Popen[str]:  # type: ignore[no-untyped-def]
    return subprocess.Popen(
        [
            *readingroom_command(),
            "shell",
            "--no-imports",
            "-c",
            f"import sys; sys.argv[1:] = {list(args)!r}\n{code}",
        ],
        env=archive.env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def written_so_far(progress: Path) -> int:
    return int(progress.read_text()) if progress.exists() else 0


def test_a_backup_made_during_writes_restores_into_an_empty_archive(archive_factory, tmp_path):
    source = archive_factory("backup-source")
    seed = tmp_path / "seed.jsonl"
    seed.write_text(SEED)
    source.run("import", "jsonl", str(seed), "--no-progress")
    work, stop, progress = tmp_path / "work", tmp_path / "stop", tmp_path / "progress"
    work.mkdir()
    writer = shell(source, WRITER, str(work), str(stop), str(progress))
    try:
        deadline = time.monotonic() + 120
        while written_so_far(progress) < 5 and writer.poll() is None:
            assert time.monotonic() < deadline, "the writer did not get going"
            time.sleep(0.1)
        before = written_so_far(progress)
        made = source.run("backup", str(tmp_path / "backup"))
        after = written_so_far(progress)
    finally:
        stop.touch()
        _output, errors = writer.communicate(timeout=120)
    assert writer.returncode == 0, errors
    assert after > before, "the writes did not go on while the backup ran"
    assert "Backup written to" in made.stdout

    target = archive_factory("restored", init=False)
    restored = target.run("restore", str(tmp_path / "backup"))
    assert "missing" not in restored.stdout and "not rebuilt" not in restored.stdout
    check = target.run("check", check=False)
    assert check.returncode == 0, check.stdout + check.stderr
    inventory = json.loads(target.run("shell", "--no-imports", "-c", INVENTORY).stdout)
    # One moment's archive: whole imports only, in order, each with its versions and scan.
    assert inventory["written"] == list(range(len(inventory["written"])))
    assert before <= len(inventory["written"]) <= after
    assert inventory["unversioned"] == [] and inventory["scanless"] == 0
    assert inventory["missing_files"] == [] and inventory["attachments"] >= before

    served = target.run("shell", "--no-imports", "-c", "from readingroom.catalogue.models import Document; "
                        "print(Document.objects.get(key='seed').title)")  # fmt: skip
    assert served.stdout.strip() == "Present before the backup"
    secret_key = (target.data_dir / "secret_key").read_text()
    assert secret_key == (source.data_dir / "secret_key").read_text()


def test_restore_refuses_an_archive_that_is_not_empty(archive_factory, tmp_path):
    source = archive_factory("backup-small")
    source.run("backup", str(tmp_path / "backup"))
    occupied = archive_factory("occupied")  # initialised: it has tables already
    refused = occupied.run("restore", str(tmp_path / "backup"), check=False)
    assert refused.returncode != 0 and "not empty" in refused.stderr
    again = source.run("backup", str(tmp_path / "backup"), check=False)
    assert again.returncode != 0 and "not an empty directory" in again.stderr
    (tmp_path / "backup" / "manifest.json").unlink()
    unfinished = archive_factory("fresh", init=False).run(
        "restore", str(tmp_path / "backup"), check=False
    )
    assert unfinished.returncode != 0 and "unfinished" in unfinished.stderr
