"""What the public pages of the editorial record show: a withdrawn document's tombstone, an
earlier published version of a document (citable at /documents/<id>/<slug>?version=N), and a
document's Corrections list."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from readingroom.catalogue.dates import display_edtf
from readingroom.catalogue.fields import ROLE_FIELDS, Fact, facts
from readingroom.catalogue.models import (
    Document,
    Person,
    Place,
    Repository,
    Status,
    Subject,
    TextKind,
)
from readingroom.catalogue.visibility import withdrawn_documents
from readingroom.editorial.models import Version
from readingroom.editorial.releases import PublicVersion, public_versions
from readingroom.protocols import citations
from readingroom.search.languages import language_name

from .documents import ROLE_HEADINGS


@dataclass(frozen=True)
class Tombstone:
    public_id: int
    title: str
    date: str
    reason: str
    withdrawn_on: dt.date | None


def tombstone(public_id: int) -> Tombstone | None:
    """The tombstone of a document withdrawn after readers saw it, or None (not withdrawn, or
    never public: then nothing is shown)."""
    document = withdrawn_documents().filter(public_id=public_id).first()
    if document is None:
        return None
    return Tombstone(
        public_id=document.public_id,
        title=document.title,
        date=document.date.display,
        reason=document.withdrawn_reason,
        withdrawn_on=_withdrawn_on(document),
    )


def _withdrawn_on(document: Document) -> dt.date | None:
    """The day of the change that withdrew it (the latest version that is not withdrawn is
    followed by the one that withdrew it)."""
    versions = Version.objects.filter(record_type="document", public_id=document.public_id)
    still = versions.exclude(snapshot__status=Status.WITHDRAWN).order_by("-number").first()
    after = versions.filter(number__gt=still.number) if still else versions
    first = after.order_by("number").first()
    moment = first.created_at if first else document.updated_at
    return timezone.localdate(moment)


@dataclass(frozen=True)
class VersionPage:
    document: Document
    version: PublicVersion
    latest: int
    title: str
    date: str
    summary: str
    texts: list[dict[str, str]]
    roles: list[tuple[str, list[str]]]
    facts: list[tuple[str, str]]  # places, subjects, repository, languages
    simple_facts: list[Fact]  # as written (fields.py, `fact`)

    @property
    def is_latest(self) -> bool:
        return self.version.number == self.latest


def version_page(document: Document, number: int) -> VersionPage | None:
    """An earlier (or the current) public version of a public document; None if none such."""
    versions = public_versions(document)
    if not 1 <= number <= len(versions):
        return None
    version = versions[number - 1]
    snap = version.snapshot
    return VersionPage(
        document=document,
        version=version,
        latest=len(versions),
        title=snap.get("title", ""),
        date=display_edtf("" if snap.get("date") == "undated" else snap.get("date", "")),
        summary=snap.get("summary", ""),
        texts=[_text(text) for text in snap.get("texts", [])],
        roles=_roles(snap),
        facts=_facts(snap),
        simple_facts=facts("document", snap.get),
    )


def _text(text: dict[str, str]) -> dict[str, str]:
    kind = TextKind(text["kind"]).label if text["kind"] in TextKind.values else text["kind"]
    label = f"{kind.capitalize()} ({language_name(text['language'])})"
    return {**text, "label": label}


def _names(model: Any, keys: list[str]) -> list[str]:
    found = dict(model.objects.filter(key__in=keys).values_list("key", "name"))
    return [found[key] for key in keys if key in found]


def _roles(snap: dict[str, Any]) -> list[tuple[str, list[str]]]:
    roles = []
    for field_name, role in ROLE_FIELDS.items():
        names = _names(Person, snap.get(field_name, []))
        if names:
            roles.append((ROLE_HEADINGS[role], names))
    return roles


def _facts(snap: dict[str, Any]) -> list[tuple[str, str]]:
    repository = _names(Repository, [snap["repository"]]) if snap.get("repository") else []
    facts = [
        ("Places", ", ".join(_names(Place, snap.get("places", [])))),
        ("Subjects", ", ".join(_names(Subject, snap.get("subjects", [])))),
        ("Original held by", repository[0] if repository else ""),
        ("Language of the original", ", ".join(map(language_name, snap.get("languages", [])))),
    ]
    return [(label, value) for label, value in facts if value]


@dataclass(frozen=True)
class CorrectionsList:
    current: int  # the number of the version on the page now
    corrections: list[PublicVersion]


def corrections_list(document: Document) -> CorrectionsList:
    versions = public_versions(document)
    return CorrectionsList(current=len(versions), corrections=list(reversed(versions[1:])))


def version_citations(page: VersionPage, url: str) -> list[tuple[str, str]]:
    """(style label, HTML-safe text): the version cited in every style the archive offers
    (readingroom/protocols/citations.py), each naming the version and its address."""
    snap = page.version.snapshot
    item = citations.csl_item(page.document, timezone.localdate(), shown=True)
    people = {p.key: p for p in Person.objects.filter(key__in=_keys(snap))}
    item.update(
        title=snap.get("title", ""),
        URL=url,
        version=str(page.version.number),  # every style names it: "version 2"
        author=[citations.csl_name(people[k]) for k in snap.get("authors", []) if k in people],
        recipient=[
            citations.csl_name(people[k]) for k in snap.get("recipients", []) if k in people
        ],
        archive_location=snap.get("citation", ""),
        abstract=snap.get("summary", ""),
    )
    date = "" if snap.get("date") == "undated" else snap.get("date", "")
    issued = citations.csl_date(date, shown=True)
    item.pop("issued", None)
    if issued:
        item["issued"] = issued
    item = {key: value for key, value in item.items() if value not in ("", [], None)}
    return [
        (style.label, citations.render(item, style.key, output="html"))
        for style in citations.STYLES
    ]


def _keys(snap: dict[str, Any]) -> list[str]:
    return [*snap.get("authors", []), *snap.get("recipients", [])]
