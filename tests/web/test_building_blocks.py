"""The plain modules behind the pages: highlighted passages, page numbers, citations, dates for
machines."""

from __future__ import annotations

import pytest

from readingroom.search.backend import Passage
from readingroom.web.highlight import clean_marks, passage_html
from readingroom.web.metadata import dump_json_ld, highwire_date
from readingroom.web.pagination import paginate


def test_passage_marks_are_wrapped_and_everything_else_escaped() -> None:
    passage = Passage("a <b>Kurile</b> & Hokkaido", ((2, 11), (18, 26)))
    assert passage_html(passage) == (
        "a <mark>&lt;b&gt;Kurile</mark>&lt;/b&gt; &amp; <mark>Hokkaido</mark>"
    )


@pytest.mark.parametrize(
    ("marks", "expected"),
    [
        (((5, 9), (0, 3)), [(0, 3), (5, 9)]),
        (((0, 4), (2, 6)), [(0, 6)]),  # overlapping
        (((0, 4), (4, 6)), [(0, 6)]),  # touching
        (((3, 3), (-5, 2)), [(0, 2)]),  # empty, and before the start
        (((8, 99),), [(8, 10)]),  # past the end
    ],
)
def test_marks_are_cleaned(marks: tuple[tuple[int, int], ...], expected: list) -> None:
    assert clean_marks(10, marks) == expected


def test_pagination_window_with_first_and_last_pages() -> None:
    pages = paginate(4, 43, 10, lambda n: f"?page={n}")
    assert pages is not None
    assert [p.number for p in pages.numbers] == [1, 2, 3, 4, 5]
    assert (pages.first_url, pages.previous_url, pages.next_url, pages.last_url) == (
        "?page=1",
        "?page=3",
        "?page=5",
        "?page=5",
    )
    assert not pages.gap_before and not pages.gap_after
    far = paginate(50, 1000, 10, str)
    assert far is not None
    assert [p.number for p in far.numbers] == [1, 48, 49, 50, 51, 52, 100]
    assert far.gap_before and far.gap_after
    assert paginate(1, 7, 10, str) is None  # one page: no pagination
    first = paginate(1, 90, 10, str)
    assert first is not None and [p.number for p in first.numbers] == [1, 2, 3, 4, 5, 9]
    end = paginate(9, 90, 10, str)
    assert end is not None and [p.number for p in end.numbers] == [1, 5, 6, 7, 8, 9]


def test_pagination_on_the_last_page() -> None:
    pages = paginate(5, 43, 10, str)
    assert pages is not None
    assert pages.next_url is None and pages.last_url is None and pages.first_url == "1"


@pytest.mark.parametrize(
    ("edtf", "expected"),
    [
        ("1945-08-23", "1945/08/23"),
        ("1934-06", "1934/06"),
        ("1936", "1936"),
        ("1945~", "1945"),
        ("1949-10-12/1949-10-14", "1949/10/12"),
        ("1945-21", "1945"),  # a season is not a month
        ("194X", ""),
        ("", ""),
    ],
)
def test_highwire_dates_are_as_precise_as_known(edtf: str, expected: str) -> None:
    assert highwire_date(edtf) == expected


def test_json_ld_cannot_close_its_script_element() -> None:
    text = dump_json_ld({"name": "</script><script>alert(1)</script> & <!--"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\\u003c/script\\u003e" in text


def test_passages_from_the_summary_mark_the_summary_instead() -> None:
    from readingroom.web.highlight import within

    summary = "Truman agrees to Soviet control of the Kurile Islands <but> not Hokkaido."
    from_summary = Passage("control of the Kurile Islands <but>", ((15, 21),))
    from_text = Passage("the Kurile chain", ((4, 10),))
    marked, others = within(summary, [from_summary, from_text])
    assert marked == (
        "Truman agrees to Soviet control of the <mark>Kurile</mark> Islands &lt;but&gt; not "
        "Hokkaido."
    )
    assert others == [from_text]
    assert within(summary, [from_text]) == (None, [from_text])
