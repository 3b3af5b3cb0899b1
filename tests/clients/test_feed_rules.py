"""Every Atom feed the archive serves, held to the rules the W3C feed validator applies to Atom
1.0 (RFC 4287; the validator's source is public, the rules below are its checks for what our
feeds can contain, written again here): no kept package runs them offline.

Each rule names the validator's message it stands for. One is left out on purpose: its warning
that entries share one `updated` value. Documents imported or published together were changed
in one transaction, at one instant, and say so; distinct values would be invented."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from django.test import Client
from lxml import etree

from .conftest import DATES, FIRST_ID

pytestmark = pytest.mark.usefixtures("dated_archive")

ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
FEEDS = [
    "/feeds/documents.atom",
    "/feeds/corrections.atom",
    "/feeds/search.atom?q=Kurile",
    "/feeds/search.atom?q=%D0%9C%D0%BE%D0%BB%D0%BE%D1%82%D0%BE%D0%B2",  # Молотов
]


def one(element: etree._Element, name: str, where: str) -> etree._Element:
    found = element.findall(f"{ATOM}{name}")
    assert len(found) == 1, f"{where}: {'Missing' if not found else 'Duplicate'} {name}"
    return found[0]


def check_text_construct(element: etree._Element, where: str) -> None:
    kind = element.get("type", "text")
    assert kind in ("text", "html", "xhtml"), f"{where}: InvalidTextType {kind}"
    if kind == "text":
        assert len(element) == 0, f"{where}: a text construct holds no elements"


def check_date(element: etree._Element, where: str) -> None:
    assert RFC3339.match(element.text or ""), f"{where}: InvalidRFC3339Date {element.text}"


def check_entry(entry: etree._Element, feed_has_author: bool, where: str) -> str:
    identifier = one(entry, "id", where).text or ""
    assert urlsplit(identifier).scheme, f"{where}: InvalidFullLink (id is not an IRI)"
    check_text_construct(one(entry, "title", where), where)
    check_date(one(entry, "updated", where), where)
    for published in entry.findall(f"{ATOM}published"):
        check_date(published, where)
        assert (published.text or "") <= (entry.findtext(f"{ATOM}updated") or ""), (
            f"{where}: UpdatedBeforePublished"
        )
    if not feed_has_author:
        assert entry.findall(f"{ATOM}author"), f"{where}: MissingAuthor"
    for author in entry.findall(f"{ATOM}author"):
        one(author, "name", where)
    alternates = [link for link in entry.findall(f"{ATOM}link") if link.get("rel", "alternate")
                  == "alternate"]  # fmt: skip
    content = entry.findall(f"{ATOM}content")
    assert alternates or content, f"{where}: MissingAlternateLink"
    pairs = [(link.get("type"), link.get("hreflang")) for link in alternates]
    assert len(pairs) == len(set(pairs)), f"{where}: DuplicateAtomLink"
    for summary in entry.findall(f"{ATOM}summary"):
        check_text_construct(summary, where)
    for category in entry.findall(f"{ATOM}category"):
        assert category.get("term"), f"{where}: MissingAttr term"
    return identifier


def check_feed(content: bytes, path: str) -> list[etree._Element]:
    """Every rule above for one feed; its entries."""
    feed = etree.fromstring(content)
    assert feed.tag == f"{ATOM}feed", "UndefinedElement (not an Atom feed)"
    assert urlsplit(one(feed, "id", path).text or "").scheme, "InvalidFullLink (feed id)"
    check_text_construct(one(feed, "title", path), path)
    check_date(one(feed, "updated", path), path)
    links = feed.findall(f"{ATOM}link")
    selves = [link for link in links if link.get("rel") == "self"]
    assert len(selves) == 1, f"{path}: MissingSelf"
    self_path = urlsplit(selves[0].get("href") or "").path
    assert self_path == urlsplit(path).path, "SelfDoesntMatchLocation"
    feed_has_author = bool(feed.findall(f"{ATOM}author"))
    entries = feed.findall(f"{ATOM}entry")
    identifiers = [check_entry(e, feed_has_author, f"{path} entry {n}") for n, e in
                   enumerate(entries)]  # fmt: skip
    assert len(identifiers) == len(set(identifiers)), f"{path}: DuplicateEntries"
    newest = max((e.findtext(f"{ATOM}updated") or "" for e in entries), default="")
    assert (feed.findtext(f"{ATOM}updated") or "") >= newest, f"{path}: feed updated too early"
    return entries


@pytest.mark.parametrize("path", FEEDS)
def test_every_feed_keeps_the_feed_validators_atom_rules(client: Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml"), "UnexpectedContentType"
    entries = check_feed(response.content, path)
    if "documents" in path or "Kurile" in path:
        assert len(entries) >= min(len(DATES), 10), path


def test_entries_link_pages_that_answer(client: Client) -> None:
    """The documents feed's entries link the documents' pages (the alternate link's target
    answers 200), as the validator's link checks would follow them."""
    feed = etree.fromstring(client.get("/feeds/documents.atom").content)
    first = feed.find(f"{ATOM}entry/{ATOM}link")
    assert first is not None
    target = urlsplit(first.get("href") or "").path
    assert client.get(target, follow=True).status_code == 200
    assert target.startswith("/documents/") and int(target.split("/")[2]) >= FIRST_ID
