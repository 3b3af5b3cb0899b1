"""Subjects from a FRUS volume's back-of-book index (readingroom/importers/tei_index.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from import_support import RUSSIA, run_import

from readingroom.catalogue.models import Document, Status, Subject
from readingroom.importers import tei

pytestmark = pytest.mark.django_db

CORPUS = RUSSIA.parent
VOLUME = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="frus1999index">
  <teiHeader><fileDesc><titleStmt><title>Index test</title></titleStmt></fileDesc></teiHeader>
  <text>
    <front><list type="persons">
      <item><persName xml:id="p_HC1">Hull, Cordell</persName>, Secretary of State</item>
    </list></front>
    <body>
      <pb n="1" xml:id="pg_1"/>
      <div type="document" xml:id="d1"><head>First</head><p>One.</p>
        <pb n="2" xml:id="pg_2"/><p>Still the first.</p></div>
      <div type="document" xml:id="d2"><head>Second</head><p>Two.</p></div>
      <pb n="3" xml:id="pg_3"/>
      <div type="document" xml:id="d3"><head>Third</head><p>Three.</p></div>
      <pb n="4" xml:id="pg_4"/><pb n="5" xml:id="pg_5"/>
      <div type="document" xml:id="d4"><head>Fourth</head><p>Four.</p></div>
    </body>
    <back><div xml:id="index"><list type="index">
      <item>Bolivia. <hi>See</hi> <ref target="#in1">Chaco dispute</ref>.</item>
      <item xml:id="in1">Chaco dispute between Bolivia and Paraguay (<hi>see also</hi>
        <ref target="#in2">League</ref>), <ref target="#pg_1">1</ref>
        <list><item>Mediation, <ref target="#pg_3">3</ref>–<ref target="#pg_5">5</ref></item></list>
      </item>
      <item>Treaties, conventions, etc.: <list><item>Arbitration, <ref target="#pg_2">2</ref>
        </item></list></item>
      <item>Hull, Cordell, <ref target="#pg_3">3</ref></item>
      <item>Williams, John H., special mission, <ref target="#pg_5">5</ref></item>
      <item><persName>Stevens</persName>, R. R., <ref target="#pg_5">5</ref></item>
      <item>Y. M. C. A., <ref target="#pg_5">5</ref></item>
      <item>Blank page, <ref target="#pg_4">4</ref></item>
    </list></div></back>
  </text>
</TEI>"""


def subjects_by_document(path: Path) -> dict[str, list[str]]:
    return {
        record.key: record.fields["subjects"]
        for record in tei.read(path, Status.DRAFT)
        if record.type == "document"
    }


def test_index_headings_become_subjects_of_the_documents_on_their_pages(tmp_path: Path) -> None:
    path = tmp_path / "frus1999index.xml"
    path.write_text(VOLUME, encoding="utf-8")
    chaco, treaties, ymca = "chaco-dispute-between-bolivia-and-paraguay", "treaties", "y-m-c-a"
    assert subjects_by_document(path) == {
        "frus1999index-d1": [chaco, treaties],  # starts on page 1, runs onto page 2
        "frus1999index-d2": [treaties],  # starts on page 2
        "frus1999index-d3": [chaco],  # page 3, in the range 3–5
        "frus1999index-d4": [chaco, ymca],  # page 5 (page 4 has no document)
    }
    assert not run_import("tei", path).failed
    names = dict(Subject.objects.values_list("key", "name"))
    assert names == {
        chaco: "Chaco dispute between Bolivia and Paraguay",
        treaties: "Treaties",
        ymca: "Y. M. C. A.",
    }  # none for a cross-reference ("Bolivia"), a person (Hull, Williams, Stevens) or no page
    fourth = Document.objects.get(key="frus1999index-d4")
    assert sorted(fourth.subjects.values_list("key", flat=True)) == [chaco, ymca]


def test_a_subject_the_archive_has_is_linked_not_rewritten(tmp_path: Path) -> None:
    Subject.objects.create(key="treaties", name="Treaties and conventions", public_id=7)
    path = tmp_path / "frus1999index.xml"
    path.write_text(VOLUME, encoding="utf-8")
    assert not run_import("tei", path).failed
    assert Subject.objects.get(key="treaties").name == "Treaties and conventions"
    first = Document.objects.get(key="frus1999index-d1")
    assert "treaties" in first.subjects.values_list("key", flat=True)


def test_the_real_volumes_indexes_give_their_documents_subjects() -> None:
    russia = subjects_by_document(RUSSIA)
    assert sum(1 for keys in russia.values() if keys) == len(russia)
    latin_america = subjects_by_document(CORPUS / "frus1934v04.xml.gz")
    chaco = "chaco-dispute-between-bolivia-and-paraguay"
    with_chaco = [key for key, keys in latin_america.items() if chaco in keys]
    assert 250 < len(with_chaco) < len(latin_america)
    every_subject = {key for keys in latin_america.values() for key in keys}
    assert {"leticia-dispute-between-colombia-and-peru", "brazil"} <= every_subject
    assert not every_subject & {"bolivia", "williams", "agreements"}


def test_a_volume_without_an_index_has_no_subjects() -> None:
    nicaragua = subjects_by_document(CORPUS / "frus1894Nicaragua.xml.gz")
    assert nicaragua and not any(nicaragua.values())
