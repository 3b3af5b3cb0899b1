"""`readingroom crowd`: many readers at once, over HTTP, against this archive served."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from readingroom.operations.crowd import crowd, served, server_cpu, server_memory
from readingroom.operations.server import default_workers


class Command(BaseCommand):
    help = (
        "Start `readingroom serve` for this archive (or use --url), then let READERS readers "
        "read at once for SECONDS, each request after the last, over a mix of this archive's "
        "own addresses: searches with words and with facets, document, person and place pages, "
        "the API, OAI-PMH and citation files. Prints requests/s, latency percentiles by kind, "
        "every answer that was not 200, and the server's CPU a request and memory."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--readers", type=int, default=50, help="Readers at once (50).")
        parser.add_argument("--seconds", type=float, default=30, help="How long (30).")
        parser.add_argument(
            "--workers", type=int, default=None, help="Server workers (serve's default)."
        )
        parser.add_argument(
            "--threads", type=int, default=0, help="Threads a worker (serve's default)."
        )
        parser.add_argument("--url", help="A server already running (its rate limits apply).")
        parser.add_argument(
            "--uncached",
            action="store_true",
            help="The server keeps no answers (READINGROOM_PAGE_CACHE_SECONDS=0): each computed.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        readers, seconds = options["readers"], options["seconds"]
        if options["url"]:
            crowd(options["url"].rstrip("/"), readers, seconds, sys.stdout)
            return
        workers = options["workers"] or default_workers()
        kept = not options["uncached"]
        self.stdout.write(
            f"readingroom serve with {workers} workers, "
            + ("keeping public answers" if kept else "keeping no answers")
        )
        with served(workers, kept, options["threads"]) as (base, server):
            before = server_cpu(server)
            tally = crowd(base, readers, seconds, sys.stdout)
            used = server_cpu(server) - before
            answered = sum(len(samples) for samples in tally.latencies.values())
            self.stdout.write(
                f"Server CPU: {used:,.1f} s, {1000 * used / max(answered, 1):,.1f} ms a request"
            )
            self.stdout.write(server_memory(server))
