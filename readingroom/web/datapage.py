"""The "Data and APIs" page (/data-and-apis): every open way into the archive, each with
working examples built from this archive's own records (its first public document and person,
a word of that document's title), so that every example a reader copies answers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote_plus

from readingroom.catalogue.models import Document, Person
from readingroom.catalogue.visibility import public_records
from readingroom.protocols import bulk
from readingroom.protocols.iiif import page_images
from readingroom.protocols.oai.verbs import identifier

SCANS_LOOKED_AT = 200  # public documents looked through for one with scans


@dataclass(frozen=True)
class Example:
    label: str
    path: str


@dataclass(frozen=True)
class Way:
    name: str
    what: str
    examples: list[Example] = field(default_factory=list)


def bulk_files() -> dict[str, Any]:
    """What /data/ shows: the manifest of the bulk files, when it was built, and whether the
    archive has changed since."""
    manifest = bulk.manifest()
    built = dt.datetime.fromisoformat(manifest["built_at"]) if manifest else None
    return {"manifest": manifest, "built_at": built, "stale": bulk.is_stale()}


def ways_in() -> list[Way]:
    document = Document.objects.public().order_by("public_id").first()
    person = public_records(Person).order_by("public_id").first()
    ways = [bulk_data(), api(document, person), oai(document), feeds()]
    if document is not None:
        ways.append(citations(document))
    ways.extend(iiif())
    ways.append(Way("Sitemaps", "Every public page, for search engines.",
                    [Example("The sitemap", "/sitemap.xml")]))  # fmt: skip
    return ways


def bulk_data() -> Way:
    manifest = bulk.manifest()
    built = f"Built {manifest['built_at']}." if manifest else "Not built yet."
    what = "The whole public archive as files (JSON Lines, CSV, the scans) with checksums: "
    return Way("Bulk data", what + built, [Example("The files", "/data/")])


def api(document: Document | None, person: Person | None) -> Way:
    word = next((w for w in (document.title.split() if document else ()) if len(w) > 4), "")
    examples = [
        Example("The description (OpenAPI 3)", "/api/v1/openapi.json"),
        Example("Its documentation", "/api/v1/docs"),
        Example("A search", f"/api/v1/documents?q={quote_plus(word)}"),
    ]
    if document is not None:
        examples.append(Example("A document", f"/api/v1/documents/{document.public_id}"))
    if person is not None:
        examples.append(Example("A person", f"/api/v1/people/{person.public_id}"))
    what = "Search and read documents, people, places, subjects, repositories and collections."
    return Way("JSON API", what, examples)


def oai(document: Document | None) -> Way:
    examples = [
        Example("Identify", "/oai?verb=Identify"),
        Example("Its formats", "/oai?verb=ListMetadataFormats"),
        Example("Its sets (collections)", "/oai?verb=ListSets"),
    ]
    if document is not None:
        record = quote_plus(identifier(document.public_id))
        path = f"/oai?verb=GetRecord&metadataPrefix=oai_dc&identifier={record}"
        examples.append(Example("A record in Dublin Core", path))
    what = "For harvesting catalogues: Dublin Core and the archive's own format, in sets."
    return Way("OAI-PMH 2.0", what, examples)


def feeds() -> Way:
    examples = [
        Example("New and corrected documents", "/feeds/documents.atom"),
        Example("Corrections", "/feeds/corrections.atom"),
    ]
    return Way("Atom feeds", "Every search and collection has its own feed too.", examples)


def citations(document: Document) -> Way:
    base = f"/documents/{document.public_id}"
    examples = [
        Example("CSL-JSON (Zotero, Mendeley)", f"{base}/cite.json"),
        Example("BibTeX", f"{base}/cite.bib"),
        Example("RIS", f"{base}/cite.ris"),
    ]
    what = "Every document, and every list of results (below each list), as citation files."
    return Way("Citations", what, examples)


def iiif() -> list[Way]:
    looked_at = Document.objects.public().order_by("public_id")[:SCANS_LOOKED_AT]
    scanned = next((d for d in looked_at if page_images(d).exists()), None)
    if scanned is None:
        return []
    path = f"/iiif/documents/{scanned.public_id}/manifest.json"
    what = "Scans for IIIF viewers (Mirador, Universal Viewer) and image tools."
    return [Way("IIIF Presentation 3.0", what, [Example("A manifest", path)])]
