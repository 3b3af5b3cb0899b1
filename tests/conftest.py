"""Shared fixtures. The database and data directory are chosen earlier, in `support.plugin`.

Run on SQLite (default) or PostgreSQL:

    pytest                                  # SQLite, temporary data dir
    READINGROOM_TEST_DB=postgres pytest     # or: pytest --db=postgres (throwaway cluster)
    pytest -m "not browser"                 # without Chromium

Fixtures for everybody (session-scoped unless said otherwise):

- `test_backend` -> "sqlite" | "postgres": what this session runs on.
- `pg_cluster` -> PostgresCluster | None: the throwaway cluster on PostgreSQL runs.
- `archive_factory(name="archive", init=True) -> Archive`: a new, empty archive (own data
  dir; own database on PostgreSQL) for end-to-end tests; `archive.run("import", ...)` runs the
  real console script against it.
- `server_factory(archive, workers=2, args=("--no-init",)) -> LiveServer`: `readingroom
  serve` (gunicorn) on a free port, answering HTTP; stopped at session end (or call
  `server.stop()`).
- `production_server -> LiveServer`: one served, initialised, empty archive for the session.
  Populate your own: `archive = archive_factory("demo"); archive.run("demo", ...);
  server = server_factory(archive)` in a session fixture of your module.
- `browser -> playwright Browser` (Debian Chromium); `page` (function scope) -> a fresh Page
  in its own context. Tests using them are marked `browser` automatically; a failing test
  leaves a screenshot in ./test-artifacts/.
- `axe` (function) -> `assert_no_axe_violations(page, *, context=None, options=None,
  ignore=())` from `support.browser`, which you may also import directly.
- `artifacts_dir -> Path`: ./test-artifacts/ for screenshots (gitignored).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings as hypothesis_settings
from support import browser as browser_support
from support.pgcluster import PostgresCluster
from support.plugin import ENVIRONMENT, TestEnvironment
from support.server import Archive, LiveServer, start_server

BROWSER_FIXTURES = {"browser", "page", "playwright_instance"}

# Timing deadlines make property tests flaky on a loaded 2-core CI machine; failures that matter
# are wrong answers, not slow ones. HYPOTHESIS_PROFILE=thorough tries ten times more examples.
hypothesis_settings.register_profile("readingroom", deadline=None, print_blob=True)
hypothesis_settings.register_profile(
    "thorough", parent=hypothesis_settings.get_profile("readingroom"), max_examples=1000
)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "readingroom"))


@pytest.fixture(autouse=True)
def fresh_caches() -> Iterator[None]:
    """Every test ends with the caches emptied: one test's rate-limit counters (all requests
    come from 127.0.0.1) or remembered citations never reach the next, nor the admin's counts
    kept for a change set (a test's records are often written without one)."""
    yield
    from django.core.cache import caches

    from readingroom.desk.forms import KEPT

    for cache in caches.all():
        cache.clear()
    KEPT.clear()


# ---------------------------------------------------------------------------------------------
# Session environment


@pytest.fixture(scope="session")
def test_environment(pytestconfig: pytest.Config) -> TestEnvironment:
    return pytestconfig.stash[ENVIRONMENT]


@pytest.fixture(scope="session")
def test_backend(test_environment: TestEnvironment) -> str:
    """'sqlite' or 'postgres': the database this session's tests run on."""
    return test_environment.backend


@pytest.fixture(scope="session")
def pg_cluster(test_environment: TestEnvironment) -> PostgresCluster | None:
    """The session's throwaway PostgreSQL cluster, or None on SQLite runs."""
    return test_environment.cluster


# ---------------------------------------------------------------------------------------------
# Archives and production servers


@pytest.fixture(scope="session")
def archive_factory(
    tmp_path_factory: pytest.TempPathFactory, pg_cluster: PostgresCluster | None
) -> Callable[..., Archive]:
    """Make a new empty archive: `archive_factory(name="archive", init=True) -> Archive`.

    Its data dir is a fresh temporary directory; on PostgreSQL runs it gets a fresh database in
    the session cluster (on SQLite, the file in its data dir). With init=True `readingroom
    init` has run (migrated, static files collected).
    """
    counter = 0

    def make(name: str = "archive", init: bool = True) -> Archive:
        nonlocal counter
        counter += 1
        slug = re.sub(r"[^a-z0-9_]+", "_", name.lower()).strip("_") or "archive"
        data_dir = tmp_path_factory.mktemp(slug) / "data"
        url = pg_cluster.create_database(f"{slug}_{counter}") if pg_cluster else None
        archive = Archive(data_dir=data_dir, database_url=url)
        if init:
            archive.init()
        return archive

    return make


@pytest.fixture(scope="session")
def server_factory() -> Iterator[Callable[..., LiveServer]]:
    """Serve an archive: `server_factory(archive, workers=2, args=("--no-init",), dumps=False,
    jobs=False) -> LiveServer` (`dumps`, `jobs`: with serve's `dump --loop`, `jobs --loop`
    beside the workers).

    Runs the real `readingroom serve` (gunicorn, `workers` processes, WhiteNoise static files)
    on a free 127.0.0.1 port and returns once it answers HTTP. `server.url`, `server.get(path)`
    (no redirect following), `server.log()`, `server.stop()`. All are stopped at session end.
    """
    servers: list[LiveServer] = []

    def serve(
        archive: Archive,
        workers: int = 2,
        args: tuple[str, ...] = ("--no-init",),
        dumps: bool = False,
        jobs: bool = False,
    ):
        server = start_server(archive, workers=workers, args=args, dumps=dumps, jobs=jobs)
        servers.append(server)
        return server

    yield serve
    for server in servers:
        if server.running:
            server.stop()


@pytest.fixture(scope="session")
def production_server(
    archive_factory: Callable[..., Archive], server_factory: Callable[..., LiveServer]
) -> LiveServer:
    """One initialised, empty archive served by `readingroom serve` for the whole session."""
    return server_factory(archive_factory("served"))


# ---------------------------------------------------------------------------------------------
# Browser


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """./test-artifacts/: where tests save screenshots (gitignored)."""
    browser_support.ARTIFACTS_DIR.mkdir(exist_ok=True)
    return browser_support.ARTIFACTS_DIR


@pytest.fixture(scope="session")
def playwright_instance() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an asyncio loop in this thread, and Django then refuses ORM
    # calls ("You cannot call this from an async context") in tests that also use the browser.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        yield playwright
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def browser(playwright_instance: Any) -> Iterator[Any]:
    """Headless Debian Chromium (playwright.sync_api.Browser) shared by the session."""
    chromium = browser_support.launch_chromium(playwright_instance)
    yield chromium
    chromium.close()


@pytest.fixture
def page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A new Page in a fresh browser context (1280x800, en-US). Screenshot on failure."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="en-US")
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        try:
            page.screenshot(
                path=browser_support.artifact_path(f"FAILED-{request.node.nodeid}.png"),
                full_page=True,
            )
        except Exception as error:  # the page may be gone; the test already failed
            print(f"could not save a failure screenshot: {error}")
    context.close()


@pytest.fixture
def axe() -> Callable[..., None]:
    """`axe(page, *, context=None, options=None, ignore=())`: assert_no_axe_violations."""
    return browser_support.assert_no_axe_violations


# ---------------------------------------------------------------------------------------------
# Hooks


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by marker
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report
