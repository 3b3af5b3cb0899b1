"""The multilingual relevance set (relevance.json): queries and the documents they must find,
named by their import keys, scored by recall@10 and mean reciprocal rank against the archive's
search backend. `readingroom relevance` prints the figures; the search tests hold the set to
them on the demo corpus."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from readingroom.catalogue.models import Document

from .backend import SearchQuery
from .service import search
from .widening import read

RELEVANCE_SET = Path(__file__).with_name("relevance.json")
DEPTH = 10


@dataclass(frozen=True)
class Judged:
    """One query of the set, run: where each document it must find came (None: not in the
    first DEPTH)."""

    query: str
    script: str
    ranks: tuple[int | None, ...]

    @property
    def recall(self) -> float:
        return sum(rank is not None for rank in self.ranks) / len(self.ranks)

    @property
    def reciprocal_rank(self) -> float:
        found = [rank for rank in self.ranks if rank is not None]
        return 1 / min(found) if found else 0.0


def load_set(path: Path = RELEVANCE_SET) -> list[dict[str, object]]:
    queries: list[dict[str, object]] = json.loads(path.read_text(encoding="utf-8"))["queries"]
    return queries


def judge(path: Path = RELEVANCE_SET) -> list[Judged]:
    """Runs every query of the set; a document the archive does not hold is an error."""
    queries = load_set(path)
    keys = {str(key) for entry in queries for key in entry["finds"]}  # type: ignore[attr-defined]
    ids = dict(Document.objects.filter(key__in=keys).values_list("key", "public_id"))
    missing = sorted(keys.difference(ids))
    if missing:
        raise LookupError(f"{path.name}: documents not in this archive: {', '.join(missing)}")
    judged = []
    for entry in queries:
        result = search(
            SearchQuery(
                words=read(str(entry["query"])),
                limit=DEPTH,
                facet_limit=0,
                histogram=False,
                highlight=False,
                suggest=False,
            )
        )
        ranked = [hit.public_id for hit in result.hits]
        ranks = tuple(
            ranked.index(ids[key]) + 1 if ids[key] in ranked else None
            for key in entry["finds"]  # type: ignore[attr-defined]
        )
        judged.append(Judged(str(entry["query"]), str(entry["script"]), ranks))
    return judged


def summary(judged: list[Judged]) -> tuple[float, float]:
    """(recall@10, MRR), averaged over the queries."""
    return (
        sum(j.recall for j in judged) / len(judged),
        sum(j.reciprocal_rank for j in judged) / len(judged),
    )
