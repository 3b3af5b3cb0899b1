"""Bringing a backup (operations/backup.py) back into an empty data directory and database,
on this machine or a fresh one: the database, the media, the secret key; then `init` (migrate
forward, static files) and a rebuilt search index."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management import call_command, get_commands

from readingroom.catalogue.models import Attachment

from . import databases, media_files
from .backup import (
    CONFIG,
    MEDIA,
    SECRET_KEY_FILE,
    BackupError,
    FileTally,
    file_digest,
    read_manifest,
)
from .setup import initialise


@dataclass(frozen=True)
class RestoreReport:
    source: Path
    database: str
    media: FileTally
    missing_files: list[str] = field(default_factory=list)
    reindexed: bool = False
    environment: dict[str, str] = field(default_factory=dict)

    def summary(self) -> str:
        lines = [
            f"Restored {self.source} into {settings.DATA_DIR} ({self.database} database, "
            f"{self.media.files} media file(s))."
        ]
        if self.missing_files:
            lines.append(f"{len(self.missing_files)} scan file(s) named in the database are "
                         f"missing, e.g. {self.missing_files[0]}")  # fmt: skip
        if not self.reindexed:
            lines.append("The search index was not rebuilt: run `readingroom reindex`.")
        if self.environment:
            settings_text = " ".join(f"{k}={v}" for k, v in self.environment.items())
            lines.append(f"The backed-up archive ran with: {settings_text}")
        return "\n".join(lines)


def restore_backup(source: Path, reindex: bool = True) -> RestoreReport:
    source = source.resolve()
    manifest = read_manifest(source)
    _check_target(manifest)
    database_file = source / manifest["database"]["file"]
    if file_digest(database_file) != manifest["database"]["sha256"]:
        raise BackupError(f"{database_file} does not match its checksum: the backup is damaged")
    databases.load(database_file)
    media = media_files.load_media(source / MEDIA)
    if manifest.get("secret_key"):
        _restore_secret_key(source / CONFIG / SECRET_KEY_FILE)
    initialise()
    return RestoreReport(
        source=source,
        database=databases.vendor(),
        media=media,
        missing_files=missing_files(),
        reindexed=reindex and _rebuild_index(),
        environment=manifest.get("environment", {}),
    )


def _check_target(manifest: dict) -> None:  # type: ignore[type-arg]
    backed_up = manifest["database"]["vendor"]
    if backed_up != databases.vendor():
        raise BackupError(
            f"this is a backup of a {backed_up} database and this archive uses "
            f"{databases.vendor()}; restore it into the same kind, or move between kinds "
            "with `readingroom export` and `import`"
        )
    if not databases.is_empty():
        raise BackupError(
            "the database is not empty; restore into a new data directory (SQLite) or a newly "
            "created database (PostgreSQL: DATABASE_URL)"
        )
    if media_files.media_in_use():
        raise BackupError("the media storage is not empty; restore into a new data directory")


def _restore_secret_key(backup_key: Path) -> None:
    if settings.SECRET_KEY_FROM_ENVIRONMENT or not backup_key.is_file():
        return
    target = Path(settings.DATA_DIR) / SECRET_KEY_FILE
    shutil.copyfile(backup_key, target)
    target.chmod(0o600)


def missing_files() -> list[str]:
    """Stored file names the database mentions that are not in the media directory."""
    names = Attachment.objects.exclude(file="").values_list("file", flat=True).iterator()
    return [name for name in names if not default_storage.exists(name)]


def _rebuild_index() -> bool:
    if "reindex" not in get_commands():
        return False
    call_command("reindex", verbosity=0)
    return True
