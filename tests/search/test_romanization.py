"""Romanization: the spellings of one Russian name share a skeleton, a Latin word stands for a
bounded set of Cyrillic forms, and Pinyin is read only where it is Pinyin."""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from readingroom.search.query import parse
from readingroom.search.romanization import (
    CYRILLIC_WORD,
    ENDINGS,
    cyrillic_forms,
    pinyin_characters,
    pinyin_runs,
    pinyin_syllables,
    romanized,
)


@pytest.mark.parametrize(
    ("cyrillic", "spellings"),
    [
        ("Чичерин", ["Chicherin", "Tchitcherin", "Tschitscherin", "Čičerin"]),
        ("Хрущёв", ["Khrushchev", "Khrushchyov"]),
        ("Молотов", ["Molotov", "Molotoff", "Molotow"]),
        ("Вячеслав", ["Vyacheslav", "Viacheslav", "Vjačeslav"]),
        ("Дмитрий", ["Dmitry", "Dmitriy", "Dmitrii", "Dmitri"]),
        ("Фёдор", ["Fyodor", "Fedor", "Fiodor"]),
        ("Евгений", ["Yevgeny", "Evgenii", "Evgeniy"]),
        ("Берия", ["Beria", "Beriya"]),
        ("Троцкий", ["Trotsky", "Trotskii", "Trotzky"]),
        ("Юрий", ["Yuri", "Yury", "Iurii", "Iouri"]),
        ("Жуков", ["Zhukov"]),
    ],
)
def test_the_spellings_of_a_name_find_it_in_cyrillic(cyrillic: str, spellings: list[str]) -> None:
    for spelling in spellings:
        assert romanized(cyrillic) in cyrillic_forms(spelling), spelling


@pytest.mark.parametrize(
    ("cyrillic", "typed"),
    [("Сталину", "Stalin"), ("Сталиным", "Stalin"), ("Молотов", "Molotova"), ("Москве", "Moskva")],
)
def test_a_latin_word_finds_the_cyrillic_word_in_another_case(cyrillic: str, typed: str) -> None:
    assert romanized(cyrillic) in cyrillic_forms(typed)


def test_unrelated_names_stay_apart() -> None:
    assert romanized("Молотов") not in cyrillic_forms("Malenkov")
    assert romanized("Сталин") not in cyrillic_forms("Stanley")
    assert cyrillic_forms("Mo") == cyrillic_forms("Сталин") == cyrillic_forms("U.S.") == set()


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=3, max_size=60))
def test_a_word_stands_for_a_bounded_number_of_forms(word: str) -> None:
    assert len(cyrillic_forms(word)) <= len(ENDINGS) ** 2


def test_only_the_cyrillic_words_of_a_text_are_romanized() -> None:
    assert romanized("Cable: Товарищ Молотов, 1945") == "tovarishch molotov"
    assert romanized("Only Latin letters") == ""
    assert romanized("Curly “quotes” — and Ürümqi") == ""


# The letters as first written, matched regardless of case: the written-out class must find
# the same words in any text.
CASELESS = re.compile("[а-яёіїєґў]+", re.IGNORECASE)


def test_the_written_out_letters_are_the_caseless_ones() -> None:
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    assert CYRILLIC_WORD.findall(every) == CASELESS.findall(every)


@given(st.text(st.characters(min_codepoint=0x20, max_codepoint=0x2000) | st.sampled_from("ᲀᲆЁё")))
def test_the_same_words_are_romanized_in_any_text(text: str) -> None:
    assert CYRILLIC_WORD.findall(text) == CASELESS.findall(text)


@pytest.mark.parametrize(
    ("typed", "syllables"),
    [
        ("Xinjiang", ("xin", "jiang")),
        ("Mao Zedong", ("mao", "ze", "dong")),
        ("Chóngqìng", ("chong", "qing")),
        ("Wulumuqi", ("wu", "lu", "mu", "qi")),
        ("Mao", ()),  # one syllable
        ("Bush", ()),
        ("Urumqi", ()),
        ("Xinjiang 1945", ()),
    ],
)
def test_pinyin_is_read_only_where_it_spells_two_syllables_or_more(
    typed: str, syllables: tuple[str, ...]
) -> None:
    assert pinyin_syllables(typed) == syllables


def test_a_syllable_stands_for_every_character_read_so() -> None:
    chong, qing = pinyin_characters("Chongqing")
    assert "重" in chong and "庆" in qing  # 重 is read zhong as well
    assert "慶" not in qing  # characters are Simplified, as the index holds them


def test_neighbouring_words_are_read_together_as_pinyin() -> None:
    def runs(text: str) -> list[tuple[int, int]]:
        node = parse(text).node
        return [(a, b) for a, b, _ in pinyin_runs(getattr(node, "parts", (node,)))]

    assert runs("Mao Zedong") == [(0, 2)]
    assert runs("letter Jiang Jieshi Stalin") == [(1, 3)]
    assert runs('Mao "Zedong"') == runs("Mao title:Zedong") == runs("Mao Zedong*") == []
