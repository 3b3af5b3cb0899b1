"""Text folding shared by every backend: case, diacritics and apostrophes in transliterations
("Ürümqi" = "Urumqi", "Savel'yev" = "Savelyev")."""

from __future__ import annotations

import re
import unicodedata

# An apostrophe with a word character on each side (the mark first: four times faster than
# a lookbehind tried at every position).
APOSTROPHES = re.compile(r"['’ʼʹ`´](?<=\w.)(?=\w)")
WORD = re.compile(r"\w+")
MAX_WORD = 60  # characters; longer runs are noise (ruled lines, encoded data), never words


def join_apostrophes(text: str) -> str:
    """Drop apostrophes inside words, before any tokenizer sees them. (Plain: a hand-rolled
    join with remembered short texts cut 9 µs a document, 0.8% of the import's end-to-end time:
    `readingroom benchmark`, docs/performance.md.)"""
    return APOSTROPHES.sub("", text)


def fold(text: str) -> str:
    """Lower case without diacritics or in-word apostrophes; other scripts are kept."""
    decomposed = unicodedata.normalize("NFKD", join_apostrophes(text))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", stripped).casefold()


def words(text: str) -> list[str]:
    return [word for word in WORD.findall(fold(text)) if len(word) <= MAX_WORD]
