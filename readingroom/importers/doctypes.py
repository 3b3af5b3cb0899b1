"""Guessing a document's type from the words an edition uses for it.

Editions rarely tag the type, but they name it: a FRUS heading "Memorandum of Conversation, by
the Secretary of State", a source note "711.94/1234: Telegram", a listing title "Cable from
Molotov to ...". The first term found wins, the most specific terms first, so a "Memorandum of
Conversation" is not filed as a plain "memorandum".
"""

from __future__ import annotations

import re

DOCUMENT = "document"

# (pattern, document type); order matters: specific before general.
TERMS: tuple[tuple[str, str], ...] = (
    (r"memorandum of (a )?conversations?", "memorandum of conversation"),
    (r"telegrams?|paraphrase of telegram", "telegram"),
    (r"cables?", "cable"),
    (r"minutes", "minutes"),
    (r"despatch(es)?|dispatch(es)?", "despatch"),
    (r"instructions?", "instruction"),
    (r"memorandum|memoranda|aide-m[ée]moire", "memorandum"),
    (r"letters?", "letter"),
    (r"circulars?", "circular"),
    (r"notes?( verbale)?", "note"),
    (r"reports?", "report"),
    (r"diary", "diary"),
    (r"treaty|convention|agreement", "treaty"),
    (r"messages?", "message"),
)
PATTERNS = tuple(
    (re.compile(rf"\b(?:{pattern})\b", re.IGNORECASE), kind) for pattern, kind in TERMS
)


def guess_doc_type(*texts: str) -> str:
    """The type named first in the first text that names one, else 'document'.

    Texts are tried in order (heading before source note), so the heading decides when it
    names a type and the source note only fills in when it does not.
    """
    for text in texts:
        if not text:
            continue
        best: tuple[int, str] | None = None
        for pattern, kind in PATTERNS:
            match = pattern.search(text)
            if match and (best is None or match.start() < best[0]):
                best = (match.start(), kind)
        if best is not None:
            return best[1]
    return DOCUMENT
