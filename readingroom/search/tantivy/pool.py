"""Threads of this process for the parts of one search that can run at once (the top hits,
two halves of the counts): Tantivy lets go of Python's lock while it works, so one search uses
both cores of a small machine. Made on first use; a forked worker process makes its own (the
parent's threads do not survive a fork)."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

THREADS = 2
T = TypeVar("T")

_executor: ThreadPoolExecutor | None = None
_lock = threading.Lock()


def submit(work: Callable[..., T], *args: Any) -> Future[T]:
    """Run `work(*args)` in a thread of the pool."""
    global _executor
    with _lock:
        if _executor is None:
            _executor = ThreadPoolExecutor(THREADS, thread_name_prefix="search")
        return _executor.submit(work, *args)


def _forget_after_fork() -> None:
    global _executor, _lock
    _executor, _lock = None, threading.Lock()


os.register_at_fork(after_in_child=_forget_after_fork)
