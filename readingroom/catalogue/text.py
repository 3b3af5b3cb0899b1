"""Text as the archive keeps it: one rule for every way text comes in (imports, the admin's
forms and inline rows), so the same words never differ by how they were typed or encoded.

- line breaks are `\n` (browsers send a textarea's lines with `\r\n`, old files with `\r`);
- Unicode in composed form (NFC): "é" is one character whether typed or decomposed;
- no white space at either end.
"""

from __future__ import annotations

import unicodedata


def normalized(text: str) -> str:
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text.strip()
