"""Plain text from TEI: headings for titles, and a document's reading text.

A reader of the archive sees the document as the edition prints it: dateline, paragraphs,
lists, tables, signature, enclosures, each on its own line; page breaks and the source note (it
becomes the citation) left out. The edition's footnotes are numbered from 1 within the document
and printed after the text, so the text reads cleanly and nothing the editors said is lost.

The source XML is indented, so its whitespace means nothing; breaks are kept as two private
characters while walking the tree and turned into newlines at the end. Tags are compared whole
(namespace included): this runs for every element of 10,000 documents.
"""

from __future__ import annotations

from lxml import etree

TEI = "{http://www.tei-c.org/ns/1.0}"
FRUS = "{http://history.state.gov/frus/ns/1.0}"
LINE = "\x01"
PARAGRAPH = "\x02"


def tags(*names: str) -> frozenset[str]:
    return frozenset(f"{namespace}{name}" for name in names for namespace in (TEI, FRUS))


PARAGRAPHS = tags(
    "p",
    "head",
    "dateline",
    "opener",
    "closer",
    "postscript",
    "list",
    "table",
    "attachment",
    "div",
    "salute",
    "lg",
    "byline",
    "docAuthor",
)
LINES = tags("item", "signed", "label", "l", "row", "lb")
SKIPPED = tags("pb", "figure", "graphic", "fw", "milestone")
HEAD, NOTE, ROW, ITEM, LABEL = f"{TEI}head", f"{TEI}note", f"{TEI}row", f"{TEI}item", f"{TEI}label"


def local_name(element: etree._Element) -> str:
    tag = element.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def is_source_note(element: etree._Element) -> bool:
    return element.tag == NOTE and element.get("type") == "source"


class Reading:
    """Walks one element into text. `footnotes` collects notes when they are to be kept."""

    def __init__(self, keep_footnotes: bool) -> None:
        self.parts: list[str] = []
        self.keep_footnotes = keep_footnotes
        self.footnotes: list[str] = []

    def walk(self, element: etree._Element, top: bool = False) -> None:
        tag = element.tag
        self.parts.append(opening(element, tag))
        if element.text:
            self.parts.append(element.text)
        for child in element:
            self.child(child, top)
            if child.tail:
                self.parts.append(child.tail)
        if tag in PARAGRAPHS:
            self.parts.append(PARAGRAPH)

    def child(self, child: etree._Element, top: bool) -> None:
        tag = child.tag
        if not isinstance(tag, str) or tag in SKIPPED or (top and tag == HEAD):
            return
        if tag == NOTE:
            self.note(child, top)
        elif tag == ROW:
            self.row(child)
        else:
            self.walk(child)

    def note(self, note: etree._Element, top: bool) -> None:
        if is_source_note(note):
            if not top:  # an enclosure's "[Inclosure in No. 127.—Translation.]" is text
                self.walk(note)
                self.parts.append(LINE)
            return
        text = plain(note) if self.keep_footnotes else ""
        if text:
            self.footnotes.append(text)
            self.parts.append(f"[{len(self.footnotes)}]")

    def row(self, row: etree._Element) -> None:
        self.parts.append(LINE)
        for number, cell in enumerate(row):
            if number:
                self.parts.append(" | ")
            self.walk(cell)
        self.parts.append(LINE)


def opening(element: etree._Element, tag: str) -> str:
    """The break before an element; an item stays on its label's line ("(a) I feel ...")."""
    if tag in PARAGRAPHS:
        return PARAGRAPH
    if tag == ITEM:
        previous = element.getprevious()
        return " " if previous is not None and previous.tag == LABEL else LINE
    return LINE if tag in LINES else ""


def tidy(raw: str) -> str:
    """Collapse the source's whitespace; a run of breaks becomes one line or paragraph break.

    Plain string operations, not regular expressions: this runs over every document's text.
    """
    flat = " ".join(raw.split())
    for mark in (LINE, PARAGRAPH):
        flat = flat.replace(f" {mark}", mark).replace(f"{mark} ", mark)
    paragraphs = (
        "\n".join(line for line in paragraph.split(LINE) if line)
        for paragraph in flat.split(PARAGRAPH)
    )
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph)


def plain(element: etree._Element) -> str:
    """One line of text (a heading, a name, a note): footnotes left out, breaks as spaces."""
    reading = Reading(keep_footnotes=False)
    reading.walk(element)
    raw = "".join(reading.parts).replace(LINE, " ").replace(PARAGRAPH, " ")
    return " ".join(raw.split())


def document_text(document: etree._Element) -> str:
    """The document's reading text, its footnotes numbered after it."""
    reading = Reading(keep_footnotes=True)
    reading.walk(document, top=True)
    body = tidy("".join(reading.parts))
    notes = "\n".join(f"[{n}] {note}" for n, note in enumerate(reading.footnotes, 1))
    return f"{body}\n\n{notes}" if notes else body
