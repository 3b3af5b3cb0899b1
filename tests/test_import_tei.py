"""The TEI importer on real FRUS volumes from the demo corpus, and on small volumes written
here for the cases a real volume has only once (undated documents, ranges, bad files)."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest
from import_support import NICARAGUA, RUSSIA, SEED, run_import, snapshot

from readingroom.catalogue.models import (
    Collection,
    Document,
    DocumentPerson,
    Person,
    Place,
    PlaceVariant,
    Status,
)
from readingroom.importers import tei
from readingroom.importers.doctypes import guess_doc_type
from readingroom.interchange.canonical import Record
from readingroom.interchange.problems import ImportFailed

pytestmark = pytest.mark.django_db

TEI_HEADER = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:frus="http://history.state.gov/frus/ns/1.0"
     xml:id="frus1999test">
  <teiHeader><fileDesc><titleStmt>
    <title type="complete">Foreign Relations, 1999, Test Volume</title>
  </titleStmt></fileDesc></teiHeader>
  <text><front>{front}</front><body>{body}</body></text>
</TEI>"""


def volume(tmp_path: Path, body: str, front: str = "", name: str = "frus1999test.xml") -> Path:
    path = tmp_path / name
    path.write_text(TEI_HEADER.format(front=front, body=body), encoding="utf-8")
    return path


def documents(records: list[Record]) -> dict[str, Record]:
    return {r.key: r for r in records if r.type == "document"}


def test_reads_every_document_of_a_real_volume() -> None:
    records = tei.read(NICARAGUA, Status.DRAFT)
    assert not [p for r in records for p in r.problems]
    found = documents(records)
    assert len(found) == 138
    first = found["frus1894Nicaragua-d1"]
    assert first.fields["title"] == "Mr. Seat to Mr. Gresham"
    assert (first.fields["date"], first.fields["date_text"]) == ("1894-01-25", "January 25, 1894")
    assert first.fields["doc_type"] == "telegram"  # from the source note "[Telegram.]"
    assert first.fields["citation"] == "[Telegram.]"
    assert first.fields["places"] == ["bluefields"]
    assert first.fields["languages"] == ["en"]
    assert first.fields["rights"] == "Public domain (U.S. government work)"
    assert first.fields["status"] == Status.DRAFT
    text = first.fields["texts"][0]
    assert (text["kind"], text["language"]) == ("original", "en")
    assert text["body"].startswith("Bluefields, Nicaragua, January 25, 1894.\n\nHonduras invading")


def test_footnotes_are_numbered_after_the_text_and_enclosures_kept() -> None:
    second = documents(tei.read(NICARAGUA, Status.DRAFT))["frus1894Nicaragua-d2"]
    body = second.fields["texts"][0]["body"]
    assert "a copy of a telegram[1] from our consular agent" in body
    assert body.endswith("\n\n[1] No. 1.")
    assert "[Inclosure in No. 2.]\n\nMr. Herbert to Mr. Gresham." in body


def test_the_volume_is_a_collection_in_the_volume_order() -> None:
    records = tei.read(NICARAGUA, Status.DRAFT)
    collection = next(r for r in records if r.type == "collection")
    assert collection.key == "frus1894Nicaragua"
    assert collection.fields["title"].startswith("Foreign Relations of the United States, 1894")
    assert collection.fields["order"] == [r.key for r in records if r.type == "document"]


def test_a_document_without_a_date_is_undated_not_guessed() -> None:
    undated = documents(tei.read(NICARAGUA, Status.DRAFT))["frus1894Nicaragua-d27"]
    assert undated.fields["date"] == "undated"
    assert undated.fields["texts"][0]["body"].startswith("Legation of the United States,\nManagua")


def test_the_list_of_persons_gives_people_and_the_heading_authors_and_recipients() -> None:
    records = tei.read(RUSSIA, Status.DRAFT)
    people = {r.key: r for r in records if r.type == "person"}
    baker = people["frus1918Russiav03-p_BND1"]
    assert baker.fields["name"] == "Newton D. Baker"
    assert baker.fields["sort_name"] == "Baker, Newton D."
    assert baker.fields["biography"] == "Secretary of War."
    first = documents(records)["frus1918Russiav03-d1"]
    assert first.fields["title"] == "The Secretary of State to the Ambassador in Russia (Francis)"
    assert first.fields["authors"] == ["frus1918Russiav03-p_LR1"]
    assert first.fields["recipients"] == ["frus1918Russiav03-p_FDR1"]
    assert first.fields["repository"] == "nara"  # "File No. 861.51/131" is a State Department file
    assert first.fields["citation"] == "File No. 861.51/131"


def test_import_into_the_archive_then_again_changes_nothing() -> None:
    outcome = run_import("tei", NICARAGUA, options=("--status", "published"))
    assert not outcome.failed, outcome.stderr
    assert Document.objects.filter(status=Status.PUBLISHED).count() == 138
    volume_collection = Collection.objects.get(key="frus1894Nicaragua")
    order = list(
        volume_collection.memberships.order_by("position").values_list("document__key", flat=True)
    )
    assert order[:3] == ["frus1894Nicaragua-d1", "frus1894Nicaragua-d2", "frus1894Nicaragua-d3"]
    assert Place.objects.get(key="managua").documents.count() > 10
    before = snapshot()
    stamps = dict(Document.objects.values_list("key", "updated_at"))
    again = run_import("tei", NICARAGUA, options=("--status", "published"))
    assert "0 created, 0 updated, 138 unchanged" in again.stdout
    assert snapshot() == before
    assert dict(Document.objects.values_list("key", "updated_at")) == stamps


def test_people_are_linked_with_their_roles() -> None:
    assert not run_import("tei", RUSSIA).failed
    francis = Person.objects.get(key="frus1918Russiav03-p_FDR1")
    assert francis.name == "David R. Francis"
    roles = set(
        DocumentPerson.objects.filter(person=francis).values_list("role", flat=True).distinct()
    )
    assert roles == {"author", "recipient", "discussed"}


def test_authority_records_in_the_archive_are_used_and_never_rewritten(tmp_path: Path) -> None:
    urumqi = Place.objects.create(key="urumqi", name="Urumqi", public_id=1, description="Curated.")
    PlaceVariant.objects.create(place=urumqi, name="Tihwa", kind="former")
    Place.objects.create(key="managua", name="Managua", public_id=2, latitude=12.1)
    body = """
      <div type="document" xml:id="d1"><head>The Consul at Tihwa to the Secretary of State</head>
        <dateline><placeName>Tihwa</placeName>, <date when="1934-03-05">March 5, 1934</date>
        </dateline><p>Report.</p></div>
      <div type="document" xml:id="d2"><head>The Minister to the Secretary of State</head>
        <dateline><placeName>Legation of the United States, Managua</placeName>,
        <date when="1934-04">April 1934</date></dateline><p>Report.</p></div>"""
    assert not run_import("tei", volume(tmp_path, body)).failed
    assert Document.objects.get(key="frus1999test-d1").places.get() == urumqi
    assert Document.objects.get(key="frus1999test-d2").places.get().key == "managua"
    assert not Place.objects.filter(key="tihwa").exists()
    assert Place.objects.get(key="urumqi").description == "Curated."
    assert Place.objects.get(key="managua").latitude == 12.1


@pytest.mark.parametrize(
    ("attributes", "dateline", "expected"),
    [
        (
            'frus:doc-dateTime-min="1934-06-12T00:00:00-05:00" '
            'frus:doc-dateTime-max="1934-06-12T23:59:59-05:00"',
            "",
            "1934-06-12",
        ),
        (
            'frus:doc-dateTime-min="1934-06-01T00:00:00-05:00" '
            'frus:doc-dateTime-max="1934-06-30T23:59:59-05:00"',
            "",
            "1934-06",
        ),
        (
            'frus:doc-dateTime-min="1934-01-01T00:00:00-05:00" '
            'frus:doc-dateTime-max="1934-12-31T23:59:59-05:00"',
            "",
            "1934",
        ),
        (
            'frus:doc-dateTime-min="1949-10-12T00:00:00-05:00" '
            'frus:doc-dateTime-max="1949-10-14T23:59:59-05:00"',
            "",
            "1949-10-12/1949-10-14",
        ),
        ("", '<date when="1861-04-24">April 24, 1861</date>', "1861-04-24"),
        ("", '<date when="1934-02-20T18:00:00">February 20, 1934—6 p.m.</date>', "1934-02-20"),
        ("", '<date when="1861-06">June —, 1861</date>', "1861-06"),
        ("", '<date when="1861-02-30">February 30, 1861</date>', "1861-02"),
        ("", '<date when="--11-14">November 14.</date>', "undated"),
        (
            "",
            '<date notBefore="1918-03-01" notAfter="1918-04-30">March or April</date>',
            "1918-03/1918-04",
        ),
        ("", "", "undated"),
    ],
)
def test_dates_are_never_more_precise_than_the_source(
    tmp_path: Path, attributes: str, dateline: str, expected: str
) -> None:
    body = f"""<div type="document" xml:id="d1" {attributes}><head>A despatch</head>
      <dateline><placeName>Paris</placeName>, {dateline}</dateline><p>Text.</p></div>"""
    record = documents(tei.read(volume(tmp_path, body), Status.DRAFT))["frus1999test-d1"]
    assert not record.problems
    assert record.fields["date"] == expected


def test_titles_lose_numbering_and_capitals_and_types_come_from_words() -> None:
    assert guess_doc_type("Memorandum of Conversation, by the Secretary") == (
        "memorandum of conversation"
    )
    assert guess_doc_type("The Minister in China (Johnson) to the Secretary", " Telegram") == (
        "telegram"
    )
    assert guess_doc_type("Mr. Seward to Mr. Adams", "") == "document"
    assert tei.title_case("general instruction for commanders") == (
        "General Instruction for Commanders"
    )
    assert tei.NUMBERED_HEADING.sub("", "No. 7. Earl Granville to Sir E. Thornton") == (
        "Earl Granville to Sir E. Thornton"
    )
    assert tei.without_final_stop("Mr. Adams to Mr. Seward.") == "Mr. Adams to Mr. Seward"
    assert tei.without_final_stop("Washington, D. C.") == "Washington, D. C."


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"Just some notes, not XML.\n", "not an XML file, so not a TEI volume"),
        (b"<html><body><p>A web page</p></body></html>", "the root element is <html>, expected"),
        (b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>', "not well-formed XML"),
        (
            b'<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body/></text></TEI>',
            "no documents: no div with type='document'",
        ),
    ],
)
def test_a_file_that_is_not_a_tei_volume_fails_and_changes_nothing(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    assert not run_import("jsonl", SEED).failed
    before = snapshot()
    path = tmp_path / "volume.xml"
    path.write_bytes(content)
    with pytest.raises(ImportFailed) as failure:
        tei.read(path, Status.DRAFT)
    assert str(path) in str(failure.value)
    assert expected in str(failure.value)
    outcome = run_import("tei", path)
    assert outcome.failed
    assert expected in outcome.stderr
    assert snapshot() == before


def test_a_truncated_volume_fails_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "frus1894Nicaragua.xml.gz"
    data = NICARAGUA.read_bytes()
    path.write_bytes(data[: len(data) * 2 // 3])
    outcome = run_import("tei", path)
    assert outcome.failed
    assert f"{path}: the gzip file is truncated or damaged" in outcome.stderr
    assert snapshot() == []


def test_plain_xml_volumes_read_like_gzipped_ones(tmp_path: Path) -> None:
    path = tmp_path / "frus1894Nicaragua.xml"
    path.write_bytes(gzip.decompress(NICARAGUA.read_bytes()))
    plain = [r.as_json() for r in tei.read(path, Status.DRAFT)]
    assert plain == [r.as_json() for r in tei.read(NICARAGUA, Status.DRAFT)]


@pytest.mark.parametrize(
    ("heading", "expected"),
    [
        (
            "Memorandum Handed by the Ambassador (Aranha) to the Adviser (Feis), Circa December 18,"
            " 1934",
            ("1934-12-18~", "Circa December 18, 1934"),
        ),
        (
            "Press Release Issued by the Department of State, April 11, 1934",
            ("1934-04-11", "April 11, 1934"),
        ),
        (
            "Agreement Signed on the Part of the United States, February 30, 1934",
            ("1934-02", "February 30, 1934"),
        ),  # no such day: its month, never an invented day
        ("Memorandum in regard to the telegram dated July 25", ("undated", "")),
        ("The Treaty of May 10, 1934, and Its Ratification", ("undated", "")),
    ],
)
def test_an_undated_heading_that_ends_with_its_day_gives_the_date(
    tmp_path: Path, heading: str, expected: tuple[str, str]
) -> None:
    """FRUS prints some dates only in the heading ("..., Circa December 18, 1934"): read as
    precise as written, "circa" as approximate; a day elsewhere in a heading is not its date."""
    body = f"""<div type="document" xml:id="d1"><head>{heading}</head><p>Text.</p></div>"""
    record = documents(tei.read(volume(tmp_path, body), Status.DRAFT))["frus1999test-d1"]
    assert not record.problems
    assert (record.fields["date"], record.fields["date_text"]) == expected


@pytest.mark.parametrize(
    ("written", "name", "sort_name", "variants"),
    [
        ("Reading, Earl of (Rufus Daniel Isaacs)", "Rufus Daniel Isaacs, Earl of Reading",
         "Reading, Earl of", []),
        ("Lenin, N. (Vladimir Ulyanov)", "N. Lenin", "Lenin, N.", ["Vladimir Ulyanov"]),
        ("Trotsky, L. D. (Bronstein)", "L. D. Trotsky", "Trotsky, L. D.", ["L. D. Bronstein"]),
        ("Maynard, Brig. Gen. (later Maj. Gen.) Charles C. M.",
         "Brig. Gen. Charles C. M. Maynard", "Maynard, Brig. Gen. Charles C. M.", []),
        ("Baker, Newton D.", "Newton D. Baker", "Baker, Newton D.", []),
        ("All-Union Communist Party (Bolsheviks)", "All-Union Communist Party (Bolsheviks)",
         "All-Union Communist Party (Bolsheviks)", []),
    ],
)  # fmt: skip
def test_names_in_the_list_of_persons_are_put_in_reading_order(
    written: str, name: str, sort_name: str, variants: list[str]
) -> None:
    """A peer's own name before the title, another name kept as a variant, a later rank left
    to the biography: no name reads "Earl of (Rufus Daniel Isaacs) Reading"."""
    entry = tei.PersonEntry(written, "Commander in north Russia")
    assert (entry.name, entry.sort_name) == (name, sort_name)
    assert [v["name"] for v in entry.variants] == variants
    if "later" in written:
        assert entry.about == "Later Maj. Gen. Commander in north Russia"


def test_the_russia_volume_names_its_people_in_reading_order() -> None:
    people = [r for r in tei.read(RUSSIA, Status.DRAFT) if r.type == "person"]
    names = [r.fields["name"] for r in people]
    assert names and not [n for n in names if re.search(r"\(|\)", n) and "Party" not in n], names


@pytest.mark.parametrize(
    ("heading", "dateline", "opening", "expected"),
    [
        ("Mr. Pike to Mr. Seward", "United States Legation, The Hague, September 4, 1861.",
         "<p>No. 15.]</p><p>Sir: Since writing to you on the 28th</p>", "despatch"),
        ("Mr. Seward to Mr. Judd", "Department of State, Washington, March 22, 1861.",
         "<p>No. 1.]</p><p>Sir: Contrary to what usually happens</p>", "instruction"),
        ("The Secretary of State to the Ambassador in Argentina (Weddell)",
         "Washington, July 28, 1934.", "<p>No. 117</p><p>Sir: The Department has been</p>",
         "instruction"),
        ("The Ambassador in Japan (Morris) to the Secretary of State",
         "Tokyo, January 9, 1919, 7 p.m. [Received 10.35 p.m.]", "<p>Pursuant to Stevens</p>",
         "telegram"),
        ("Mr. Hülsemann to Mr. Seward", "Austrian Legation, Washington, August 7, 1861.",
         "<p>The undersigned, in pursuance of the understanding</p>", "note"),
        ("Lord Lyons to Mr. Seward", "British Legation, Washington, October 11, 1861.",
         "<p>Sir: I have the honor to transmit</p>", "note"),
        ("The Russian Ambassador (Bakhmeteff) to the Secretary of State",
         "Washington, April 25, 1918.", "<p>My Dear Mr. Secretary: Referring to</p>", "letter"),
        ("Mr. Herbert to Mr. Gresham", "Navy Department, Washington, July 10, 1894.",
         "<p>Sir: I have the honor to transmit</p>", "letter"),
        ("The British Chargé (Barclay) to the Secretary of State", "",
         "<p>No. 1053</p><p>Memorandum</p><p>The British Chargé has the honour</p>", "memorandum"),
        ("Mr. Seward to Lord Lyons", "Department of State, Washington, October 16, 1861.",
         "<p>CIRCULAR.</p><p>My Lord: The judge</p>", "circular"),
        ("Mr. Dayton to Mr. Seward", "Paris, June 22, 1861.",
         "<p>Sir: I have the honor to enclose</p>", "document"),  # unnumbered, from a city: unsure
    ],
)  # fmt: skip
def test_a_type_the_heading_does_not_name_is_read_from_the_documents_form(
    tmp_path: Path, heading: str, dateline: str, opening: str, expected: str
) -> None:
    """FRUS's usual heading ("Mr. Pike to Mr. Seward") names no type: the dateline's hour, the
    numbering and the salutation say it, by the conventions of diplomatic correspondence."""
    line = f"<dateline>{dateline}</dateline>" if dateline else ""
    body = f"""<div type="document" xml:id="d1"><head>{heading}</head>{line}{opening}</div>"""
    record = documents(tei.read(volume(tmp_path, body), Status.DRAFT))["frus1999test-d1"]
    assert record.fields["doc_type"] == expected
