"""Guessing a document's type from the words an edition uses for it.

Editions rarely tag the type, but they name it: a FRUS heading "Memorandum of Conversation, by
the Secretary of State", a source note "711.94/1234: Telegram", a listing title "Cable from
Molotov to ...". The first term found wins, the most specific terms first, so a "Memorandum of
Conversation" is not filed as a plain "memorandum".

When they name none ("Mr. Pike to Mr. Seward", the usual FRUS heading), the document's form
says it (`guess_from_form`), by the conventions of diplomatic correspondence: a dateline with
the hour of sending ("Tokyo, January 9, 1919, 7 p.m.") is a telegram's; a numbered
communication opening "Sir:" is a despatch from a post abroad, or an instruction when the
Department of State sent it; "The undersigned ...", "My Lord:" and "Sir:" from another
government's office open notes between governments; "My dear Mr. Secretary:" and "Sir:" from
another department of the government open letters; a text headed "Memorandum" is one.
"""

from __future__ import annotations

import re

DOCUMENT = "document"

# (pattern, document type); order matters: specific before general.
TERMS: tuple[tuple[str, str], ...] = (
    (r"memorandum of (a )?conversations?", "memorandum of conversation"),
    (r"press releases?", "press release"),
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


TIMED = re.compile(r"\b\d{1,2}(?:[.:]\d{2})?\s*(?:a|p)\.\s?m\.|\bnoon\b|\bmidnight\b", re.I)
NUMBER = r"^\W*(?:No\.?\s*\d+[^A-Za-z]*)?"  # "No. 22.]" before the salutation
NUMBERED = re.compile(r"^\W*No\.?\s*\d+")
SALUTED_NOTE = r"(?:My Lord|Your Excellency|Excellency|Monsieur|Mr\. Secretary)\b"
FIRST: tuple[tuple[re.Pattern[str], str], ...] = (  # before the dateline's hour
    (re.compile(NUMBER + r"(?:Memorandum|Aide-M[ée]moire)\b"), "memorandum"),
    (re.compile(NUMBER + r"CIRCULAR\b"), "circular"),
)
FORMS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bThe undersigned\b"), "note"),
    (re.compile(NUMBER + r"(?:My )?[Dd]ear\b"), "letter"),
    (re.compile(NUMBER + SALUTED_NOTE), "note"),
)
SIR = re.compile(NUMBER + r"(?:Sirs?|Gentlemen)\s*:")
# a post of the United States abroad, whose letters to the Department are despatches
POST = re.compile(r"United States|American (?:Legation|Embassy|Consulate)")
FOREIGN = re.compile(r"Foreign Office|Legation|Embassy|Ministry")  # another government's
DEPARTMENT = re.compile(r"\bDepartment\b")  # another department of the government: a letter


def guess_from_form(dateline: str, opening: str, from_the_department: bool) -> str:
    """The type a document's form shows (see the module's docstring), else 'document'.
    `opening`: the text after the dateline; `from_the_department`: sent from the Department
    of State (an instruction, not a despatch)."""
    head = opening[:300]
    found = next((kind for pattern, kind in FIRST if pattern.search(head)), None)
    if found is None and TIMED.search(dateline):
        found = "telegram"
    found = found or next((kind for pattern, kind in FORMS if pattern.search(head)), None)
    if found is None and SIR.search(head):
        if from_the_department:
            found = "instruction"
        elif NUMBERED.search(head) or POST.search(dateline):
            found = "despatch"
        elif FOREIGN.search(dateline):
            found = "note"
        elif DEPARTMENT.search(dateline):
            found = "letter"
    return found or DOCUMENT


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
