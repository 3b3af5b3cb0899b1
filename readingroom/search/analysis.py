"""Text folding and word splitting shared by every backend: case, diacritics and apostrophes in
transliterations ("Ürümqi" = "Urumqi", "Savel'yev" = "Savelyev"), and the scripts written
without spaces between words.

Chinese, Japanese and Korean are searched by character (docs/decisions/0002): every
character of those scripts is a word of its own, and a query of several is a phrase of them,
so "新疆" finds "…关于新疆问题…" and nothing with 新 and 疆 apart. Traditional characters are
folded to Simplified ones (蘇聯 = 苏联) with OpenCC's character table, one character for one,
so offsets into a text do not move.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from pathlib import Path

import opencc

# An apostrophe with a word character on each side (the mark first: four times faster than
# a lookbehind tried at every position).
APOSTROPHES = re.compile(r"['’ʼʹ`´](?<=\w.)(?=\w)")
# Hangul jamo; CJK radicals; 々〆〇; kana; bopomofo, Hangul compatibility jamo, kanbun;
# ideographs (extension A, unified); Hangul syllables; compatibility ideographs; extensions B-H.
CJK = (
    "\u1100-\u11ff\u2e80-\u2fdf\u3005-\u3007\u3040-\u30ff\u3100-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f"
)
CJK_CHARACTER = re.compile(f"[{CJK}]")
CJK_PAIR = re.compile(f"(?<=[{CJK}])(?=[{CJK}])")  # between two characters of those scripts
OTHER_WORD = f"(?:(?![{CJK}])\\w)+"  # a word of any other script
WORD = re.compile(f"[{CJK}]|{OTHER_WORD}")
OTHER_WORDS = re.compile(OTHER_WORD)
MAX_WORD = 60  # characters; longer runs are noise (ruled lines, encoded data), never words
TRADITIONAL = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"


@functools.cache
def simplified() -> dict[int, str]:
    """OpenCC's table of Traditional characters and their Simplified forms (4,113, each one
    character for one character)."""
    table = {}
    for line in TRADITIONAL.read_text(encoding="utf-8").splitlines():
        traditional, forms = line.split("\t")
        table[ord(traditional)] = forms.split(" ")[0]
    return table


def join_apostrophes(text: str) -> str:
    """Drop apostrophes inside words, before any tokenizer sees them. (Plain: a hand-rolled
    join with remembered short texts cut 9 µs a document, 0.8% of the import's end-to-end time:
    `readingroom benchmark`, docs/performance.md.)"""
    return APOSTROPHES.sub("", text)


def has_cjk(text: str) -> bool:
    return not text.isascii() and CJK_CHARACTER.search(text) is not None


def prepare(text: str) -> str:
    """The text as every tokenizer is given it, at indexing and at query time alike: in-word
    apostrophes dropped, Traditional characters made Simplified and a space between any two
    characters of the scripts written without spaces (Tantivy's tokenizer then makes each a
    word). A text with none of those characters costs one scan."""
    return _prepared(text)[0]


def prepared_and_characters(text: str) -> tuple[str, str]:
    """`prepare(text)` and its `characters_only`, looking for those characters once (an
    indexed text's two forms: a text scanned for them twice cost a tenth of indexing's time)."""
    prepared, spaced = _prepared(text)
    return prepared, OTHER_WORDS.sub("0", prepared) if spaced else ""


def _prepared(text: str) -> tuple[str, bool]:
    """`prepare`'s text, and whether it has characters of the scripts written without spaces."""
    text = join_apostrophes(text)
    if not has_cjk(text):
        return text, False
    return CJK_PAIR.sub(" ", text.translate(simplified())), True


def characters_only(prepared: str) -> str:
    """A prepared text (`prepare`) with every word of other scripts made "0": the characters of
    Chinese, Japanese and Korean at the positions the tokenizer gives them, in a vocabulary of
    their own ("" for a text without them)."""
    if not has_cjk(prepared):
        return ""
    return OTHER_WORDS.sub("0", prepared)


class Origins:
    """Maps offsets in `prepare(original)` back to offsets in the original text (highlighted
    passages are found in the prepared text and shown in the original)."""

    def __init__(self, original: str) -> None:
        # The k-th removed apostrophe stood at original[r_k], that is before joined[r_k - k].
        self.removed = [m.start() - k for k, m in enumerate(APOSTROPHES.finditer(original))]
        joined = join_apostrophes(original)
        # The s-th inserted space stands at prepared[p_s], after joined[p_s - s - 1].
        between = [m.start() for m in CJK_PAIR.finditer(joined)] if has_cjk(joined) else []
        self.spaces = [position + s for s, position in enumerate(between)]

    def offset(self, prepared: int, closing: bool = False) -> int:
        """The original offset of a start (or, with `closing`, an end) offset."""
        joined = prepared - bisect.bisect_left(self.spaces, prepared)
        return joined + bisect.bisect(self.removed, joined - 1 if closing else joined)


def fold(text: str) -> str:
    """Lower case without diacritics or in-word apostrophes, Traditional characters made
    Simplified; other scripts are kept."""
    decomposed = unicodedata.normalize("NFKD", join_apostrophes(text))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    folded = unicodedata.normalize("NFC", stripped).casefold()
    return folded.translate(simplified()) if has_cjk(folded) else folded


def words(text: str) -> list[str]:
    return [word for word in WORD.findall(fold(text)) if len(word) <= MAX_WORD]
