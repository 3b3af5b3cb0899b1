"""Citations: CSL-JSON rendered through citeproc-py into Chicago (references checked by hand
for tricky records), BibTeX and RIS round-tripped through bibtexparser and rispy."""

from __future__ import annotations

import datetime as dt
import re

import bibtexparser
import pytest
import rispy
from bibtexparser.bparser import BibTexParser
from bibtexparser.customization import convert_to_unicode
from django.test import Client

from readingroom.protocols import citations
from readingroom.protocols.records import public_document

from .archive import UNRELEASED_IDS

pytestmark = pytest.mark.django_db
ACCESSED = dt.date(2026, 1, 15)
TAIL = "accessed January 15, 2026, https://archive.example.org/documents"
CHICAGO_NOTES = {
    1: "Joseph Stalin, “Telegram Number 1 on Relations,” Telegram, trans. Sergey Radchenko, "
    "Reading Room Digital Archive, August 23, 1945, RGASPI, f. 558, op. 11, d. 1, ll. 1-2, "
    f"Russian State Archive of Socio-Political History, Moscow, {TAIL}/1.",
    # No author: cited by its title. Month-only date.
    2: "“Memorandum on the Border Question,” Memorandum, trans. Sergey Radchenko, Reading Room "
    "Digital Archive, June 1934, RGASPI, f. 558, op. 11, d. 2, ll. 1-2, Russian State Archive "
    f"of Socio-Political History, Moscow, {TAIL}/2.",
    # Four recipients (not part of a Chicago note); year only; another repository.
    3: "Joseph Stalin, “Telegram Number 3 on Relations,” Telegram, trans. Sergey Radchenko, "
    "Reading Room Digital Archive, 1936, RGASPI, f. 558, op. 11, d. 3, ll. 1-2, Archive of "
    f"Foreign Policy, {TAIL}/3.",
    4: "Joseph Stalin, “Telegram Number 4 on Relations,” Telegram, trans. Sergey Radchenko, "
    "Reading Room Digital Archive, circa 1945, RGASPI, f. 558, op. 11, d. 4, ll. 1-2, Russian "
    f"State Archive of Socio-Political History, Moscow, {TAIL}/4.",
    5: "Joseph Stalin, “Telegram Number 5 on Relations,” Telegram, trans. Sergey Radchenko, "
    "Reading Room Digital Archive, October 12–14, 1949, RGASPI, f. 558, op. 11, d. 5, ll. 1-2, "
    f"Russian State Archive of Socio-Political History, Moscow, {TAIL}/5.",
    # Undated: n.d.
    6: "Joseph Stalin, “Telegram Number 6 on Relations,” Telegram, trans. Sergey Radchenko, "
    "Reading Room Digital Archive, n.d., RGASPI, f. 558, op. 11, d. 6, ll. 1-2, Russian State "
    f"Archive of Socio-Political History, Moscow, {TAIL}/6.",
}
CHICAGO_BIBLIOGRAPHY_2 = (
    "“Memorandum on the Border Question.” Memorandum. Translated by Sergey Radchenko. Reading "
    "Room Digital Archive, June 1934. RGASPI, f. 558, op. 11, d. 2, ll. 1-2. Russian State "
    "Archive of Socio-Political History, Moscow. Accessed January 15, 2026. "
    "https://archive.example.org/documents/2."
)


def item(public_id: int) -> dict:  # type: ignore[type-arg]
    """The item the archive's own citations render (dates as shown, see `csl_date`)."""
    return citations.csl_item(public_document(public_id), ACCESSED, shown=True)


@pytest.mark.parametrize("public_id", sorted(CHICAGO_NOTES))
def test_chicago_notes_match_references(archive: None, public_id: int) -> None:
    assert citations.render(item(public_id), "chicago-note") == CHICAGO_NOTES[public_id]


def test_chicago_bibliography_mla_apa(archive: None) -> None:
    assert citations.render(item(2), "chicago-bibliography") == CHICAGO_BIBLIOGRAPHY_2
    mla = citations.render(item(1), "mla")
    assert mla.startswith("Stalin, Joseph. “Telegram Number 1 on Relations.” Telegram.")
    assert "23 Aug. 1945" in mla
    apa = citations.render(item(1), "apa")
    assert apa.startswith(
        "Stalin, J. (1945). Telegram number 1 on relations (S. Radchenko, trans.)"
    )


def test_csl_json_carries_everything(archive: None) -> None:
    data = item(3)
    assert [n.get("family") or n.get("literal") for n in data["recipient"]] == [
        "Molotov", "Mao Zedong", "Zhou Enlai", "Politburo",
    ]  # fmt: skip
    assert data["issued"] == {"date-parts": [[1936]]}
    assert "issued" not in item(6)
    assert item(2)["issued"] == {"date-parts": [[1934, 6]]}
    assert item(5)["issued"]["date-parts"] == [[1949, 10, 12], [1949, 10, 14]]
    assert data["archive"] == "Archive of Foreign Policy"
    assert data["archive_location"] == "RGASPI, f. 558, op. 11, d. 3, ll. 1-2"
    assert data["translator"] == [{"family": "Radchenko", "given": "Sergey"}]
    assert data["URL"] == "https://archive.example.org/documents/3"
    assert data["accessed"] == {"date-parts": [[2026, 1, 15]]}


def test_bibtex_round_trips_through_bibtexparser(archive: None) -> None:
    text = citations.bibtex([item(1), item(2), item(6)])
    parser = BibTexParser(common_strings=True)
    parser.customization = convert_to_unicode
    entries = {e["ID"]: e for e in bibtexparser.loads(text, parser).entries}
    first = entries["readingroom1"]
    assert first["ENTRYTYPE"] == "misc"
    assert first["author"] == "Stalin, Joseph"
    assert first["title"] == "Telegram number 1 on relations"
    assert first["date"] == "1945-08-23"
    assert first["translator"] == "Radchenko, Sergey"
    assert first["url"] == "https://archive.example.org/documents/1"
    assert first["urldate"] == "2026-01-15"
    assert first["note"] == "RGASPI, f. 558, op. 11, d. 1, ll. 1-2"
    assert "author" not in entries["readingroom2"]
    assert entries["readingroom2"]["month"] == "06"
    assert "year" not in entries["readingroom6"]


def test_bibtex_escapes_special_characters(archive: None) -> None:
    data = {**item(1), "title": "Costs: 50% & more_items draft"}
    parser = BibTexParser()
    parser.customization = convert_to_unicode
    entry = bibtexparser.loads(citations.bibtex([data]), parser).entries[0]
    assert entry["title"] == "Costs: 50% & more_items draft"  # braces: tests/clients/test_latex


def test_ris_round_trips_through_rispy(archive: None) -> None:
    entries = rispy.loads(citations.ris([item(1), item(3)]))
    first, third = entries
    assert first["type_of_reference"] == "MANSCPT"
    assert first["title"] == "Telegram number 1 on relations"
    assert first["authors"] == ["Stalin, Joseph"]
    assert first["date"] == "1945/08/23"
    assert first["urls"] == ["https://archive.example.org/documents/1"]
    assert first["access_date"] == "2026/01/15"
    assert first["accession_number"] == "RGASPI, f. 558, op. 11, d. 1, ll. 1-2"
    assert third["notes"] == ["Recipients: Molotov, Vyacheslav; Mao Zedong; Zhou Enlai; Politburo"]


RIS_LINE = re.compile(r"[A-Z][A-Z0-9]  - ")


def assert_strict_ris(text: str) -> None:
    """The RIS specification's shape, as strict readers check it: every record opens with TY
    and closes with ER, and every line is a tag line (blank lines between records allowed)."""
    lines = [line for line in text.splitlines() if line.strip()]
    assert lines and lines[0].startswith("TY  - "), text[:80]
    assert lines[-1].startswith("ER  -"), text[-80:]
    for line in lines:
        assert RIS_LINE.match(line) or line.startswith("ER  -"), line


def test_ris_files_are_tag_lines_only(archive: None, client: Client) -> None:
    assert_strict_ris(citations.ris([item(1), item(3)]))
    assert_strict_ris(client.get("/documents/1/cite.ris").content.decode())
    export = client.get("/search/export.ris")
    assert_strict_ris(b"".join(export.streaming_content).decode())  # type: ignore[attr-defined]


def test_citation_files(archive: None, client: Client) -> None:
    bib = client.get("/documents/1/cite.bib")
    assert bib.status_code == 200 and bib["Content-Type"].startswith("application/x-bibtex")
    ris = client.get("/documents/1/cite.ris")
    assert rispy.loads(ris.content.decode())[0]["title"] == "Telegram number 1 on relations"
    csl = client.get("/documents/1/cite.json").json()
    assert csl[0]["id"] == "readingroom-1"
    rendered = citations.render(
        {**csl[0], "accessed": {"date-parts": [[2026, 1, 15]]}}, "chicago-note"
    )
    assert rendered == CHICAGO_NOTES[1]
    for public_id in UNRELEASED_IDS:
        for suffix in ("bib", "ris", "json"):
            assert client.get(f"/documents/{public_id}/cite.{suffix}").status_code == 404


def test_html_citations_escape_the_data(archive: None) -> None:
    document = public_document(1)
    document.title = "<script>alert(1)</script>"
    for _style, text in citations.citations(document, ACCESSED):
        assert "<script>" not in text


def test_names_shown_family_first_stay_family_first_in_every_style(archive: None) -> None:
    from readingroom.catalogue.models import Person

    people = {
        "Sheng Shicai": Person(name="Sheng Shicai", sort_name="Sheng, Shicai"),
        "Kim Il Sung": Person(name="Kim Il Sung", sort_name="Kim, Il Sung"),
        "Nagy Imre": Person(name="Nagy Imre", sort_name="Nagy, Imre"),
    }
    stalin = citations.csl_name(Person(name="Joseph Stalin", sort_name="Stalin, Joseph"))
    assert stalin == {"family": "Stalin", "given": "Joseph"}  # given first: no flag
    for shown, person in people.items():
        name = citations.csl_name(person)
        family, _, given = person.sort_name.partition(", ")
        assert name == {"family": family, "given": given, "static-ordering": True}
        cited = {**item(1), "author": [name]}
        for style in ("chicago-note", "chicago-bibliography", "mla", "apa"):
            text = citations.render(cited, style)
            assert text.startswith(shown), (style, text)
        assert citations.bibtex_entry(cited)["author"] == f"{family}, {given}"
        assert citations.ris_entry(cited)["authors"] == [f"{family}, {given}"]


def test_bibtex_writes_every_latex_special_character_as_text(archive: None) -> None:
    title = r"Costs \ 50% & more_items #2 at $5 ~ about ^ up, {braced}"
    entry = citations.bibtex([{**item(1), "title": title}])
    written = re.search(r"title = \{(.*)\},\n", entry)
    assert written is not None
    expected = (
        r"Costs \textbackslash{} 50\% \& more\_items \#2 at \$5 \textasciitilde{} about "
        r"\textasciicircum{} up, \textbraceleft{}braced\textbraceright{}"
    )
    assert written.group(1) == expected
    # every backslash starts one of the escapes: nothing LaTeX would read as a command of ours
    commands = re.findall(r"\\([A-Za-z]+|.)", written.group(1))
    assert set(commands) <= {
        "textbackslash", "textasciitilde", "textasciicircum", "textbraceleft", "textbraceright",
        *"%&_#$",
    }  # fmt: skip


def test_citation_files_give_dates_as_parts_only_so_citation_software_prints_them_once(
    archive: None, client: Client
) -> None:
    """citeproc-js (Zotero, Mendeley) prints a `literal` beside the date parts: "[circa
    19451945?]". The files carry parts, `circa` and ranges only; the pages carry our display."""
    issued = {
        public_id: client.get(f"/documents/{public_id}/cite.json").json()[0].get("issued")
        for public_id in (1, 2, 3, 4, 5, 6)
    }
    assert issued[1] == {"date-parts": [[1945, 8, 23]]}
    assert issued[2] == {"date-parts": [[1934, 6]]}
    assert issued[3] == {"date-parts": [[1936]]}
    assert issued[4] == {"date-parts": [[1945]], "circa": True}
    assert issued[5] == {"date-parts": [[1949, 10, 12], [1949, 10, 14]]}
    assert issued[6] is None
    assert citations.csl_date("1945-22") == {"date-parts": [[1945]], "season": 2}
    assert citations.csl_date("194X") == {"date-parts": [[1940], [1949]]}
    assert citations.csl_date("[1945,1946]") == {"date-parts": [[1945], [1946]]}
    assert citations.csl_date("1945-08-23%") == {"date-parts": [[1945, 8, 23]], "circa": True}
    shown = citations.csl_date("1945~", shown=True)
    assert shown is not None and shown["literal"] == "circa 1945"
