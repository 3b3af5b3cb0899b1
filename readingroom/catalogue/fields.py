"""The record declared once: every field of every record type, and how each surface shows it.

A record type's fields are listed here, in the canonical order (docs/formats.md: the order of
`export jsonl`, the API, the `readingroom` OAI-PMH format and history snapshots). Every surface
reads this list rather than naming fields again: the canonical format's rules
(`interchange/canonical.py`), CSV columns (`importers/csvfile.py`), the import writer's columns
(`importers/writer.py`), the exports (`interchange/export.py`), OpenAPI (`api/openapi.py`),
Dublin Core (`protocols/oai/metadata.py`), the search index (`search/documents.py`), history
labels (`editorial/snapshots.py`) and the admin (`desk/`); docs/formats.md and the OAI-PMH
schema are tested against it (tests/catalogue/test_fields.py).

A **simple** field has a `column`: the model's column holds the canonical value as it is (a
string, a number, a flag or a list of strings), so every surface handles it without code of its
own. The others (dates, references, texts, scans, variants) keep code on each surface, which
takes their names from here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

# The canonical format's validation rules, by name (their code: RULES in interchange/canonical.py).
RULE_NAMES = (
    "id",  # a positive whole number or null
    "text",  # a string, trimmed; "" by default
    "required_text",  # a string that must not be empty
    "text_list",  # a list of strings, empty ones dropped
    "key_list",  # ordered references: keys in order, each once
    "key_set",  # unordered references: sorted, each once
    "edtf",  # an EDTF date or "undated"
    "day",  # YYYY-MM-DD or ""
    "status",  # a publication state, draft by default
    "languages",  # a list of ISO 639 codes
    "number",  # a number or null
    "boolean",  # true or false
    "variants",  # a list of name variants
    "texts",  # a list of texts
    "scans",  # a list of scans
)
LISTS = ("text_list", "key_list", "key_set", "languages")


@dataclass(frozen=True)
class Field:
    """One field of a record type.

    `name` is its key in the canonical format (and the API, snapshots, OAI-PMH's `readingroom`
    format); `rule` the canonical format's validation (RULE_NAMES); `label` its name in history
    and corrections; `column` the model column of a simple field (None: the field has structure
    and bespoke code); `csv` "one" or "many" (cells split on `|`) when it is a CSV column;
    `dublin_core` its simple Dublin Core element; `indexed` the search field it is found by;
    `admin` the section of the admin form it is edited in ("" the first, unnamed one; None: not
    in the form, or edited inline); `form_field` the admin form's field when it is not `column`;
    `role` the role (models.Role) of the person links it lists, for a document's people;
    `fact` the heading readers see it under among a record's facts (the document page's "About
    this document", a published version's page, the IIIF manifest's metadata), for a simple
    field shown as it is written.
    """

    name: str
    rule: str
    label: str
    column: str | None = None
    csv: str | None = None
    dublin_core: str | None = None
    indexed: str | None = None
    admin: str | None = None
    form_field: str | None = None
    role: str | None = None
    fact: str | None = None

    @property
    def is_list(self) -> bool:
        return self.rule in LISTS

    @property
    def in_form(self) -> str | None:
        """The admin form's field for it, or None."""
        if self.admin is None:
            return None
        return self.form_field or self.column or self.name


def simple(name: str, rule: str, label: str, **surfaces: str | None) -> Field:
    """A field stored as it is in the column of its name."""
    return Field(name, rule, label, column=name, **surfaces)  # type: ignore[arg-type]


ID = Field("id", "id", "id", csv="one")

DOCUMENT = (
    ID,
    simple("title", "required_text", "title", csv="one", dublin_core="title", indexed="title",
           admin=""),
    simple("original_title", "text", "title in the original language", csv="one",
           dublin_core="title", indexed="title", admin=""),
    Field("date", "edtf", "date", csv="one", dublin_core="date", admin="Date",
          form_field="date_edtf"),
    simple("date_text", "text", "date as written", csv="one", admin="Date"),
    simple("summary", "text", "summary", csv="one", dublin_core="description",
           indexed="summary", admin=""),
    simple("doc_type", "text", "document type", csv="one", dublin_core="type", admin=""),
    Field("authors", "key_list", "authors", csv="many", dublin_core="creator", indexed="names",
          role="author"),
    Field("recipients", "key_list", "recipients", csv="many", dublin_core="contributor",
          indexed="names", role="recipient"),
    Field("people", "key_list", "people discussed", csv="many", dublin_core="subject",
          indexed="names", role="discussed"),
    Field("places", "key_set", "places", csv="many", dublin_core="coverage", indexed="places",
          admin="Index terms"),
    Field("subjects", "key_set", "subjects", csv="many", dublin_core="subject",
          indexed="subjects", admin="Index terms"),
    Field("collections", "key_set", "collections", csv="many", dublin_core="relation"),
    Field("repository", "text", "repository", csv="one", dublin_core="source",
          indexed="repository", admin="Provenance"),
    simple("citation", "text", "archival citation", csv="one", dublin_core="source",
           admin="Provenance", fact="Archival citation"),
    simple("languages", "languages", "languages", csv="many", dublin_core="language", admin=""),
    Field("texts", "texts", "texts", indexed="texts"),
    simple("credits", "text_list", "credits", csv="many", admin="Credits",
           fact="Contributors"),
    simple("funders", "text_list", "funders", csv="many", admin="Credits",
           fact="Made possible with support from"),
    simple("classification", "text", "classification", csv="one", admin="Provenance",
           fact="Original classification"),
    simple("rights", "text", "rights statement", csv="one", dublin_core="rights",
           admin="Provenance", fact="Rights"),
    simple("legacy_ids", "text_list", "legacy ids", csv="many", admin="Credits",
           fact="Earlier identifiers"),
    Field("related", "key_set", "related documents", csv="many", admin="Index terms"),
    Field("scans", "scans", "scans", csv="many"),
    simple("status", "status", "publication state", csv="one", admin="Publication"),
    Field("embargo_until", "day", "embargo date", csv="one", admin="Publication"),
    simple("withdrawn_reason", "text", "reason for withdrawal", csv="one", admin="Publication"),
)  # fmt: skip

AGENT = (
    ID,
    simple("name", "required_text", "name", admin=""),
    simple("sort_name", "text", "sort form of the name", admin=""),
    Field("dates", "edtf", "life dates", admin="", form_field="dates_edtf"),
    Field("variants", "variants", "name variants"),
    simple("biography", "text", "biography", admin=""),
    simple("wikidata", "text", "wikidata", admin=""),
    simple("viaf", "text", "viaf", admin=""),
)
PLACE = (
    ID,
    simple("name", "required_text", "name"),
    Field("variants", "variants", "name variants"),
    simple("description", "text", "description"),
    simple("latitude", "number", "latitude"),
    simple("longitude", "number", "longitude"),
    simple("geonames", "text", "geonames"),
    simple("wikidata", "text", "wikidata"),
)
SUBJECT = (
    ID,
    simple("name", "required_text", "name"),
    Field("variants", "variants", "name variants"),
    simple("description", "text", "description"),
    Field("broader", "text", "broader subject"),
)
REPOSITORY = (
    ID,
    simple("name", "required_text", "name"),
    simple("short_name", "text", "short name"),
    simple("location", "text", "location"),
    simple("url", "text", "url"),
    simple("description", "text", "description"),
)
COLLECTION = (
    ID,
    simple("title", "required_text", "title"),
    simple("description", "text", "description"),
    simple("featured", "boolean", "featured"),
    Field("order", "text_list", "curated order"),
)

# Every record type's fields, by the name of the type in the canonical format.
RECORDS: dict[str, tuple[Field, ...]] = {
    "person": AGENT,
    "organization": AGENT,
    "place": PLACE,
    "subject": SUBJECT,
    "repository": REPOSITORY,
    "collection": COLLECTION,
    "document": DOCUMENT,
}

# The record types of the canonical format: the authority records first (the order of imports
# and exports), then documents. A person and an organization are one model (Person).
RECORD_TYPES = tuple(RECORDS)
AUTHORITY_TYPES = tuple(kind for kind in RECORDS if kind != "document")
# A document's fields of person links, by the role (models.Role) each holds.
ROLE_FIELDS: dict[str, str] = {f.name: f.role for f in DOCUMENT if f.role is not None}


def simple_fields(record_type: str) -> tuple[Field, ...]:
    return tuple(f for f in RECORDS[record_type] if f.column is not None)


def simple_columns(record_type: str) -> tuple[str, ...]:
    return tuple(f.column for f in RECORDS[record_type] if f.column is not None)


def form_fields(record_type: str, section: str | None = None) -> tuple[str, ...]:
    """The admin form's fields of a record type (of one section of it, if given)."""
    chosen = []
    for field in RECORDS[record_type]:
        name = field.in_form
        if name is not None and section in (None, field.admin):
            chosen.append(name)
    return tuple(chosen)


@dataclass(frozen=True)
class Fact:
    """A simple field as readers see it among a record's facts: its heading and its values (one
    for a string, each item for a list)."""

    heading: str
    values: tuple[str, ...]
    is_list: bool


def facts(record_type: str, value_of: Callable[[str], Any]) -> list[Fact]:
    """The record's facts in the declaration's order, those with a value; `value_of` gives a
    field's value by name (an attribute of a model, a key of a snapshot)."""
    found = []
    for field in RECORDS[record_type]:
        if field.fact is None:
            continue
        value = value_of(field.name) or ()
        values = tuple(value) if field.is_list else (value,) if value else ()
        if values:
            found.append(Fact(field.fact, values, field.is_list))
    return found


def field_named(record_type: str, name: str) -> Field:
    return next(f for f in RECORDS[record_type] if f.name == name)
