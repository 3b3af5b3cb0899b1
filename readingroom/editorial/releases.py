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
from pathlib import PurePath
from typing import Any

from django.db.models import CharField, Max
from django.utils import timezone

from readingroom.catalogue.dates import display_edtf
from readingroom.catalogue.fields import simple_fields
from readingroom.catalogue.models import Document
from readingroom.catalogue.visibility import public_by_ids

from .history import versions_of
from .models import Source, Version
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

    @property
    def summary(self) -> str:
        """What it corrected, as the corrections lists say it: "corrected the title (from “A”
        to “B”) and the texts"."""
        fixes = [
            f"the {fix.label}"
            + (f" (from “{fix.before}” to “{fix.after}”)" if fix.before or fix.after else "")
            for fix in self.corrections
        ]
        if len(fixes) > 1:
            fixes = [", ".join(fixes[:-1]), fixes[-1]]
        return " ".join(["corrected", " and ".join(fixes)]).strip()

    @property
    def version_id(self) -> int:
        return self.version.pk if self.version is not None else 0


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


@dataclass(frozen=True)
class ArchiveCorrection:
    """One correction of one public document, for the archive-wide list and feed."""

    document: Document
    version: PublicVersion


def recent_corrections(limit: int = 50, scanned: int = 2000) -> list[ArchiveCorrection]:
    """The archive's latest corrections of public documents, newest first: read from the
    documents whose history changed last (at most `scanned` of them), each walked as its own
    corrections list is."""
    changed = (
        Version.objects.filter(record_type="document", number__gt=1)
        .values("public_id")
        .annotate(latest=Max("created_at"))
        .order_by("-latest")
    )
    found: list[ArchiveCorrection] = []
    ids = [row["public_id"] for row in changed[:scanned]]
    for start in range(0, len(ids), 100):
        chunk = ids[start : start + 100]
        documents = {d.public_id: d for d in public_by_ids(chunk)}
        for public_id in chunk:
            if public_id in documents:
                document = documents[public_id]
                found += [ArchiveCorrection(document, v) for v in corrections(document)]
        if len(found) >= limit:
            break
    found.sort(key=lambda c: (c.version.released_on, c.version.version_id), reverse=True)
    return found[:limit]


def _visit(walk: _Walk, version: Version, following: Version | None) -> None:
    if note := _public_note(version):
        walk.notes.append(note)
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


def _public_note(version: Version) -> str:
    """Why the version was made, as readers see it: the editor's note; for an import that gave
    none, the file it came from (its name, not where it lay)."""
    changeset = version.changeset
    if version.note or changeset is None or changeset.source != Source.IMPORT:
        return version.note
    name = PurePath(changeset.origin).name
    return f"Updated from the source file {name}." if name else "Updated from the source."


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
