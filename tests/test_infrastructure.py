"""The test infrastructure and the operator commands it relies on: database choice, temporary
data directory, `readingroom init`, `readingroom serve` (gunicorn)."""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from support.pgcluster import PostgresCluster
from support.server import Archive, LiveServer

from readingroom.operations import server as rr_server

REPO_ROOT = Path(__file__).resolve().parent.parent


# ---------------------------------------------------------------------------------------------
# Database and data directory


@pytest.mark.django_db
def test_database_is_the_chosen_backend(test_backend: str) -> None:
    expected = {"sqlite": "sqlite", "postgres": "postgresql"}[test_backend]
    assert connection.vendor == expected
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)


@pytest.mark.django_db
def test_postgres_runs_are_on_the_throwaway_cluster(
    test_backend: str, pg_cluster: PostgresCluster | None
) -> None:
    if test_backend != "postgres":
        assert pg_cluster is None
        assert "DATABASE_URL" not in os.environ
        return
    assert pg_cluster is not None
    with connection.cursor() as cursor:
        cursor.execute("SHOW data_directory")
        assert Path(cursor.fetchone()[0]) == pg_cluster.data_dir
        cursor.execute("SHOW server_version")
        assert cursor.fetchone()[0].split(".")[0] == pg_cluster.version
    # pytest-django's database, created inside the cluster from DATABASE_URL
    assert connection.settings_dict["NAME"] == "test_readingroom"


def test_data_dir_is_a_temporary_directory() -> None:
    data_dir = Path(settings.DATA_DIR)
    assert data_dir == Path(os.environ["READINGROOM_DATA_DIR"]).resolve()
    assert data_dir.name == "data" and data_dir.parent.name.startswith("readingroom-test-")
    assert not data_dir.is_relative_to(REPO_ROOT)
    assert Path(settings.MEDIA_ROOT).is_relative_to(data_dir)
    assert Path(settings.SEARCH_INDEX_DIR).is_relative_to(data_dir)


# ---------------------------------------------------------------------------------------------
# readingroom init


def _tables(archive: Archive, pg_cluster: PostgresCluster | None) -> set[str]:
    if archive.database_url is None:
        with sqlite3.connect(archive.data_dir / "readingroom.sqlite3") as db:
            rows = db.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall()
    else:
        assert pg_cluster is not None
        dbname = archive.database_url.rsplit("/", 1)[1]
        with pg_cluster.connect(dbname) as db:
            rows = db.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
            ).fetchall()
    return {row[0] for row in rows}


def test_init_creates_a_ready_archive_and_is_idempotent(
    archive_factory: Callable[..., Archive], pg_cluster: PostgresCluster | None
) -> None:
    archive = archive_factory("init", init=False)
    assert not archive.data_dir.exists()

    first = archive.run("init")
    assert "migration(s) applied" in first.stdout
    assert (archive.data_dir / "static" / "admin" / "css" / "base.css").is_file()
    assert (archive.data_dir / "media").is_dir()
    tables = _tables(archive, pg_cluster)
    assert {"django_migrations", "catalogue_document", "auth_user"} <= tables
    if archive.database_url is None:
        with sqlite3.connect(archive.data_dir / "readingroom.sqlite3") as db:
            assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"

    second = archive.run("init")
    assert "database schema up to date" in second.stdout
    assert _tables(archive, pg_cluster) == tables
    assert archive.run("init", "--verbosity", "0").stdout == ""


def test_init_reports_an_unreachable_database(tmp_path: Path) -> None:
    archive = Archive(
        data_dir=tmp_path / "data",
        database_url=f"postgres://postgres@{str(tmp_path).replace('/', '%2F')}:5999/nowhere",
    )
    result = archive.run("init", check=False)
    assert result.returncode != 0
    assert "cannot use the database (PostgreSQL database 'nowhere'" in result.stderr
    assert "Traceback" not in result.stderr


# ---------------------------------------------------------------------------------------------
# readingroom serve: options


@pytest.mark.parametrize(
    ("bind", "port", "expected"),
    [
        ("127.0.0.1:8000", None, "127.0.0.1:8000"),
        ("127.0.0.1:8000", 9000, "127.0.0.1:9000"),
        ("0.0.0.0:80", 8080, "0.0.0.0:8080"),
        ("localhost", 8001, "localhost:8001"),
        ("[::1]:8000", 8002, "[::1]:8002"),
        ("::1", 8003, "[::1]:8003"),
        (":8000", 8004, "127.0.0.1:8004"),
        ("unix:/run/rr.sock", None, "unix:/run/rr.sock"),
    ],
)
def test_serve_port_replaces_the_port_of_bind(bind: str, port: int | None, expected: str) -> None:
    assert rr_server.with_port(bind, port) == expected


def test_serve_rejects_port_for_unix_socket_and_out_of_range() -> None:
    with pytest.raises(ValueError, match="not a TCP address"):
        rr_server.with_port("unix:/run/rr.sock", 8000)
    with pytest.raises(ValueError, match="out of range"):
        rr_server.with_port("127.0.0.1:8000", 70000)


@pytest.mark.parametrize(
    ("bind", "site_url", "warned"),
    [
        ("127.0.0.1:8000", "http://127.0.0.1:8000", False),
        ("0.0.0.0:8000", "http://localhost:8000", False),
        ("[::1]:8000", "http://[::1]:8000", False),
        ("127.0.0.1:9000", "http://127.0.0.1:8000", True),  # another port
        ("127.0.0.1:8000", "http://localhost:8000", True),  # another name for it
        ("127.0.0.1:8000", "https://archive.example.org", False),  # behind a proxy
        ("unix:/run/rr.sock", "http://127.0.0.1:8000", False),
    ],
)
def test_serve_warns_when_the_permanent_address_names_another_local_one(
    bind: str, site_url: str, warned: bool
) -> None:
    warning = rr_server.address_warning(bind, site_url)
    assert (warning is not None) == warned
    if warning:
        assert site_url in warning and bind in warning


def test_check_warns_when_the_permanent_address_is_not_an_allowed_host(settings) -> None:  # type: ignore[no-untyped-def]
    from readingroom.operations.checks import site_url_is_served

    settings.SITE_URL = "https://archive.example.org"
    settings.ALLOWED_HOSTS = ["localhost", "127.0.0.1"]
    (warning,) = site_url_is_served()
    assert warning.id == "readingroom.W001" and "archive.example.org" in warning.msg
    settings.ALLOWED_HOSTS = [".example.org"]
    assert site_url_is_served() == []


def test_serve_defaults_to_one_worker_a_core_and_at_least_two() -> None:
    settings_ = rr_server.ServerOptions().gunicorn_settings()
    assert settings_["workers"] == max(2, rr_server.cpu_count()) >= 2
    assert settings_["bind"] == ["127.0.0.1:8000"]
    assert settings_["control_socket_disable"] is True
    assert rr_server.ServerOptions(workers=4).gunicorn_settings()["workers"] == 4


def test_serve_refuses_bad_options(archive_factory: Callable[..., Archive]) -> None:
    archive = archive_factory("badopts", init=False)
    result = archive.run("serve", "--workers", "0", check=False)
    assert result.returncode != 0
    assert "--workers" in result.stderr
    result = archive.run("serve", "--bind", "unix:/tmp/x.sock", "--port", "80", check=False)
    assert result.returncode != 0
    assert "not a TCP address" in result.stderr
    assert not archive.data_dir.joinpath("readingroom.sqlite3").exists()  # failed before init


# ---------------------------------------------------------------------------------------------
# readingroom serve: the running server


def _wait_for_workers(server: LiveServer, count: int, timeout: float = 30) -> list[int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        pids = server.worker_pids()
        if len(pids) == count:
            return pids
        time.sleep(0.1)
    raise AssertionError(f"expected {count} workers, saw {server.worker_pids()}\n{server.log()}")


def _port_is_closed(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


def test_production_server_is_gunicorn_with_whitenoise(production_server: LiveServer) -> None:
    # The admin's login page is Django's own, so this checks the server, not the pages.
    login = production_server.get("/admin/login/")
    assert login.status == 200, login.text
    assert login.header("Server") == "gunicorn"
    assert "csrftoken" in (login.header("Set-Cookie") or "")

    css = production_server.get("/static/admin/css/base.css")
    assert css.status == 200
    assert (css.header("Content-Type") or "").startswith("text/css")
    assert "max-age" in (css.header("Cache-Control") or "")

    gz = production_server.get("/static/admin/css/base.css", headers={"Accept-Encoding": "gzip"})
    assert gz.status == 200 and gz.header("Content-Encoding") == "gzip"
    assert len(gz.body) < len(css.body)

    assert production_server.get("/static/no-such-file.css").status == 404
    assert "runserver" not in Path(f"/proc/{production_server.process.pid}/cmdline").read_text()
    assert '"GET /static/admin/css/base.css HTTP/1.1" 200' in production_server.log()


def test_serve_runs_init_and_several_workers_then_stops_on_sigterm(
    archive_factory: Callable[..., Archive], server_factory: Callable[..., LiveServer]
) -> None:
    archive = archive_factory("sigterm", init=False)
    server = server_factory(archive, workers=3, args=())  # no --no-init: serve runs init
    assert (archive.data_dir / "static" / "admin").is_dir()
    assert "Archive ready in" in server.log()
    workers = _wait_for_workers(server, 3)
    assert server.get("/static/admin/css/base.css").status == 200

    assert server.stop(signal.SIGTERM) == 0
    assert _port_is_closed(server.port)
    assert not any(Path(f"/proc/{pid}").exists() for pid in workers)
    assert "Shutting down: Master" in server.log()


def test_serve_stops_on_ctrl_c(
    archive_factory: Callable[..., Archive], server_factory: Callable[..., LiveServer]
) -> None:
    server = server_factory(archive_factory("sigint"), workers=2)
    workers = _wait_for_workers(server, 2)
    before = len(server.log())
    assert server.stop(signal.SIGINT) == 0
    assert _port_is_closed(server.port)
    assert not any(Path(f"/proc/{pid}").exists() for pid in workers)
    shutdown = server.log()[before:]
    assert "Handling signal: int" in shutdown, shutdown
    assert "Shutting down: Master" in shutdown, shutdown


def test_a_loaded_worker_moves_its_code_out_of_the_collectors_way() -> None:
    """`serve`'s workers freeze what they loaded, so full collections skip it."""
    import gc

    gc.unfreeze()
    try:
        rr_server.settled()
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()
