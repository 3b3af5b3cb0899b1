"""Reading an index this process may not write to: a web node with the indexer's directory
mounted read-only.

Tantivy takes a lock file in the index's directory even to read (to keep its garbage collector
from deleting the files of a searcher being opened), so an index on a read-only mount cannot be
opened where it is. Such a generation is read from a local copy instead, kept up to date with
it: Tantivy never changes a segment's files once written (a commit adds files and rewrites
`meta.json`), so bringing the copy up to date copies only the files it lacks, then `meta.json`
last, atomically; a reader of the copy sees one commit or the next, never half of one. Files
the source no longer has are removed from the copy afterwards. Several processes of one node
share a copy, one at a time (a lock file beside it).
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import secrets
import shutil
import tempfile
from pathlib import Path

from django.conf import settings

LAST = ("meta.json", ".managed.json")  # rewritten by each commit: copied after the segments
NEVER = (".tantivy-meta.lock", ".tantivy-writer.lock")  # the writer's and readers' locks
TRIES = 5  # a commit of the source may delete files while they are copied: begin again


def writable(path: Path) -> bool:
    """Whether this process may write in `path` (False on a read-only mount, even for root)."""
    return os.access(path, os.W_OK)


def copies_root(index_root: Path) -> Path:
    """Where the local copies of the index at `index_root` are kept."""
    configured = settings.SEARCH_COPY_DIR
    if configured:
        return Path(configured)
    tag = hashlib.sha256(str(index_root.resolve()).encode()).hexdigest()[:12]
    return Path(tempfile.gettempdir()) / f"readingroom-index-copy-{tag}"


def synced(source: Path, root: Path) -> Path:
    """The local copy of the generation at `source`, brought up to date with it."""
    root.mkdir(parents=True, exist_ok=True)
    target = root / source.name
    target.mkdir(exist_ok=True)
    with open(root / f"{source.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        for attempt in range(TRIES):
            try:
                _bring_up_to_date(source, target)
                break
            except FileNotFoundError:
                if attempt == TRIES - 1:
                    raise
    _remove_other_copies(root, keep=source.name)
    return target


def _bring_up_to_date(source: Path, target: Path) -> None:
    meta = (source / "meta.json").read_bytes()  # the commit this copy will show
    names = {entry.name for entry in os.scandir(source) if entry.is_file()} - set(NEVER)
    for name in sorted(names - set(LAST)):
        if not _same(source / name, target / name):
            _copy(source / name, target / name)
    for name in LAST[1:]:
        if name in names:
            _copy(source / name, target / name)
    _check_complete(meta, target)
    _write(target / "meta.json", meta)
    for stale in {entry.name for entry in os.scandir(target)} - names - set(NEVER):
        (target / stale).unlink(missing_ok=True)  # open readers keep their mapped files


def _check_complete(meta: bytes, target: Path) -> None:
    """Raise FileNotFoundError when a segment the commit names is missing from the copy (the
    source's next commit removed it before it was listed): the copy begins again."""
    present = {entry.name for entry in os.scandir(target)}
    prefixes = {name.split(".", 1)[0] for name in present}
    for segment in json.loads(meta).get("segments", []):
        name = segment["segment_id"].replace("-", "")
        deletes = segment.get("deletes")
        if name not in prefixes or (deletes and f"{name}.{deletes['opstamp']}.del" not in present):
            raise FileNotFoundError(f"segment {name} was removed while it was copied")


def _same(source: Path, copy: Path) -> bool:
    try:
        return copy.stat().st_size == source.stat().st_size
    except FileNotFoundError:
        return False


def _copy(source: Path, target: Path) -> None:
    partial = target.with_name(f".{target.name}.{secrets.token_hex(4)}")
    shutil.copyfile(source, partial)
    os.replace(partial, target)


def _write(target: Path, content: bytes) -> None:
    partial = target.with_name(f".{target.name}.{secrets.token_hex(4)}")
    partial.write_bytes(content)
    os.replace(partial, target)


def _remove_other_copies(root: Path, keep: str) -> None:
    """Copies of generations no longer live (a reindex made a new one)."""
    for path in root.iterdir():
        if path.is_dir() and path.name != keep:
            shutil.rmtree(path, ignore_errors=True)
