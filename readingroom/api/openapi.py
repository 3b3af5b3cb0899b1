"""The OpenAPI 3.1 description of /api/v1/, written once here; /api/v1/docs renders it."""

from __future__ import annotations

from functools import cache
from typing import Any

from readingroom.catalogue.fields import RECORDS
from readingroom.protocols import conf, request_limits
from readingroom.search.params import MAX_PAGE, PER_PAGE_CHOICES, SORT_LABELS

STRING = {"type": "string"}
STRINGS = {"type": "array", "items": STRING}
INTEGER = {"type": "integer"}
VARIANTS = {
    "type": "array",
    "items": {
        "type": "object",
        "properties": {"name": STRING, "kind": STRING},
        "required": ["name", "kind"],
    },
}
LINKS = {
    "type": "object",
    "properties": {
        "self": {**STRING, "format": "uri"},
        "html": {**STRING, "format": "uri"},
        "citation": {**STRING, "format": "uri"},
        "iiif_manifest": {**STRING, "format": "uri"},
    },
    "required": ["self", "html"],
}


def _record(properties: dict[str, Any], description: str) -> dict[str, Any]:
    fields = {
        "key": STRING,
        "id": INTEGER,
        **properties,
        "links": {"$ref": "#/components/schemas/Links"},
    }
    return {
        "type": "object",
        "description": description,
        "properties": fields,
        "required": ["type", *fields],
    }


def _objects(**properties: Any) -> dict[str, Any]:
    return {
        "type": "array",
        "items": {"type": "object", "properties": properties, "required": list(properties)},
    }


# The JSON Schema of each canonical rule (catalogue/fields.py names a field's rule).
RULE_SCHEMAS: dict[str, Any] = {
    "id": INTEGER,
    "text": STRING,
    "required_text": STRING,
    "text_list": STRINGS,
    "key_list": {**STRINGS, "description": "keys of records, in order"},
    "key_set": {**STRINGS, "description": "keys of records"},
    "edtf": {**STRING, "description": "EDTF, or 'undated'"},
    "day": {**STRING, "description": "YYYY-MM-DD, or ''"},
    "status": STRING,
    "languages": {**STRINGS, "description": "ISO 639 codes"},
    "number": {"type": ["number", "null"]},
    "boolean": {"type": "boolean"},
    "variants": VARIANTS,
    "texts": _objects(kind=STRING, language=STRING, body=STRING, credit=STRING),
    "scans": _objects(file=STRING, kind=STRING, label=STRING),
}


def _declared(record_type: str, type_schema: dict[str, Any], description: str) -> dict[str, Any]:
    """A record type's schema from its declaration, each field described by its label where
    the label says more than the name."""
    properties: dict[str, Any] = {"type": type_schema}
    for field in RECORDS[record_type]:
        schema = RULE_SCHEMAS[field.rule]
        if field.label != field.name.replace("_", " "):
            schema = {**schema, "description": field.label}
        properties[field.name] = schema
    del properties["id"]  # `_record` puts the key and the id first
    return _record(properties, description)


SCHEMAS: dict[str, Any] = {
    "Links": LINKS,
    "Document": _declared(
        "document",
        {"const": "document"},
        "A document, as a line of the JSON Lines dump, with links.",
    ),
    "Person": _declared(
        "person",
        {"enum": ["person", "organization"]},
        "A person or organization named in at least one public document.",
    ),
    "Place": _declared("place", {"const": "place"}, "A place."),
    "Subject": _declared("subject", {"const": "subject"}, "A subject heading."),
    "Repository": _declared("repository", {"const": "repository"}, "An archive holding originals."),
    "Collection": _declared(
        "collection", {"const": "collection"}, "A collection holding at least one public document."
    ),
    "PageLinks": {
        "type": "object",
        "properties": {
            name: {"type": ["string", "null"], "format": "uri"}
            for name in ("self", "first", "prev", "next", "last")
        },
        "required": ["self", "first", "prev", "next", "last"],
    },
    "FacetValue": {
        "type": "object",
        "properties": {
            "value": STRING,
            "label": STRING,
            "count": {"type": "integer", "minimum": 1},
        },
        "required": ["value", "label", "count"],
    },
    "Problem": {
        "type": "object",
        "properties": {"status": INTEGER, "title": STRING, "detail": STRING},
        "required": ["status", "title", "detail"],
    },
}
AUTHORITIES = {
    "people": "Person",
    "places": "Place",
    "subjects": "Subject",
    "repositories": "Repository",
    "collections": "Collection",
}


def _list_schema(item: str, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    properties = {
        "count": {"type": "integer", "minimum": 0},
        "page": {"type": "integer", "minimum": 1},
        "per_page": {"type": "integer"},
        "links": {"$ref": "#/components/schemas/PageLinks"},
        **(extra or {}),
        "results": {"type": "array", "items": {"$ref": f"#/components/schemas/{item}"}},
    }
    return {"type": "object", "properties": properties, "required": list(properties)}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _problem(description: str) -> dict[str, Any]:
    schema = {"$ref": "#/components/schemas/Problem"}
    return {"description": description, "content": {"application/problem+json": {"schema": schema}}}


TOO_LONG = _problem(
    f"The query string is longer than {request_limits.MAX_QUERY_STRING:,} bytes "
    f"(searches take at most {request_limits.MAX_CHARS:,} characters)."
)
TOO_MANY = {
    **_problem("Too many requests from this address; wait and try again."),
    "headers": {"Retry-After": {"description": "Seconds to wait.", "schema": {"type": "integer"}}},
}
PAGE = {
    "name": "page",
    "in": "query",
    "description": "Page number, from 1.",
    "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE},
}
PER_PAGE = {
    "name": "per_page",
    "in": "query",
    "description": "Results per page.",
    "schema": {"type": "integer", "enum": list(PER_PAGE_CHOICES)},
}
ID = {"name": "id", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1}}


def _filter(name: str, description: str) -> dict[str, Any]:
    return {
        "name": name,
        "in": "query",
        "description": f"{description} Repeat to combine (AND).",
        "style": "form",
        "explode": True,
        "schema": {"type": "array", "items": STRING},
    }


def _lenient(name: str, description: str) -> dict[str, Any]:
    return {"name": name, "in": "query", "description": description, "schema": STRING}


# Read as /search reads them: a value that cannot be read is left out (or the default used)
# and the answer's `notices` say so; the list itself is always given.
DOCUMENT_PARAMETERS = [
    _lenient("q", "Words to find."),
    _filter("person", "A person's or organization's id."),
    _filter("author", "The id of a person or organization who wrote the document."),
    _filter("recipient", "The id of a person or organization the document was sent to."),
    _filter("discussed", "The id of a person or organization the document discusses."),
    _filter("place", "A place id."),
    _filter("subject", "A subject id."),
    _filter("repository", "A repository id."),
    _filter("collection", "A collection id."),
    _filter("language", "An ISO 639 code of the original."),
    _filter("type", "A document type."),
    _lenient("from", "Earliest date, EDTF year, month or day (1945, 1945-08, 1945-08-23)."),
    _lenient("to", "Latest date, the same forms; documents whose dates overlap are found."),
    _lenient(
        "year",
        "Documents filed under a decade (1940s), a year (1945) or a month (1945-08: dated "
        "within it), as the date histogram counts them.",
    ),
    _lenient("sort", f"One of {', '.join(SORT_LABELS)} (curated: one collection's order)."),
    _lenient("page", f"Page number, 1 to {MAX_PAGE}."),
    _lenient("per_page", f"Results per page: {', '.join(map(str, PER_PAGE_CHOICES))} (10)."),
]


def _paths() -> dict[str, Any]:
    facets = {"type": "object", "additionalProperties": {
        "type": "array", "items": {"$ref": "#/components/schemas/FacetValue"}}}  # fmt: skip
    extra = {"notices": {**STRINGS, "description": "How unreadable parameters were read."},
             "facets": facets}  # fmt: skip
    paths: dict[str, Any] = {
        "/documents": {"get": {
            "summary": "Search documents (the parameters and facets of /search)",
            "operationId": "listDocuments",
            "parameters": DOCUMENT_PARAMETERS,
            "responses": {"200": _json(_list_schema("Document", extra), "A page of documents."),
                          "429": TOO_MANY},
        }},
        "/documents/{id}": {"get": {
            "summary": "One document", "operationId": "getDocument", "parameters": [ID],
            "responses": {"200": _json({"$ref": "#/components/schemas/Document"}, "The document."),
                          "404": _problem("No public document has this id."), "429": TOO_MANY},
        }},
    }  # fmt: skip
    for kind, schema in AUTHORITIES.items():
        paths[f"/{kind}"] = {"get": {
            "summary": f"List {kind}", "operationId": f"list{kind.capitalize()}",
            "parameters": [PAGE, {**PER_PAGE, "description": "Results per page (default 25)."}],
            "responses": {"200": _json(_list_schema(schema), f"A page of {kind}."),
                          "400": _problem("A parameter cannot be read."), "429": TOO_MANY},
        }}  # fmt: skip
        paths[f"/{kind}/{{id}}"] = {"get": {
            "summary": f"One of the {kind}", "operationId": f"get{schema}", "parameters": [ID],
            "responses": {"200": _json({"$ref": f"#/components/schemas/{schema}"}, schema),
                          "404": _problem("Nothing public has this id."), "429": TOO_MANY},
        }}  # fmt: skip
    for operation in paths.values():
        operation["get"]["responses"]["414"] = TOO_LONG
    return paths


@cache
def _static_parts() -> dict[str, Any]:
    return {"paths": _paths(), "components": {"schemas": SCHEMAS}}


def description() -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": f"{conf.archive_name()} API",
            "version": "1.0.0",
            "description": (
                "Read-only JSON API of the public archive. Records use the field names of the "
                "JSON Lines bulk dump (/data/). Rate limited per client address: past the "
                "limit you get 429 with Retry-After. For everything at once, use /data/."
            ),
        },
        "servers": [{"url": f"{conf.site_url()}/api/v1"}],
        **_static_parts(),
    }
