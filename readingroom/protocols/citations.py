"""Citing documents: the one place that builds citation data and renders it.

CSL-JSON (`csl_item`) is the source of truth. The styles are the Citation Style Language's own
(vendored in `styles/`, CC BY-SA 3.0) rendered by citeproc-py: Chicago (18th ed., notes and
bibliography, with access dates), MLA (9th ed.) and APA (7th ed.). BibTeX and RIS are written
from the same item with bibtexparser and rispy.

A citation names the author(s) (none for anonymous documents), title, document type, date as
precisely as known ("n.d." when undated), translator, the publishing archive, the repository
holding the original with its archival citation, the permanent URL and the access date.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import io
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import bibtexparser
import rispy
from bibtexparser.bibdatabase import BibDatabase
from bibtexparser.bwriter import BibTexWriter
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
from citeproc import formatter as csl_formatter
from citeproc import model as citeproc_model
from citeproc.source.json import CiteProcJSON
from django.conf import settings
from django.core.cache import caches
from lxml import etree

from readingroom.catalogue.dates import PLAIN, display_edtf, edtf_bounds
from readingroom.catalogue.models import Document, Person

from . import conf, describe

STYLES_DIR = Path(__file__).resolve().parent / "styles"
CSL = "{http://purl.org/net/xbiblio/csl}"
SUBSTITUTES_DROPPED = ("translator", "editor-translator", "editor")
# LaTeX's special characters in text, and what stands for each as written: a bare backslash would
# start a command, `~` is a tie, and `^` is math, which stops pdflatex ("Missing $ inserted").
BIBTEX_SPECIAL = re.compile(r"[\\&%$#_~^{}]")
BIBTEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",  # a brace of the text, not BibTeX's grouping: printed as written
    "}": r"\textbraceright{}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    **{c: "\\" + c for c in "&%$#_"},
}


@dataclass(frozen=True)
class Style:
    key: str
    label: str
    file: str
    form: str  # "note" or "bibliography"
    titles_first: bool = False  # cite anonymous documents by title where titles go


STYLES = (
    Style(
        "chicago-note", "Chicago (note)", "chicago-notes-bibliography-access-dates", "note", True
    ),
    Style(
        "chicago-bibliography",
        "Chicago (bibliography)",
        "chicago-notes-bibliography-access-dates",
        "bibliography",
        True,
    ),
    Style("mla", "MLA", "modern-language-association", "bibliography", True),
    Style("apa", "APA", "apa", "bibliography", True),
)
STYLES_BY_KEY = {style.key: style for style in STYLES}
CACHE_SECONDS = 24 * 60 * 60


# ---------------------------------------------------------------------------------------------
# CSL-JSON


def csl_name(person: Person) -> dict[str, Any]:
    """Family and given name from the sort form ("Stalin, Joseph"); one literal otherwise. A
    name the archive shows family first ("Sheng Shicai", sort form "Sheng, Shicai": Chinese,
    Japanese, Korean, Hungarian, Vietnamese names) is marked `static-ordering`, CSL-JSON's way
    of telling citation software (citeproc-js, in Zotero) to keep that order."""
    family, comma, given = (person.sort_name or person.name).partition(",")
    if person.kind == "organization" or not comma:
        return {"literal": person.name}
    name: dict[str, Any] = {"family": family.strip(), "given": given.strip()}
    if family_first(person.name, name["family"], name["given"]):
        name["static-ordering"] = True
    return name


def family_first(shown: str, family: str, given: str) -> bool:
    """Whether the name as shown is the family name, then the given name."""
    return bool(family and given) and shown.split() == [*family.split(), *given.split()]


def csl_literal(name: str) -> dict[str, str]:
    family, _, given = name.rpartition(" ")
    return {"family": given, "given": family} if family else {"literal": name}


def csl_date(edtf: str, shown: bool = False) -> dict[str, Any] | None:
    """A CSL date as precise as the EDTF value and no more: day, month or year parts, `circa`
    for an uncertain or approximate one, a range as its two ends, a season as `season`, and a
    set or unspecified digits as the range of years they span.

    These are what citation software reads (citeproc-js in Zotero prints a `literal` beside
    the parts, so the files carry none). `shown`: for the archive's own citations (citeproc-py,
    which reads neither ranges nor circa well), anything but a plain day, month or year also
    carries our display as `literal` ("circa 1945", "1945 or 1946"), printed as it is.

    An interval open at one end ("1945/..") has no parts a citation would not print as a plain
    year: it is its display alone ("1945 or later"), which every client prints as written.
    """
    if not edtf:
        return None
    if "/" in edtf and any(end in ("", "..") for end in edtf.split("/")):
        return {"literal": display_edtf(edtf)}
    date = date_parts(edtf)
    core = edtf.rstrip("~?%")
    plain = PLAIN.match(core) and len(date["date-parts"][0]) == len(core.split("-"))
    if shown and not (plain and core == edtf):
        date["literal"] = display_edtf(edtf)
    return date


def date_parts(edtf: str) -> dict[str, Any]:
    """The CSL parts of an EDTF date (`circa`, `season` beside them); an open end of an
    interval is left out."""
    start, end = edtf_bounds(edtf)
    qualified = bool(set(edtf) & set("~?%"))
    if "/" in edtf:
        parts = [_parts(edtf.split("/")[0], start), _parts(edtf.split("/")[1], end)]
        date: dict[str, Any] = {"date-parts": [p for p in parts if p]}
    elif (season := SEASON.match(edtf.rstrip("~?%"))) is not None:
        date = {"date-parts": [[int(season.group(1))]], "season": int(season.group(2)) - 20}
    elif PLAIN.match(edtf.rstrip("~?%")):
        date = {"date-parts": [_parts(edtf.rstrip("~?%"), start)]}
    elif (known := KNOWN_THEN_UNSPECIFIED.match(edtf.rstrip("~?%"))) is not None:
        date = {"date-parts": [[int(part) for part in known.groups() if part]]}  # 1945-08-XX
    else:  # a set, X digits, a qualified part: the years it spans
        years = sorted({day.year for day in (start, end) if day})
        date = {"date-parts": [[year] for year in years]}
    return {**date, "circa": True} if qualified else date


YEAR = re.compile(r"\b\d{4}\b")
# the year, or the year and month, known; the rest unspecified (1945-XX, 1945-08-XX)
KNOWN_THEN_UNSPECIFIED = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-XX)+$")
SEASON = re.compile(r"^(\d{4})-(2[1-4])$")  # spring, summer, autumn, winter: CSL seasons 1-4


def _parts(value: str, fallback: dt.date | None) -> list[int]:
    pieces = value.rstrip("~?%").split("-")
    if all(p.isdigit() for p in pieces) and len(pieces) <= 3:
        return [int(p) for p in pieces if int(p) <= 9999 and (len(p) == 4 or int(p) <= 31)]
    return [fallback.year] if fallback else []


def title_language(document: Document) -> str:
    """The language of the title as catalogued, which is what citation software reads
    `language` for (citeproc-js and citeproc-py title-case an English title, and only an
    English one): the original's language when the title is the original's, else the language
    of the original written in the title's script (a Cyrillic title of a Russian letter is
    Russian), and a Latin title the site's own language. The original's languages stay in the
    record's own formats (the API, OAI-PMH, JSON Lines)."""
    originals = [code.split("-")[0].lower() for code in document.languages]
    if document.original_title and document.title == document.original_title and originals:
        return originals[0]
    script = _script(document.title)
    if script == "LATIN":
        return settings.LANGUAGE_CODE.split("-")[0]
    written = [code for code in originals if SCRIPTS.get(code) == script]
    return written[0] if written else FIRST_OF_SCRIPT.get(script, "")


# The script each language is written in, for the languages archives hold most
SCRIPTS = {
    **dict.fromkeys(("ru", "uk", "be", "bg", "sr", "mk", "mn", "kk"), "CYRILLIC"),
    **dict.fromkeys(("zh", "ja"), "CJK"),
    "ko": "HANGUL", "el": "GREEK", "ar": "ARABIC", "fa": "ARABIC", "ur": "ARABIC",
    "he": "HEBREW", "ka": "GEORGIAN", "hy": "ARMENIAN",
}  # fmt: skip
FIRST_OF_SCRIPT = {"CYRILLIC": "ru", "CJK": "zh", "HANGUL": "ko", "GREEK": "el", "ARABIC": "ar",
                   "HEBREW": "he", "GEORGIAN": "ka", "ARMENIAN": "hy"}  # fmt: skip


def _script(text: str) -> str:
    """The script most of the text's letters are in (by their Unicode names)."""
    counted: Counter[str] = Counter()
    for character in text:
        if character.isalpha():
            name = unicodedata.name(character, "")
            first = name.split(" ")[0]
            counted["CJK" if first in ("CJK", "HIRAGANA", "KATAKANA") else first] += 1
    return counted.most_common(1)[0][0] if counted else ""


def csl_item(document: Document, accessed: dt.date, shown: bool = False) -> dict[str, Any]:
    """One document as a CSL-JSON item; expects the `documents_for_export` prefetches.
    `shown`: for the archive's own citations (see `csl_date`)."""
    item: dict[str, Any] = {
        "id": f"readingroom-{document.public_id}",
        "type": "manuscript",
        "title": document.title,
        "genre": document.doc_type.replace("_", " ").capitalize() if document.doc_type else "",
        "publisher": conf.archive_name(),
        "archive": describe.repository_name(document),
        "archive-place": document.repository.location if document.repository else "",
        "archive_location": document.citation,
        "URL": conf.permanent_url(document.public_id),
        "accessed": {"date-parts": [[accessed.year, accessed.month, accessed.day]]},
        "author": [csl_name(p) for p in describe.authors(document)],
        "recipient": [csl_name(p) for p in describe.recipients(document)],
        "translator": [csl_literal(n) for n in describe.translators(document)],
        "abstract": document.summary,
        "language": title_language(document),
        "note": document.classification,
    }
    issued = csl_date(document.date_edtf, shown)
    if issued:
        item["issued"] = issued
    return {key: value for key, value in item.items() if value not in ("", [], None)}


# ---------------------------------------------------------------------------------------------
# Rendering text styles with citeproc-py


def _remember_lookups() -> None:
    """citeproc-py looks macros and locale terms up by an XPath search every time an element
    refers to one (hundreds of times for one citation: half of the time a citation takes). A
    loaded style and its locales never change (`load_style` keeps each style, the style its
    locales), so each lookup is remembered, keyed by the element it starts from (held here, so
    lxml keeps giving the same one for it)."""
    element, locale = citeproc_model.CitationStylesElement, citeproc_model.Locale
    find_macro, find_term = element.get_macro, locale.get_term
    macros: dict[tuple[Any, str], Any] = {}
    terms: dict[tuple[Any, str, str | None, bool], Any] = {}

    def get_macro(self: Any, name: str) -> Any:
        key = (self.get_root(), name)
        macro = macros.get(key)
        if macro is None:
            macro = macros[key] = find_macro(self, name)
        return macro

    def get_term(self: Any, name: str, form: str | None = None, zero_padded: bool = False) -> Any:
        key = (self, name, form, zero_padded)
        if key not in terms:
            try:
                terms[key] = find_term(self, name, form, zero_padded)
            except IndexError:
                terms[key] = None  # (no such term in this locale: the next one is asked)
        if terms[key] is None:
            raise IndexError(name)
        return terms[key]

    element.get_macro = get_macro
    locale.get_term = get_term


_remember_lookups()


@cache
def load_style(file: str, titles_first: bool) -> CitationStylesStyle:
    """A vendored style, with CSL 1.0.1's `initialize="false"` spelled so citeproc-py honours
    it: the style-wide initialize-with moves onto the names that may be initialized. An
    anonymous document is cited by its title where titles go, never under its translator's
    name: citeproc-py repeats whatever it substitutes for the author, so translators and
    titles leave the author substitutes."""
    tree = etree.parse(str(STYLES_DIR / f"{file}.csl"))
    root = tree.getroot()
    for element in list(root.iter(f"{CSL}names", f"{CSL}text")) if titles_first else []:
        inside_substitute = any(a.tag == f"{CSL}substitute" for a in element.iterancestors())
        dropped = element.get("variable") in SUBSTITUTES_DROPPED or "title" in element.get(
            "macro", ""
        )
        if inside_substitute and dropped:
            element.getparent().remove(element)  # type: ignore[union-attr]
    mark = root.attrib.pop("initialize-with", None)
    if mark is not None:
        for name in root.iter(f"{CSL}name"):
            if name.get("initialize") != "false" and "initialize-with" not in name.attrib:
                name.set("initialize-with", mark)
    return CitationStylesStyle(io.BytesIO(etree.tostring(tree)), validate=False)


def render(item: dict[str, Any], style_key: str, output: str = "text") -> str:
    """The item in one style, as plain text or HTML; remembered in the cache, because
    citeproc-py takes some 25 ms a style and the item says everything the text depends on."""
    encoded = json.dumps([item, style_key, output], sort_keys=True, default=str)
    key = "citation:" + hashlib.blake2b(encoded.encode(), digest_size=16).hexdigest()
    text = caches["default"].get(key)
    if text is None:
        text = _render(item, style_key, output)
        caches["default"].set(key, text, timeout=CACHE_SECONDS)
    return str(text)


def _render(item: dict[str, Any], style_key: str, output: str) -> str:
    style = STYLES_BY_KEY[style_key]
    item = _kept_in_order(item)
    if "literal" in item.get("issued", {}):
        item = {**item, "issued": {"literal": item["issued"]["literal"]}}
    if output == "html":
        item = _escaped(item)
    formatter = csl_formatter.html if output == "html" else csl_formatter.plain
    bibliography = CitationStylesBibliography(
        load_style(style.file, style.titles_first), CiteProcJSON([item]), formatter
    )
    citation = Citation([CitationItem(item["id"])])
    bibliography.register(citation)
    if style.form == "note":
        text = str(bibliography.cite(citation, lambda _item: None))
    else:
        text = str(bibliography.bibliography()[0])
    return _american_punctuation(_tidy(text))


def _kept_in_order(item: dict[str, Any]) -> dict[str, Any]:
    """citeproc-py does not read `static-ordering`: a family-first name is handed to it as one
    family name ("Sheng Shicai"), which every style prints as written, never inverted."""
    names = {}
    for role in ("author", "recipient", "translator"):
        if any(n.get("static-ordering") for n in item.get(role, [])):
            names[role] = [_as_shown(n) for n in item[role]]
    return {**item, **names}


def _as_shown(name: dict[str, Any]) -> dict[str, Any]:
    if not name.get("static-ordering"):
        return name
    return {"family": f"{name['family']} {name['given']}"}


def _escaped(value: Any) -> Any:
    """Every string escaped for HTML: citeproc-py's HTML output does not escape the data."""
    if isinstance(value, str):
        return html.escape(value, quote=False)
    if isinstance(value, dict):
        return {key: _escaped(inner) for key, inner in value.items()}
    if isinstance(value, list):
        return [_escaped(inner) for inner in value]
    return value


def _tidy(text: str) -> str:
    return re.sub(r"\s+", " ", text).replace(" .", ".").replace("..", ".").strip()


def _american_punctuation(text: str) -> str:
    """en-US puts commas and periods inside closing quotation marks (the locale's
    punctuation-in-quote, which citeproc-py does not apply)."""
    return re.sub(r"(”|&#8221;)([.,])", r"\2\1", text)


def citations(document: Document, accessed: dt.date) -> list[tuple[Style, str]]:
    """Every text style for the document page, as HTML-safe text."""
    item = csl_item(document, accessed, shown=True)
    return [(style, render(item, style.key, output="html")) for style in STYLES]


def text_citations(document: Document, accessed: dt.date) -> list[tuple[Style, str]]:
    """Every text style as plain text (for pages that escape it themselves)."""
    item = csl_item(document, accessed, shown=True)
    return [(style, html.unescape(render(item, style.key))) for style in STYLES]


# ---------------------------------------------------------------------------------------------
# BibTeX and RIS


def _person_text(name: dict[str, str]) -> str:
    if "literal" in name:
        return name["literal"]
    return f"{name['family']}, {name['given']}"


def _date_bits(item: dict[str, Any]) -> tuple[str, str, str]:
    """(year, month, ISO date or range) of the issued date, each "" when unknown. An interval
    open at one end (a `literal` alone, "1945 or later") gives its known year: BibTeX and RIS
    have no other way to carry it."""
    issued = item.get("issued", {})
    parts = issued.get("date-parts") or [[int(y)] for y in YEAR.findall(issued.get("literal", ""))]
    if not parts:
        return "", "", ""
    iso = "/".join(
        "-".join(f"{n:02d}" if i else f"{n:04d}" for i, n in enumerate(p)) for p in parts
    )
    first = parts[0]
    return str(first[0]), (f"{first[1]:02d}" if len(first) > 1 else ""), iso


def bibtex_entry(item: dict[str, Any]) -> dict[str, str]:
    year, month, iso = _date_bits(item)
    accessed = item["accessed"]["date-parts"][0]
    fields = {
        "ENTRYTYPE": "misc",
        "ID": item["id"].replace("-", ""),
        "author": " and ".join(_bibtex_name(n) for n in item.get("author", [])),
        "title": item["title"],
        "type": item.get("genre", ""),
        "year": year,
        "month": month,
        "date": iso,
        "translator": " and ".join(_person_text(n) for n in item.get("translator", [])),
        "howpublished": item["publisher"],
        "organization": item.get("archive", ""),
        "note": item.get("archive_location", ""),
        "url": item["URL"],
        "urldate": "-".join(f"{n:02d}" if i else str(n) for i, n in enumerate(accessed)),
        "abstract": item.get("abstract", ""),
        "language": item.get("language", ""),
    }
    return {k: v if k in ("ENTRYTYPE", "ID", "url") else _escape(v) for k, v in fields.items() if v}


def _bibtex_name(name: dict[str, str]) -> str:
    return f"{{{name['literal']}}}" if "literal" in name else _person_text(name)


def _escape(value: str) -> str:
    """LaTeX's special characters written as text, braces too (BibTeX counts every brace, so
    they become commands with balanced empty groups)."""
    return BIBTEX_SPECIAL.sub(lambda found: BIBTEX_ESCAPES[found.group()], value)


def bibtex(items: Iterable[dict[str, Any]]) -> str:
    database = BibDatabase()
    database.entries = [bibtex_entry(item) for item in items]
    writer = BibTexWriter()
    writer.order_entries_by = None
    writer.display_order = ["author", "title", "type", "date", "year", "month"]
    return str(bibtexparser.dumps(database, writer))


def ris_entry(item: dict[str, Any]) -> dict[str, Any]:
    year, _, iso = _date_bits(item)
    accessed = item["accessed"]["date-parts"][0]
    recipients = [_person_text(n) for n in item.get("recipient", [])]
    entry = {
        "type_of_reference": "MANSCPT",
        "id": item["id"],
        "title": item["title"],
        "authors": [_person_text(n) for n in item.get("author", [])],
        "subsidiary_authors": [_person_text(n) for n in item.get("translator", [])],
        "year": year,
        "date": iso.split("/")[0].replace("-", "/"),
        "type_of_work": item.get("genre", ""),
        "name_of_database": item["publisher"],
        "database_provider": item.get("archive", ""),
        "accession_number": item.get("archive_location", ""),
        "place_published": item.get("archive-place", ""),
        "urls": [item["URL"]],
        "access_date": "/".join(f"{n:02d}" if i else str(n) for i, n in enumerate(accessed)),
        "abstract": item.get("abstract", ""),
        "language": item.get("language", ""),
        "notes": [f"Recipients: {'; '.join(recipients)}"] if recipients else [],
    }
    return {k: v for k, v in entry.items() if v not in ("", [])}


class RisWriter(rispy.RisWriter):
    """rispy's writer without its "1." line before each record: the RIS specification has a
    record start with its TY tag, and strict readers (astrocite-ris, in citation-js) refuse any
    other line."""

    def set_header(self, count: int) -> str:
        return ""


def ris(items: Iterable[dict[str, Any]]) -> str:
    return str(rispy.dumps([ris_entry(item) for item in items], implementation=RisWriter))
