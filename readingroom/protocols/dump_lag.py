"""How far the bulk data at /data/ is behind the archive, cheaply enough for /healthz.

Every change to the archive writes a change set (editorial history), so the first change set
after the dumps were built says since when they may miss something: one indexed query. Whether
that change reached the public archive (a draft's edit does not) is the dump's fingerprint,
which reads every table: it is asked only once the dumps should have been rebuilt already
(`READINGROOM_DUMP_SECONDS` after that change) and its answer is kept for a minute.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from readingroom.editorial.models import ChangeSet

from . import bulk

VERDICT_SECONDS = 60  # how long a fingerprint's verdict is kept
GRACE = dt.timedelta(minutes=10)  # a rebuild's own time, beyond READINGROOM_DUMP_SECONDS


def built_at() -> dt.datetime | None:
    found = bulk.manifest()
    return dt.datetime.fromisoformat(found["built_at"]) if found else None


def lag_seconds() -> float:
    """Seconds since the first change the dumps do not hold (0 when they hold every change,
    or when they are not due for a rebuild yet)."""
    built = built_at()
    after = ChangeSet.objects.filter(created_at__gt=built) if built else ChangeSet.objects.all()
    first = after.order_by("created_at").values_list("created_at", flat=True).first()
    if first is None:
        return 0.0
    waited = timezone.now() - first
    if waited <= dt.timedelta(seconds=settings.DUMP_SECONDS) + GRACE:
        return 0.0
    key = f"dumps-stale-{first.timestamp()}-{built.timestamp() if built else 0}"
    stale = cache.get(key)
    if stale is None:
        stale = bulk.is_stale()
        cache.set(key, stale, VERDICT_SECONDS)
    return waited.total_seconds() if stale else 0.0


def lag_warning(lag: float) -> str | None:
    if not lag:
        return None
    return (
        f"the bulk data at /data/ misses changes made {int(lag // 60)} minutes ago: is "
        "`readingroom dump --loop` running (which `serve` starts)?"
    )
