"""Text folding shared by every backend: case, diacritics and apostrophes in transliterations
("Ürümqi" = "Urumqi", "Savel'yev" = "Savelyev")."""

from __future__ import annotations

import re
import unicodedata
from itertools import pairwise

# An apostrophe with a word character on each side (the mark first: four times faster than
# a lookbehind tried at every position).
APOSTROPHES = re.compile(r"['’ʼʹ`´](?<=\w.)(?=\w)")
WORD = re.compile(r"\w+")
MAX_WORD = 60  # characters; longer runs are noise (ruled lines, encoded data), never words

# The marks that are not word characters themselves; ʼ and ʹ are letters (Lm) to `\w`.
PLAIN_MARKS = ("'", "’", "`", "´")
LETTER_MARKS = ("ʼ", "ʹ")
JOINED_LIMIT = 100_000  # distinct short texts remembered (names recur document after document)


def join_apostrophes(text: str) -> str:
    """Drop apostrophes inside words, before any tokenizer sees them."""
    if len(text) <= SHORT:
        return JOINED[text]
    return _join(text)


SHORT = 200


class Joined(dict[str, str]):
    """text -> join_apostrophes(text): names, places and subjects recur in document after
    document, so each is done once; `map(JOINED.__getitem__, names)` joins a list in C."""

    def __missing__(self, text: str) -> str:
        if len(self) >= JOINED_LIMIT:
            self.clear()
        joined = self[text] = _join(text)
        return joined


JOINED = Joined()


def _join(text: str) -> str:
    # Hand-rolled for speed (a third of the regex's time on long texts): `in` scans at memory
    # speed and most texts have no mark; `_join_plain` gives what APOSTROPHES.sub gives.
    if LETTER_MARKS[0] in text or LETTER_MARKS[1] in text:
        return APOSTROPHES.sub("", text)  # a mark beside a letter mark: leave it to the regex
    for mark in PLAIN_MARKS:
        if mark in text:
            text = _join_plain(text, mark)
    return text


def _join_plain(text: str, mark: str) -> str:
    """`text` without the occurrences of `mark` (not a word character) between two word
    characters. A mark next to another mark is never between word characters, so the marks
    can be taken one after another."""
    parts = text.split(mark)
    pieces = [parts[0]]
    for before, after in pairwise(parts):
        if not (_is_word(before[-1:]) and _is_word(after[:1])):
            pieces.append(mark)
        pieces.append(after)
    return "".join(pieces)


def _is_word(char: str) -> bool:
    """What `\\w` matches (one character; False for none)."""
    return char.isalnum() or char == "_"


def fold(text: str) -> str:
    """Lower case without diacritics or in-word apostrophes; other scripts are kept."""
    decomposed = unicodedata.normalize("NFKD", join_apostrophes(text))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", stripped).casefold()


def words(text: str) -> list[str]:
    return [word for word in WORD.findall(fold(text)) if len(word) <= MAX_WORD]
