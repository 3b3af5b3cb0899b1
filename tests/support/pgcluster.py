"""A throwaway PostgreSQL cluster: initdb into a temporary directory, serve on a unix socket
inside it, stop and delete it afterwards.

It never uses a server that happens to be running. PostgreSQL refuses to run as root, so when
we are root (CI is) the directory belongs to the `postgres` system user and initdb/pg_ctl run
through `runuser -u postgres --`; otherwise they run as the current user.

    cluster = PostgresCluster.start()
    url = cluster.create_database("readingroom")   # postgres://postgres@%2Ftmp%2F...:5432/...
    ...
    cluster.stop()
"""

from __future__ import annotations

import os
import pwd
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

SYSTEM_USER = "postgres"
SUPERUSER = "postgres"
# Durability is worthless for a cluster that lives as long as a test session.
FAST_SETTINGS = {
    "listen_addresses": "''",
    "fsync": "off",
    "synchronous_commit": "off",
    "full_page_writes": "off",
    "max_connections": "200",
    "log_min_messages": "warning",
}


class PostgresUnavailable(RuntimeError):
    """PostgreSQL binaries are missing or the cluster could not start."""


def find_bindir() -> Path:
    """The directory holding initdb and pg_ctl.

    $READINGROOM_TEST_PG_BINDIR wins; then the newest /usr/lib/postgresql/<major>/bin (Debian);
    then whatever initdb is on PATH.
    """
    configured = os.environ.get("READINGROOM_TEST_PG_BINDIR")
    if configured:
        return Path(configured)
    candidates = [p for p in Path("/usr/lib/postgresql").glob("*/bin") if (p / "initdb").exists()]
    if candidates:
        return max(candidates, key=lambda p: int(re.sub(r"\D", "", p.parent.name) or 0))
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).parent
    raise PostgresUnavailable(
        "PostgreSQL server binaries not found (no /usr/lib/postgresql/*/bin/initdb). "
        "Install them with `apt-get install postgresql-15` or set READINGROOM_TEST_PG_BINDIR."
    )


def _as_root() -> bool:
    return os.geteuid() == 0


@dataclass
class PostgresCluster:
    """A running throwaway cluster. `root` holds data/, the socket directory and the log."""

    bindir: Path
    root: Path
    port: int = 5432
    databases: list[str] = field(default_factory=list)
    running: bool = False

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def socket_dir(self) -> Path:
        return self.root / "socket"

    @property
    def log_file(self) -> Path:
        return self.root / "postgresql.log"

    @property
    def version(self) -> str:
        return (self.data_dir / "PG_VERSION").read_text().strip()

    @classmethod
    def start(cls, bindir: Path | None = None, port: int = 5432) -> PostgresCluster:
        """Create and start a new cluster; raises PostgresUnavailable with the reason."""
        cluster = cls(bindir=bindir or find_bindir(), root=cls._make_root(), port=port)
        return cluster._started(cluster._initdb)

    @classmethod
    def replica_of(cls, primary: PostgresCluster) -> PostgresCluster:
        """A streaming replica of `primary` (pg_basebackup, then a hot standby on its own
        socket), started."""
        cluster = cls(bindir=primary.bindir, root=cls._make_root(), port=primary.port)

        def copy_primary() -> None:
            cluster._run(
                str(cluster.bindir / "pg_basebackup"),
                *("--pgdata", str(cluster.data_dir), "--write-recovery-conf"),
                *("--wal-method", "stream", "--no-sync", "--checkpoint", "fast"),
                *("--username", SUPERUSER),
                *("--host", str(primary.socket_dir), "--port", str(primary.port)),
            )
            with (cluster.data_dir / "postgresql.conf").open("a") as conf:
                conf.write(f"\nunix_socket_directories = '{cluster.socket_dir}'\n")

        return cluster._started(copy_primary)

    def _started(self, make_data: Callable[[], None]) -> PostgresCluster:
        """Make the data directory, start the server on it; everything removed on failure."""
        try:
            make_data()
            self._pg_ctl("start", "-w", "-t", "60", "-l", str(self.log_file))
            self.running = True
        except BaseException:
            self.stop()
            raise
        return self

    def pause(self) -> None:
        """Stop the server (fast), keeping its data: `resume` starts it again."""
        self._pg_ctl("stop", "-m", "fast", "-w", "-t", "60")

    def resume(self) -> None:
        self._pg_ctl("start", "-w", "-t", "60", "-l", str(self.log_file))

    @staticmethod
    def _make_root() -> Path:
        # Short path: a unix socket path must stay under ~100 bytes.
        root = Path(tempfile.mkdtemp(prefix="rr-pg-"))
        (root / "socket").mkdir()
        if _as_root():
            try:
                user = pwd.getpwnam(SYSTEM_USER)
            except KeyError as error:
                shutil.rmtree(root, ignore_errors=True)
                raise PostgresUnavailable(
                    f"running as root needs the '{SYSTEM_USER}' system user to own the cluster; "
                    "it comes with Debian's postgresql packages"
                ) from error
            for path in (root, root / "socket"):
                os.chown(path, user.pw_uid, user.pw_gid)
        return root

    def _command(self, *args: str) -> list[str]:
        if _as_root():
            return ["runuser", "-u", SYSTEM_USER, "--", *args]
        return list(args)

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        command = self._command(*args)
        result = subprocess.run(
            command, cwd=self.root, capture_output=True, text=True, timeout=120, check=False
        )
        if result.returncode != 0:
            log = (
                self.log_file.read_text(errors="replace")[-3000:] if self.log_file.exists() else ""
            )
            raise PostgresUnavailable(
                f"{' '.join(command)} failed ({result.returncode}):\n"
                f"{result.stdout}{result.stderr}\n{log}"
            )
        return result

    def _initdb(self) -> None:
        self._run(
            str(self.bindir / "initdb"),
            "--pgdata",
            str(self.data_dir),
            "--username",
            SUPERUSER,
            "--auth",
            "trust",
            "--encoding",
            "UTF8",
            "--locale",
            "C.UTF-8",
            "--no-sync",
        )
        settings = {
            **FAST_SETTINGS,
            "port": str(self.port),
            "unix_socket_directories": f"'{self.socket_dir}'",
        }
        with (self.data_dir / "postgresql.conf").open("a") as conf:
            conf.write("\n# readingroom test cluster\n")
            conf.writelines(f"{key} = {value}\n" for key, value in settings.items())

    def _pg_ctl(self, *args: str) -> None:
        self._run(str(self.bindir / "pg_ctl"), "--pgdata", str(self.data_dir), *args)

    def url(self, dbname: str) -> str:
        """A DATABASE_URL (dj-database-url form) for `dbname` over the cluster's socket."""
        host = quote(str(self.socket_dir), safe="")
        return f"postgres://{SUPERUSER}@{host}:{self.port}/{dbname}"

    def connect(self, dbname: str = "postgres"):  # type: ignore[no-untyped-def]
        """A psycopg connection (autocommit) to `dbname`."""
        import psycopg

        return psycopg.connect(
            host=str(self.socket_dir),
            port=self.port,
            user=SUPERUSER,
            dbname=dbname,
            autocommit=True,
        )

    def create_database(self, name: str) -> str:
        """Create an empty database and return its DATABASE_URL."""
        if not re.fullmatch(r"[a-z_][a-z0-9_]{0,62}", name):
            raise ValueError(f"database name {name!r}: use lower-case letters, digits and _")
        with self.connect() as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        self.databases.append(name)
        return self.url(name)

    def stop(self) -> None:
        """Stop the server (fast shutdown) and delete everything. Safe to call twice."""
        if self.running:
            try:
                self._pg_ctl("stop", "-m", "fast", "-w", "-t", "60")
            except PostgresUnavailable:
                self._pg_ctl("stop", "-m", "immediate", "-w", "-t", "30")
            self.running = False
        shutil.rmtree(self.root, ignore_errors=True)
