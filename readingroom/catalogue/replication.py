"""Where a read replica has got to, for what is kept from one edition of the archive to the
next (protocols/page_cache.py): a page made from a replica that had not yet replayed a change
must not be kept under the edition of the search index, which may already have it. With a
replica (DATABASE_REPLICA_URL), the time of the last transaction it replayed is part of the
edition; without one, or when a request reads the primary, nothing is added."""

from __future__ import annotations

from django.db import DatabaseError, connections, router

from .models import Document


def replay_position() -> str:
    """The replica's last replayed commit, when this request reads one; "" otherwise."""
    alias = router.db_for_read(Document)
    if alias == "default":
        return ""
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT pg_last_xact_replay_timestamp()")
            row = cursor.fetchone()
    except DatabaseError:
        return "unknown"
    return str(row[0]) if row and row[0] is not None else ""
