"""Counts of recent queries, and of the whole index, for the index version they were counted
on: the next page of a result set, or the everyday searches without words (the home page, a
person's documents), skip counting. Any commit empties it. What it keeps is immutable
(counts.Counts, tally.Tally), so it is handed out as it is."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path

from ..backend import SearchQuery
from ..generations import Stamp
from .counts import Counts
from .tally import Tally

Version = tuple[Path, Stamp | None]  # a generation and its last commit
CACHED = 512  # queries whose counts are kept


def key(query: SearchQuery) -> Hashable:
    """What a query's counts depend on (not its page, sort or passages)."""
    return (
        query.words.node,
        query.filters,
        query.date_from,
        query.date_to,
        query.years,
        query.months,
        query.facet_limit,
        query.facet_names,
        query.histogram,
    )


class CountCache:
    def __init__(self, size: int = CACHED) -> None:
        self.size = size
        self.version: Version | None = None
        self.entries: OrderedDict[Hashable, Counts] = OrderedDict()
        self.whole: Tally | None = None  # the whole index's counts, apart from the others
        self.lock = threading.Lock()

    def get(self, version: Version, query: SearchQuery, make: Callable[[], Counts]) -> Counts:
        """The query's counts, made by `make` unless remembered for this version."""
        wanted = key(query)
        with self.lock:
            self._check(version)
            found = self.entries.get(wanted)
            if found is not None:
                self.entries.move_to_end(wanted)
                return found
        made = make()
        with self.lock:
            if version == self.version:
                self.entries[wanted] = made
                while len(self.entries) > self.size:
                    self.entries.popitem(last=False)
        return made

    def everything(self, version: Version, make: Callable[[], Tally]) -> Tally:
        with self.lock:
            self._check(version)
            if self.whole is not None:
                return self.whole
        made = make()
        with self.lock:
            if version == self.version:
                self.whole = made
        return made

    def _check(self, version: Version) -> None:
        if version != self.version:
            self.version, self.entries, self.whole = version, OrderedDict(), None

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()
