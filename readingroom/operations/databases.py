"""Consistent copies of the database while the site is serving, and loading them back.

- SQLite: the sqlite3 online backup API copies every page in one step inside one read
  transaction, so the copy is the database as of one moment; in WAL mode writers carry on
  meanwhile. (VACUUM INTO would also be consistent, but rebuilds every table and index.)
- PostgreSQL: `pg_dump --format=custom` reads everything in one repeatable-read snapshot
  without blocking writers; `pg_restore --single-transaction` loads it into an empty database.
  A native dump keeps sequences, constraints and types exactly, and loads at native speed;
  Django's dumpdata would be neither consistent nor fast. (To move between SQLite and
  PostgreSQL, use `readingroom export` and `import` instead.)
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings as django_settings
from django.db import DEFAULT_DB_ALIAS, connections

SQLITE_FILE = "database.sqlite3"
POSTGRES_FILE = "database.pgdump"


class DatabaseCopyError(RuntimeError):
    """The database could not be copied or loaded; the message says why."""


def vendor(alias: str = DEFAULT_DB_ALIAS) -> str:
    return connections[alias].vendor


def dump_file_name(alias: str = DEFAULT_DB_ALIAS) -> str:
    return {"sqlite": SQLITE_FILE, "postgresql": POSTGRES_FILE}[_supported(vendor(alias))]


def _supported(name: str) -> str:
    if name not in ("sqlite", "postgresql"):
        raise DatabaseCopyError(f"backups support SQLite and PostgreSQL, not {name}")
    return name


def dump(destination: Path, alias: str = DEFAULT_DB_ALIAS) -> None:
    """Write a consistent copy of the database to `destination`."""
    if _supported(vendor(alias)) == "sqlite":
        _sqlite_dump(destination, alias)
    else:
        _run(_pg_binary("pg_dump"), "--format=custom", "--no-owner", "--no-privileges",
             f"--file={destination}", alias=alias)  # fmt: skip


def load(source: Path, alias: str = DEFAULT_DB_ALIAS) -> None:
    """Load a copy made by `dump` into this (empty) database."""
    if not is_empty(alias):
        raise DatabaseCopyError(
            "the database already has tables; restore needs an empty database "
            "(a new data directory, or a newly created PostgreSQL database)"
        )
    if _supported(vendor(alias)) == "sqlite":
        _sqlite_load(source, alias)
    else:
        name = connections[alias].settings_dict["NAME"]
        _run(_pg_binary("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error",
             "--single-transaction", f"--dbname={name}", str(source), alias=alias)  # fmt: skip
    connections[alias].close()


def is_empty(alias: str = DEFAULT_DB_ALIAS) -> bool:
    connection = connections[alias]
    with connection.cursor() as cursor:
        return not connection.introspection.table_names(cursor)


def _sqlite_path(alias: str) -> Path:
    return Path(connections[alias].settings_dict["NAME"])


def _sqlite_dump(destination: Path, alias: str) -> None:
    source = sqlite3.connect(_sqlite_path(alias), timeout=60)
    target = sqlite3.connect(destination)
    try:
        with target:
            source.backup(target)  # pages=-1: all pages in one step, one snapshot
        target.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
    finally:
        target.close()
        source.close()


def _sqlite_load(source: Path, alias: str) -> None:
    path = _sqlite_path(alias)
    connections[alias].close()
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, path)
    check = sqlite3.connect(path)
    try:
        result = check.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        check.close()
    if result != "ok":
        raise DatabaseCopyError(f"the restored SQLite database is damaged: {result}")


def _pg_binary(name: str) -> str:
    """pg_dump/pg_restore: $READINGROOM_PG_BINDIR, the newest Debian cluster's, or PATH."""
    configured = django_settings.PG_BINDIR
    candidates = [Path(configured)] if configured else []
    versions = sorted(
        Path("/usr/lib/postgresql").glob("*/bin"),
        key=lambda p: int(re.sub(r"\D", "", p.parent.name) or 0),
        reverse=True,
    )
    for directory in [*candidates, *versions]:
        if (directory / name).exists():
            return str(directory / name)
    found = shutil.which(name)
    if not found:
        raise DatabaseCopyError(f"{name} not found: install the PostgreSQL client tools")
    return found


def _pg_environment(alias: str) -> dict[str, str]:
    """libpq's variables for this database: the password never appears on a command line."""
    settings = connections[alias].settings_dict
    env = dict(os.environ)
    values = {
        "PGHOST": settings.get("HOST") or "",
        "PGPORT": str(settings.get("PORT") or ""),
        "PGUSER": settings.get("USER") or "",
        "PGPASSWORD": settings.get("PASSWORD") or "",
        "PGDATABASE": settings.get("NAME") or "",
    }
    env.update({key: value for key, value in values.items() if value})
    return env


def _run(*command: str, alias: str) -> None:
    result = subprocess.run(
        command, env=_pg_environment(alias), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise DatabaseCopyError(
            f"{Path(command[0]).name} failed ({result.returncode}): {result.stderr.strip()}"
        )
