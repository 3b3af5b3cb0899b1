"""What a document page tells machines: the meta description, Highwire Press `citation_*` tags
(read by Zotero and Google Scholar) and schema.org JSON-LD."""

from __future__ import annotations

import json
from typing import Any

from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from readingroom.catalogue.models import Document, Person, Role

from .citation import CitationSource

JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def description(document: Document, limit: int = 200) -> str:
    """The meta description: the summary, shortened; else what kind of document it is."""
    if document.summary.strip():
        return Truncator(" ".join(document.summary.split())).chars(limit)
    kind = document.doc_type.replace("-", " ").capitalize() or "Document"
    return f"{kind}, {document.date.display}."


def highwire_date(edtf: str) -> str:
    """YYYY/MM/DD, YYYY/MM or YYYY as far as the date is known; "" otherwise."""
    core = edtf.split("/")[0].rstrip("~?%")
    parts = core.split("-")
    if not parts[0].isdigit() or len(parts[0]) != 4:
        return ""
    known = [parts[0]]
    for part in parts[1:3]:
        if not part.isdecimal() or (int(part) > 12 and len(known) == 1):
            break
        known.append(part)
    return "/".join(known)


def highwire_tags(
    document: Document, source: CitationSource, pdf_urls: list[str]
) -> list[tuple[str, str]]:
    """(name, content) pairs for <meta name=... content=...>."""
    tags = [("citation_title", source.title)]
    tags += [("citation_author", name) for name in source.authors]
    date = highwire_date(source.iso_date)
    if date:
        tags += [("citation_date", date), ("citation_publication_date", date)]
    tags += [
        ("citation_publisher", source.archive_name),
        ("citation_abstract_html_url", source.url),
    ]
    tags += [("citation_language", code) for code in document.languages]
    if source.archival_citation:
        tags.append(("citation_archive_id", source.archival_citation))
    tags += [("citation_pdf_url", url) for url in pdf_urls[:1]]
    return [(name, content) for name, content in tags if content]


def json_ld(
    document: Document, source: CitationSource, people: dict[str, list[Person]], absolute: Any
) -> SafeString:
    """schema.org JSON-LD for the document, safe inside <script type="application/ld+json">.

    `absolute(path)` makes a full URL of a path on this site.
    """
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ArchiveComponent",
        "@id": source.url,
        "url": source.url,
        "identifier": str(document.public_id),
        "name": document.title,
        "description": document.summary,
        "inLanguage": list(document.languages),
        "publisher": {"@type": "Organization", "name": source.archive_name},
    }
    if source.iso_date:
        data["temporalCoverage"] = source.iso_date
        if source.iso_date.replace("-", "").isdigit():  # a plain day, month or year
            data["dateCreated"] = source.iso_date
    data["author"] = [_agent(p, absolute) for p in people.get(Role.AUTHOR, [])]
    data["about"] = [_agent(p, absolute) for p in people.get(Role.DISCUSSED, [])]
    if document.repository:
        data["holdingArchive"] = {"@type": "ArchiveOrganization", "name": source.repository}
    if document.doc_type:
        data["genre"] = document.doc_type
    if document.rights:
        data["copyrightNotice"] = document.rights
    data["spatialCoverage"] = [
        {"@type": "Place", "name": p.name, "url": absolute(p.get_absolute_url())}
        for p in document.places.all()
    ]
    data["keywords"] = [s.name for s in document.subjects.all()]
    return dump_json_ld({k: v for k, v in data.items() if v not in ("", [], None)})


def _agent(person: Person, absolute: Any) -> dict[str, str]:
    kind = "Organization" if person.kind == "organization" else "Person"
    return {"@type": kind, "name": person.name, "url": absolute(person.get_absolute_url())}


def dump_json_ld(data: dict[str, Any]) -> SafeString:
    """JSON that cannot close its <script> element or open a comment."""
    text = json.dumps(data, ensure_ascii=False, indent=1).translate(JSON_ESCAPES)
    return mark_safe(text)  # <, > and & are escaped above, so nothing can end the script
