"""The metadata formats: `oai_dc` (simple Dublin Core; dates in W3CDTF) and `readingroom`, our
canonical record (the JSON Lines format of docs/formats.md, field for field, as XML, the date in
EDTF with its uncertainty)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from lxml import etree

from readingroom.catalogue.fields import simple_fields
from readingroom.catalogue.models import Document
from readingroom.interchange.export import document_record
from readingroom.protocols import citations, conf, describe

from .errors import CANNOT_DISSEMINATE_FORMAT, OAIError

INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
XSI = "http://www.w3.org/2001/XMLSchema-instance"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
RECORD_NS = "urn:readingroom:record:1"


@dataclass(frozen=True)
class MetadataFormat:
    prefix: str
    schema: str
    namespace: str
    write: Callable[[Document], etree._Element]


def oai_dc(document: Document) -> etree._Element:
    root = etree.Element(f"{{{OAI_DC}}}dc", nsmap={"oai_dc": OAI_DC, "dc": DC, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", f"{OAI_DC} http://www.openarchives.org/OAI/2.0/oai_dc.xsd")
    for name, value in dublin_core(document):
        etree.SubElement(root, f"{{{DC}}}{name}").text = clean(value)
    return root


def dublin_core(document: Document) -> list[tuple[str, str]]:
    """(element, value) pairs of simple Dublin Core, in the order they are written: the
    document's simple fields by the element the declaration gives them (catalogue/fields.py),
    the others from what they name."""
    pairs = declared(document, "title")
    pairs += [("creator", p.sort_name or p.name) for p in describe.authors(document)]
    pairs += [("contributor", p.sort_name or p.name) for p in describe.recipients(document)]
    pairs += [("contributor", name) for name in describe.translators(document)]
    pairs += [("subject", name) for name in describe.subject_names(document)]
    pairs += [("subject", p.name) for p in describe.discussed(document)]
    pairs += declared(document, "description")
    pairs += [("publisher", conf.archive_name())]
    pairs += [("date", value) for value in w3cdtf(document.date_edtf)]
    pairs += [("type", "Text"), *declared(document, "type")]
    pairs += [("identifier", conf.permanent_url(document.public_id))]
    pairs += declared(document, "language")
    source = ", ".join(filter(None, [describe.repository_name(document), document.citation]))
    pairs += [("source", source)] if source else []
    pairs += [("relation", title) for title in describe.collection_titles(document)]
    pairs += [("coverage", name) for name in describe.place_names(document)]
    pairs += declared(document, "rights")
    return pairs


def w3cdtf(edtf: str) -> list[str]:
    """`dc:date` values in W3CDTF, as harvesting guidelines expect, no more precise than the
    EDTF date: a day, month or year as it is (an uncertain or approximate one without its
    mark), a range as its two ends, a season as its year, a set or unspecified digits as the
    first and last years they span (the CSL parts of citations.date_parts; an
    interval open at one end as its known end). The EDTF itself, with
    its uncertainty, is in the `readingroom` format."""
    found = citations.date_parts(edtf) if edtf else None
    values = []
    for parts in found["date-parts"] if found else []:
        if parts and 0 <= parts[0] <= 9999:
            values.append("-".join([f"{parts[0]:04d}", *(f"{part:02d}" for part in parts[1:])]))
    return values


DUBLIN_CORE = [(f.dublin_core, f) for f in simple_fields("document") if f.dublin_core]


def declared(document: Document, element: str) -> list[tuple[str, str]]:
    """The element's pairs from the simple fields declared as it (a list gives one each)."""
    pairs = []
    for name, field in DUBLIN_CORE:
        if name == element:
            value = getattr(document, field.column or field.name)
            values = value if field.is_list else [value]
            pairs += [(element, str(item)) for item in values if item]
    return pairs


def readingroom(document: Document) -> etree._Element:
    root = etree.Element(f"{{{RECORD_NS}}}record", nsmap={None: RECORD_NS, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", f"{RECORD_NS} {conf.site_url()}/oai/readingroom.xsd")
    for name, value in document_record(document, public_only=True).items():
        _append(root, name, value)
    return root


def _append(parent: etree._Element, name: str, value: Any) -> None:
    element = etree.SubElement(parent, f"{{{RECORD_NS}}}{name}")
    if isinstance(value, list):
        for item in value:
            _append(element, "item", item)
    elif isinstance(value, dict):
        for key, inner in value.items():
            _append(element, key, inner)
    elif isinstance(value, bool):
        element.text = "true" if value else "false"
    elif value is not None:
        element.text = clean(str(value))


def clean(text: str) -> str:
    """Text without the characters XML 1.0 cannot hold."""
    return INVALID_XML.sub("", text)


def formats() -> list[MetadataFormat]:
    return [
        MetadataFormat("oai_dc", "http://www.openarchives.org/OAI/2.0/oai_dc.xsd", OAI_DC, oai_dc),
        MetadataFormat(
            "readingroom", f"{conf.site_url()}/oai/readingroom.xsd", RECORD_NS, readingroom
        ),
    ]


def get_format(prefix: str) -> MetadataFormat:
    for candidate in formats():
        if candidate.prefix == prefix:
            return candidate
    names = ", ".join(f.prefix for f in formats())
    raise OAIError(CANNOT_DISSEMINATE_FORMAT, f"no metadata format '{prefix}'; we have {names}")
