"""The query language parser: the tree it reads, and how it reads what is malformed."""

from __future__ import annotations

import pytest

from readingroom.search.query import (
    MAX_TERMS,
    And,
    Not,
    Or,
    Phrase,
    Term,
    language_code,
    parse,
)


@pytest.mark.parametrize(
    ("text", "node"),
    [
        ("cold war", And((Term("cold"), Term("war")))),
        ('"cold war"', Phrase("cold war")),
        ("stalin OR molotov", Or((Term("stalin"), Term("molotov")))),
        ("a OR b OR c", Or((Term("a"), Term("b"), Term("c")))),
        ("a OR b c", And((Or((Term("a"), Term("b"))), Term("c")))),
        ("NOT korea", Not(Term("korea"))),
        ("-korea stalin", And((Not(Term("korea")), Term("stalin")))),
        ('-"cold war"', Not(Phrase("cold war"))),
        ("NOT NOT korea", Term("korea")),
        ("negotiat*", Term("negotiat", prefix=True)),
        ("title:armistice", Term("armistice", "title")),
        ("Person:Stalin", Term("Stalin", "person")),
        ('person:"sheng shicai"', Phrase("sheng shicai", "person")),
        ("title:(cold war)", And((Term("cold", "title"), Term("war", "title")))),
        ("title:(cold person:stalin)", And((Term("cold", "title"), Term("stalin", "person")))),
        ("(a OR b) AND c", And((Or((Term("a"), Term("b"))), Term("c")))),
        ("Sino-Soviet", Term("Sino-Soviet")),
        ("10:30", And((Term("10"), Term("30")))),
        ("", None),
        ("   ", None),
        ('""', None),
        ("()", None),
    ],
)
def test_reads_the_tree(text: str, node: object) -> None:
    parsed = parse(text)
    assert parsed.node == node
    assert parsed.notices == ()


@pytest.mark.parametrize(
    ("text", "reading", "notice"),
    [
        ('"cold war', '"cold war"', 'The closing quote was missing; searched for "cold war".'),
        ("NOT", "", "A NOT with nothing after it was ignored; searched for everything."),
        ("stalin NOT", "stalin", "A NOT with nothing after it was ignored; searched for stalin."),
        ("OR stalin", "stalin", "An OR without something on each side was ignored"),
        ("stalin OR", "stalin", "An OR without something on each side was ignored"),
        ("stalin) mao", "stalin mao", "A closing bracket without an opening one was ignored"),
        ("(stalin mao", "stalin mao", "The closing bracket was missing"),
        ("colour:red", "colour red", "There is no field “colour”"),
        ("title:", "", "“title:” had nothing after it and was ignored"),
        ("a*", "a", "“a*”: a prefix needs at least 2 letters before the *"),
        ("stal\x00in\x1b", "stal in", "Control characters were removed"),
        ("(" * 20 + "stalin" + ")" * 20, "stalin", "Brackets nested more than 8 deep"),
    ],
)
def test_reads_malformed_queries_with_a_notice(text: str, reading: str, notice: str) -> None:
    parsed = parse(text)
    assert parsed.reading == reading
    assert parsed.notices[0].startswith(notice)


def test_long_queries_are_cut_and_the_notice_stays_short() -> None:
    parsed = parse("stalin " * 5000)
    assert "shortened to its first 1,000 characters" in parsed.notices[0]
    assert f"Only the first {MAX_TERMS} words and phrases were used" in parsed.notices[1]
    assert len(parsed.notices[0]) < 300
    assert len(parsed.positive_leaves()) == MAX_TERMS


def test_words_too_long_to_be_words_are_dropped() -> None:
    parsed = parse("stalin " + "x" * 61)
    assert parsed.reading == "stalin"
    assert "is too long to be a word" in parsed.notices[0]
    assert parse("stalin " + "x" * 60).reading == "stalin " + "x" * 60


def test_has_words_only_with_something_positive() -> None:
    assert parse("stalin").has_words
    assert not parse("-stalin").has_words
    assert not parse("NOT (stalin OR mao)").has_words
    assert parse("-stalin mao").positive_leaves() == [Term("mao")]


def test_the_reading_reads_back_the_same() -> None:
    for text in ['a OR b c -"d e" title:(f g*) (h OR -i)', "x y OR z", "-(a b)"]:
        parsed = parse(text)
        assert parse(parsed.reading).node == parsed.node


@pytest.mark.parametrize(
    ("value", "code"), [("ru", "ru"), ("RU", "ru"), ("Russian", "ru"), ("klingon", "klingon")]
)
def test_language_names_and_codes(value: str, code: str) -> None:
    assert language_code(value) == code


def test_a_negated_word_starting_with_a_hyphen_reads_back_the_same() -> None:
    parsed = parse("-(--0")
    assert parse(parsed.reading).node == parsed.node
