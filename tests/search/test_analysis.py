"""In-word apostrophes are joined, and only those (folding and the analyzers rely on it)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from readingroom.search.analysis import (
    Origins,
    characters_only,
    fold,
    join_apostrophes,
    prepare,
    prepared_and_characters,
    words,
)


def test_apostrophes_inside_words_are_joined_and_others_kept() -> None:
    assert join_apostrophes("Savel'yev’s ʼtis don``t `quoted' dʼéʼʼ") == (
        "Savelyevs ʼtis don``t `quoted' déʼ"
    )
    assert join_apostrophes("Khrushchev’s memo; 'x' a'’b") == "Khrushchevs memo; 'x' a'’b"


def test_folding_finds_a_transliteration_under_every_spelling() -> None:
    assert fold("Ürümqi") == fold("urumqi") == "urumqi"
    assert words("Savel'yev and SAVELYEV") == ["savelyev", "and", "savelyev"]
    assert words("Сталин и Мао") == ["сталин", "и", "мао"]


def test_chinese_japanese_and_korean_are_words_of_one_character() -> None:
    assert words("盛世才致斯大林的信函关于新疆问题") == list("盛世才致斯大林的信函关于新疆问题")
    assert words("조선은 平壌の東京タワー Sino-Soviet") == [
        *"조선은",
        *"平壌の东京タワー",
        "sino",
        "soviet",
    ]
    assert prepare("关于新疆问题, Savel'yev") == "关 于 新 疆 问 题, Savelyev"


def test_traditional_characters_fold_to_simplified_ones() -> None:
    assert words("蘇聯") == words("苏联") == ["苏", "联"]
    assert prepare("蔣介石在重慶") == prepare("蒋介石在重庆")
    assert fold("臺灣") == fold("台湾")


def test_a_text_without_those_scripts_is_only_joined() -> None:
    for text in ("Khrushchev’s memo", "Товарищ Сталин", "Ürümqi ½ x²", ""):
        assert prepare(text) == join_apostrophes(text)


@given(st.text(alphabet=st.sampled_from("ab '’新疆蘇聯조선の. \n")))
def test_offsets_in_a_prepared_text_map_back_to_the_original(original: str) -> None:
    prepared = prepare(original)
    origins = Origins(original)
    for offset, character in enumerate(prepared):
        if offset in origins.spaces:
            continue  # a space put between two characters stands for none of the original's
        start, end = origins.offset(offset), origins.offset(offset + 1, closing=True)
        assert end == start + 1
        assert prepare(original[start]) == character
    assert origins.offset(len(prepared), closing=True) == len(original)


@given(st.text(alphabet=st.sampled_from("ab '’ʼ新疆蘇聯조선の. \nЖи")) | st.text())
def test_a_text_prepared_with_its_characters_is_prepared_as_alone(text: str) -> None:
    """Indexing's one pass over a text gives what the two separate steps give."""
    assert prepared_and_characters(text) == (prepare(text), characters_only(prepare(text)))
