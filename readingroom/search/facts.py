"""What the index needs of one public document, as read from the database (documents.py);
each facet reads its values from it (facets.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .backend import IndexText


@dataclass
class DocumentFacts:
    """What the index needs of one public document; facets read their values from it."""

    pk: int
    public_id: int
    title: str
    summary: str
    doc_type: str
    languages: list[str]
    earliest: dt.date | None
    latest: dt.date | None
    repository_id: int | None  # public ids, here and below
    repository_names: tuple[str, ...]
    other_titles: tuple[str, ...] = ()  # of the other fields searched as the title
    texts: list[IndexText] = field(default_factory=list)
    person_ids: list[int] = field(default_factory=list)
    role_ids: dict[str, list[int]] = field(default_factory=dict)  # role -> people in it
    names: list[str] = field(default_factory=list)
    place_ids: list[int] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    subject_ids: list[int] = field(default_factory=list)
    subjects: list[str] = field(default_factory=list)
    collection_ids: list[int] = field(default_factory=list)
