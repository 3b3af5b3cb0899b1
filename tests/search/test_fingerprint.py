"""The fingerprint is the digest of the document's JSON (sorted keys, as it is): what `check`
compares between database and index. Its value never changes with the code that makes it, so
indexes built by earlier versions still agree with the database."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from readingroom.search.backend import IndexText
from readingroom.search.documents import fingerprint

TEXT = st.one_of(
    st.text(max_size=40),
    st.lists(st.sampled_from(['"', "\\", "\n", "\r", "\t", "\x00", "\x1f", "\x7f", "a", "д",
                              "é", "盛", "\u2028", " ", "\\n", "😀"]), max_size=40).map("".join),
)  # fmt: skip
STRINGS = st.lists(TEXT, max_size=4).map(tuple)
DAY = st.one_of(st.none(), st.dates(min_value=dt.date(1, 1, 1)))
FIELDS = st.fixed_dictionaries(
    {
        "public_id": st.integers(min_value=0, max_value=2**40),
        "title": TEXT,
        "summary": TEXT,
        "texts": st.lists(st.builds(IndexText, TEXT, TEXT), max_size=3).map(tuple),
        "names": STRINGS,
        "places": STRINGS,
        "subjects": STRINGS,
        "repository": STRINGS,
        "facets": st.lists(st.tuples(TEXT, STRINGS), max_size=3).map(tuple),
        "earliest": DAY,
        "latest": DAY,
        "sort_title": TEXT,
    }
)


@given(FIELDS, TEXT)
@settings(max_examples=300, deadline=None)
def test_the_fingerprint_follows_what_was_indexed(fields: dict[str, Any], title: str) -> None:
    assert fingerprint(fields) == fingerprint(dict(reversed(fields.items())))
    retitled = {**fields, "title": title}
    assert (fingerprint(retitled) == fingerprint(fields)) == (title == fields["title"])


def test_a_known_fingerprint_is_the_one_earlier_indexes_hold() -> None:
    fields: dict[str, Any] = {
        "public_id": 7,
        "title": 'Telegram "urgent"',
        "summary": "Line one\nline two \\ back\x0b",
        "texts": (IndexText("ru", "Сталин\tи Мао"), IndexText("en", "")),
        "names": ("Stalin", "Сталин"),
        "places": (),
        "subjects": ("Treaties",),
        "repository": ("Archive",),
        "facets": (("person", ("3", "12")), ("language", ("ru",))),
        "earliest": dt.date(1950, 2, 14),
        "latest": None,
        "sort_title": 'telegram "urgent"',
    }
    # As the hand-written fast path computed it before it was put back to json.dumps (c660a47).
    assert fingerprint(fields) == "da8258b52571944f6e00e3cc"
