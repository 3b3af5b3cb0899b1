"""The year a document is filed under: the one date rule behind the histogram's bars (years
and decades), the year field of the index, and the `year` filter each bar links to.

A document is filed under the year in the middle of its date's bounds. For a day, a month or
a year that is the year the date names; an approximate or uncertain date ("circa 1945",
`1945~`, `1945?`) is widened by one unit either side (1944-1946), so its middle is again the
year it names (1945), never the first year of the widening. An interval is filed under its
middle (the first year of a two-year interval: 1945/1946 under 1945); a date open at one end
under the year of the end it has; an undated document under none.

At the month level (the bars of one year) a document is filed under a month only when its
bounds lie within that month: a day, a month, or days of one month. One known only to its year,
to a season, to "circa August" (July to September) or to any wider period is under no month:
the year's bars say how many such documents it holds, never drawing them in a month their
source does not name for certain.

A bar's link filters by the same value (`year=1945`, `year=1940s`), never by the period's
overlap (`from`/`to`: "can fall in", which also finds dates filed under other years), so each
bar's count is the number of results its link returns.
"""

from __future__ import annotations

import datetime as dt
import re

YEAR_BUCKET = re.compile(r"^([1-9]\d{0,3})(s?)$")  # "1945", or a decade "1940s"
MONTH_BUCKET = re.compile(r"^([1-9]\d{0,3})-(0[1-9]|1[0-2])$")  # "1945-03"
MONTH_NAMES = (
    *("January", "February", "March", "April", "May", "June", "July", "August"),
    *("September", "October", "November", "December"),
)


def filed_year(earliest: dt.date | None, latest: dt.date | None) -> int | None:
    """The year a document dated within these bounds is counted under (None: undated)."""
    if earliest and latest:
        return dt.date.fromordinal((earliest.toordinal() + latest.toordinal()) // 2).year
    known = earliest or latest
    return known.year if known else None


def filed_month(earliest: dt.date | None, latest: dt.date | None) -> int | None:
    """The month (a month number: `month_number`) a document dated within these bounds is
    counted under among its year's months; None when its date is not within one month."""
    if not (earliest and latest) or (earliest.year, earliest.month) != (latest.year, latest.month):
        return None
    return month_number(earliest.year, earliest.month)


def month_number(year: int, month: int) -> int:
    """Months counted from year 0: consecutive months are consecutive numbers."""
    return year * 12 + month - 1


def month_of(number: int) -> tuple[int, int]:
    """(year, month) of a month number."""
    return number // 12, number % 12 + 1


def months_wanted(years: tuple[int, int] | None, months: tuple[int, int] | None) -> bool:
    """Whether a histogram counts months too: when its results are one year's (or a month's)."""
    return months is not None or (years is not None and years[0] == years[1])


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


def bucket_months(bucket: str) -> tuple[int, int] | None:
    """The month numbers (first, last) a month bar's value stands for: "1945-03"; None when
    it is not one."""
    found = MONTH_BUCKET.match(bucket)
    if not found:
        return None
    number = month_number(int(found.group(1)), int(found.group(2)))
    return number, number


def is_bucket(value: str) -> bool:
    """A bar's value: a decade, a year or a month."""
    return bucket_years(value) is not None or bucket_months(value) is not None


def bucket_label(bucket: str) -> str:
    """A bar's value as read: "1940s", "1945", "March 1945"."""
    months = bucket_months(bucket)
    if months is None:
        return bucket
    year, month = month_of(months[0])
    return f"{MONTH_NAMES[month - 1]} {year}"


def month_bucket(number: int) -> str:
    year, month = month_of(number)
    return f"{year}-{month:02d}"


def year_bucket(year: int) -> str:
    return str(year)


def decade_bucket(start: int) -> str:
    return f"{start}s"
