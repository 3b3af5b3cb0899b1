"""Sort keys shared by every backend, so each sorts the same way, ties included.

Dates sort by their bounds: oldest first by (earliest, latest), newest first by (latest,
earliest); a date open at one end ("../1945", "1945/..") sorts by the end it has; undated
documents come last both ways; ties go by public id. Each key is one unsigned 64-bit number,
so an engine can sort on a single fast column.
"""

from __future__ import annotations

import datetime as dt

DAY_BITS = 22  # date.max.toordinal() < 2**22
SPAN_BITS = 14  # spans of up to ~44 years are told apart; longer ones tie on this part
ID_BITS = 28
UNDATED_DAY = 2**DAY_BITS - 1
MAX_SPAN = 2**SPAN_BITS - 1
MAX_ID = 2**ID_BITS - 1
TITLE_KEY_LENGTH = 200


def days(earliest: dt.date | None, latest: dt.date | None) -> tuple[int | None, int | None]:
    """Day numbers of the bounds; a missing bound takes the other's; (None, None) if undated."""
    first = earliest or latest
    last = latest or earliest
    if first is None or last is None:
        return None, None
    return first.toordinal(), last.toordinal()


def date_sort_keys(
    earliest: dt.date | None, latest: dt.date | None, public_id: int
) -> tuple[int, int]:
    """(key for oldest first, key for newest first), both sorted ascending/descending as is."""
    first, last = days(earliest, latest)
    tie = min(public_id, MAX_ID)
    if first is None or last is None:
        ascending = (UNDATED_DAY << (SPAN_BITS + ID_BITS)) | tie
        return ascending, MAX_ID - tie
    span = min(last - first, MAX_SPAN)
    ascending = (first << (SPAN_BITS + ID_BITS)) | (span << ID_BITS) | tie
    descending = (last << (SPAN_BITS + ID_BITS)) | ((MAX_SPAN - span) << ID_BITS) | (MAX_ID - tie)
    return ascending, descending


def title_sort_key(sort_title: str, public_id: int) -> str:
    """Titles in code point order, ties by public id."""
    return f"{sort_title[:TITLE_KEY_LENGTH]}\x00{public_id:012d}"
