"""Reading a document's links as names: what Dublin Core, citations, feeds and manifests show.

Expects the prefetches of `importers.export.documents_for_export`.
"""

from __future__ import annotations

import re

from readingroom.catalogue.models import Document, Person, Role

TRANSLATED_BY = re.compile(r"^\s*(?:translated|translation|translator)s?\s*(?:by|:)?\s+(.+)$", re.I)
NAME_LIST = re.compile(r"\s*(?:,\s*and\s+|\s+and\s+|,|;|&)\s*")


def people(document: Document, role: str) -> list[Person]:
    return [link.person for link in document.person_links.all() if link.role == role]


def authors(document: Document) -> list[Person]:
    return people(document, Role.AUTHOR)


def recipients(document: Document) -> list[Person]:
    return people(document, Role.RECIPIENT)


def discussed(document: Document) -> list[Person]:
    return people(document, Role.DISCUSSED)


def place_names(document: Document) -> list[str]:
    return sorted(p.name for p in document.places.all())


def subject_names(document: Document) -> list[str]:
    return sorted(s.name for s in document.subjects.all())


def collection_titles(document: Document) -> list[str]:
    return [m.collection.title for m in document.memberships.all()]


def repository_name(document: Document) -> str:
    return document.repository.name if document.repository else ""


def translators(document: Document) -> list[str]:
    """Names from credits such as "Translated by Jane Doe and Li Wei", in order, once each."""
    credits = [*document.credits, *(t.credit for t in document.texts.all())]
    names: list[str] = []
    for credit in credits:
        match = TRANSLATED_BY.match(str(credit))
        if match:
            names += [n.strip(" .") for n in NAME_LIST.split(match.group(1)) if n.strip(" .")]
    return list(dict.fromkeys(names))
