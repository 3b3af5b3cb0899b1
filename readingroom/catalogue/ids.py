"""Public ids: the whole numbers that name records in every address, from 1 up to what the
database's 64-bit integers hold. Any other number names no record, so an address holding one is
simply not found (never a database error)."""

from __future__ import annotations

LARGEST = 2**63 - 1


def read_public_id(text: str) -> int | None:
    """The public id written as `text`, or None if it cannot name a record."""
    if not (text.isascii() and text.isdigit() and len(text) <= len(str(LARGEST))):
        return None
    number = int(text)
    return number if 0 < number <= LARGEST else None


class PublicIdConverter:
    """The `<id:...>` path converter: a public id, or no match (so 404)."""

    regex = "[0-9]+"

    def to_python(self, value: str) -> int:
        number = read_public_id(value)
        if number is None:
            raise ValueError(f"{value} is not a public id")
        return number

    def to_url(self, value: int) -> str:
        return str(value)
