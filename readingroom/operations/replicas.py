"""Read replicas (DATABASE_REPLICA_URL): readers' pages read from a replica, everything else
from the primary. docs/operators.md, "Growing past one machine".

A public page asked with GET or HEAD, by someone without a session (readers; staff carry one),
reads from the replica; every write goes to the primary, and so does every read of any other
request (the admin, a sign-in, an import, the workers). Page views write nothing on their read
path: the embargo step that would (`EmbargoReleaseMiddleware`) is left to `readingroom indexer
--loop` when a replica is configured, and the public rule already shows a document whose
embargo has passed. A replica a little behind shows a page a little old, never a wrong one.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse

REPLICA = "replica"  # the alias of settings.DATABASES the replica is
STAFF_PATHS = ("/admin", "/preview")
_reading_replica: ContextVar[bool] = ContextVar("reading_replica", default=False)


class ReplicaRouter:
    """Django's database router: reads to the replica while a reader's page is made."""

    def db_for_read(self, model: Any, **hints: Any) -> str:
        return REPLICA if _reading_replica.get() else "default"

    def db_for_write(self, model: Any, **hints: Any) -> str:
        return "default"

    def allow_relation(self, first: Any, second: Any, **hints: Any) -> bool:
        return True  # one database, two copies of it

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == "default"


def reads_replica(request: HttpRequest) -> bool:
    """Whether this request is a reader's page view, which a replica may answer."""
    return (
        REPLICA in settings.DATABASES
        and request.method in ("GET", "HEAD")
        and not request.path.startswith(STAFF_PATHS)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


class ReplicaReadsMiddleware:
    """Readers' page views read from the replica (after the middleware that may write)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not reads_replica(request):
            return self.get_response(request)
        token = _reading_replica.set(True)
        try:
            return self.get_response(request)
        finally:
            _reading_replica.reset(token)
