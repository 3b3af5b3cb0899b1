"""The six verbs. Each takes the checked arguments and the response root, and fills it in."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from lxml import etree

from readingroom.catalogue.ids import read_public_id
from readingroom.protocols import conf

from . import repository, tokens
from .arguments import format_datestamp, read_range
from .errors import BAD_ARGUMENT, ID_DOES_NOT_EXIST, NO_RECORDS_MATCH, OAIError
from .metadata import formats as all_formats
from .metadata import get_format
from .responses import add, header
from .sets import all_sets, document_filter

PREFIX_PATTERN = re.compile(r"^[A-Za-z0-9\-_.!~*'()]+$")


def identifier(public_id: int) -> str:
    return f"oai:{conf.oai_repository_id()}:{public_id}"


def public_id_of(value: str) -> int:
    prefix = f"oai:{conf.oai_repository_id()}:"
    public_id = read_public_id(value[len(prefix) :]) if value.startswith(prefix) else None
    if public_id is None:
        raise OAIError(ID_DOES_NOT_EXIST, f"'{value}' is not an identifier of this repository")
    return public_id


def identify(root: etree._Element, arguments: dict[str, str], base_url: str) -> None:
    element = add(root, "Identify")
    add(element, "repositoryName", conf.archive_name())
    add(element, "baseURL", base_url)
    add(element, "protocolVersion", "2.0")
    add(element, "adminEmail", conf.admin_email())
    add(element, "earliestDatestamp", format_datestamp(repository.earliest_datestamp()))
    add(element, "deletedRecord", "persistent")
    add(element, "granularity", "YYYY-MM-DDThh:mm:ssZ")


def list_metadata_formats(root: etree._Element, arguments: dict[str, str], base_url: str) -> None:
    if "identifier" in arguments:
        _find(arguments["identifier"])
    element = add(root, "ListMetadataFormats")
    for candidate in all_formats():
        entry = add(element, "metadataFormat")
        add(entry, "metadataPrefix", candidate.prefix)
        add(entry, "schema", candidate.schema)
        add(entry, "metadataNamespace", candidate.namespace)


def list_sets(root: etree._Element, arguments: dict[str, str], base_url: str) -> None:
    if "resumptionToken" in arguments:
        tokens.decode(arguments["resumptionToken"], "ListSets")  # we never issue one
    element = add(root, "ListSets")
    for oai_set in all_sets():
        entry = add(element, "set")
        add(entry, "setSpec", oai_set.spec)
        add(entry, "setName", oai_set.name)


def get_record(root: etree._Element, arguments: dict[str, str], base_url: str) -> None:
    metadata_format = _format(arguments["metadataPrefix"])
    item = _find(arguments["identifier"])
    _record(add(root, "GetRecord"), item, metadata_format.write)


def list_identifiers(root: etree._Element, arguments: dict[str, str], base_url: str) -> None:
    _list(root, "ListIdentifiers", arguments, records=False)


def list_records(root: etree._Element, arguments: dict[str, str], base_url: str) -> None:
    _list(root, "ListRecords", arguments, records=True)


def _list(root: etree._Element, verb: str, arguments: dict[str, str], records: bool) -> None:
    state = _list_state(verb, arguments)
    write = _format(state.prefix).write
    items, more, total = repository.page(state, conf.oai_page_size())
    if not items:
        raise OAIError(NO_RECORDS_MATCH, "no records match these arguments")
    element = add(root, verb)
    for item in items:
        if records:
            _record(element, item, write)
        else:
            header(element, item, identifier(item.public_id))
    if more or state.cursor:
        _resumption(element, state, items, more, total)


def _list_state(verb: str, arguments: dict[str, str]) -> tokens.ListState:
    if "resumptionToken" in arguments:
        return tokens.decode(arguments["resumptionToken"], verb)
    start, end = read_range(arguments)
    _format(arguments["metadataPrefix"])
    if "set" in arguments:
        document_filter(arguments["set"])
    now = dt.datetime.now(dt.UTC)
    return tokens.ListState(
        verb=verb,
        prefix=arguments["metadataPrefix"],
        set_spec=arguments.get("set", ""),
        start=start,
        end=min(end, now) if end else now,
    )


def _resumption(
    element: etree._Element,
    state: tokens.ListState,
    items: list[repository.Item],
    more: bool,
    total: int,
) -> None:
    attributes = {"cursor": str(state.cursor), "completeListSize": str(max(total, state.cursor))}
    token = ""
    if more:
        following = tokens.ListState(
            **{**state.__dict__, "after": items[-1].position, "cursor": state.cursor + len(items)}
        )
        token = tokens.encode(following)
    add(element, "resumptionToken", token, **attributes)


def _record(parent: etree._Element, item: repository.Item, write: Callable) -> None:  # type: ignore[type-arg]
    record = add(parent, "record")
    header(record, item, identifier(item.public_id))
    if item.document is not None:
        add(record, "metadata").append(write(item.document))


def _format(prefix: str):  # type: ignore[no-untyped-def]
    if not PREFIX_PATTERN.match(prefix):
        raise OAIError(BAD_ARGUMENT, f"'{prefix}' is not a metadataPrefix")
    return get_format(prefix)


def _find(value: str) -> repository.Item:
    item = repository.find(public_id_of(value))
    if item is None:
        raise OAIError(ID_DOES_NOT_EXIST, f"'{value}' is not an identifier of this repository")
    return item


VERB_FUNCTIONS = {
    "Identify": identify,
    "ListMetadataFormats": list_metadata_formats,
    "ListSets": list_sets,
    "GetRecord": get_record,
    "ListIdentifiers": list_identifiers,
    "ListRecords": list_records,
}
