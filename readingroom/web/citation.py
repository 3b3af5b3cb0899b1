"""Citing a document on its page. `citation_source` gathers the plain facts the page's machine
metadata (Highwire tags, JSON-LD) reads; the citations themselves (Chicago, MLA, APA, and the
BibTeX, RIS and CSL-JSON files) come from `readingroom.protocols.citations`, the one place that
builds and renders them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from readingroom.catalogue.models import Document, Role
from readingroom.protocols.citations import text_citations


@dataclass(frozen=True)
class CitationSource:
    """Everything a citation style may use, as plain text."""

    title: str
    date: str  # as displayed: "August 23, 1945", "1936", "n.d." when undated
    iso_date: str  # the EDTF value ("" when undated)
    authors: tuple[str, ...]
    recipients: tuple[str, ...]
    doc_type: str
    repository: str
    archival_citation: str  # "RGASPI, f. 558, op. 11, d. 98, ll. 0044"
    credits: tuple[str, ...]  # "Translated by ..." and other contributors
    archive_name: str  # who publishes it online
    url: str  # the permanent URL
    accessed: dt.date
    public_id: int


def citation_source(
    document: Document, *, url: str, archive_name: str, accessed: dt.date
) -> CitationSource:
    """The source for a document; expects person links and repository to be at hand."""
    links = list(document.person_links.all())
    date = document.date
    return CitationSource(
        title=document.title,
        date="n.d." if date.is_undated else date.display,
        iso_date=date.edtf,
        authors=tuple(link.person.name for link in links if link.role == Role.AUTHOR),
        recipients=tuple(link.person.name for link in links if link.role == Role.RECIPIENT),
        doc_type=document.doc_type,
        repository=document.repository.name if document.repository else "",
        archival_citation=document.citation,
        credits=tuple(c for c in document.credits if isinstance(c, str) and c.strip()),
        archive_name=archive_name,
        url=url,
        accessed=accessed,
        public_id=document.public_id,
    )


@dataclass(frozen=True)
class Citation:
    key: str
    label: str
    text: str


def citations(document: Document, accessed: dt.date) -> list[Citation]:
    """The document in every style, as plain text for the page's "Cite" block. The styles are
    built and rendered in one place, `readingroom.protocols.citations` (CSL-JSON through the
    Citation Style Language's Chicago, MLA and APA styles), like the citation files."""
    return [
        Citation(style.key, style.label, text) for style, text in text_citations(document, accessed)
    ]
