"""The year a document is filed under: the one date rule behind the histogram's bars (years
and decades), the year field of the index, and the `year` filter each bar links to.

A document is filed under the year in the middle of its date's bounds. For a day, a month or
a year that is the year the date names; an approximate or uncertain date ("circa 1945",
`1945~`, `1945?`) is widened by one unit either side (1944-1946), so its middle is again the
year it names (1945), never the first year of the widening. An interval is filed under its
middle (the first year of a two-year interval: 1945/1946 under 1945); a date open at one end
under the year of the end it has; an undated document under none.

A bar's link filters by the same value (`year=1945`, `year=1940s`), never by the period's
overlap (`from`/`to`: "can fall in", which also finds dates filed under other years), so each
bar's count is the number of results its link returns.
"""

from __future__ import annotations

import datetime as dt
import re

YEAR_BUCKET = re.compile(r"^([1-9]\d{0,3})(s?)$")  # "1945", or a decade "1940s"


def filed_year(earliest: dt.date | None, latest: dt.date | None) -> int | None:
    """The year a document dated within these bounds is counted under (None: undated)."""
    if earliest and latest:
        return dt.date.fromordinal((earliest.toordinal() + latest.toordinal()) // 2).year
    known = earliest or latest
    return known.year if known else None


def decade(year: int) -> int:
    return year - year % 10


def bucket_years(bucket: str) -> tuple[int, int] | None:
    """The years (first, last) a bar's value stands for: "1945" (1945, 1945), "1940s"
    (1940, 1949); None when it is not one."""
    found = YEAR_BUCKET.match(bucket)
    if not found or not 1 <= int(found.group(1)) <= 9999:
        return None
    year = int(found.group(1))
    if found.group(2):
        return (year, year + 9) if year % 10 == 0 else None
    return year, year


def year_bucket(year: int) -> str:
    return str(year)


def decade_bucket(start: int) -> str:
    return f"{start}s"
