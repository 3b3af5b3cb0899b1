"""The embedded search engine: a Tantivy index in settings.SEARCH_INDEX_DIR.

Readers (every web worker process) open the live generation (`generations.py`) and, before
each search, check two cheap things: whether CURRENT names another generation (a reindex
swapped), and whether the generation's meta.json changed (a writer committed); either way they
reopen or reload, so a commit is visible to the very next search in every process.

Writers hold the writer lock (`IndexDirectory.exclusive`) for as long as their Tantivy
IndexWriter lives; only one process writes at a time. `writer()` is the session the indexer
uses for many batches; `replace()` is one batch in its own session.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import tantivy
from django.conf import settings

from ..backend import (
    Hit,
    IndexDocument,
    SearchQuery,
    SearchResult,
    SearchUnavailable,
    WriterOptions,
)
from ..generations import IndexDirectory, Stamp, stamp
from ..query import ParsedQuery
from . import pool
from .compiler import Compiler, combined, filter_queries
from .complement import everything
from .copies import copies_root, synced, writable
from .count_cache import CountCache, Version
from .counts import count
from .passages import PassageMaker
from .schema import (
    DATE_ASCENDING,
    DATE_DESCENDING,
    FINGERPRINT_HIGH,
    FINGERPRINT_LOW,
    PUBLIC_ID,
    SCHEMA,
    SCHEMA_VERSION,
    SORT_TITLE,
    join_fingerprint,
    register_analyzers,
    tantivy_document,
)
from .spelling import suggest
from .tally import Tally

FINGERPRINT_DIGITS = 24
WRITER_WAIT = 30.0  # seconds a writer waits for another to finish
SORT_FIELDS = {
    "date": (DATE_ASCENDING, tantivy.Order.Asc),
    "-date": (DATE_DESCENDING, tantivy.Order.Desc),
    "title": (SORT_TITLE, tantivy.Order.Asc),
}


class IndexMismatch(SearchUnavailable):
    """The index on disk was built with another schema: run `readingroom reindex`."""


VERSION_FILE = "schema-version"


def open_index(path: Path, create: bool = False) -> tantivy.Index:
    """The index in `path` (made there, empty, with `create`), if its schema is this one."""
    version = path / VERSION_FILE
    if create and not (path / "meta.json").exists():  # a new index: this version's
        version.write_text(SCHEMA_VERSION + "\n")
    if not version.exists() or version.read_text().strip() != SCHEMA_VERSION:
        raise IndexMismatch(
            f"the search index in {path} was built by another version of Reading Room: "
            "run `readingroom reindex` (`readingroom init` does it)"
        )
    try:
        index = tantivy.Index(SCHEMA, path=str(path), reuse=True) if create else None
        index = index or tantivy.Index.open(str(path))
    except ValueError as error:
        raise IndexMismatch(f"cannot open the search index in {path}: {error}") from error
    register_analyzers(index)
    index.config_reader(reload_policy="Manual")
    return index


class OpenIndex:
    """A generation opened for reading, reloaded when a writer commits. A generation this
    process may not write to (a read-only mount) is read from a local copy (copies.py)."""

    def __init__(self, path: Path, copies: Path) -> None:
        self.path = path
        self.copies = None if writable(path) else copies
        self.meta = stamp(path / "meta.json")
        self.index = open_index(self._synced())

    def _synced(self) -> Path:
        return self.path if self.copies is None else synced(self.path, self.copies)

    def refresh(self) -> None:
        current = stamp(self.path / "meta.json")
        if current != self.meta:
            self.meta = current
            self._synced()
            self.index.reload()

    def searcher(self) -> tantivy.Searcher:
        return self.index.searcher()


class IndexWriting:
    """A writer session on one generation; each `replace` is one commit."""

    def __init__(self, index: tantivy.Index, heap: int, threads: int) -> None:
        self.writer = index.writer(heap_size=heap, num_threads=threads)

    def replace(self, documents: Sequence[IndexDocument], deleted: Sequence[int]) -> None:
        replaced = sorted({*deleted, *(d.public_id for d in documents)})
        if replaced:
            # (delete_documents_by_term misses unsigned fields in this binding; a query does not)
            query = tantivy.Query.term_set_query(SCHEMA, PUBLIC_ID, replaced)
            self.writer.delete_documents_by_query(query)
        self.add(documents)
        self.commit()

    def add(self, documents: Sequence[IndexDocument]) -> None:
        """Add without replacing (a new generation being filled); visible after `commit`."""
        for document in documents:
            self.writer.add_document(tantivy_document(document))

    def commit(self) -> None:
        self.writer.commit()

    def clear(self) -> None:
        self.writer.delete_all_documents()
        self.writer.commit()

    def close(self, failed: bool) -> None:
        if failed:
            self.writer.rollback()
        self.writer.wait_merging_threads()  # merges finish and the Tantivy lock is released


class TantivyBackend:
    def __init__(self, directory: Path | str | None = None) -> None:
        self.directory = IndexDirectory(Path(directory or settings.SEARCH_INDEX_DIR))
        self._lock = threading.Lock()
        self._open: OpenIndex | None = None
        self._pointer: Stamp | None = None
        self.counts = CountCache()

    # Writing ---------------------------------------------------------------------------------

    @contextmanager
    def writer(
        self, wait: float | None = WRITER_WAIT, options: WriterOptions | None = None
    ) -> Iterator[IndexWriting]:
        """The writer session on the live generation; raises IndexBusy after `wait` seconds,
        and SearchUnavailable when there is no index (`ensure` makes a new archive's)."""
        with self.directory.exclusive(wait):
            path = self.directory.current()
            if path is None:
                raise self._missing()
            with self.session(path, options or WriterOptions()) as writing:
                yield writing

    def ensure(self) -> None:
        """An empty index when this directory holds none: a new archive's (`init` builds it
        from the database). Reading and writing never make one: an index moved or deleted
        under a running site is reported, not replaced by an empty one."""
        with self.directory.exclusive(WRITER_WAIT):
            if self.directory.current() is None:
                self._create_first()

    def _missing(self) -> SearchUnavailable:
        return SearchUnavailable(
            f"there is no search index in {self.directory.root} (moved or deleted?): "
            "`readingroom reindex` builds it from the database"
        )

    @contextmanager
    def session(self, path: Path, options: WriterOptions) -> Iterator[IndexWriting]:
        """A writer on the generation at `path`; the caller holds the writer lock."""
        writing = IndexWriting(open_index(path, create=True), options.heap, options.threads)
        failed = True
        try:
            yield writing
            failed = False
        finally:
            writing.close(failed)

    def usable(self) -> bool:
        """Whether a live index of this version exists (else `reindex` builds one)."""
        path = self.directory.current()
        if path is None or not (path / "meta.json").exists():
            return False
        try:
            OpenIndex(path, copies_root(self.directory.root))
        except IndexMismatch:
            return False
        return True

    def _create_first(self) -> Path:
        path = self.directory.new_generation()
        open_index(path, create=True)
        self.directory.publish(path)
        return path

    def replace(self, documents: Sequence[IndexDocument], deleted: Sequence[int]) -> None:
        with self.writer() as writing:
            writing.replace(documents, deleted)

    def clear(self) -> None:
        with self.writer() as writing:
            writing.clear()

    # Reading ---------------------------------------------------------------------------------

    def reader(self) -> OpenIndex:
        """The live generation, reopened or reloaded if it changed since the last call."""
        with self._lock:
            return self._current()

    def edition(self) -> str:
        with self._lock:
            opened = self._current()
            return f"{opened.path.name}:{'-'.join(map(str, opened.meta or ()))}"

    def snapshot(self) -> tuple[tantivy.Searcher, Version]:
        """A searcher of the live index and the version it shows (for the count cache)."""
        with self._lock:
            opened = self._current()
            return opened.searcher(), (opened.path, opened.meta)

    def _current(self) -> OpenIndex:
        pointer = stamp(self.directory.pointer)
        if pointer is None:
            raise self._missing()
        if self._open is None or pointer != self._pointer:
            self._open, self._pointer = self._open_current(), pointer
        else:
            self._open.refresh()
        return self._open

    def _open_current(self) -> OpenIndex:
        for _ in range(3):  # a reindex may remove a generation just after we read CURRENT
            path = self.directory.current()
            if path is not None and (path / "meta.json").exists():
                try:
                    return OpenIndex(path, copies_root(self.directory.root))
                except IndexMismatch:
                    raise
                except (OSError, ValueError):
                    continue
        raise IndexMismatch(f"no readable search index in {self.directory.root}")

    def fingerprints(self) -> dict[int, str]:
        searcher = self.reader().searcher()
        if not searcher.num_docs:
            return {}
        hits = searcher.search(tantivy.Query.all_query(), searcher.num_docs, count=False).hits
        addresses = [address for _, address in hits]
        ids = searcher.fast_field_values(PUBLIC_ID, addresses)
        highs = searcher.fast_field_values(FINGERPRINT_HIGH, addresses)
        lows = searcher.fast_field_values(FINGERPRINT_LOW, addresses)
        return {
            int(i): join_fingerprint(int(h), int(lo), FINGERPRINT_DIGITS)  # type: ignore[arg-type]
            for i, h, lo in zip(ids, highs, lows, strict=True)
        }

    def _everything(self, searcher: tantivy.Searcher, version: Version) -> Tally:
        """Counts of every value over the whole index, until the next commit."""
        return self.counts.everything(version, lambda: everything(searcher))

    def search(self, query: SearchQuery) -> SearchResult:
        parsed = query.words
        searcher, version = self.snapshot()
        scored = Compiler(searcher).compile(parsed.node) if parsed.node else None
        full = combined(scored, filter_queries(query))
        found = pool.submit(_shown, searcher, full, scored, query, parsed)  # while counting
        whole = lambda: self._everything(searcher, version)  # noqa: E731
        counts = self.counts.get(version, query, lambda: count(searcher, full, query, whole))
        hits = found.result()
        suggestion = None
        if query.suggest and parsed.has_words:
            suggestion = suggest(searcher, parsed)
        return SearchResult(
            total=counts.total,
            hits=hits,
            facets=counts.facets,
            histogram=counts.histogram,
            suggestion=suggestion,
            notices=list(parsed.notices),
        )


def _shown(
    searcher: tantivy.Searcher,
    full: tantivy.Query,
    scored: tantivy.Query | None,
    query: SearchQuery,
    parsed: ParsedQuery,
) -> list[Hit]:
    """The page's hits with their highlighted passages (made while the counts are counted)."""
    hits = _hits(searcher, full, query, parsed)
    if query.highlight and scored is not None and parsed.has_words and hits:
        return _highlighted(searcher, scored, parsed, hits)
    return [hit for hit, _ in hits]


def _hits(
    searcher: tantivy.Searcher,
    full: tantivy.Query,
    query: SearchQuery,
    parsed: ParsedQuery,
) -> list[tuple[Hit, tantivy.DocAddress]]:
    limit = query.limit
    if limit <= 0:
        return []
    sort = query.sort if (query.sort != "relevance" or parsed.has_words) else "date"
    if sort in SORT_FIELDS:
        field, order = SORT_FIELDS[sort]
        found = searcher.search(
            full, limit, count=False, order_by_field=field, offset=query.offset, order=order
        )
        scores = [0.0] * len(found.hits)
    else:
        found = searcher.search(full, limit, count=False, offset=query.offset)
        scores = [float(score) for score, _ in found.hits]
    addresses = [address for _, address in found.hits]
    ids = searcher.fast_field_values(PUBLIC_ID, addresses)
    return [
        (Hit(int(i), score), address)  # type: ignore[arg-type]
        for i, score, address in zip(ids, scores, addresses, strict=True)
    ]


def _highlighted(
    searcher: tantivy.Searcher,
    scored: tantivy.Query,
    parsed: ParsedQuery,
    hits: list[tuple[Hit, tantivy.DocAddress]],
) -> list[Hit]:
    maker = PassageMaker(searcher, scored, parsed)
    return [replace(hit, passages=maker.passages(searcher.doc(address))) for hit, address in hits]
