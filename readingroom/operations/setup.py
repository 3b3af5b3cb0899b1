"""`readingroom init`: make a data directory ready to serve. Every step is safe to repeat.

Apps that need their own on-disk state (the search index, say) hook in with Django's
`post_migrate` signal, which `migrate` sends on every run, or add a step here.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.db.utils import OperationalError

from readingroom.catalogue.statistics import refresh_statistics


class SetupError(RuntimeError):
    """The archive cannot be prepared; the message says why."""


@dataclass(frozen=True)
class SetupReport:
    data_dir: Path
    database: str
    migrations_applied: int
    static_root: Path

    def summary(self) -> str:
        migrations = (
            f"{self.migrations_applied} migration(s) applied"
            if self.migrations_applied
            else "database schema up to date"
        )
        return f"Archive ready in {self.data_dir} ({self.database}; {migrations})."


def describe_database(alias: str = DEFAULT_DB_ALIAS) -> str:
    """'SQLite <path>' or 'PostgreSQL <name> on <host>', never the password."""
    db = connections[alias].settings_dict
    vendor = connections[alias].vendor
    if vendor == "sqlite":
        return f"SQLite {db['NAME']}"
    host = db.get("HOST") or "localhost"
    port = f":{db['PORT']}" if db.get("PORT") else ""
    label = {"postgresql": "PostgreSQL"}.get(vendor, vendor)
    return f"{label} database {db['NAME']!r} on {host}{port}"


def pending_migrations(alias: str = DEFAULT_DB_ALIAS) -> int:
    connection = connections[alias]
    executor = MigrationExecutor(connection)
    targets = executor.loader.graph.leaf_nodes()
    return len(executor.migration_plan(targets))


def initialise(verbosity: int = 0) -> SetupReport:
    """Create the data directory, migrate the database, collect static files."""
    data_dir = Path(settings.DATA_DIR)
    for directory in (data_dir, Path(settings.MEDIA_ROOT)):
        directory.mkdir(parents=True, exist_ok=True)
    database = describe_database()
    try:
        pending = pending_migrations()
        call_command("migrate", interactive=False, verbosity=verbosity)
    except OperationalError as error:
        raise SetupError(f"cannot use the database ({database}): {error}".strip()) from error
    refresh_statistics()
    # collectstatic prints one line per file at verbosity >= 1; keep it quiet unless asked.
    call_command(
        "collectstatic",
        interactive=False,
        verbosity=max(verbosity - 1, 0),
        stdout=io.StringIO() if verbosity < 2 else None,
    )
    return SetupReport(
        data_dir=data_dir,
        database=database,
        migrations_applied=pending,
        static_root=Path(settings.STATIC_ROOT),
    )
