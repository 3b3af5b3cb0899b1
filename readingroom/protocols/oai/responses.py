"""The OAI-PMH response envelope, written with lxml."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from lxml import etree

from .arguments import format_datestamp
from .errors import UNECHOED, OAIError
from .metadata import XSI, clean
from .repository import Item

OAI = "http://www.openarchives.org/OAI/2.0/"
SCHEMA = "http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"


def q(name: str) -> str:
    return f"{{{OAI}}}{name}"


def envelope(base_url: str, arguments: Mapping[str, str]) -> etree._Element:
    root = etree.Element(q("OAI-PMH"), nsmap={None: OAI, "xsi": XSI})
    root.set(f"{{{XSI}}}schemaLocation", f"{OAI} {SCHEMA}")
    etree.SubElement(root, q("responseDate")).text = format_datestamp(dt.datetime.now(dt.UTC))
    request = etree.SubElement(root, q("request"))
    request.text = base_url
    for name, value in arguments.items():
        request.set(name, clean(value))
    return root


def error_response(base_url: str, arguments: Mapping[str, str], errors: list[OAIError]):  # type: ignore[no-untyped-def]
    echoed = {} if any(e.code in UNECHOED for e in errors) else arguments
    root = envelope(base_url, echoed)
    for error in errors:
        element = etree.SubElement(root, q("error"), code=error.code)
        element.text = clean(error.message)
    return root


def add(parent: etree._Element, name: str, text: str | None = None, **attributes: str):  # type: ignore[no-untyped-def]
    element = etree.SubElement(parent, q(name), **attributes)
    if text is not None:
        element.text = clean(text)
    return element


def header(parent: etree._Element, item: Item, identifier: str) -> etree._Element:
    element = add(parent, "header", **({"status": "deleted"} if item.deleted else {}))
    add(element, "identifier", identifier)
    add(element, "datestamp", format_datestamp(item.datestamp))
    for spec in item.set_specs:
        add(element, "setSpec", spec)
    return element


def serialize(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")
