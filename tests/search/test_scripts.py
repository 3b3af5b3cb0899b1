"""Search in every script, on both backends: Chinese, Japanese and Korean by character (a query
of several is a phrase of them), Traditional and Simplified Chinese alike, passages marked in
the original characters, and hostile queries answered without an error."""

from __future__ import annotations

import pytest

from readingroom.search.analysis import fold
from readingroom.search.backend import SearchBackend, SearchQuery
from readingroom.search.query import parse

from .samples import sample

SCRIPTS = [
    sample(
        1,
        "盛世才致斯大林的信函关于新疆问题",
        texts=[("zh-Hans", "关于新疆问题，我谨报告迪化的局势。")],
    ),
    sample(2, "关于朝鲜问题的电报", texts=[("zh", "毛泽东同志认为应当派遣志愿军。")]),
    sample(
        3,
        "Report from the wartime capital",
        texts=[("zh-Hant", "蘇聯與中國的關係：蔣介石在重慶。")],
    ),
    sample(4, "Note on the northern islands", texts=[("ja", "北海道及び千島列島に関する覚書。")]),
    sample(
        5,
        "Telegram to the embassy",
        texts=[("ko", "평양에서 보내는 전보. 조선민주주의인민공화국 정부")],
    ),
    sample(6, "Telegram from Molotov", texts=[("ru", "Товарищ Молотов сообщил Сталину.")]),
    sample(7, "Memorandum on the new frontier", texts=[("en", "The new frontier of Xinjiang.")]),
    sample(
        8, "Note of the People's Commissar", texts=[("ru", "Народный комиссар Чичерин заявляет.")]
    ),
    sample(9, "Minutes of a meeting", texts=[("en", "Molotov spoke first.")]),
    sample(10, "Записка", texts=[("ru", "Молотов выступил первым.")]),
]


@pytest.fixture
def scripts(backend: SearchBackend) -> SearchBackend:
    backend.replace(SCRIPTS, [])
    return backend


def found(backend: SearchBackend, text: str) -> set[int]:
    result = backend.search(SearchQuery(words=parse(text), limit=100))
    assert result.total == len(result.hits)
    return {hit.public_id for hit in result.hits}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("新疆", {1}),  # in a title and a text written without spaces
        ("朝鲜", {2}),
        ("毛泽东", {2}),
        ("新问", set()),  # the characters, but not side by side
        ("苏联", {3}),  # Simplified finds Traditional
        ("蘇聯", {3}),
        ("蒋介石 重庆", {3}),
        ("北海道", {4}),
        ("千島", {4}),  # a Japanese form, folded as the text is
        ("평양", {5}),
        ("조선", {5}),  # a word inside a longer Korean word
        ("“新疆”", {1}),  # Chinese punctuation around the words
        ("（朝鲜）。", {2}),
        ("Ｍｏｌｏｔｏｖ", {6, 9, 10}),  # full-width Latin letters
        ("Молотов 新疆", set()),  # every word must be found
        ("Molotov OR 新疆", {1, 6, 9, 10}),
        # Latin letters find Cyrillic texts, in the spellings of every system and age
        ("Chicherin", {8}),
        ("Tchitcherin", {8}),
        ("Tschitscherin", {8}),
        ("Stalin", {6}),  # Сталину
        ("Molotova", {6, 10}),  # Молотов (the English stemmer keeps the a)
        ('"Molotov"', {6, 9}),  # quoted: that spelling only
        ("person:Chicherin", set()),
        # Pinyin finds Chinese characters, whatever their reading's tone or script
        ("Xinjiang", {1, 7}),
        ("Mao Zedong", {2}),
        ("Zedong", {2}),
        ("Chongqing", {3}),  # 重慶: Traditional, and 重 read chong
        ("Jiang Jieshi", {3}),
        ("Mao", set()),  # one syllable stands for too many characters
        ('"Xinjiang"', {7}),
        ('"关于新疆"', {1}),
        ("title:朝鲜", {2}),
    ],
)
def test_every_script_is_searched_by_its_words(
    scripts: SearchBackend, text: str, expected: set[int]
) -> None:
    assert found(scripts, text) == expected


@pytest.mark.parametrize(("text", "own", "across"), [("Molotov", 9, 10), ("Xinjiang", 7, 1)])
def test_matches_in_the_readers_script_come_first(
    scripts: SearchBackend, text: str, own: int, across: int
) -> None:
    ranked = [hit.public_id for hit in scripts.search(SearchQuery(words=parse(text))).hits]
    assert ranked.index(own) < ranked.index(across)


def test_passages_mark_the_characters_in_the_original_text(scripts: SearchBackend) -> None:
    for text, marked in (("苏联", "蘇聯"), ("新疆", "新疆"), ("조선", "조선")):
        result = scripts.search(SearchQuery(words=parse(text)))
        passage = result.hits[0].passages[0]
        assert passage.marks
        shown = "".join(passage.text[a:b] for a, b in passage.marks)
        assert shown == marked
        assert marked in passage.text
        assert fold(shown) == fold(text)


def test_a_thousand_characters_of_chinese_are_read_without_an_error(
    scripts: SearchBackend,
) -> None:
    result = scripts.search(SearchQuery(words=parse("新疆" * 600)))
    assert result.hits == []
    assert any("1,000 characters" in notice for notice in result.notices)


def test_a_text_of_undetermined_language_is_analyzed_as_the_language_detected(
    tantivy: SearchBackend,
) -> None:
    said = "Товарищи сообщили о переговорах с делегацией в Москве."
    tantivy.replace(
        [
            sample(1, "Undetermined", texts=[("und", said)]),
            sample(2, "Declared Russian", texts=[("ru", said)]),
            sample(3, "Declared English", texts=[("en", said)]),  # the declared language wins
        ],
        [],
    )
    result = tantivy.search(SearchQuery(words=parse('"переговоры"')))  # another form of the word
    assert {hit.public_id for hit in result.hits} == {1, 2}


@pytest.mark.parametrize(
    ("text", "public_id", "marked"),
    [("Tchitcherin", 8, ["Чичерин"]), ("Stalin", 6, ["Сталину"]), ("Xinjiang", 1, ["新疆"])],
)
def test_passages_mark_the_words_found_in_another_script(
    scripts: SearchBackend, text: str, public_id: int, marked: list[str]
) -> None:
    result = scripts.search(SearchQuery(words=parse(text)))
    (hit,) = [hit for hit in result.hits if hit.public_id == public_id]
    passage = hit.passages[0]
    assert [passage.text[a:b] for a, b in passage.marks] == marked
