"""`readingroom serve`: the production web server (gunicorn), never Django's runserver."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser

from readingroom.cli import console_command
from readingroom.operations import server


def _positive_int(value: str) -> int:
    number = int(value)
    if number < 1:
        raise ValueError(value)
    return number


_positive_int.__name__ = "positive integer"  # argparse: "invalid positive integer value: '0'"


class Command(BaseCommand):
    help = (
        "Serve the archive with gunicorn: several worker processes, static files by WhiteNoise. "
        "Runs `init` first unless --no-init. Stop with Ctrl-C or SIGTERM."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--bind",
            default=settings.SERVE_BIND or server.DEFAULT_BIND,
            help="HOST:PORT, [IPv6]:PORT or unix:PATH to listen on "
            f"(default: $READINGROOM_BIND or {server.DEFAULT_BIND}).",
        )
        parser.add_argument(
            "--port", type=_positive_int, default=None, help="Port; replaces the one in --bind."
        )
        parser.add_argument(
            "--workers",
            type=_positive_int,
            default=settings.SERVE_WORKERS or None,  # argparse applies `type`
            help="Worker processes (default: $READINGROOM_WORKERS or one a core, at least 2 = "
            f"{server.default_workers()} here).",
        )
        parser.add_argument(
            "--threads",
            type=_positive_int,
            default=1,
            help="Threads per worker (default 1; a request is CPU in Python, one core a process).",
        )
        parser.add_argument(
            "--timeout",
            type=_positive_int,
            default=60,
            help="Seconds before a silent worker is restarted (default 60).",
        )
        parser.add_argument(
            "--no-init", action="store_true", help="Do not run `init` before serving."
        )
        parser.add_argument(
            "--no-access-log", action="store_true", help="Do not log each request to stdout."
        )
        parser.add_argument(
            "--no-dumps",
            action="store_true",
            help="Do not rebuild the /data/ files beside the workers (`dump --loop`): for a "
            "node whose data are built by another.",
        )
        parser.add_argument(
            "--no-jobs",
            action="store_true",
            help="Do not run the editors' background jobs beside the workers (`jobs --loop`): "
            "for a node whose jobs are run by another.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            options_ = server.ServerOptions(
                bind=server.with_port(options["bind"], options["port"]),
                workers=options["workers"] or 0,
                threads=options["threads"],
                timeout=options["timeout"],
                access_log=not options["no_access_log"],
            )
            gunicorn = options_.gunicorn_settings()
        except ValueError as error:
            raise CommandError(str(error)) from error
        if not options["no_init"]:
            call_command("init", verbosity=options["verbosity"])
        bind = options_.bind
        url = bind if bind.startswith(("unix:", "fd://")) else f"http://{bind}"
        self.stdout.write(
            f"Reading Room at {url} with {gunicorn['workers']} worker process(es). Ctrl-C stops it."
        )
        warning = server.address_warning(bind, settings.SITE_URL)
        if warning:
            self.stderr.write(f"Warning: {warning}")
        self.stdout.flush()
        companions = [] if options["no_dumps"] else [[*console_command(), "dump", "--loop"]]
        if not options["no_jobs"]:
            companions.append([*console_command(), "jobs", "--loop"])
        server.run(options_, companions)
