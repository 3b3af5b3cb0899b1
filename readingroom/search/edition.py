"""The archive's edition, and what a process may keep from one edition to the next.

The edition changes at the commit of every change to a record (each enqueues its documents in
the outbox in its own transaction, and outbox ids only grow) and at every commit of the index
(which applies those rows and deletes them), in every process alike. Whatever was computed from
the archive under one edition stays true until the next: pages (protocols/page_cache.py), the
records a query names, the labels of facet values.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from django.utils import timezone

from . import service
from .outbox import latest_entry

LIMIT = 50_000  # entries of one table, past which it starts again
T = TypeVar("T")


def edition() -> str:
    """The archive's edition (raises SearchUnavailable when there is no index to read)."""
    return f"{service.get_backend().edition()}:{latest_entry()}"


class EditionMemo:
    """Tables of values computed from the archive, kept in this process while the index's
    edition lasts; every table is emptied when the index commits. Keyed by the index alone (no
    query of the outbox, so a search without the database stays so): what is kept here agrees
    with what the index finds, and follows a change when the index applies it."""

    def __init__(self) -> None:
        self.edition: str | None = None
        self.tables: dict[str, dict[Any, Any]] = {}
        self.lock = threading.Lock()

    def table(self, name: str) -> dict[Any, Any]:
        current = service.get_backend().edition()
        with self.lock:
            if current != self.edition:
                self.edition, self.tables = current, {}
            table = self.tables.setdefault(name, {})
            if len(table) > LIMIT:
                table.clear()
            return table

    def kept(self, name: str, key: Hashable, compute: Callable[[], T]) -> T:
        """`compute()`, kept under `key` in the table `name` while the edition and the day
        last (an embargo lifted at midnight is public from then on, whatever the edition)."""
        table = self.table(name)
        dated = (timezone.localdate(), key)
        if dated not in table:
            table[dated] = compute()
        value: T = table[dated]
        return value


memo = EditionMemo()
