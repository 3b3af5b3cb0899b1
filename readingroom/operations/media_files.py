"""The archive's stored files (scans) in backups, read and written through Django's storage
API, so a backup works the same whether they sit in the data directory or in an S3-compatible
bucket (READINGROOM_S3_BUCKET, through django-storages)."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import FileSystemStorage, default_storage, storages

from readingroom.catalogue.models import Attachment


@dataclass(frozen=True)
class FileTally:
    files: int = 0
    bytes: int = 0


def _resolved_local() -> bool:
    """Whether the default storage is the data directory's media folder."""
    return isinstance(storages["default"], FileSystemStorage)


def save_media(target: Path) -> FileTally:
    """Every stored file into `target`, by its stored name."""
    if _resolved_local():
        return copy_tree(Path(settings.MEDIA_ROOT), target)
    files = size = 0
    names = Attachment.objects.exclude(file="").values_list("file", flat=True).distinct()
    for name in names.iterator():
        destination = target / name
        destination.parent.mkdir(parents=True, exist_ok=True)
        with default_storage.open(name, "rb") as stored, destination.open("wb") as copy:
            shutil.copyfileobj(stored, copy)
        files += 1
        size += destination.stat().st_size
    return FileTally(files, size)


def load_media(source: Path) -> FileTally:
    """Every file of a backup back into storage, under the same names."""
    if _resolved_local():
        return copy_tree(source, Path(settings.MEDIA_ROOT))
    files = size = 0
    for path in sorted(p for p in source.rglob("*") if p.is_file() and not p.is_symlink()):
        name = path.relative_to(source).as_posix()
        if not default_storage.exists(name):
            with path.open("rb") as stream:
                default_storage.save(name, File(stream))
        files += 1
        size += path.stat().st_size
    return FileTally(files, size)


def media_in_use() -> bool:
    """Whether the storage already holds files (a restore needs an empty one)."""
    if _resolved_local():
        media = Path(settings.MEDIA_ROOT)
        return media.is_dir() and any(media.iterdir())
    directories, files = default_storage.listdir("")
    return bool(directories or files)


def copy_tree(source: Path, target: Path) -> FileTally:
    """Copy regular files (never following symbolic links) from source into target."""
    files = size = 0
    target.mkdir(parents=True, exist_ok=True)
    if not source.is_dir():
        return FileTally()
    for root, directories, names in os.walk(source):
        directories[:] = [d for d in directories if not Path(root, d).is_symlink()]
        relative = Path(root).relative_to(source)
        (target / relative).mkdir(parents=True, exist_ok=True)
        for name in names:
            path = Path(root, name)
            if path.is_symlink() or not path.is_file():
                continue
            shutil.copy2(path, target / relative / name)
            files += 1
            size += path.stat().st_size
    return FileTally(files, size)
