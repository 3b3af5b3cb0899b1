"""What readers saw: the published versions of a document, numbered 1, 2, ... in the order
readers first saw them, and the corrections between them.

A version was seen by readers when, while it was the current version, the document was public:
published, or embargoed with a release day that came before the next version replaced it. A
later version that shows readers exactly what the previous public one did (say, withdrawn and
published again) is not a new public version. The numbering never changes once given: only the
latest version's period is still open, and time only ever releases it, never un-releases it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import CharField
from django.utils import timezone

from readingroom.catalogue.dates import display_edtf
from readingroom.catalogue.fields import simple_fields
from readingroom.catalogue.models import Document

from .history import versions_of
from .models import Version
from .snapshots import Snapshot, changed_fields, label, snapshot

# The publication workflow, not what readers read: changes here are not corrections.
WORKFLOW_FIELDS = ("status", "embargo_until", "withdrawn_reason")
# Short fields whose corrections show the old and the new value: the date, and the declared
# strings held in short columns (title, type, archival citation, classification...).
VALUE_FIELDS = (
    "date",
    *(
        f.name
        for f in simple_fields("document")
        if f.rule in ("text", "required_text")
        and f.name not in WORKFLOW_FIELDS
        and isinstance(Document._meta.get_field(f.name), CharField)
    ),
)


@dataclass(frozen=True)
class Correction:
    field: str
    label: str
    before: str = ""
    after: str = ""


@dataclass(frozen=True)
class PublicVersion:
    number: int
    snapshot: Snapshot
    released_on: dt.date
    corrections: tuple[Correction, ...] = ()
    notes: tuple[str, ...] = ()
    version: Version | None = None  # None: the document as it is, with no recorded history


@dataclass
class _Walk:
    today: dt.date
    found: list[PublicVersion] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def public_versions(document: Document, today: dt.date | None = None) -> list[PublicVersion]:
    """The versions of `document` readers have seen, oldest first (empty if none)."""
    walk = _Walk(today or timezone.localdate())
    versions = versions_of("document", document.public_id)
    for index, version in enumerate(versions):
        following = versions[index + 1] if index + 1 < len(versions) else None
        _visit(walk, version, following)
    if not walk.found and document.is_public:
        # Public, but no recorded version says so: made before history was kept, or changed
        # by code that bypassed it. Readers see it as it is now.
        released = document.published_at or document.updated_at
        walk.found.append(PublicVersion(1, snapshot(document), timezone.localdate(released)))
    return walk.found


def corrections(document: Document, today: dt.date | None = None) -> list[PublicVersion]:
    """Public versions after the first: each one corrected what readers had seen."""
    return public_versions(document, today)[1:]


def _visit(walk: _Walk, version: Version, following: Version | None) -> None:
    if version.note:
        walk.notes.append(version.note)
    until = timezone.localdate(following.created_at) if following else walk.today
    released_on = _released_on(version.snapshot, timezone.localdate(version.created_at), until)
    if released_on is None:
        return
    content = _reader_content(version.snapshot)
    previous = walk.found[-1] if walk.found else None
    if previous is not None and _reader_content(previous.snapshot) == content:
        walk.notes = []
        return
    fixes = _corrections(previous.snapshot, version.snapshot) if previous else ()
    walk.found.append(
        PublicVersion(
            number=len(walk.found) + 1,
            snapshot=version.snapshot,
            released_on=released_on,
            corrections=fixes,
            notes=tuple(walk.notes) if previous else (),
            version=version,
        )
    )
    walk.notes = []


def _released_on(snap: Snapshot, since: dt.date, until: dt.date) -> dt.date | None:
    """The day readers first saw this version, if they did before `until`."""
    status = snap.get("status")
    if status == "published":
        return since
    if status == "embargoed" and snap.get("embargo_until"):
        release = dt.date.fromisoformat(snap["embargo_until"])
        return max(since, release) if release <= until else None
    return None


def _reader_content(snap: Snapshot) -> dict[str, Any]:
    return {name: value for name, value in snap.items() if name not in WORKFLOW_FIELDS}


def _corrections(before: Snapshot, after: Snapshot) -> tuple[Correction, ...]:
    fixes = []
    for name in changed_fields(_reader_content(before), _reader_content(after)):
        if name in VALUE_FIELDS:
            fixes.append(Correction(name, label(name), _shown(name, before), _shown(name, after)))
        else:
            fixes.append(Correction(name, label(name)))
    return tuple(fixes)


def _shown(name: str, snap: Snapshot) -> str:
    value = snap.get(name) or ""
    if name == "date":
        return display_edtf("" if value == "undated" else str(value))
    return str(value)
