"""Long editorial work in the background: a job is a row (`models.Job`) that the desk writes
and a worker (`readingroom jobs --loop`, which `serve` starts) takes and runs.

A job's work, the history it writes and the job's own "done" are one transaction: either all
of it is committed or none. A worker killed half-way leaves nothing of the job behind but its
row, still "running" under a worker that is gone; the next worker on that machine (or any
worker once the row is STALE) takes it again and does it from the start. So the archive and its
history always agree, and no job is lost.

Work too long for one transaction (a change to 100,000 documents) is done in parts instead,
each part committed with its history and the job's progress (a runner marked `in_parts`): a
job taken again goes on from `job.done`.

A job's work is a plain function of the job (`Runner`), named by its kind in the runners that
the caller gives (`operations/jobs.py` holds the archive's). It returns what it did, in words,
or raises JobRefused with why it will not (a refusal is final: the job fails with that message,
and is not tried again).
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Callable, Mapping
from datetime import timedelta
from typing import Any

from django.db import DatabaseError, transaction
from django.db.models import Q
from django.utils import timezone

from .models import Job, JobState

log = logging.getLogger("readingroom.jobs")

STALE = timedelta(hours=1)  # a running job not heard of for this long is taken to have died
CHECK = "check"  # the kind of job of the archive's own check (operations/jobs.py runs it)
Runner = Callable[[Job], str]


class JobRefused(Exception):
    """The work will not be done, for a reason the editor can read."""


JOB_LAG = timedelta(minutes=10)  # a job waiting longer: no worker is running (health)


def waiting() -> tuple[int, float | None]:
    """Jobs waiting for a worker, and how long the oldest has waited (seconds; None: none)."""
    queue = Job.objects.filter(state=JobState.WAITING)
    oldest = queue.order_by("created_at").values_list("created_at", flat=True).first()
    age = (timezone.now() - oldest).total_seconds() if oldest is not None else None
    return queue.count(), age


def lag_warning(count: int, age: float | None) -> str | None:
    """What a monitor should hear when jobs wait longer than JOB_LAG."""
    if age is None or age <= JOB_LAG.total_seconds():
        return None
    return (
        f"{count} background job(s) wait, the oldest for {int(age // 60)} minutes: is a worker "
        "running (`readingroom jobs --loop`, which `serve` starts)?"
    )


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def enqueue(kind: str, parameters: dict[str, Any], description: str, user: Any = None) -> Job:
    return Job.objects.create(
        kind=kind, parameters=parameters, description=description[:500], created_by=user
    )


def run_next(runners: Mapping[str, Runner]) -> Job | None:
    """Take the oldest job waiting (or left by a dead worker) and run it; None when there
    is none."""
    job = claim()
    if job is not None:
        run(job, runners)
    return job


def claim() -> Job | None:
    """Mark the oldest job that can be taken as running here, unless another worker took it
    first (a conditional update: one worker wins)."""
    now = timezone.now()
    takeable = Q(state=JobState.WAITING) | Q(state=JobState.RUNNING)
    for job in Job.objects.filter(takeable).order_by("created_at", "id")[:20]:
        if job.state == JobState.RUNNING and not _left_behind(job, now):
            continue
        if _take(Job.objects.filter(pk=job.pk, state=job.state, attempts=job.attempts), job):
            return job
    return None


def _take(found: Any, job: Job) -> bool:
    """Mark the job running here if `found` (it, as last seen) still matches; whether it did."""
    now = timezone.now()
    taken = found.update(
        state=JobState.RUNNING,
        started_at=now,
        heartbeat_at=now,
        worker=worker_name(),
        attempts=job.attempts + 1,
    )
    if taken:
        job.refresh_from_db()
    return bool(taken)


def run(job: Job, runners: Mapping[str, Runner]) -> None:
    """Do the job's work and mark it done in one transaction; mark it failed when refused or
    broken. A database that fails on the way (a restart) leaves it to be taken again."""
    runner = runners.get(job.kind)
    try:
        if runner is None:
            raise JobRefused(f"no worker knows jobs of the kind {job.kind!r}")
        if getattr(runner, "in_parts", False):  # it commits its parts and their progress
            _finish(job, JobState.DONE, runner(job))
        else:
            with transaction.atomic():
                outcome = runner(job)
                _finish(job, JobState.DONE, outcome)
    except JobRefused as refusal:
        _finish(job, JobState.FAILED, str(refusal))
    except DatabaseError:
        Job.objects.filter(pk=job.pk).update(state=JobState.WAITING, worker="")
        raise
    except Exception as error:
        log.exception("job %s (%s) failed", job.pk, job.description)
        _finish(job, JobState.FAILED, f"{type(error).__name__}: {error}")


def progress(job: Job, done: int, total: int) -> None:
    """Note how far a job has got (seen by the desk once the job's transaction commits, or at
    once when the work commits in parts)."""
    job.done, job.total = done, total
    Job.objects.filter(pk=job.pk).update(done=done, total=total, heartbeat_at=timezone.now())


def _finish(job: Job, state: str, outcome: str) -> None:
    job.state, job.outcome, job.finished_at = state, outcome, timezone.now()
    job.save(update_fields=["state", "outcome", "finished_at", "done", "total", "changeset"])


def _left_behind(job: Job, now: Any) -> bool:
    """A running job whose worker is gone: a process of this machine that has ended, or a
    worker anywhere not heard of for STALE."""
    if job.heartbeat_at is None or now - job.heartbeat_at > STALE:
        return True
    host, _, pid = job.worker.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    return not _alive(int(pid))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def run_here(job: Job, runner: Runner) -> Job:
    """Run a job in this process at once (small work the editor waits for), as a worker
    would: the same transaction, history and record of the job."""
    _take(Job.objects.filter(pk=job.pk), job)
    run(job, {job.kind: runner})
    job.refresh_from_db()
    return job
