"""FRUS volumes (TEI P5, `.xml` or `.xml.gz`) as canonical records (docs/formats.md, "TEI").

Foreign Relations of the United States is the Office of the Historian's edition of U.S.
diplomatic documents. Each `div[@type='document']` becomes a document keyed by volume and
xml:id ("frus1934v04-d12"), so re-importing a volume updates the same records. The volume
becomes a collection in the volume's order; the edition's list of persons becomes person
records; datelines give places, shared between volumes by name; the volume's index, where it
has one, gives subjects (tei_index).

Authority records the archive already has (a place another volume created, a person an editor
has curated) are referred to, never rewritten: an import of an edition must not undo an
editor's work on the records it shares with the rest of the archive.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils.text import slugify
from lxml import etree

from readingroom.catalogue.dates import InvalidDate, edtf_bounds, from_bounds
from readingroom.catalogue.models import (
    Collection,
    Person,
    Place,
    PlaceVariant,
    Repository,
    Subject,
)
from readingroom.interchange.canonical import Record, normalize
from readingroom.interchange.files import open_binary
from readingroom.interchange.problems import ImportFailed, ImportProblem, Location

from .doctypes import DOCUMENT, guess_doc_type, guess_from_form
from .tei_index import IndexSubject, subjects_of_documents
from .tei_text import FRUS, TEI, document_text, is_source_note, local_name, plain

NAME = "tei"
ATTACHMENT = f"{FRUS}attachment"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
RIGHTS = "Public domain (U.S. government work)"
TEXT_CREDIT = "Text of the Office of the Historian's TEI edition (history.state.gov)"
NARA = {
    "type": "repository",
    "key": "nara",
    "name": "National Archives and Records Administration",
    "short_name": "NARA",
    "location": "College Park, Maryland",
    "url": "https://www.archives.gov/",
    "description": "Holds the Department of State's central files (Record Group 59) and the "
    "records of the American Commission to Negotiate Peace (Record Group 256) that FRUS cites.",
}
# Source notes that cite the Department's files ("711.94/1234: Telegram", "File No. 763.72/4480",
# "Paris Peace Conf. 184/68"): their originals are at NARA.
FILE_NUMBER = re.compile(r"^(File No\.\s*)?(\d{3}[.\s/]|Paris Peace Conf\.)")
# An institution in a dateline ("Legation of the United States, Brussels") is not the place.
INSTITUTION = re.compile(
    r"\b(legation|embassy|consulate|consular|department|office|ministry|headquarters|"
    r"commission(er)?|cabinet|mansion|ship|agency|bureau|delegation|mission|government|"
    r"palace|executive|chancery|foreign affairs)\b",
    re.IGNORECASE,
)
DEPARTMENT = re.compile(r"^The (?:Acting )?Secretary of State to\b")  # sent from the Department
NUMBERED_HEADING = re.compile(r"^(\[\d+\]\s*)?\*?((No\.\s*)?\d+\.)?[\s—–-]*(?=\S)")
UNTITLED = "[Untitled]"
SMALL_WORDS = frozenset(
    ["a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"]
)
ABBREVIATION = re.compile(r"(\b[A-Z]|\bMr|\bMrs|\bDr|\bJr|\bSr|\bSt|\bCo|\bNo)\.$")


# A peer's title before the personal name in brackets: "Reading, Earl of (Rufus Daniel Isaacs)".
PEERAGE = re.compile(
    r"^(Earl|Viscount|Marquess|Marquis|Baron|Baroness|Duke|Duchess|Count|Countess|Prince|"
    r"Lord|Lady)( of)?$"
)
BRACKETED = re.compile(r"\s*\(([^()]+)\)\s*")


@dataclass
class PersonEntry:
    """One entry of the volume's list of persons: "Baker, Newton D., Secretary of War."; the
    given part may hold a name in brackets: a peer's own name ("Reading, Earl of (Rufus Daniel
    Isaacs)"), another name ("Lenin, N. (Vladimir Ulyanov)", "Trotsky, L. D. (Bronstein)") or a
    later rank ("Maynard, Brig. Gen. (later Maj. Gen.) Charles C. M.")."""

    written: str  # as the list writes it
    biography: str

    def _parts(self) -> tuple[str, str, str]:
        """(surname, given names without the brackets, what the brackets hold)."""
        surname, comma, given = self.written.partition(", ")
        if not comma or "," in given:
            return self.written, "", ""
        bracket = BRACKETED.search(given)
        if bracket is None:
            return surname, given, ""
        plain_given = " ".join(BRACKETED.sub(" ", given).split())
        return surname, plain_given, bracket.group(1).strip()

    @property
    def name(self) -> str:
        surname, given, bracketed = self._parts()
        if not given:
            return surname
        if bracketed and PEERAGE.match(given):
            return f"{bracketed}, {given} {surname}"
        return f"{given} {surname}"

    @property
    def sort_name(self) -> str:
        surname, given, _ = self._parts()
        return f"{surname}, {given}" if given else surname

    @property
    def about(self) -> str:
        """The biography, after a later rank the brackets give ("Later Maj. Gen.")."""
        _, _, bracketed = self._parts()
        if bracketed.startswith(("later ", "afterwards ")):
            note = f"{bracketed[0].upper()}{bracketed[1:]}".rstrip(".")
            return f"{note}. {self.biography}".strip()
        return self.biography

    @property
    def variants(self) -> list[dict[str, str]]:
        """Another name the brackets give (not a peer's own name, nor a later rank)."""
        _, given, bracketed = self._parts()
        later_rank = bracketed.startswith(("later ", "afterwards "))
        if not bracketed or PEERAGE.match(given) or later_rank:
            return []
        other = bracketed if " " in bracketed else f"{given} {bracketed}".strip()
        return [{"name": other, "kind": "alternate"}]


@dataclass
class Volume:
    id: str
    title: str
    description: str
    persons: dict[str, PersonEntry]
    path: Path

    def key(self, xml_id: str) -> str:
        return f"{self.id}-{xml_id}"


@dataclass
class Authorities:
    """Authority records the volume's documents name, gathered while reading them."""

    places: dict[str, str] = field(default_factory=dict)  # key -> name
    people: set[str] = field(default_factory=set)  # person ids of the volume
    subjects: dict[str, str] = field(default_factory=dict)  # key -> name, from the index
    repository: bool = False


def read(path: Path, default_status: str) -> list[Record]:
    root = parse(path)
    volume = read_volume(root, path)
    divs = documents(root)
    if not divs:
        raise ImportFailed(
            [ImportProblem(Location(str(path)), "no documents: no div with type='document'")]
        )
    places = PlaceNames.from_archive(divs)
    authorities = Authorities()
    person_names = [person.sort_name for person in volume.persons.values()]
    indexed = subjects_of_documents(root, divs, person_names)
    records = []
    for number, div in enumerate(divs, start=1):
        raw = document_record(div, number, volume, places, authorities)
        raw["subjects"] = index_subjects(indexed.get(id(div), []), authorities)
        location = Location(str(path), div.sourceline, raw["key"])
        records.append(normalize(raw, location, default_status))
    order = [record.key for record in records]
    authority_records = new_authorities(volume, authorities, order)
    return [
        normalize(raw, Location(str(path), None, raw["key"]), default_status)
        for raw in authority_records
    ] + records


def index_subjects(subjects: list[IndexSubject], authorities: Authorities) -> list[str]:
    for subject in subjects:
        authorities.subjects.setdefault(subject.key, subject.name)
    return [subject.key for subject in subjects]


# The file ------------------------------------------------------------------------------------


def parse(path: Path) -> etree._Element:
    """The TEI root of the file, or ImportFailed saying why the file is not a TEI volume."""
    where = Location(str(path))
    with open_binary(path) as stream:
        data = stream.read()
    if not data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        raise ImportFailed([ImportProblem(where, "not an XML file, so not a TEI volume")])
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, remove_comments=True, remove_pis=True
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as error:
        line = error.lineno if error.lineno else None
        message = f"not well-formed XML, so not a TEI volume: {error.msg}"
        raise ImportFailed([ImportProblem(Location(str(path), line), message)]) from error
    if root.tag != f"{TEI}TEI":
        raise ImportFailed(
            [
                ImportProblem(
                    where,
                    f"not a TEI volume: the root element is <{etree.QName(root).localname}>, "
                    "expected <TEI> in the TEI namespace (http://www.tei-c.org/ns/1.0)",
                )
            ]
        )
    return root


def read_volume(root: etree._Element, path: Path) -> Volume:
    volume_id = root.get(XML_ID) or _text(root.find(f".//{TEI}idno[@type='frus']"))
    volume_id = volume_id or path.name.split(".")[0]
    title_statement = root.find(f"{TEI}teiHeader/{TEI}fileDesc/{TEI}titleStmt")
    title = ""
    if title_statement is not None:
        title = _text(title_statement.find(f"{TEI}title[@type='complete']"))
        title = title or _text(title_statement.find(f"{TEI}title"))
    publication = root.find(f"{TEI}teiHeader/{TEI}fileDesc/{TEI}publicationStmt")
    description = ""
    if publication is not None:
        parts = [_text(publication.find(f"{TEI}{name}")) for name in ("publisher", "pubPlace")]
        year = _text(publication.find(f"{TEI}date"))
        imprint = ", ".join(part for part in [*parts, year] if part)
        description = f"Published by {imprint}." if imprint else ""
    return Volume(volume_id, title or volume_id, description, list_of_persons(root), path)


def list_of_persons(root: etree._Element) -> dict[str, PersonEntry]:
    """The front matter's persons (`persName` with an xml:id), by id."""
    persons: dict[str, PersonEntry] = {}
    front = root.find(f"{TEI}text/{TEI}front")
    if front is None:
        return persons
    for entry in front.iter(f"{TEI}persName"):
        person_id = entry.get(XML_ID)
        sort_name = without_final_stop(plain(entry).strip(" ,;"))
        if not person_id or not sort_name:
            continue
        item = entry.getparent()
        biography = ""
        if item is not None and local_name(item) == "item":
            biography = plain(item)[len(plain(entry)) :].strip(" ,;.")
            biography = f"{biography}." if biography else ""
        persons[person_id] = PersonEntry(sort_name, biography)
    return persons


def documents(root: etree._Element) -> list[etree._Element]:
    """Document divs, outermost only: an unnumbered document inside one is its enclosure."""
    found = []
    for div in root.iter(f"{TEI}div"):
        if div.get("type") != "document":
            continue
        if any(_is_document(a) for a in div.iterancestors(f"{TEI}div")):
            continue
        found.append(div)
    return found


def _is_document(element: etree._Element) -> bool:
    return element.tag == f"{TEI}div" and element.get("type") == "document"


def _text(element: etree._Element | None) -> str:
    return plain(element) if element is not None else ""


def own(div: etree._Element, name: str) -> list[etree._Element]:
    """`name` elements of the document itself, not of its enclosures (attachments)."""
    found = []
    for element in div.iter(f"{TEI}{name}"):
        parent = element.getparent()
        while parent is not None and parent is not div:
            if parent.tag == ATTACHMENT or _is_document(parent):
                break
            parent = parent.getparent()
        else:
            found.append(element)
    return found


# One document ---------------------------------------------------------------------------------


def document_record(
    div: etree._Element,
    number: int,
    volume: Volume,
    places: PlaceNames,
    authorities: Authorities,
) -> dict[str, Any]:
    xml_id = div.get(XML_ID) or f"doc{number}"
    title = heading(div)
    source = next((plain(n) for n in div if is_source_note(n)), "")
    edtf, date_text = document_date(div)
    if edtf == "undated" and not date_text:
        edtf, date_text = title_date(title) or (edtf, date_text)
    people = linked_people(div, volume)
    for keys in people.values():
        authorities.people.update(keys)
    repository = "nara" if FILE_NUMBER.match(source) else ""
    authorities.repository |= bool(repository)
    return {
        "type": "document",
        "key": volume.key(xml_id),
        "title": title,
        "date": edtf,
        "date_text": date_text,
        "doc_type": document_type(div, title, source),
        **{role: [volume.key(p) for p in ids] for role, ids in people.items()},
        "places": dateline_places(div, places, authorities),
        "collections": [volume.id],
        "repository": repository,
        "citation": source,
        "languages": ["en"],
        "texts": [
            {"kind": "original", "language": "en", "body": body_text(div, title), "credit": ""}
        ],
        "credits": [TEXT_CREDIT],
        "rights": RIGHTS,
    }


def heading(div: etree._Element) -> str:
    """The title: the document's head without notes, numbering ("No. 12.") and final stop.

    Headings the edition set in capitals or small capitals come out in one case; they are
    given title case so that lists of titles read evenly.
    """
    head = div.find(f"{TEI}head")
    title = without_final_stop(NUMBERED_HEADING.sub("", _text(head)).strip())
    if title.isupper() or title.islower():
        title = title_case(title)
    return title or UNTITLED


def without_final_stop(text: str) -> str:
    """ "Mr. Adams to Mr. Seward." without its stop; "Baker, Newton D." keeps its initial's."""
    if text.endswith(".") and not ABBREVIATION.search(text):
        return text[:-1].rstrip()
    return text


def title_case(text: str) -> str:
    words = text.lower().split(" ")
    return " ".join(
        word if number and word in SMALL_WORDS else _capitalize(word)
        for number, word in enumerate(words)
    )


def _capitalize(word: str) -> str:
    for index, character in enumerate(word):
        if character.isalpha():
            return word[:index] + character.upper() + word[index + 1 :]
    return word


def document_type(div: etree._Element, title: str, source: str) -> str:
    """The type the heading or the source note names, else the one the form shows."""
    named = guess_doc_type(title, type_words(source))
    return named if named != DOCUMENT else form_type(div, title)


def form_type(div: etree._Element, title: str) -> str:
    """The type the document's form shows (doctypes.guess_from_form): its dateline, and how
    its text opens after it."""
    dateline = " ".join(" ".join(plain(line).split()) for line in own(div, "dateline"))
    body = " ".join(body_text(div, title)[:1000].split())
    opening = body.split(dateline, 1)[-1] if dateline and dateline in body[:500] else body
    from_the_department = "Department of State" in dateline or bool(DEPARTMENT.match(title))
    return guess_from_form(dateline, opening.strip(), from_the_department)


def type_words(source: str) -> str:
    """The part of a source note that names the document's type: "...: Telegram", "[Telegram.]".

    The rest of a note is a file number, whose subject words ("Commercial Agreement/48") say
    what the file is about, not what the document is.
    """
    if ":" in source:
        return source.rpartition(":")[2]
    return source if source.startswith("[") else ""


def body_text(div: etree._Element, title: str) -> str:
    """The reading text; a document with no text of its own (rare) reads as its title."""
    return document_text(div) or title


def document_date(div: etree._Element) -> tuple[str, str]:
    """(EDTF, date as written). FRUS's own bounds first, then the dateline's date element."""
    date = next((d for line in own(div, "dateline") for d in line.iter(f"{TEI}date")), None)
    written = plain(date) if date is not None else ""
    lowest, highest = div.get(f"{FRUS}doc-dateTime-min"), div.get(f"{FRUS}doc-dateTime-max")
    candidates = [(lowest, highest or lowest)]
    if date is not None:
        candidates.append((date.get("when"), date.get("when")))
        candidates.append((date.get("notBefore") or date.get("from"), date.get("notAfter")))
        candidates.append((date.get("from"), date.get("to")))
    for start, end in candidates:
        edtf = bounded(start, end)
        if edtf:
            return edtf, written
    return "undated", written


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip
TITLE_DATE = re.compile(
    rf"(?P<circa>\bcirca\s+)?\b(?P<month>{'|'.join(MONTHS)})\s+(?P<day>\d{{1,2}}),\s+"
    r"(?P<year>\d{4})[.\s]*$",
    re.IGNORECASE,
)


def title_date(title: str) -> tuple[str, str] | None:
    """(EDTF, as written) of a day that ends a heading with no dateline date ("Memorandum
    Handed by the Ambassador, Circa December 18, 1934"; "Press Release Issued by the Department
    of State, April 11, 1934"): as precise as written, "circa" kept as approximate (`~`)."""
    found = TITLE_DATE.search(title)
    if found is None:
        return None
    month = next(n for n, name in enumerate(MONTHS, 1) if name.lower() == found["month"].lower())
    day = f"{found['year']}-{month:02d}-{int(found['day']):02d}"
    edtf = bounded(day, day)  # (a day that does not exist is read as its month)
    if not edtf:
        return None
    written = found.group(0).strip().rstrip(".")
    return (f"{edtf}~" if found["circa"] else edtf), written


def bounded(start: str | None, end: str | None) -> str:
    """The least precise EDTF covering start..end (ISO dates or date-times), or "" if unusable.

    A day that does not exist ("1861-02-30") is read as its month, never invented.
    """
    if not start or not end:
        return ""
    try:
        earliest = _bound(start[:10], 0)
        latest = _bound(end[:10], 1)
        return from_bounds(earliest, latest).edtf if earliest and latest else ""
    except InvalidDate:
        return ""


def _bound(value: str, end: int) -> dt.date | None:
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        return None  # e.g. "--11-14": a day without a year
    while value:
        try:
            return edtf_bounds(value)[end]
        except InvalidDate:
            value = value.rpartition("-")[0]
    return None


def linked_people(div: etree._Element, volume: Volume) -> dict[str, list[str]]:
    """Authors, recipients and people named, as ids in the volume's list of persons.

    The heading's "from" and "to" names and the signature say who wrote to whom; any other
    name the editors linked to the list is a person the document discusses.
    """
    roles: dict[str, list[str]] = {"authors": [], "recipients": [], "people": []}
    head = div.find(f"{TEI}head")
    in_heading = set(head.iter(f"{TEI}persName")) if head is not None else set()
    signatures = {p for signed in own(div, "signed") for p in signed.iter(f"{TEI}persName")}
    for name in div.iter(f"{TEI}persName"):
        elsewhere, _, person_id = (name.get("corresp") or "").partition("#")
        if elsewhere or person_id not in volume.persons:
            continue  # no reference, or one to another volume's list
        kind = name.get("type")
        if name in in_heading and kind in ("from", "to"):
            roles["authors" if kind == "from" else "recipients"].append(person_id)
        elif name in signatures:
            roles["authors"].append(person_id)
        else:
            roles["people"].append(person_id)
    authors = set(roles["authors"])
    roles["recipients"] = [p for p in roles["recipients"] if p not in authors]
    named = authors | set(roles["recipients"])
    roles["people"] = [p for p in roles["people"] if p not in named]
    return {role: list(dict.fromkeys(ids)) for role, ids in roles.items()}


def dateline_places(div: etree._Element, places: PlaceNames, authorities: Authorities) -> list[str]:
    keys = []
    for line in own(div, "dateline")[:1]:
        for element in line.iter(f"{TEI}placeName"):
            found = places.resolve(plain(element))
            if found:
                key, name = found
                authorities.places.setdefault(key, name)
                keys.append(key)
    return keys


# Places and other authority records -----------------------------------------------------------


def place_name(written: str) -> str:
    """The place in a dateline: "Legation of the United States, Peking, China" is "Peking"."""
    parts = [p.strip(" []().,;:") for p in re.split(r"[,;]", written)]
    places = [p for p in parts if p and not INSTITUTION.search(p)]
    if not places:
        return ""
    name = places[0]
    name = title_case(name) if name.isupper() else name
    return name if name[:1].isupper() else ""  # "circa", "some": not a place


class PlaceNames:
    """Dateline names resolved to place keys: an archive place with that key, name or variant
    first ("Tihwa" finds Urumqi), else a new place keyed by the name's slug."""

    def __init__(self, existing: dict[str, str]) -> None:
        self.existing = existing  # slug of a known name -> key of the archive's place

    @classmethod
    def from_archive(cls, divs: list[etree._Element]) -> PlaceNames:
        names = {
            place_name(plain(element))
            for div in divs
            for line in own(div, "dateline")[:1]
            for element in line.iter(f"{TEI}placeName")
        } - {""}
        slugs = {slugify(name): name for name in names}
        existing = {
            key: key
            for key in Place.objects.filter(key__in=list(slugs)).values_list("key", flat=True)
        }
        for name, key in Place.objects.filter(name__in=list(names)).values_list("name", "key"):
            existing.setdefault(slugify(name), key)
        variants = PlaceVariant.objects.filter(name__in=list(names)).values_list(
            "name", "place__key"
        )
        for name, key in variants:
            existing.setdefault(slugify(name), key)
        return cls(existing)

    def resolve(self, written: str) -> tuple[str, str] | None:
        name = place_name(written)
        slug = slugify(name)[:200]
        if not slug:
            return None
        return self.existing.get(slug, slug), name


def new_authorities(
    volume: Volume, authorities: Authorities, order: list[str]
) -> list[dict[str, Any]]:
    """Records for the places, subjects, people, repository and collection not yet in the
    archive."""
    raws: list[dict[str, Any]] = []
    for key in missing(Place, authorities.places):
        raws.append({"type": "place", "key": key, "name": authorities.places[key]})
    for key in missing(Subject, authorities.subjects):
        raws.append({"type": "subject", "key": key, "name": authorities.subjects[key]})
    person_keys = {volume.key(p): p for p in sorted(authorities.people)}
    for key in missing(Person, person_keys):
        entry = volume.persons[person_keys[key]]
        raws.append(
            {
                "type": "person",
                "key": key,
                "name": entry.name,
                "sort_name": entry.sort_name,
                "biography": entry.about,
                "variants": entry.variants,
            }
        )
    if authorities.repository and not Repository.objects.filter(key="nara").exists():
        raws.append(dict(NARA))
    if not Collection.objects.filter(key=volume.id).exists():
        raws.append(
            {
                "type": "collection",
                "key": volume.id,
                "title": volume.title,
                "description": volume.description,
                "order": order,
            }
        )
    return raws


def missing(model: type[Place | Subject | Person], names: dict[str, str]) -> list[str]:
    """The keys, in their order, that no record of the model has yet."""
    known = set(model.objects.filter(key__in=list(names)).values_list("key", flat=True))
    return [key for key in names if key not in known]
