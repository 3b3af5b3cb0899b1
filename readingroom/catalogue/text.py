"""Text as the archive keeps it: one rule for every way text comes in (imports, the admin's
forms and inline rows), so the same words never differ by how they were typed or encoded.

- line breaks are `\n` (browsers send a textarea's lines with `\r\n`, old files with `\r`);
- Unicode in composed form (NFC): "é" is one character whether typed or decomposed;
- no white space at either end;
- no character that no page or format can carry: control characters other than tab and line
  breaks (XML 1.0, and so the feeds, OAI-PMH and sitemaps, cannot hold them), the
  non-characters U+FFFE and U+FFFF, and lone surrogates (not Unicode text at all). These are
  refused where text comes in (`unwritable`), with the character named.
"""

from __future__ import annotations

import re
import unicodedata

UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def unwritable(text: str) -> str | None:
    """Why the text cannot be kept ("contains the control character U+0007"), or None."""
    found = UNWRITABLE.search(text)
    if found is None:
        return None
    code = f"U+{ord(found.group()):04X}"
    kind = "a lone surrogate" if "\ud800" <= found.group() <= "\udfff" else "the character"
    if found.group() < " ":
        kind = "the control character"
    return f"contains {kind} {code}, which no page or format can show"


def normalized(text: str) -> str:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text.strip()


UNDETERMINED = "und"  # ISO 639-2: a text whose language the record does not say
