"""Validating responses against the official XML schemas vendored in tests/vendor/protocols/.

The schemas import each other by their web addresses; a resolver answers those from the
vendored copies, so validation never touches the network.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from lxml import etree

VENDOR = Path(__file__).resolve().parent.parent / "vendor" / "protocols"
OUR_SCHEMA = Path(__file__).resolve().parents[2] / "readingroom/protocols/oai/readingroom.xsd"
LOCATIONS = {
    "oai_dc.xsd": VENDOR / "oai_dc.xsd",
    "simpledc20021212.xsd": VENDOR / "simpledc20021212.xsd",
    "xml.xsd": VENDOR / "xml.xsd",
}


class VendoredSchemas(etree.Resolver):
    def resolve(self, url, public_id, context):  # type: ignore[no-untyped-def]
        name = str(url).rsplit("/", 1)[-1]
        if name in LOCATIONS:
            return self.resolve_filename(str(LOCATIONS[name]), context)
        return None


def _schema(path: Path) -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(VendoredSchemas())
    return etree.XMLSchema(etree.parse(str(path), parser))


@cache
def oai_pmh() -> etree.XMLSchema:
    return _schema(VENDOR / "OAI-PMH.xsd")


@cache
def oai_dc() -> etree.XMLSchema:
    return _schema(VENDOR / "oai_dc.xsd")


@cache
def readingroom_record() -> etree.XMLSchema:
    return _schema(OUR_SCHEMA)


@cache
def sitemap() -> etree.XMLSchema:
    return _schema(VENDOR / "sitemap.xsd")


def assert_valid(schema: etree.XMLSchema, element: etree._Element) -> None:
    if not schema.validate(element):
        raise AssertionError(f"schema violations: {schema.error_log}")


OAI = "{http://www.openarchives.org/OAI/2.0/}"


def assert_valid_oai(content: bytes) -> etree._Element:
    """The envelope, and every oai_dc and readingroom record in it, against their schemas.

    The OAI-PMH schema checks metadata laxly, so each record is validated on its own too.
    """
    root = etree.fromstring(content)
    assert_valid(oai_pmh(), root)
    for metadata in root.iter(f"{OAI}metadata"):
        record = metadata[0]
        if record.tag.startswith("{http://www.openarchives.org/OAI/2.0/oai_dc/}"):
            assert_valid(oai_dc(), record)
        else:
            assert_valid(readingroom_record(), record)
    return root
