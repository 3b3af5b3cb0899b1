"""Text folding shared by every backend: case, diacritics and apostrophes in transliterations
("Ürümqi" = "Urumqi", "Savel'yev" = "Savelyev")."""

from __future__ import annotations

import re
import unicodedata

APOSTROPHES = re.compile(r"(?<=\w)['’ʼʹ`´](?=\w)")
WORD = re.compile(r"\w+")
MAX_WORD = 60  # characters; longer runs are noise (ruled lines, encoded data), never words


APOSTROPHE_MARKS = re.compile("['’ʼʹ`´]")


def join_apostrophes(text: str) -> str:
    """Drop apostrophes inside words, before any tokenizer sees them."""
    if not APOSTROPHE_MARKS.search(text):
        return text  # most names and many texts: no lookbehind over them
    return APOSTROPHES.sub("", text)


def fold(text: str) -> str:
    """Lower case without diacritics or in-word apostrophes; other scripts are kept."""
    decomposed = unicodedata.normalize("NFKD", join_apostrophes(text))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", stripped).casefold()


def words(text: str) -> list[str]:
    return [word for word in WORD.findall(fold(text)) if len(word) <= MAX_WORD]
