"""`readingroom backup PATH` and `readingroom restore PATH`.

A backup is a directory:

    manifest.json        what is inside, written last (a backup without it is incomplete)
    database.sqlite3     or database.pgdump: a consistent copy (operations/databases.py)
    media/               scans and other files, as in the data directory
    config/secret_key    the archive's secret key, when it is kept in the data directory

The search index is not in it: it is derived from the database and rebuilt on restore.

Consistency while the site serves: the database is copied first, as of one moment; the media
directory after. Stored files are named by their checksum and written before the database row
that names them commits, and never overwritten, so every file the copied database names is
already on disk when the media are copied (files added later are harmless extras).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone

from . import databases, media_files
from .media_files import FileTally

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA = "media"
CONFIG = "config"
SECRET_KEY_FILE = "secret_key"  # noqa: S105 (a file name)
SECRET_WORDS = ("SECRET", "PASSWORD", "TOKEN", "CREDENTIAL")


class BackupError(RuntimeError):
    """A backup cannot be made or restored; the message says why."""


@dataclass(frozen=True)
class BackupReport:
    path: Path
    database: str
    media: FileTally

    def summary(self) -> str:
        megabytes = self.media.bytes / 2**20
        return (
            f"Backup written to {self.path}: {self.database} database, "
            f"{self.media.files} media file(s) ({megabytes:.1f} MB)."
        )


def make_backup(destination: Path) -> BackupReport:
    """Write a consistent backup of the database, media and configuration to `destination`."""
    target = _new_directory(destination)
    database_file = databases.dump_file_name()
    databases.dump(target / database_file)
    media = media_files.save_media(target / MEDIA)
    secret_kept = _copy_secret_key(target / CONFIG)
    manifest = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "archive": settings.ARCHIVE_NAME,
        "database": {
            "vendor": databases.vendor(),
            "file": database_file,
            "sha256": file_digest(target / database_file),
        },
        "media": {"files": media.files, "bytes": media.bytes},
        "secret_key": secret_kept,
        "environment": configuration(),
    }
    _write_json(target / MANIFEST, manifest)
    return BackupReport(target, databases.vendor(), media)


def _new_directory(destination: Path) -> Path:
    if destination.exists() and (not destination.is_dir() or any(destination.iterdir())):
        raise BackupError(f"{destination} exists and is not an empty directory")
    destination.mkdir(parents=True, exist_ok=True)
    destination.chmod(0o700)  # it holds the secret key and every unreleased record
    return destination.resolve()


def _copy_secret_key(target: Path) -> bool:
    key_file = Path(settings.DATA_DIR) / SECRET_KEY_FILE
    if settings.SECRET_KEY_FROM_ENVIRONMENT or not key_file.is_file():
        return False
    target.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(key_file, target / SECRET_KEY_FILE)
    (target / SECRET_KEY_FILE).chmod(0o600)
    return True


def configuration() -> dict[str, str]:
    """The READINGROOM_* settings of this process, secrets left out, for the operator to set
    again on the new machine (DATABASE_URL is theirs to give: it names the new database)."""
    return {
        name: value
        for name, value in sorted(os.environ.items())
        if name.startswith("READINGROOM_")
        and not any(word in name for word in SECRET_WORDS)
        and name not in ("READINGROOM_DATA_DIR", "READINGROOM_INDEX_DIR")
    }


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(2**20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _write_json(path: Path, data: dict[str, Any]) -> None:
    partial = path.with_suffix(".partial")
    partial.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    partial.replace(path)


def read_manifest(source: Path) -> dict[str, Any]:
    path = source / MANIFEST
    if not path.is_file():
        raise BackupError(f"{source} has no {MANIFEST}: not a backup, or an unfinished one")
    manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT:
        raise BackupError(f"backup format {manifest.get('format')} is not {FORMAT}")
    return manifest
