"""The production web server: gunicorn, several worker processes, `readingroom.wsgi`.

Static files are served by WhiteNoise (settings.MIDDLEWARE) from STATIC_ROOT, which `init`
fills. Django's development server is never used.

Signals are gunicorn's: SIGTERM stops gracefully (workers finish their requests), SIGINT
(Ctrl-C) and SIGQUIT stop at once, SIGHUP reloads the workers, TTIN/TTOU add or remove one.
"""

from __future__ import annotations

import ctypes
import gc
import os
import signal
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from gunicorn.app.base import BaseApplication

DEFAULT_BIND = "127.0.0.1:8000"
PR_SET_PDEATHSIG = 1  # prctl(2)


def cpu_count() -> int:
    """Cores this process may run on (respects taskset/cgroup affinity where the OS tells)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def default_workers() -> int:
    """One worker per core, at least two. A request's work is CPU in Python (one core per
    process at a time), and each process keeps its own answers (protocols/page_cache.py):
    gunicorn's 2 x cores + 1 served 50 readers at 171 requests/s on 2 cores, 2 workers at 318
    (`readingroom crowd`, docs/performance.md)."""
    return max(2, cpu_count())


def with_port(bind: str, port: int | None) -> str:
    """`bind` with its port replaced by `port` (host kept; IPv6 in brackets kept)."""
    if port is None:
        return bind
    if not 0 < port < 65536:
        raise ValueError(f"port {port} is out of range (1-65535)")
    if bind.startswith(("unix:", "fd://")):
        raise ValueError(f"--port cannot apply to {bind!r}, which is not a TCP address")
    if bind.startswith("["):
        host = bind[: bind.index("]") + 1]
    elif bind.count(":") == 1:
        host = bind.rsplit(":", 1)[0]
    elif ":" in bind:  # a bare IPv6 address
        host = f"[{bind}]"
    else:
        host = bind
    return f"{host or '127.0.0.1'}:{port}"


EVERY_INTERFACE = ("0.0.0.0", "::")  # noqa: S104  (names compared, not bound)
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", *EVERY_INTERFACE}


def address_warning(bind: str, site_url: str) -> str | None:
    """A warning when the permanent address (READINGROOM_SITE_URL) names this machine but not
    the address the server listens on: the site's permanent links, citations, feeds and IIIF
    ids would lead elsewhere. A public address (behind a proxy) is not compared."""
    site = urlsplit(site_url)
    if bind.startswith(("unix:", "fd://")) or site.hostname not in LOCAL_HOSTS:
        return None
    host, _, port = bind.rpartition(":")
    host = host.strip("[]")
    site_port = site.port or (443 if site.scheme == "https" else 80)
    if str(site_port) == port and host in (site.hostname, *EVERY_INTERFACE):
        return None
    return (
        f"READINGROOM_SITE_URL is {site_url}, but this server listens on {bind}: permanent "
        "links, citations, feeds and IIIF ids will name that address. Set READINGROOM_SITE_URL "
        "to the address readers use."
    )


@dataclass(frozen=True)
class ServerOptions:
    bind: str = DEFAULT_BIND
    workers: int = 0  # 0: default_workers()
    threads: int = 1
    timeout: int = 60
    access_log: bool = True

    def gunicorn_settings(self) -> dict[str, Any]:
        if self.workers < 0 or self.threads < 1 or self.timeout < 1:
            raise ValueError("workers must be >= 1, threads >= 1 and timeout >= 1 second")
        return {
            "bind": [self.bind],
            "workers": self.workers or default_workers(),
            "threads": self.threads,
            # gunicorn's threaded worker, noting how long each request waited for a thread
            # (readingroom.operations.queueing turns away those that waited too long)
            "worker_class": "readingroom.operations.queueing.QueuedWorker",
            "timeout": self.timeout,
            "graceful_timeout": 20,
            "accesslog": "-" if self.access_log else None,
            "errorlog": "-",
            "loglevel": "info",
            "proc_name": "readingroom",
            # gunicorn caps its request-line limit at 8,190 bytes, less than a 1,000-character
            # search in Chinese; 0 lifts it, and the archive answers an address past its own
            # limit with its 414 page (readingroom.protocols.request_limits).
            "limit_request_line": 0,
            # gunicorn >= 25 opens a control socket at one fixed path per user by default, so
            # two servers on one machine would fight over it.
            "control_socket_disable": True,
        }


class ReadingRoomServer(BaseApplication):  # type: ignore[misc]
    """gunicorn configured from ServerOptions (never from the command line or a config file)."""

    def __init__(self, options: ServerOptions) -> None:
        self.options = options
        super().__init__(prog="readingroom serve")

    def load_config(self) -> None:
        for key, value in self.options.gunicorn_settings().items():
            if key in self.cfg.settings and value is not None:
                self.cfg.set(key, value)

    def load(self) -> Any:
        from django.conf import settings

        # `init` collected the static files into STATIC_ROOT with their compressed copies;
        # WhiteNoise's finders (WHITENOISE_USE_FINDERS) would shadow them with the uncompressed
        # app copies. Set in each worker before the WSGI handler builds its middleware.
        settings.WHITENOISE_USE_FINDERS = False
        from readingroom.operations.queueing import noting_queue_time
        from readingroom.wsgi import application

        settled()
        return noting_queue_time(application)


def settled() -> None:
    """Move what the worker has loaded (the code, settings, URLs) out of the garbage
    collector's way: it lives as long as the worker, and each full collection would walk its
    objects again (about half a millisecond of a /search page at 10^5)."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 (imports every view module)
    gc.collect()
    gc.freeze()


def run(options: ServerOptions, companions: Sequence[Sequence[str]] = ()) -> None:
    """Serve until stopped by a signal, with `companions` (commands, such as `dump --loop`)
    running beside the workers and stopped with them. Close inherited database connections
    before forking."""
    from django.db import connections

    connections.close_all()
    started = [
        subprocess.Popen(list(command), preexec_fn=_die_with_parent) for command in companions
    ]
    try:
        ReadingRoomServer(options).run()
    finally:
        for process in started:
            process.terminate()
        for process in started:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


def _die_with_parent() -> None:
    """In a companion, before it runs: end it (SIGTERM) when `serve` ends, even by SIGKILL."""
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except OSError:  # not Linux: the finally of `run` stops it, except after SIGKILL
        pass
