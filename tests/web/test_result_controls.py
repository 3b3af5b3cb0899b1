"""A result list's page numbers, sorts and page sizes as the template tags write them: each
number, gap and end where a reader expects it, every address escaped."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from readingroom.web.listing import Option
from readingroom.web.pagination import paginate
from readingroom.web.templatetags.reading import choices, page_links


class Items(HTMLParser):
    """Each <li>'s text, its class, and its link's attributes (None when it has no link)."""

    def __init__(self) -> None:
        super().__init__()
        self.items: list[dict] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "li":
            self.items.append({"class": dict(attrs).get("class"), "link": None, "text": ""})
        elif tag == "a":
            self.items[-1]["link"] = dict(attrs)

    def handle_data(self, text: str) -> None:
        if self.items:
            self.items[-1]["text"] += text


def items(html: str) -> list[dict]:
    parser = Items()
    parser.feed(html)
    return parser.items


def address(number: int) -> str:
    return f'/search?q="a"&b=<c>&page={number}'


@pytest.mark.parametrize(
    ("current", "last", "shown"),
    [
        (1, 20, ["1", "2", "3", "4", "5", "…", "20"]),
        (10, 20, ["1", "…", "8", "9", "10", "11", "12", "…", "20"]),
        (20, 20, ["1", "…", "16", "17", "18", "19", "20"]),
        (2, 3, ["1", "2", "3"]),
        (4, 6, ["1", "2", "3", "4", "5", "6"]),
    ],
)
def test_page_numbers_with_gaps_and_ends(current: int, last: int, shown: list[str]) -> None:
    pages = paginate(current, last * 10, 10, address)
    assert pages is not None
    found = items(str(page_links(pages)))
    first, previous, *numbers, following, final = found
    assert [item["text"] for item in numbers] == shown
    for item in numbers:
        if item["text"] == "…":
            assert item["class"] == "gap" and item["link"] is None
            continue
        number = int(item["text"])
        assert item["link"]["href"] == address(number)  # escaped in, unescaped by the parser
        assert (item["link"].get("aria-current") == "page") == (number == current)
        label = f"Page {number}" + (", current page" if number == current else "")
        assert item["link"]["aria-label"] == label
    assert (first["link"] is None) == (current == 1) == (previous["link"] is None)
    assert (final["link"] is None) == (current == last) == (following["link"] is None)
    if current > 1:
        assert first["link"]["href"] == address(1) and first["text"] == "« First"
        assert previous["link"] == {"href": address(current - 1), "rel": "prev"}
    if current < last:
        assert following["link"] == {"href": address(current + 1), "rel": "next"}
        assert final["link"]["href"] == address(last) and final["text"] == "Last »"


def test_page_links_escape_every_address() -> None:
    pages = paginate(3, 100, 10, address)
    assert pages is not None
    html = str(page_links(pages))
    assert "<c>" not in html and '"a"' not in html
    assert "&amp;b=&lt;c&gt;" in html


def test_choices_mark_the_chosen_and_name_each_link() -> None:
    options = [Option("Date", "/search?sort=date&x=<y>", False), Option("Title", "/t", True)]
    found = items(str(choices(options)))
    assert [item["text"] for item in found] == ["Date", "Title"]
    assert found[0]["link"] == {"href": "/search?sort=date&x=<y>"}
    assert found[1]["link"] == {"href": "/t", "aria-current": "true"}
    sizes = items(str(choices([Option("20", "/s?per_page=20", True)], "per page")))
    assert sizes[0]["link"]["aria-label"] == "20 per page"
    assert sizes[0]["link"]["aria-current"] == "true"
    assert "<y>" not in str(choices(options))
