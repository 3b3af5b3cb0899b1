"""`readingroom release_embargoes`: hand documents whose embargo has passed to the search index
(the web processes also do it on the first request of each day; this is for cron)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from readingroom.editorial.embargo import release_due


class Command(BaseCommand):
    help = "Queue documents whose embargo has passed for indexing. Cheap; safe to run often."

    def handle(self, *args: Any, **options: Any) -> None:
        released = release_due()
        if options["verbosity"]:
            self.stdout.write(f"{len(released)} document(s) released from embargo.")
