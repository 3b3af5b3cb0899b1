"""The record's declaration (readingroom/catalogue/fields.py) against what is written about it
by hand: docs/formats.md's field tables and CSV columns, and the OAI-PMH record schema. A field
in one and not in the other fails, either way round."""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from readingroom.catalogue.fields import RECORDS, ROLE_FIELDS, RULE_NAMES
from readingroom.catalogue.models import RECORD_MODELS, TYPE_MODELS, Person, Role
from readingroom.editorial.models import RecordType
from readingroom.importers import csvfile
from readingroom.interchange.canonical import RULES, SCHEMA

ROOT = Path(__file__).resolve().parents[2]
FORMATS = (ROOT / "docs" / "formats.md").read_text()
XSD = ROOT / "readingroom" / "protocols" / "oai" / "readingroom.xsd"
HEADINGS = {
    "person": "### `person` and `organization`",
    "organization": "### `person` and `organization`",
    "place": "### `place`",
    "subject": "### `subject`",
    "repository": "### `repository`",
    "collection": "### `collection`",
    "document": "### `document`",
}


def table_after(heading: str) -> list[list[str]]:
    """The cells of the first table after this heading (header and rule left out)."""
    lines = FORMATS[FORMATS.index(heading) :].splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("|"))
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:-1]])
    return rows


def names(cell: str) -> list[str]:
    return re.findall(r"`([^`]+)`", cell)


def documented_fields(record_type: str) -> list[str]:
    every = [name for row in table_after("### Fields every record has") for name in names(row[0])]
    own = [name for row in table_after(HEADINGS[record_type]) for name in names(row[0])]
    return [name for name in every if name not in ("type", "key")] + own


def test_every_record_types_fields_are_documented_and_every_documented_field_declared() -> None:
    for record_type, declared in RECORDS.items():
        documented = documented_fields(record_type)
        assert sorted(documented) == sorted(f.name for f in declared), record_type
        in_order = [name for name in documented if name != "id"]
        assert in_order == [f.name for f in declared if f.name != "id"], record_type


def test_the_csv_columns_documented_are_those_read_one_or_many_as_declared() -> None:
    rows = table_after("## CSV")
    documented = {name for row in rows for name in names(row[0])}
    assert documented == set(csvfile.COLUMNS)
    one = {name for row in rows if "one value" in row[2] for name in names(row[0])}
    many = {name for row in rows if "separated by" in row[2] for name in names(row[0])}
    declared = RECORDS["document"]
    assert one == {f.name for f in declared if f.csv == "one"} - {"id", "title"}
    assert many == {f.name for f in declared if f.csv == "many"}


def test_the_oai_record_schema_lists_the_declared_document_fields_in_order() -> None:
    tree = etree.parse(str(XSD))
    xs = {"xs": "http://www.w3.org/2001/XMLSchema"}
    elements = tree.xpath(
        "/xs:schema/xs:element[@name='record']//xs:sequence/xs:element", namespaces=xs
    )
    assert [e.get("name") for e in elements] == [
        "type",
        "key",
        *(f.name for f in RECORDS["document"]),
    ]


def test_every_rule_named_has_its_code_and_the_canonical_schema_is_the_declaration() -> None:
    assert set(RULES) == set(RULE_NAMES)
    assert {t: list(rules) for t, rules in SCHEMA.items()} == {
        t: [f.name for f in declared] for t, declared in RECORDS.items()
    }


def test_a_name_means_one_thing_in_every_record_type() -> None:
    seen: dict[str, tuple[str, str]] = {}
    for declared in RECORDS.values():
        for field in declared:
            assert seen.setdefault(field.name, (field.rule, field.label))[1] == field.label


def test_the_record_types_are_listed_once() -> None:
    """The canonical types (fields.RECORDS) and the types with pages (RECORD_MODELS) are the
    two lists; every other list of types is read from them or held to them here."""
    assert set(TYPE_MODELS) == set(RECORDS)
    assert {TYPE_MODELS[kind] for kind in RECORDS} == set(RECORD_MODELS.values())
    assert TYPE_MODELS["organization"] is Person
    assert set(RecordType.values) == set(RECORD_MODELS)  # the history's choices (a migration)
    assert sorted(ROLE_FIELDS.values()) == sorted(Role.values)


def test_the_csv_the_archive_writes_has_the_documented_columns() -> None:
    from readingroom.protocols.bulk import CSV_FIELDS

    start, end = "<!-- csv columns: start -->", "<!-- csv columns: end -->"
    block = FORMATS[FORMATS.index(start) : FORMATS.index(end)]
    assert tuple(names(block)) == CSV_FIELDS
    simple = {f.name for f in RECORDS["document"] if f.column is not None}
    assert {"title", "original_title", "classification", "legacy_ids"} <= simple & set(CSV_FIELDS)


def test_facts_are_declared_once_and_shown_as_written() -> None:
    from readingroom.catalogue.fields import facts

    record = {"citation": "f. 1", "classification": "Secret", "credits": ["A", "B"], "rights": ""}
    shown = [(f.heading, f.values) for f in facts("document", record.get)]
    assert shown == [
        ("Archival citation", ("f. 1",)),
        ("Contributors", ("A", "B")),
        ("Original classification", ("Secret",)),
    ]
