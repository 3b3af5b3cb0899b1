"""Archives on disk and real production servers (`readingroom serve`, i.e. gunicorn) for tests.

An `Archive` is a data directory plus a database: the SQLite file inside the data directory, or
a fresh database in the session's throwaway PostgreSQL cluster. `Archive.run(...)` runs the
`readingroom` console script against it in a subprocess, exactly as an operator would.
`start_server(archive)` runs `readingroom serve` on a free port and waits until it answers HTTP.
"""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

ENV_DROPPED = (
    "DATABASE_URL",
    "READINGROOM_INDEX_DIR",
    "DJANGO_SETTINGS_MODULE",
    "READINGROOM_BIND",
)


PROBE_PATH = "/static/admin/css/base.css"


def readingroom_command() -> list[str]:
    """The installed `readingroom` console script of this interpreter's environment."""
    script = Path(sys.executable).with_name("readingroom")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", "readingroom.cli"]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago (callers retry on a lost race)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Archive:
    """A data directory and its database, used through the real command line."""

    data_dir: Path
    database_url: str | None = None  # None: SQLite in data_dir
    extra_env: dict[str, str] = field(default_factory=dict)

    @property
    def backend(self) -> str:
        return "postgres" if self.database_url else "sqlite"

    def env(self, **extra: str) -> dict[str, str]:
        """The environment a `readingroom` process for this archive runs with."""
        env = {k: v for k, v in os.environ.items() if k not in ENV_DROPPED}
        env["READINGROOM_DATA_DIR"] = str(self.data_dir)
        env["PYTHONUNBUFFERED"] = "1"
        # A test's server shares the machine with the tests and their browser: a request that
        # waits a second for a thread then is not a crowd to turn away (test_queueing sets its
        # own limit); a browser test met 503 on a loaded machine.
        env["READINGROOM_QUEUE_SECONDS"] = "30"
        if self.database_url:
            env["DATABASE_URL"] = self.database_url
        env.update(self.extra_env)
        env.update(extra)
        return env

    def run(
        self, *args: str, check: bool = True, timeout: float = 600, input: str | None = None
    ) -> subprocess.CompletedProcess[str]:
        """Run `readingroom ARGS...` for this archive; output captured as text.

        With check=True a non-zero exit raises AssertionError showing the command's output.
        """
        command = [*readingroom_command(), *args]
        result = subprocess.run(
            command,
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=timeout,
            input=input,
            check=False,
        )
        if check and result.returncode != 0:
            raise AssertionError(
                f"`readingroom {' '.join(args)}` exited {result.returncode}\n"
                f"--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"
            )
        return result

    def init(self) -> subprocess.CompletedProcess[str]:
        return self.run("init")


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    def header(self, name: str) -> str | None:
        return self.headers.get(name)


@dataclass
class LiveServer:
    """A running `readingroom serve`. `url` has no trailing slash: f"{server.url}/search"."""

    archive: Archive
    host: str
    port: int
    process: subprocess.Popen[bytes]
    log_path: Path
    _log: IO[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
        timeout: float = 30,
    ) -> Response:
        """One HTTP request; redirects are NOT followed (a 301 comes back as a 301)."""
        conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            response = conn.getresponse()
            return Response(response.status, response.headers, response.read())
        finally:
            conn.close()

    def get(self, path: str, headers: dict[str, str] | None = None) -> Response:
        return self.request("GET", path, headers=headers)

    def log(self) -> str:
        """Everything the server printed so far (stdout and stderr, access log included)."""
        return self.log_path.read_text(errors="replace")

    def worker_pids(self) -> list[int]:
        """Process ids of the gunicorn workers (children of the master), Linux only."""
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []

    @property
    def running(self) -> bool:
        return self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL the master and its workers (its own process group); for broken servers."""
        if self.running:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        if self._log is not None:
            self._log.close()
            self._log = None

    def stop(self, sig: signal.Signals = signal.SIGTERM, timeout: float = 30) -> int:
        """Send `sig` (SIGTERM: graceful; SIGINT: as Ctrl-C), wait, return the exit code.

        A server that does not stop in time is killed, with its process group, and the test
        fails: stopping cleanly is part of the contract.
        """
        try:
            if self.running:
                self.process.send_signal(sig)
                try:
                    return self.process.wait(timeout=timeout)
                except subprocess.TimeoutExpired:
                    os.killpg(self.process.pid, signal.SIGKILL)
                    self.process.wait(timeout=10)
                    raise AssertionError(
                        f"server did not stop within {timeout}s of {sig.name}\n{self.log()}"
                    ) from None
            return self.process.returncode
        finally:
            if self._log is not None:
                self._log.close()
                self._log = None


def start_server(
    archive: Archive,
    *,
    workers: int = 2,
    args: tuple[str, ...] = ("--no-init",),
    log_dir: Path | None = None,
    timeout: float = 60,
    attempts: int = 3,
    dumps: bool = False,
    jobs: bool = False,
) -> LiveServer:
    """Start `readingroom serve` for `archive` on a free port of 127.0.0.1; wait for HTTP.

    `args` go to `serve` (by default --no-init: initialise the archive before, e.g. with
    `archive.init()`; pass args=() to let serve run init itself). Without `dumps`, serve does
    not rebuild /data/ beside its workers (--no-dumps); without `jobs`, it runs no background
    jobs (--no-jobs). Raises AssertionError with
    the server's output when it exits or stays silent for `timeout` seconds.
    """
    log_dir = log_dir or archive.data_dir.parent
    last_error = ""
    for attempt in range(attempts):
        port = free_port()
        log_path = log_dir / f"serve-{archive.data_dir.name}-{port}.log"
        log = log_path.open("wb")
        command = [
            *readingroom_command(),
            "serve",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            *args,
            *([] if dumps else ["--no-dumps"]),
            *([] if jobs else ["--no-jobs"]),
        ]
        process = subprocess.Popen(
            command,
            env=archive.env(),
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,  # Ctrl-C on the test run does not hit it; killpg can
        )
        server = LiveServer(archive, "127.0.0.1", port, process, log_path, log)
        if _wait_until_serving(server, timeout):
            return server
        server.kill()
        last_error = server.log()
        if "Address already in use" not in last_error or attempt == attempts - 1:
            break
    raise AssertionError(f"`readingroom serve` did not come up:\n{last_error}")


def _wait_until_serving(server: LiveServer, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not server.running:
            return False
        try:
            # Any HTTP answer counts, even a 404 or 500. A static file, answered by WhiteNoise
            # without running a view, so no slow page is left in flight behind a timeout.
            server.request("HEAD", PROBE_PATH, timeout=30)
            return True
        except (OSError, http.client.HTTPException):
            time.sleep(0.1)
    return False
