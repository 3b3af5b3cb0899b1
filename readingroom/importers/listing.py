"""A saved search-results page of a digital archive as documents (docs/formats.md, "Listing").

An archive that has only its old website can start from what the website shows: for each
result a date line, a title and the editor's summary. The page is read as text (a browser's
"save as text", or its HTML, reduced to text first): the result count line ("31 - 40 of 43"),
then per entry an optional date line, a title line and a summary line.

The date line is kept as written and read as precisely as it is written: "August 23, 1945" is a
day, "June 1934" a month, "1936" a year; an entry without one is undated (the anchor hides
year-only dates, so its 1936 telegram arrives with no date line at all).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.text import slugify

from readingroom.interchange.canonical import Record, normalize
from readingroom.interchange.files import open_binary, read_lines
from readingroom.interchange.problems import ImportFailed, ImportProblem, Location

from .doctypes import guess_doc_type

NAME = "listing"
COUNT = re.compile(r"^(\d[\d,]*)\s*[-–—]\s*(\d[\d,]*)\s+of\s+(\d[\d,]*)$", re.IGNORECASE)
PAGER = frozenset({"«", "‹", "›", "»", "…", "first", "previous", "next", "last", "page"})
MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): n for n, name in enumerate(calendar.month_abbr) if name}
MONTHS |= {"sept": 9}
MONTH = r"(?P<month>[A-Za-z]{3,9})\.?"
DATE_FORMS = (
    re.compile(rf"^{MONTH}\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}})$"),
    re.compile(rf"^(?P<day>\d{{1,2}})\s+{MONTH},?\s+(?P<year>\d{{4}})$"),
    re.compile(rf"^{MONTH},?\s+(?P<year>\d{{4}})$"),
    re.compile(r"^(?P<year>\d{4})(-(?P<m>\d{2})(-(?P<d>\d{2}))?)?$"),
    re.compile(
        rf"^{MONTH}\s+(?P<day>\d{{1,2}})\s*[-–]\s*(?P<last>\d{{1,2}}),?\s+(?P<year>\d{{4}})$"
    ),
    re.compile(r"^(circa|ca\.|c\.)\s*(?P<circa>\d{4})$", re.IGNORECASE),
)
BLOCKS = ("p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "br", "tr", "dt", "dd", "time")


@dataclass
class Entry:
    line: int
    title: str = ""
    summary: str = ""
    date: str = "undated"
    date_text: str = ""


def read(path: Path, default_status: str) -> list[Record]:
    lines = page_lines(path)
    expected, lines = results_part(lines)
    entries = parse_entries(lines, path)
    if expected is not None and expected != len(entries):
        message = (
            f"the page says it lists {expected} results but {len(entries)} entries were found; "
            "an entry without a summary followed by one without a date cannot be told apart"
        )
        raise ImportFailed([ImportProblem(Location(str(path)), message)])
    return [
        normalize(raw, Location(str(path), e.line, raw["key"]), default_status)
        for e, raw in zip(entries, entry_records(entries), strict=True)
    ]


def page_lines(path: Path) -> list[tuple[int, str]]:
    """(line number, text) of the page's non-empty lines; HTML is reduced to its text first."""
    with open_binary(path) as stream:
        numbered = [(n, line.strip()) for n, line in read_lines(stream, path)]
    if numbered and numbered[0][1].startswith("<"):
        numbered = list(enumerate(html_text("\n".join(t for _, t in numbered)), start=1))
    return [(n, text) for n, text in numbered if text]


def html_text(html: str) -> list[str]:
    """The visible text of an HTML page, one block element per line."""
    from lxml import html as lxml_html

    document = lxml_html.fromstring(html)
    for element in document.xpath("//script|//style|//noscript|//head|//nav|//header|//footer"):
        element.drop_tree()
    for element in document.iter(*BLOCKS):
        element.tail = "\n" + (element.tail or "")
        element.text = "\n" + (element.text or "")
    return [" ".join(line.split()) for line in document.text_content().split("\n")]


def results_part(lines: list[tuple[int, str]]) -> tuple[int | None, list[tuple[int, str]]]:
    """How many entries the count line promises, and the lines after it (or after the page's
    preamble, up to the first date line, when there is no count line)."""
    for index, (_, text) in enumerate(lines):
        match = COUNT.match(text)
        if match:
            first, last = (int(match.group(g).replace(",", "")) for g in (1, 2))
            return last - first + 1, lines[index + 1 :]
    start = next((i for i, (_, text) in enumerate(lines) if listing_date(text)), len(lines))
    return None, lines[start:]


def parse_entries(lines: list[tuple[int, str]], path: Path) -> list[Entry]:
    """Entries from the lines: [date line] title line [summary line], until a pager line."""
    entries: list[Entry] = []
    expecting = ""  # "title" after a date line, "summary" after a title
    for number, text in lines:
        if is_pager(text):
            break
        date = listing_date(text)
        if date is not None and expecting != "title":
            entries.append(Entry(number, date=date, date_text=text))
            expecting = "title"
        elif expecting == "title":
            entries[-1].title = text
            expecting = "summary"
        elif expecting == "summary":
            entries[-1].summary = text
            expecting = ""
        else:
            entries.append(Entry(number, title=text))
            expecting = "summary"
    if entries and not entries[-1].title:
        where = Location(str(path), entries[-1].line)
        raise ImportFailed([ImportProblem(where, "a date line with no title after it")])
    return entries


def is_pager(text: str) -> bool:
    words = text.lower().split()
    return bool(words) and all(w in PAGER or w.isdigit() for w in words) and not listing_date(text)


def listing_date(text: str) -> str | None:
    """The EDTF of a date line, or None when the line is not a date."""
    for form in DATE_FORMS:
        match = form.match(text.strip())
        edtf = _edtf(match.groupdict()) if match else None
        if edtf:
            return edtf
    return None


def _edtf(parts: dict[str, str | None]) -> str | None:
    if parts.get("circa"):
        return f"{parts['circa']}~"
    year = parts["year"] or ""
    month = MONTHS.get((parts.get("month") or "").lower()) if parts.get("month") else None
    if parts.get("month") and month is None:
        return None  # "Volume 12": a word and a number, not a date
    if month is None:
        return "-".join(p for p in (year, parts.get("m"), parts.get("d")) if p)
    if not parts.get("day"):
        return f"{year}-{month:02d}"
    first = f"{year}-{month:02d}-{int(parts['day'] or 0):02d}"
    if parts.get("last"):
        return f"{first}/{year}-{month:02d}-{int(parts['last'] or 0):02d}"
    return first


def entry_records(entries: list[Entry]) -> list[dict[str, Any]]:
    """Canonical documents keyed by title and date, so re-importing a page finds them again."""
    seen: dict[str, int] = {}
    raws = []
    for entry in entries:
        stem = slugify(entry.title)[:150].strip("-") or "entry"
        date = slugify(entry.date.replace("/", "-")) or "undated"
        key = f"{stem}-{date}"
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            key = f"{key}-{seen[key]}"
        raws.append(
            {
                "type": "document",
                "key": key,
                "title": entry.title,
                "date": entry.date,
                "date_text": entry.date_text,
                "summary": entry.summary,
                "doc_type": guess_doc_type(entry.title),
            }
        )
    return raws
