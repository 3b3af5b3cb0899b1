"""In-word apostrophes are joined, and only those (folding and the analyzers rely on it)."""

from __future__ import annotations

from readingroom.search.analysis import fold, join_apostrophes, words


def test_apostrophes_inside_words_are_joined_and_others_kept() -> None:
    assert join_apostrophes("Savel'yev’s ʼtis don``t `quoted' dʼéʼʼ") == (
        "Savelyevs ʼtis don``t `quoted' déʼ"
    )
    assert join_apostrophes("Khrushchev’s memo; 'x' a'’b") == "Khrushchevs memo; 'x' a'’b"


def test_folding_finds_a_transliteration_under_every_spelling() -> None:
    assert fold("Ürümqi") == fold("urumqi") == "urumqi"
    assert words("Savel'yev and SAVELYEV") == ["savelyev", "and", "savelyev"]
    assert words("Сталин и Мао") == ["сталин", "и", "мао"]
