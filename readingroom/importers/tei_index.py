"""Subjects from a FRUS volume's back-of-book index (docs/formats.md, "TEI").

Some volumes end with an index (`list[@type='index']`): each top-level entry is a heading
("Chaco dispute between Bolivia and Paraguay", "Railways", "Japan") with the pages it is about,
directly or through its sub-entries (`<ref target="#pg_140">140</ref>–<ref target="#pg_142">`).
The volume's page breaks (`pb[@xml:id]`) say which pages each document covers, so each heading
becomes a subject of the documents on its pages. Entries that only point elsewhere ("Bolivia.
See Chaco dispute.") and entries for people (a `persName`, or a name in the volume's list of
persons) are not subjects: people are linked from the documents themselves.

A heading is the entry's first words, up to its first comma, colon or bracket: "Treaties,
conventions, etc." becomes "Treaties", as a cataloguer's short heading would. Subjects are
keyed by their name's slug, so the same heading in two volumes is one subject.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.text import slugify
from lxml import etree

from .tei_text import TEI, plain

XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
PAGE = "#pg_"
HEADING_END = re.compile(r"\s*[,:(;]|\.\s+See\b")
# "Williams, John H., special mission ..." or "Maydell, Baron Gerard Ch.": a person's entry.
PERSON_ENTRY = re.compile(
    r"^[A-Z][\w’'-]+, (?=[^,]*[A-Z][a-z])(?:[A-Z][a-z]*\.? )*[A-Z][a-z]*\.?(?=[,;:]|\s\(|$)"
)
FINAL_STOP = re.compile(r"(?<!\b[A-Z])(?<!\bCo)(?<!\bInc)\.$")
RANGE_DASHES = ("–", "—", "-")


@dataclass(frozen=True)
class IndexSubject:
    key: str
    name: str


def subjects_of_documents(
    root: etree._Element, divs: list[etree._Element], person_names: Iterable[str]
) -> dict[int, list[IndexSubject]]:
    """Each document div's subjects from the volume's index, by `id(div)`, in index order."""
    index = root.find(f".//{TEI}list[@type='index']")
    if index is None:
        return {}
    pages, in_order = page_positions(root, divs)
    order = {page: position for position, page in enumerate(in_order)}
    people = {name.split(",")[0].strip().casefold() for name in person_names}
    found: dict[int, list[IndexSubject]] = {}
    for entry in index.findall(f"{TEI}item"):
        subject = entry_subject(entry, people)
        if subject is None:
            continue
        for page in referenced_pages(entry, order, in_order):
            for div_id in pages.get(page, ()):
                subjects = found.setdefault(div_id, [])
                if subject not in subjects:
                    subjects.append(subject)
    return found


def page_positions(
    root: etree._Element, divs: list[etree._Element]
) -> tuple[dict[str, list[int]], list[str]]:
    """The documents on each page (by page id), and the volume's pages in order.

    A document is on the page where it starts (the last page break before it) and on every
    page that breaks inside it.
    """
    outermost = {id(div) for div in divs}
    in_order: list[str] = []
    pages: dict[str, list[int]] = {}
    current = ""
    for element in root.iter(f"{TEI}pb", f"{TEI}div"):
        if element.tag == f"{TEI}pb":
            current = element.get(XML_ID) or current
            if current and (not in_order or in_order[-1] != current):
                in_order.append(current)
        elif id(element) in outermost:
            starts_on = [current] if current else []
            inside = [pb.get(XML_ID) for pb in element.iter(f"{TEI}pb")]
            for page in dict.fromkeys(page for page in [*starts_on, *inside] if page):
                pages.setdefault(page, []).append(id(element))
    return pages, in_order


def entry_subject(entry: etree._Element, people: set[str]) -> IndexSubject | None:
    """The subject a top-level index entry names, or None for cross-references and people."""
    if not any(_is_page_ref(ref) for ref in entry.iter(f"{TEI}ref")):
        return None  # "Bolivia. See Chaco dispute."
    if not (entry.text or "").strip() and len(entry) and entry[0].tag == f"{TEI}persName":
        return None
    words = leading_words(entry)
    name = heading(words)
    key = slugify(name)[:200]
    if not key or name.casefold() in people or PERSON_ENTRY.match(words):
        return None
    return IndexSubject(key, name)


def leading_words(entry: etree._Element) -> str:
    """The entry's words before its first page or sub-entry."""
    words = [entry.text or ""]
    for child in entry:
        if child.tag == f"{TEI}list" or _is_page_ref(child):
            break
        words += [plain(child), child.tail or ""]
    return " ".join("".join(words).split())


def heading(text: str) -> str:
    """An entry's words before its first comma, colon, bracket or cross-reference."""
    end = HEADING_END.search(text)
    text = (text[: end.start()] if end else text).strip()
    return FINAL_STOP.sub("", text).strip()


def referenced_pages(
    entry: etree._Element, order: dict[str, int], in_order: list[str]
) -> list[str]:
    """Every page the entry and its sub-entries cite, ranges ("140–142") expanded."""
    cited: list[str] = []
    refs = [ref for ref in entry.iter(f"{TEI}ref") if _is_page_ref(ref)]
    for ref, following in zip(refs, [*refs[1:], None], strict=True):
        first = ref.get("target", "")[1:]
        if first not in order:
            continue
        cited.append(first)
        tail = (ref.tail or "").strip()
        if following is not None and tail in RANGE_DASHES and ref.getnext() is following:
            last = following.get("target", "")[1:]
            if last in order and order[first] < order[last] <= order[first] + 100:
                cited += in_order[order[first] + 1 : order[last]]
    return cited


def _is_page_ref(element: etree._Element) -> bool:
    return element.tag == f"{TEI}ref" and element.get("target", "").startswith(PAGE)
