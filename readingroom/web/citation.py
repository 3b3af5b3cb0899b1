"""Citing a document. `citation_source` gathers what any style needs; each style is a function
of that source registered in STYLES, so MLA, APA or file formats (BibTeX, RIS, CSL-JSON) join
by adding a function and a line, and the document page shows whatever is registered.

Chicago (17th ed., notes and bibliography) cites an archival item by its title in quotation
marks, its date, where the original is held (archival citation), who translated it, the archive
that publishes it, the permanent URL and the day it was accessed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from readingroom.catalogue.models import Document, Role


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


@dataclass(frozen=True)
class CitationStyle:
    key: str
    label: str
    render: Callable[[CitationSource], str]


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


def _day(day: dt.date) -> str:
    return f"{day:%B} {day.day}, {day.year}"


def _holding(source: CitationSource) -> str:
    """Where the original is: the archival citation, which names its repository; else the
    repository's name."""
    return source.archival_citation or source.repository


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:1].isupper() and text[1:2].islower() else text


def chicago_note(source: CitationSource) -> str:
    """A first note: commas between the parts, one period at the end."""
    parts = [f"“{source.title},” {source.date}"]
    parts += [p for p in (_holding(source),) if p]
    parts += [_lower_first(c) for c in source.credits]
    parts += [source.archive_name, f"{source.url} (accessed {_day(source.accessed)})"]
    return ", ".join(parts) + "."


def _sentence(text: str) -> str:
    return text if text[-1:] in ".?!" else f"{text}."


def chicago_bibliography(source: CitationSource) -> str:
    """A bibliography entry: the same parts, as sentences."""
    parts = [f"“{_sentence(source.title)}”", source.date, _holding(source), *source.credits]
    parts += [source.archive_name, source.url, f"Accessed {_day(source.accessed)}"]
    return " ".join(part if part.startswith("“") else _sentence(part) for part in parts if part)


STYLES: tuple[CitationStyle, ...] = (
    CitationStyle("chicago-note", "Chicago (note)", chicago_note),
    CitationStyle("chicago-bibliography", "Chicago (bibliography)", chicago_bibliography),
)


@dataclass(frozen=True)
class Citation:
    key: str
    label: str
    text: str


def citations(source: CitationSource) -> list[Citation]:
    """The document in every registered style, for the page's "Cite" block."""
    return [Citation(style.key, style.label, style.render(source)) for style in STYLES]
