"""`readingroom jobs [--loop]`: run the editors' background jobs (merges too large to wait
for, ...); `serve` runs it with --loop beside its workers."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from readingroom.editorial.jobs import run_next
from readingroom.editorial.models import Job
from readingroom.operations.jobs import RUNNERS
from readingroom.operations.supervision import supervised

LOOK_EVERY = 1.0  # seconds between looks at the jobs table when idle


class Command(BaseCommand):
    help = (
        "Run the background jobs waiting (and those a killed worker left), oldest first, then "
        "stop; with --loop keep looking for new ones until stopped."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--loop", action="store_true", help="Keep running new jobs.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["loop"]:
            try:
                supervised(self.run_waiting, LOOK_EVERY, "jobs")
            except KeyboardInterrupt:
                self.stdout.write("Stopped.")
            return
        self.run_waiting()

    def run_waiting(self) -> None:
        while (job := run_next(RUNNERS)) is not None:
            self.report(job)

    def report(self, job: Job) -> None:
        job.refresh_from_db()
        self.stdout.write(f"Job {job.pk} ({job.description}): {job.state}. {job.outcome}")
        self.stdout.flush()
