"""`readingroom admin-benchmark`: the editors' admin of this archive, timed over HTTP."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from readingroom.catalogue.models import Document
from readingroom.operations.admin_benchmark import editor_account, measure
from readingroom.operations.crowd import served


class Command(BaseCommand):
    help = (
        "Start `readingroom serve` for this archive, sign in as an editor made for the run, and "
        "time each admin screen over HTTP (--repeat times: median and largest), with the SQL "
        "queries each runs: the documents list at a deep page and by title, filtered and "
        "searched, forms, history, change sets, collections, autocomplete, the dashboard."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--repeat", type=int, default=5, help="Times each screen (5).")
        parser.add_argument("--workers", type=int, default=2, help="Server workers (2).")

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"The admin of an archive of {Document.objects.count():,} documents")
        with editor_account() as (username, password), served(options["workers"]) as (base, _):
            measure(base, options["repeat"], sys.stdout, username, password)
