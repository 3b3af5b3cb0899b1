"""The document page: its texts as tabs (and side by side), its people by role, its scans,
citations, metadata for machines, related documents, and its neighbours in the search the
reader came from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from urllib.parse import urlencode

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils.safestring import SafeString

from readingroom.catalogue.fields import Fact, facts
from readingroom.catalogue.ids import read_public_id
from readingroom.catalogue.models import (
    Attachment,
    AttachmentKind,
    Collection,
    Document,
    DocumentPerson,
    DocumentText,
    Person,
    Role,
    TextKind,
)
from readingroom.catalogue.visibility import is_public_document, public_by_ids
from readingroom.search.facets import FACETS_BY_NAME, ROLES
from readingroom.search.languages import language_name
from readingroom.search.params import CURATED, SearchParams
from readingroom.search.reading import from_query_string

from . import metadata
from .authorities import FACET_OF, public_authority
from .citation import Citation, CitationSource, citation_source, citations
from .listing import Listing, fetch

ROLE_HEADINGS: dict[str, str] = {
    Role.AUTHOR: "From",
    Role.RECIPIENT: "To",
    Role.DISCUSSED: "People discussed",
}


@dataclass(frozen=True)
class TextPanel:
    anchor: str  # the section's id, and the tab's link target
    label: str  # "Translation (English)"
    text: DocumentText

    @property
    def language(self) -> str:
        return self.text.language


@dataclass(frozen=True)
class Scan:
    number: int  # from 1, in the document's order
    attachment: Attachment
    url: str
    download_url: str
    alt: str

    @property
    def is_image(self) -> bool:
        return self.attachment.kind == AttachmentKind.IMAGE


@dataclass(frozen=True)
class Neighbour:
    document: Document
    url: str


@dataclass(frozen=True)
class Neighbours:
    back_url: str
    position: int | None = None
    total: int | None = None
    previous: Neighbour | None = None
    next: Neighbour | None = None


@dataclass
class DocumentPage:
    document: Document
    texts: list[TextPanel]
    side_by_side: tuple[TextPanel, TextPanel] | None
    people: dict[str, list[Person]]
    roles: list[tuple[str, list[Person]]]  # (heading, people), in role order
    facts: list[Fact]  # the simple fields readers see as written (fields.py, `fact`)
    scans: list[Scan]
    related: list[Document]
    citations: list[Citation]
    source: CitationSource
    description: str
    highwire: list[tuple[str, str]]
    json_ld: SafeString
    neighbours: Neighbours | None
    permalink: str  # the address that outlives title changes: /documents/<id>


def public_document(public_id: int) -> Document:
    """The public document with everything its page shows, in a handful of queries."""
    return _with_page_parts(public_by_ids([public_id]), public_id)


def any_document(public_id: int) -> Document:
    """The document whatever its state (for staff's preview), as `public_document` reads it."""
    return _with_page_parts(Document.objects.filter(public_id=public_id), public_id)


def _with_page_parts(found: QuerySet[Document], public_id: int) -> Document:
    document = (
        found.select_related("repository")
        .prefetch_related(
            Prefetch("person_links", DocumentPerson.objects.select_related("person")),
            "texts",
            "places",
            "subjects",
            "memberships__collection",
            "attachments",
        )
        .first()
    )
    if document is None:
        raise Http404(f"No document {public_id}")
    return document


def document_page(
    document: Document,
    *,
    url: str,
    archive_name: str,
    absolute: Callable[[str], str],
    from_search: str | None,
    from_record: str | None = None,
) -> DocumentPage:
    """Everything the document template shows. `url` is its permanent (absolute) URL."""
    people = people_by_role(document)
    scans = scans_of(document)
    source = citation_source(document, url=url, archive_name=archive_name, accessed=dt.date.today())
    pdfs = [absolute(s.url) for s in scans if s.attachment.kind == AttachmentKind.PDF]
    panels = text_panels(document)
    return DocumentPage(
        document=document,
        texts=panels,
        side_by_side=side_by_side(panels),
        people=people,
        roles=[(ROLE_HEADINGS[role], people[role]) for role in Role if people.get(role)],
        facts=facts("document", partial(getattr, document)),
        scans=scans,
        related=related_documents(document),
        citations=citations(document, source.accessed),
        source=source,
        description=metadata.description(document),
        highwire=metadata.highwire_tags(document, source, pdfs),
        json_ld=metadata.json_ld(document, source, people, absolute),
        neighbours=neighbours(document, from_search, from_record)
        if from_search is not None
        else None,
        permalink=absolute(f"/documents/{document.public_id}"),
    )


def people_by_role(document: Document) -> dict[str, list[Person]]:
    found: dict[str, list[Person]] = {}
    for link in sorted(document.person_links.all(), key=lambda link: link.position):
        found.setdefault(link.role, []).append(link.person)
    return found


def text_panels(document: Document) -> list[TextPanel]:
    """One panel per text, translations first, each with a unique anchor."""
    order: dict[str, int] = {TextKind.TRANSLATION: 0, TextKind.TRANSCRIPT: 1, TextKind.ORIGINAL: 2}
    texts = sorted(document.texts.all(), key=lambda t: (order.get(t.kind, 3), t.position, t.id))
    panels, seen = [], set()
    for text in texts:
        anchor = f"{text.kind}-{text.language}".lower()
        if anchor in seen:
            anchor = f"{anchor}-{text.pk}"
        seen.add(anchor)
        label = f"{text.get_kind_display().capitalize()} ({language_name(text.language)})"
        panels.append(TextPanel(anchor, label, text))
    return panels


def side_by_side(panels: list[TextPanel]) -> tuple[TextPanel, TextPanel] | None:
    """The original (or a transcript) beside a translation, when the document has both."""
    translation = next((p for p in panels if p.text.kind == TextKind.TRANSLATION), None)
    source = next((p for p in panels if p.text.kind == TextKind.ORIGINAL), None) or next(
        (p for p in panels if p.text.kind == TextKind.TRANSCRIPT), None
    )
    return (source, translation) if source and translation else None


def scans_of(document: Document) -> list[Scan]:
    scans = []
    for number, attachment in enumerate(document.attachments.all(), start=1):
        url = f"/documents/{document.public_id}/scans/{number}"
        what = "PDF of the original" if attachment.kind == AttachmentKind.PDF else "Scan"
        alt = f"{what}: {attachment.label} of “{document.title}”"
        scans.append(Scan(number, attachment, url, f"{url}/download", alt))
    return scans


def scan(document: Document, number: int) -> Attachment:
    """The document's `number`th file (from 1); 404 if it has none such."""
    attachments = list(document.attachments.all())
    if not 1 <= number <= len(attachments):
        raise Http404(f"Document {document.public_id} has no scan {number}")
    return attachments[number - 1]


def related_documents(document: Document) -> list[Document]:
    """Public documents related to this one, in either direction."""
    links = Document.related.through.objects
    ids = {*links.filter(from_document=document).values_list("to_document_id", flat=True)}
    ids |= {*links.filter(to_document=document).values_list("from_document_id", flat=True)}
    ids.discard(document.pk)
    return sorted(
        Document.objects.filter(pk__in=ids).filter(is_public_document("pk")),
        key=lambda d: (d.date_earliest is None, d.date_earliest, d.date_latest, d.title),
    )


def back_to(params: SearchParams, from_record: str | None) -> str:
    """The canonical URL of the result list the reader came from: the record page it was on
    ("person:12" is Stalin's page, "author:12" its tab of what he wrote), when that page lists
    exactly this search; /search otherwise."""
    search = "/search" + (f"?{params.query_string()}" if params.query_string() else "")
    name, _, value = (from_record or "").partition(":")
    facet = FACETS_BY_NAME.get(name)
    public_id = read_public_id(value)
    if facet is None or facet.family not in FACET_OF or public_id is None:
        return search
    try:
        record = public_authority(facet.family, public_id)
    except Http404:
        return search
    default_sort = CURATED if isinstance(record, Collection) else ""
    scope = ((name, value),)
    parsed = from_query_string(params.query_string(), scope=scope, default_sort=default_sort)
    scoped = parsed.params
    if scoped.effective_sort != params.effective_sort:  # (dates, on a collection's page)
        scoped = scoped.with_sort(params.effective_sort).with_page(params.page)
    if scoped.unscoped().pairs() != params.pairs() or parsed.notices:
        return search  # the record page lists another search (or another record, merged)
    fixed = (("role", name),) if name in ROLES else ()
    return Listing(record.get_absolute_url(), scoped, fixed).here


def neighbours(document: Document, from_search: str, from_record: str | None = None) -> Neighbours:
    """Previous and next document in the search the reader came from (its canonical query
    string, with the page the document was listed on), and the way back to its list."""
    params = from_query_string(from_search).params
    back_url = back_to(params, from_record)
    offset = max(params.offset - 1, 0)
    result = fetch(params, offset=offset, limit=params.per_page + 2)
    ids = [hit.public_id for hit in result.hits]
    if document.public_id not in ids:
        return Neighbours(back_url)
    back = from_record and not back_url.startswith("/search")  # neighbours keep a good origin
    index = ids.index(document.public_id)
    wanted = {"previous": index - 1, "next": index + 1}
    found = {k: ids[i] for k, i in wanted.items() if 0 <= i < len(ids)}
    documents = {d.public_id: d for d in public_by_ids(found.values())}

    def link(key: str) -> Neighbour | None:
        public_id = found.get(key)
        if public_id not in documents:
            return None
        position = offset + wanted[key] + 1
        page = params.with_page((position - 1) // params.per_page + 1)
        query = urlencode(
            {"from_search": page.query_string(), **({"from_record": from_record} if back else {})}
        )
        neighbour = documents[public_id]  # type: ignore[index]
        return Neighbour(neighbour, f"{neighbour.get_absolute_url()}?{query}")

    return Neighbours(back_url, offset + index + 1, result.total, link("previous"), link("next"))
