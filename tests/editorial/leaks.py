"""The leak suite's world and its public surfaces.

The world: two published documents and, beside them, a draft, a document in review, one under
embargo until a future day and one withdrawn after it was published. Each unreleased document
has its own nonsense words and its own people, places, subjects, collection and repository, and
shares some public people, places and a collection with the published ones (so counts and facets
have something to get wrong). A secret person (Quillfeather) is an author, a recipient and
discussed in unreleased documents only; a public one (Lamplight, SHARED_PEOPLE) has each role in
released and in unreleased documents, so role filters, facets and tabs can count wrongly too.

A surface is one public way to read the archive. `live(world, key)` is the surface showing
document `key` (or everything, for lists); `shows(world, key)` what that view must contain, so
a surface that disappears or stops showing anything fails loudly instead of passing silently.
`probes(world)` are the surface's addresses for the unreleased records themselves and for
searches by their words and facet values. To cover a new surface, add one entry to SURFACES.

A tally is one public count of a person's documents (in a role, or in any): TALLIES, read
against what the world's released records say (`released_counts`).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode

from PIL import Image

from readingroom.catalogue.fields import ROLE_FIELDS
from readingroom.catalogue.models import (
    Collection,
    Document,
    Person,
    Place,
    Repository,
    Subject,
)
from readingroom.search.facets import FACETS, SIDEBAR
from readingroom.web.people import ROLE_LABELS

PUBLISHED = ("p1", "p2")
UNRELEASED = ("d-draft", "d-review", "d-embargo", "d-withdrawn")
DELETED_IN_REFERENCE = ("d-draft", "d-review", "d-embargo")
# Authority records only unreleased documents name: none may have a public page or count.
SECRET_AUTHORITIES = {
    Person: ("quillfeather", "brightwaterling", "vossberg", "vexleyton"),
    Place: ("vorkutagrad", "embargoville"),
    Subject: ("nightjarella",),
    Collection: ("fennelwick",),
    Repository: ("grimsputter",),
}
# Words only unreleased records contain. (The withdrawn title may appear on its tombstone.)
SECRET_WORDS = (
    "zanzibarquux",
    "quixotrellis",
    "quillfeather",
    "vorkutagrad",
    "nightjarella",
    "fennelwick",
    "grimsputter",
    "quagmirefjord",
    "brightwaterling",
    "plumtreequist",
    "vossberg",
    "embargoville",
    "glimmerwraith",
    "vexleyton",
)
SECRET_PEOPLE = SECRET_AUTHORITIES[Person]
# Public people whom unreleased documents name too, in every role: whatever counts their
# documents (role filters, facets, person page tabs) counts the released ones only.
SHARED_PEOPLE = ("lamplight",)
# A person's documents in any role ("person") and in each role ("author", "recipient"...).
PERSON_FACETS = tuple(facet.name for facet in FACETS if facet.family == "person")
TOMBSTONE_WORDS = ("withdrawnwidget",)
NEAR_MISSES = ("zanzibarqux", "plumtreequst", "glimmerwrath", "quagmirefjorb", "vexleytom")
# Whose person page lists each document.
PERSON_OF = {"p1": "lamplight", "p2": "lamplight", "d-draft": "quillfeather",
             "d-review": "brightwaterling", "d-embargo": "vossberg", "d-withdrawn": "vexleyton"}  # fmt: skip
# The word each document's own views show (its title's first word).
TITLE_WORD = {
    "p1": "lighthouse",
    "p2": "breakwater",
    "d-draft": "zanzibarquux",
    "d-review": "quagmirefjord",
    "d-embargo": "plumtreequist",
    "d-withdrawn": "withdrawnwidget",
}


def records(today: dt.date) -> str:
    embargo = (today + dt.timedelta(days=30)).isoformat()
    lines = [
        '{"type":"repository","key":"coastal","name":"Coastal Archive"}',
        '{"type":"repository","key":"grimsputter","name":"Grimsputter Archive"}',
        '{"type":"person","key":"lamplight","name":"Harriet Lamplight"}',
        '{"type":"person","key":"quillfeather","name":"Xerxes Quillfeather"}',
        '{"type":"person","key":"brightwaterling","name":"Yolanda Brightwaterling"}',
        '{"type":"person","key":"vossberg","name":"Ermintrude Vossberg"}',
        '{"type":"person","key":"vexleyton","name":"Wilhelmina Vexleyton"}',
        '{"type":"place","key":"harbourtown","name":"Harbourtown"}',
        '{"type":"place","key":"vorkutagrad","name":"Vorkutagrad"}',
        '{"type":"place","key":"embargoville","name":"Embargoville"}',
        '{"type":"subject","key":"fisheries","name":"Fisheries"}',
        '{"type":"subject","key":"nightjarella","name":"Nightjarella operations"}',
        '{"type":"collection","key":"coast","title":"Coast Papers"}',
        '{"type":"collection","key":"fennelwick","title":"Sealed Fennelwick files"}',
        _document("p1", "Lighthouse keeper's log", "1945-08-23", "The lighthouse lamp failed.",
                  authors=["lamplight"], places=["harbourtown"], subjects=["fisheries"],
                  collections=["coast"], repository="coastal", related=["p2", "d-draft"],
                  scans=[{"file": "p1.png", "kind": "image", "label": "Page 1"}]),
        _document("p2", "Breakwater survey", "1950", "The breakwater held; the lighthouse too.",
                  recipients=["lamplight"], people=["lamplight"], places=["harbourtown"],
                  collections=["coast"], repository="coastal"),
        _document("d-draft", "Zanzibarquux memorandum", "1961-05-01",
                  "The zanzibarquux plan. quixotrellis", authors=["quillfeather"],
                  people=["lamplight"], places=["vorkutagrad", "harbourtown"],
                  subjects=["nightjarella", "fisheries"], collections=["coast", "fennelwick"],
                  repository="grimsputter", related=["p1"], languages=["sq"],
                  doc_type="intercept", status="draft",
                  scans=[{"file": "secret.png", "kind": "image", "label": "Page 1"}]),
        _document("d-review", "Quagmirefjord report", "1962", "quagmirefjord soundings",
                  authors=["lamplight"], recipients=["brightwaterling"], people=["quillfeather"],
                  collections=["coast"], status="review", repository="coastal"),
        _document("d-embargo", "Plumtreequist cable", "1963-03", "plumtreequist at dawn",
                  authors=["vossberg"], recipients=["lamplight"], places=["embargoville"],
                  collections=["coast"], status="embargoed", embargo_until=embargo,
                  repository="coastal",
                  scans=[{"file": "embargo.png", "kind": "image", "label": "Page 1"}]),
        _document("d-withdrawn", "Withdrawnwidget letter", "1964", "glimmerwraith lanterns",
                  authors=["vexleyton"], recipients=["quillfeather"], people=["lamplight"],
                  collections=["coast"], status="published", repository="coastal",
                  scans=[{"file": "withdrawn.png", "kind": "image", "label": "Page 1"}]),
    ]  # fmt: skip
    return "\n".join(lines) + "\n"


def _document(key: str, title: str, date: str, body: str, **fields: object) -> str:
    record = {"type": "document", "key": key, "title": title, "date": date, "status": "published"}
    record["texts"] = [{"language": "en", "body": body}]
    record.update(fields)
    return json.dumps(record)


def write_scans(directory: Path) -> None:
    for number, name in enumerate(("p1", "secret", "embargo", "withdrawn")):
        buffer = io.BytesIO()
        Image.new("RGB", (4 + number, 3), (number * 40, 80, 120)).save(buffer, "PNG")
        (directory / f"{name}.png").write_bytes(buffer.getvalue())


@dataclass
class World:
    """Public ids of the world's records, looked up once it is built."""

    documents: dict[str, int] = field(default_factory=dict)
    urls: dict[str, str] = field(default_factory=dict)  # key -> canonical page address
    authorities: dict[str, tuple[str, int]] = field(default_factory=dict)  # key -> (kind, id)
    scans: dict[str, list[str]] = field(default_factory=dict)  # document key -> media names
    images: dict[str, list[str]] = field(default_factory=dict)  # document key -> IIIF ids
    oai_host: str = "127.0.0.1"

    @classmethod
    def load(cls) -> World:
        world = cls()
        for document in Document.objects.prefetch_related("attachments"):
            world.documents[document.key] = document.public_id
            world.urls[document.key] = document.get_absolute_url()
            attachments = list(document.attachments.all())
            world.scans[document.key] = [a.file.name for a in attachments]
            world.images[document.key] = [f"{document.public_id}-{a.pk}" for a in attachments]
        kinds = {Person: "people", Place: "places", Subject: "subjects",
                 Repository: "repositories", Collection: "collections"}  # fmt: skip
        for model, kind in kinds.items():
            for record in model.objects.all():
                world.authorities[record.key] = (kind, record.public_id)
                world.urls[record.key] = record.get_absolute_url()
        return world

    def doc(self, key: str) -> int:
        return self.documents[key]

    def page(self, key: str) -> str:
        return self.urls[key]

    def facet(self, key: str) -> tuple[str, int]:
        kind, public_id = self.authorities[key]
        facet = {"people": "person", "places": "place", "subjects": "subject",
                 "repositories": "repository", "collections": "collection"}[kind]  # fmt: skip
        return facet, public_id

    def public_id(self, key: str) -> int:
        return self.authorities[key][1]

    def secret_authorities(self) -> list[tuple[str, int]]:
        return [self.authorities[k] for keys in SECRET_AUTHORITIES.values() for k in keys]

    def secret_pages(self) -> list[str]:
        """The short page addresses of the secret records: no public answer links to one."""
        return [f"/{kind}/{public_id}" for kind, public_id in self.secret_authorities()]

    def person_filters(self, keys: Iterable[str]) -> list[str]:
        """A filter on each person's documents in any role and in each role."""
        return [urlencode([(f, self.public_id(k))]) for k in keys for f in PERSON_FACETS]

    def secret_filters(self) -> list[str]:
        filters = [urlencode([self.facet(k)]) for keys in SECRET_AUTHORITIES.values() for k in keys]
        filters += self.person_filters(SECRET_PEOPLE)
        return [*dict.fromkeys(filters), "language=sq", "type=intercept", "from=1961&to=1964"]

    def shared_filters(self) -> list[str]:
        return self.person_filters(SHARED_PEOPLE)


def _oai(verb: str, **arguments: str) -> str:
    return "/oai?" + urlencode({"verb": verb, **arguments})


Urls = Callable[[World], list[str]]
View = Callable[[World, str], str]
Shows = Callable[[World, str], "str | None"]


def _title(world: World, key: str) -> str:
    return TITLE_WORD[key]


@dataclass(frozen=True)
class Surface:
    name: str
    live: View
    probes: Urls = lambda world: []
    shows: Shows = _title


def _per_document(path: str) -> tuple[View, Urls]:
    """A surface with one address per document: `path` with {id}."""

    def live(world: World, key: str) -> str:
        return path.format(id=world.doc(key))

    def probes(world: World) -> list[str]:
        return [path.format(id=world.doc(key)) for key in UNRELEASED]

    return live, probes


def _search_probes(base: str) -> Urls:
    def probes(world: World) -> list[str]:
        words = [f"{base}?q={quote(w)}" for w in (*SECRET_WORDS, *TOMBSTONE_WORDS, *NEAR_MISSES)]
        filters = [f"{base}?{f}" for f in (*world.secret_filters(), *world.shared_filters())]
        return [*words, *filters, f"{base}?q=lighthouse&sort=date", f"{base}?sort=-date"]

    return probes


def _scan_files(world: World) -> list[str]:
    return [f"/media/{name}" for key in UNRELEASED for name in world.scans.get(key, [])]


def _scan_pages(world: World) -> list[str]:
    pages = []
    for key in UNRELEASED:
        pages += [
            f"/documents/{world.doc(key)}/scans/1",
            f"/documents/{world.doc(key)}/scans/1/download",
        ]
    return pages


def _iiif_images(world: World) -> list[str]:
    ids = [i for key in UNRELEASED for i in world.images.get(key, [])]
    return [
        *(f"/iiif/images/{i}" for i in ids),
        *(f"/iiif/images/{i}/info.json" for i in ids),
        *(f"/iiif/images/{i}/full/max/0/default.png" for i in ids),
    ]


def _oai_probes(world: World) -> list[str]:
    ids = [f"oai:{world.oai_host}:{world.doc(key)}" for key in UNRELEASED]
    secret_set = f"collection:{world.authorities['fennelwick'][1]}"
    return [
        *(
            _oai("GetRecord", identifier=i, metadataPrefix=p)
            for i in ids
            for p in ("oai_dc", "readingroom")
        ),
        _oai("ListRecords", metadataPrefix="readingroom"),
        _oai("ListIdentifiers", metadataPrefix="oai_dc"),
        _oai("ListSets"),
        _oai("ListRecords", metadataPrefix="oai_dc", set=secret_set),
        _oai("ListRecords", metadataPrefix="oai_dc", **{"from": "1961-01-01"}),
        _oai("Identify"),
        "/oai/readingroom.xsd",
    ]


def _api_probes(world: World) -> list[str]:
    documents = [f"/api/v1/documents/{world.doc(key)}" for key in UNRELEASED]
    authorities = [f"/api/v1/{kind}/{public_id}" for kind, public_id in world.secret_authorities()]
    lists = [
        f"/api/v1/{kind}"
        for kind in ("people", "places", "subjects", "repositories", "collections")
    ]
    return [*documents, *authorities, *lists, *_search_probes("/api/v1/documents")(world)]


def _doc_page(world: World, key: str) -> str:
    return world.page(key)


def _origin(person: int, search: str = "person", record: str | None = "person") -> str:
    """A document page's query string saying it was reached from a search by `person` in the
    role `search` ("person": any), listed on their page (or its tab) `record`."""
    origin = {"from_search": f"{search}={person}" if search else ""}
    origin |= {"from_record": f"{record}:{person}"} if record else {}
    return urlencode(origin)


def _from_people(world: World, key: str) -> str:
    return f"{world.page(key)}?{_origin(world.public_id(PERSON_OF[key]))}"


def _origin_probes(world: World) -> list[str]:
    """Published documents as reached from a secret or shared person's searches and pages: in
    any role or one, from the page of that role, of the person, or of no record at all."""
    origins = [
        _origin(world.public_id(person), search, record)
        for person in (*SECRET_PEOPLE, *SHARED_PEOPLE)
        for facet in PERSON_FACETS
        for search, record in ((facet, facet), (facet, "person"), (facet, None), ("", facet))
    ]
    return [f"{world.page(key)}?{o}" for key in PUBLISHED for o in dict.fromkeys(origins)]


SURFACES: tuple[Surface, ...] = (
    Surface("home page", lambda w, k: "/", shows=lambda w, k: None),
    Surface("search results, counts, facets, histogram, suggestions, highlights",
            lambda w, k: f"/search?q={TITLE_WORD[k]}", _search_probes("/search")),
    Surface("all documents by date", lambda w, k: "/search",
            lambda w: ["/search?sort=date", "/search?per_page=100", "/search?sort=title"]),
    Surface("facet value lists", lambda w, k: f"/search/facets/person?q={TITLE_WORD[k]}",
            lambda w: [f"/search/facets/{name}{query}" for name in FACET_NAMES
                       for query in ("", "?q=zanzibarquux", "?from=1961&to=1964")]
            + [f"/search/facets/{name}?{f}" for name in PERSON_FACETS
               for f in (*w.secret_filters(), *w.shared_filters())],
            shows=lambda w, k: "Lamplight" if k in ("p1", "p2") else None),
    Surface("document pages, related documents, corrections", _doc_page,
            lambda w: [f"/documents/{w.doc(k)}{s}" for k in UNRELEASED for s in ("", "?version=1")]
            + [w.page(k) for k in UNRELEASED] + [w.page("p2") + "?version=1"]),
    Surface("previous and next", lambda w, k: f"{w.page(k)}?from_search=sort%3Ddate",
            lambda w: [f"{w.page(k)}?from_search={quote(q)}" for k in PUBLISHED
                       for q in ("sort=date", "q=lighthouse", "sort=-date")]),
    Surface("back to results on the person page a document was reached from", _from_people,
            _origin_probes, shows=lambda w, k: w.page(PERSON_OF[k])),
    Surface("person pages, role tabs, correspondents and counts",
            lambda w, k: w.page(PERSON_OF[k]),
            lambda w: w.secret_pages() + [f"{w.page(k)}?role={role}" for k in SHARED_PEOPLE
                                          for role in ROLE_LABELS]),
    Surface("index pages, A to Z, by letter and filtered", lambda w, k: "/people/",
            lambda w: [f"/{name}/" for name in INDEX_NAMES]
            + [f"/people/?q={quote(word)}" for word in SECRET_WORDS]
            + [f"/{name}/?letter={letter}" for name in INDEX_NAMES for letter in "BFGLZ"],
            shows=lambda w, k: w.page(PERSON_OF[k])),
    Surface("place, subject, repository and collection pages",
            lambda w, k: w.page("coast"),
            lambda w: [w.page(key) for key in ("harbourtown", "fisheries", "coastal")]),
    Surface("scans by their page address", lambda w, k: f"/documents/{w.doc(k)}/scans/1", _scan_pages,
            shows=lambda w, k: "IHDR"),
    Surface("scans straight from the media directory", lambda w, k: f"/documents/{w.doc(k)}/scans/1",
            _scan_files, shows=lambda w, k: "IHDR"),
    Surface("citation (BibTeX)", *_per_document("/documents/{id}/cite.bib")),
    Surface("citation (RIS)", *_per_document("/documents/{id}/cite.ris")),
    Surface("citation (CSL-JSON)", *_per_document("/documents/{id}/cite.json")),
    Surface("record PDFs", *_per_document("/documents/{id}/record.pdf")),
    Surface("IIIF manifests", *_per_document("/iiif/documents/{id}/manifest.json")),
    Surface("IIIF viewer pages", *_per_document("/iiif/documents/{id}/viewer"),
            shows=lambda w, k: "manifest.json"),
    Surface("IIIF images", lambda w, k: f"/iiif/images/{w.images[k][0]}/info.json", _iiif_images,
            shows=lambda w, k: w.images[k][0]),
    Surface("OAI-PMH", lambda w, k: _oai("GetRecord", identifier=f"oai:{w.oai_host}:{w.doc(k)}",
                                        metadataPrefix="oai_dc"), _oai_probes),
    Surface("OAI-PMH lists", lambda w, k: _oai("ListRecords", metadataPrefix="oai_dc"),
            lambda w: [_oai("ListIdentifiers", metadataPrefix="readingroom")]),
    Surface("JSON API", lambda w, k: f"/api/v1/documents/{w.doc(k)}", _api_probes),
    Surface("JSON API search", lambda w, k: f"/api/v1/documents?q={TITLE_WORD[k]}",
            lambda w: ["/api/v1/documents", "/api/v1/documents?sort=date", "/api/v1/",
                       "/api/v1/openapi.json", "/api/v1/docs"]),
    Surface("search help, data and APIs", lambda w, k: "/search/help",
            lambda w: ["/data-and-apis"], shows=lambda w, k: None),
    Surface("corrections list and feed", lambda w, k: "/corrections",
            lambda w: ["/feeds/corrections.atom"], shows=lambda w, k: None),
    Surface("Atom feed of new and corrected documents", lambda w, k: "/feeds/documents.atom",
            lambda w: [f"/feeds/collections/{w.authorities[c][1]}.atom" for c in ("coast", "fennelwick")]),
    Surface("Atom feeds of searches", lambda w, k: f"/feeds/search.atom?q={TITLE_WORD[k]}",
            _search_probes("/feeds/search.atom")),
    Surface("collection feeds", lambda w, k: f"/feeds/collections/{w.authorities['coast'][1]}.atom"),
    Surface("sitemaps", lambda w, k: "/sitemap.xml",
            lambda w: [f"/sitemap-{s}.xml" for s in SITEMAP_SECTIONS] + ["/robots.txt"],
            shows=lambda w, k: w.page(k)),
    Surface("search results export (CSV)", lambda w, k: f"/search/export.csv?q={TITLE_WORD[k]}",
            _search_probes("/search/export.csv")),
    Surface("search results export (JSON Lines)", lambda w, k: "/search/export.jsonl",
            _search_probes("/search/export.jsonl")),
    Surface("search results export (RIS, BibTeX)", lambda w, k: "/search/export.ris",
            lambda w: [f"/search/export.bib?{f}" for f in w.secret_filters()] + ["/search/export.bib"]),
    Surface("bulk data (JSON Lines)", lambda w, k: f"/data/{DUMP_JSONL}",
            lambda w: ["/data/", "/data/manifest.json"]),
    Surface("bulk data (CSV)", lambda w, k: f"/data/{DUMP_CSV}"),
    Surface("bulk data (scans)", lambda w, k: f"/data/{DUMP_SCANS}", shows=lambda w, k: "IHDR"),
)  # fmt: skip
FACET_NAMES = tuple(facet.name for facet in FACETS)
INDEX_NAMES = ("people", "organizations", "places", "subjects", "repositories", "collections")
SITEMAP_SECTIONS = ("pages", "documents", "people", "places", "subjects", "repositories",
                    "collections")  # fmt: skip
DUMP_JSONL, DUMP_CSV, DUMP_SCANS = (
    "readingroom.jsonl.gz", "readingroom-documents.csv", "readingroom-scans.tar"
)  # fmt: skip
# Surfaces that show an image rather than the title; they apply to documents with scans.
WITH_SCANS = ("p1", "d-draft", "d-embargo", "d-withdrawn")
SCAN_SURFACES = (
    "bulk data (scans)",
    "IIIF manifests",
    "scans by their page address",
    "scans straight from the media directory",
    "IIIF images",
    "IIIF viewer pages",
)


def applies(surface: Surface, key: str) -> bool:
    return surface.name not in SCAN_SURFACES or key in WITH_SCANS


def released_counts() -> Counter[tuple[str, str]]:
    """(person key, person facet) -> how many released documents name the person in that role
    ("person": in any), read from the world's records rather than from the archive."""
    named: dict[tuple[str, str], set[str]] = {}
    for line in records(dt.date.today()).splitlines():
        record = json.loads(line)
        if record["type"] != "document" or record["key"] not in PUBLISHED:
            continue
        for field_name, role in ROLE_FIELDS.items():
            for person in record.get(field_name, []):
                for facet in ("person", str(role)):
                    named.setdefault((person, facet), set()).add(record["key"])
    return Counter({pair: len(keys) for pair, keys in named.items()})


Count = Callable[[str, int, str], int]  # (answer, person's public id, person facet) -> count
Address = Callable[[World, str, str], str]  # (world, person key, person facet) -> URL


@dataclass(frozen=True)
class Tally:
    """One public count of a person's documents in a role (or in any): where it is shown and
    how to read it there (0 where it is not shown: a person no released document names in
    the role has no facet value or tab)."""

    name: str
    url: Address
    read: Count
    facets: tuple[str, ...] = PERSON_FACETS
    people: tuple[str, ...] = (*SECRET_PEOPLE, *SHARED_PEOPLE)


def _number(pattern: str, answer: str) -> int:
    found = re.search(pattern, answer)
    return int(found.group(1).replace(",", "")) if found else 0


def _results(answer: str, person: int, facet: str) -> int:
    return _number(r'class="count-line">(?:[^<]* of )?([\d,]+)<', answer)


def _facet_value(answer: str, person: int, facet: str) -> int:
    """The count beside the facet value that filters on the person in the role."""
    link = rf'href="[^"]*\b{facet}={person}(?:&amp;[^"]*)?">'
    return _number(link + r'<span class="facet-label">[^<]*</span> <span class="count">([\d,]+)<',
                   answer)  # fmt: skip


def _role_tab(answer: str, person: int, facet: str) -> int:
    label = {"person": "All documents", **ROLE_LABELS}[facet]
    return _number(rf">{label} \(([\d,]+)\)</a>", answer)


def _api_results(answer: str, person: int, facet: str) -> int:
    return int(json.loads(answer)["count"])


def _api_facet_value(answer: str, person: int, facet: str) -> int:
    values = json.loads(answer)["facets"].get(facet, [])
    return next((int(v["count"]) for v in values if v["value"] == str(person)), 0)


TALLIES: tuple[Tally, ...] = (
    Tally("search results", lambda w, k, f: f"/search?{f}={w.public_id(k)}", _results),
    Tally("search facets", lambda w, k, f: "/search", _facet_value,
          tuple(f for f in PERSON_FACETS if f in SIDEBAR)),
    Tally("facet value pages", lambda w, k, f: f"/search/facets/{f}", _facet_value),
    Tally("person page role tabs", lambda w, k, f: w.page(k), _role_tab,
          people=SHARED_PEOPLE),  # (a secret person has no page)
    Tally("JSON API documents", lambda w, k, f: f"/api/v1/documents?{f}={w.public_id(k)}",
          _api_results),
    Tally("JSON API facets", lambda w, k, f: "/api/v1/documents", _api_facet_value),
)  # fmt: skip


def tallied() -> list[tuple[Tally, str, str]]:
    """(tally, person key, person facet): each count of the secret and the shared people."""
    return [(t, key, facet) for t in TALLIES for key in t.people for facet in t.facets]
