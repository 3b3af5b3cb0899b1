"""In-word apostrophes are joined exactly as the regular expression says, however they are
found (the hand-rolled scan of long texts, the remembered short ones)."""

from __future__ import annotations

import re
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from readingroom.search import analysis
from readingroom.search.analysis import APOSTROPHES, JOINED, SHORT, join_apostrophes

PIECES = ["'", "’", "ʼ", "ʹ", "`", "´", "a", "é", "д", "_", "1", "٣", " ", "-", "\n", "''"]
TEXTS = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=30).map("".join),
    st.text(max_size=50),
    st.lists(st.sampled_from(PIECES), max_size=30).map(lambda text: f"{text} {'x' * SHORT}{text}"),
)


def test_a_word_character_is_what_the_regex_calls_one() -> None:
    word = re.compile(r"\w")
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        assert analysis._is_word(char) == bool(word.match(char)), hex(code)
    assert not analysis._is_word("")


@given(TEXTS)
@settings(max_examples=1000, deadline=None)
def test_joining_is_the_regex(text: str) -> None:
    expected = APOSTROPHES.sub("", text)
    assert analysis._join(text) == expected
    assert join_apostrophes(text) == expected
    assert join_apostrophes(text) == expected  # remembered


def test_examples() -> None:
    assert join_apostrophes("Savel'yev’s ʼtis don``t `quoted' dʼéʼʼ") == (
        "Savelyevs ʼtis don``t `quoted' déʼ"
    )
    long = "Khrushchev’s memo; " * 20 + "don't 'x' a'’b"
    assert join_apostrophes(long) == APOSTROPHES.sub("", long)


def test_remembered_short_texts_are_bounded() -> None:
    JOINED.clear()
    for number in range(analysis.JOINED_LIMIT + 10):
        join_apostrophes(f"O'Neill {number}")
    assert len(JOINED) <= analysis.JOINED_LIMIT
    assert join_apostrophes("O'Neill 1") == "ONeill 1"
