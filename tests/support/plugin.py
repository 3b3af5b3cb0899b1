"""Early pytest plugin: choose the database and a temporary data directory before Django starts.

pytest-django imports the settings in its `pytest_load_initial_conftests` hook, before any
conftest.py runs, and settings read READINGROOM_DATA_DIR and DATABASE_URL at import. So this
module is loaded with `-p support.plugin` (pyproject `addopts`) and sets the environment in a
`tryfirst` implementation of that same hook.

Database for the session, first match wins:
- `pytest --db=postgres` / `pytest --db=sqlite`;
- `READINGROOM_TEST_DB=postgres` (or `sqlite`) in the environment;
- SQLite.

On PostgreSQL a throwaway cluster is started (see `support.pgcluster`) and DATABASE_URL points
at it; pytest-django then creates its `test_readingroom` database there. On SQLite any
DATABASE_URL from the caller's environment is removed, so tests never touch a real database.
Either way READINGROOM_DATA_DIR is a new temporary directory, deleted at the end.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from support.pgcluster import PostgresCluster

BACKENDS = ("sqlite", "postgres")
ENV_VAR = "READINGROOM_TEST_DB"


@dataclass
class TestEnvironment:
    """What the session runs on; fixtures read it from `config.stash[ENVIRONMENT]`."""

    __test__ = False  # not a test class

    backend: str
    session_dir: Path
    data_dir: Path
    cluster: PostgresCluster | None = None
    closed: bool = False

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        try:
            if self.cluster is not None:
                self.cluster.stop()
        finally:
            shutil.rmtree(self.session_dir, ignore_errors=True)


ENVIRONMENT = pytest.StashKey[TestEnvironment]()


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("readingroom")
    group.addoption(
        "--db",
        choices=BACKENDS,
        default=None,
        help=f"database for this test session (default: ${ENV_VAR} or sqlite). "
        "postgres starts a throwaway PostgreSQL cluster.",
    )


def chosen_backend(option: str | None) -> str:
    backend = (option or os.environ.get(ENV_VAR) or "sqlite").strip().lower()
    if backend in ("postgresql", "pg"):
        backend = "postgres"
    if backend not in BACKENDS:
        raise pytest.UsageError(f"{ENV_VAR}={backend!r}: use one of {', '.join(BACKENDS)}")
    return backend


@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests(
    early_config: pytest.Config, parser: pytest.Parser, args: list[str]
) -> None:
    namespace = early_config.known_args_namespace
    if namespace.help or namespace.version:
        return
    backend = chosen_backend(namespace.db)
    session_dir = Path(tempfile.mkdtemp(prefix="readingroom-test-"))
    env = TestEnvironment(backend=backend, session_dir=session_dir, data_dir=session_dir / "data")
    early_config.stash[ENVIRONMENT] = env
    early_config.add_cleanup(env.close)
    atexit.register(env.close)  # in case pytest dies before its cleanups run

    (env.data_dir / "static").mkdir(parents=True)  # STATIC_ROOT, so WhiteNoise does not warn
    os.environ["READINGROOM_DATA_DIR"] = str(env.data_dir)
    os.environ.pop("READINGROOM_INDEX_DIR", None)
    os.environ.pop("DATABASE_URL", None)
    os.environ[ENV_VAR] = backend  # subprocesses and skip conditions see the same choice
    if backend == "postgres":
        env.cluster = PostgresCluster.start()
        os.environ["DATABASE_URL"] = env.cluster.create_database("readingroom")


def pytest_report_header(config: pytest.Config) -> str | None:
    env = config.stash.get(ENVIRONMENT, None)
    if env is None:
        return None
    where = f"data dir {env.data_dir}"
    if env.cluster is not None:
        return (
            f"readingroom: database postgres (throwaway PostgreSQL {env.cluster.version} "
            f"cluster in {env.cluster.root}), {where}"
        )
    return f"readingroom: database sqlite, {where}"
