"""Scans in S3-compatible object storage (django-storages), end to end through the command line
and the production server, against a real S3 API server on loopback (moto's standalone server,
spoken to over HTTP by boto3 exactly as AWS or MinIO would be)."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import boto3
import pytest
from PIL import Image
from support.server import free_port

CREDENTIALS = {"READINGROOM_S3_ACCESS_KEY_ID": "test", "READINGROOM_S3_SECRET_ACCESS_KEY": "test"}


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[str]:
    executable = Path(sys.executable).with_name("moto_server")
    port = free_port()
    server = subprocess.Popen(
        [str(executable), "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    endpoint = f"http://127.0.0.1:{port}"
    client = _client(endpoint)
    for _ in range(100):
        try:
            client.list_buckets()
            break
        except Exception:
            time.sleep(0.1)
    yield endpoint
    server.terminate()
    server.wait(timeout=10)


def _client(endpoint: str):  # type: ignore[no-untyped-def]
    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id="test",
        aws_secret_access_key="test",
        region_name="us-east-1",
    )


def _s3_archive(archive_factory, endpoint: str, bucket: str, init: bool = True):  # type: ignore[no-untyped-def]
    _client(endpoint).create_bucket(Bucket=bucket)
    archive = archive_factory(f"s3-{bucket}", init=False)
    archive.extra_env.update(
        READINGROOM_S3_BUCKET=bucket, READINGROOM_S3_ENDPOINT_URL=endpoint, **CREDENTIALS
    )
    if init:
        archive.init()
    return archive


def _bucket_names(endpoint: str, bucket: str) -> list[str]:
    listing = _client(endpoint).list_objects_v2(Bucket=bucket)
    return sorted(item["Key"] for item in listing.get("Contents", []))


@pytest.fixture(scope="module")
def page_scan(tmp_path_factory) -> tuple[Path, bytes]:
    folder = tmp_path_factory.mktemp("scans")
    image = io.BytesIO()
    Image.new("RGB", (64, 48), "white").save(image, format="PNG")
    (folder / "page-1.png").write_bytes(image.getvalue())
    record = {
        "type": "document",
        "key": "scanned",
        "title": "A scanned telegram",
        "date": "1936",
        "status": "published",
        "scans": [{"file": "page-1.png", "kind": "image", "label": "Page 1"}],
    }
    (folder / "records.jsonl").write_text(json.dumps(record) + "\n")
    return folder, image.getvalue()


def test_scans_live_in_the_bucket_and_are_served_from_it(
    archive_factory, server_factory, s3_endpoint, page_scan
):
    folder, content = page_scan
    archive = _s3_archive(archive_factory, s3_endpoint, "archive-scans")
    archive.run("import", "jsonl", str(folder / "records.jsonl"), "--no-progress")

    names = _bucket_names(s3_endpoint, "archive-scans")
    assert len(names) == 1 and names[0].startswith("scans/") and names[0].endswith(".png")
    media = archive.data_dir / "media"
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))

    server = server_factory(archive, workers=1)
    scan = server.get("/documents/1/scans/1")
    assert scan.status == 200
    assert scan.body == content


def test_backup_and_restore_through_the_bucket(archive_factory, s3_endpoint, page_scan, tmp_path):
    folder, content = page_scan
    source = _s3_archive(archive_factory, s3_endpoint, "backup-source")
    source.run("import", "jsonl", str(folder / "records.jsonl"), "--no-progress")
    source.run("backup", str(tmp_path / "backup"))
    stored = _bucket_names(s3_endpoint, "backup-source")
    assert (tmp_path / "backup" / "media" / stored[0]).read_bytes() == content

    target = _s3_archive(archive_factory, s3_endpoint, "restore-target", init=False)
    restored = target.run("restore", str(tmp_path / "backup"))
    assert "1 media file" in restored.stdout + restored.stderr
    assert _bucket_names(s3_endpoint, "restore-target") == stored
    body = _client(s3_endpoint).get_object(Bucket="restore-target", Key=stored[0])["Body"].read()
    assert body == content
