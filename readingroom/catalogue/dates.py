"""Historical dates: the text as written, an EDTF value, the earliest and latest day, a display.

Every rule about dates lives here. A date is never shown or stored more precisely than its
source: "1936" stays a year, "circa 1945" keeps its circa, an interval keeps both ends.

We parse with the `edtf` package (Library of Congress EDTF levels 0 and 1) and keep our own
display and bound rules, because the package has no English display and widens approximate days
by a year, which is not what an editor means by "about 23 August".
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass

import edtf
from edtf import struct_time_to_date

UNDATED = "undated"
ACCEPTED = (
    "Accepted: an EDTF date such as 1945-08-23 (day), 1934-06 (month), 1936 (year), "
    "1945~ (circa), 1945? (uncertain), 194X (decade), 1949-10-12/1949-10-14 (range), "
    "1945/.. (open range), or 'undated'."
)
PLAIN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
SEASONS = {21: "Spring", 22: "Summer", 23: "Autumn", 24: "Winter"}


class InvalidDate(ValueError):
    """A date that cannot be read; the message says what was wrong and what is accepted."""


@dataclass(frozen=True)
class HistoricalDate:
    """One date as the archive keeps it. `edtf` is "" when the record is explicitly undated."""

    text: str
    edtf: str
    earliest: dt.date | None
    latest: dt.date | None

    @property
    def is_undated(self) -> bool:
        return self.edtf == ""

    @property
    def display(self) -> str:
        return display_edtf(self.edtf)

    @property
    def precision(self) -> str:
        """'day', 'month', 'season', 'year', 'decade', 'century', 'range' or 'undated'."""
        return _precision(self.edtf)

    def overlaps(self, start: dt.date | None, end: dt.date | None) -> bool:
        """True when the date can mean a day inside [start, end] (None is open)."""
        if self.is_undated:
            return False
        if start and self.latest and self.latest < start:
            return False
        return not (end and self.earliest and self.earliest > end)


def parse_date(value: str | None, text: str | None = None) -> HistoricalDate:
    """Read an EDTF string (or 'undated', empty, None) into a HistoricalDate.

    `text` is the date as written in the source, kept as it is ("" when the source gave none).
    """
    raw = (value or "").strip()
    if raw.lower() in {"", UNDATED, "n.d.", "nd"}:
        return HistoricalDate(text=(text or "").strip(), edtf="", earliest=None, latest=None)
    earliest, latest = edtf_bounds(raw)
    return HistoricalDate(text=(text or "").strip(), edtf=raw, earliest=earliest, latest=latest)


def from_bounds(earliest: dt.date, latest: dt.date, text: str = "") -> HistoricalDate:
    """The least precise EDTF covering exactly [earliest, latest]: a day, month, year or range."""
    if latest < earliest:
        raise InvalidDate(f"the range {earliest} to {latest} ends before it starts")
    value = _bounds_to_edtf(earliest, latest)
    return HistoricalDate(text=text, edtf=value, earliest=earliest, latest=latest)


def _bounds_to_edtf(earliest: dt.date, latest: dt.date) -> str:
    if earliest == latest:
        return earliest.isoformat()
    last_of_month = calendar.monthrange(latest.year, latest.month)[1]
    whole_months = earliest.day == 1 and latest.day == last_of_month
    if whole_months and (earliest.year, earliest.month) == (latest.year, latest.month):
        return _year_month(earliest)
    if whole_months and (earliest.month, latest.month) == (1, 12):
        if earliest.year == latest.year:
            return f"{earliest.year:04d}"
        return f"{earliest.year:04d}/{latest.year:04d}"
    if whole_months:
        return f"{_year_month(earliest)}/{_year_month(latest)}"
    return f"{earliest.isoformat()}/{latest.isoformat()}"


def _year_month(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"  # not strftime: "%Y" drops zeros before 1000


# Remembered for as many distinct dates as an import file of 20,000 documents holds: the writer
# reads each document's date again after the whole file was checked. Results are immutable.
@functools.lru_cache(maxsize=1 << 15)
def edtf_bounds(value: str) -> tuple[dt.date | None, dt.date | None]:
    """Earliest and latest day an EDTF value can mean; None for an open or unknown end."""
    if "/" in value:
        start, _, end = value.partition("/")
        lower = _single_bounds(start, value)[0] if start not in ("", "..") else None
        upper = _single_bounds(end, value)[1] if end not in ("", "..") else None
        if start in ("", "..") and end in ("", ".."):
            raise InvalidDate(f"'{value}' has no known end. {ACCEPTED}")
        if lower and upper and upper < lower:
            raise InvalidDate(f"'{value}' ends before it starts. {ACCEPTED}")
        return lower, upper
    return _single_bounds(value, value)


def _plain_bounds(core: str) -> tuple[dt.date, dt.date] | None:
    """Bounds of a valid plain year, month or day, or None to leave it to the edtf package.

    The package's parser takes some 40 ms a date, which made importing 10,000 documents take
    minutes; these three forms are nearly every date an archive holds.
    """
    match = PLAIN.match(core)
    if match is None:
        return None
    year, month, day = (int(part) if part else None for part in match.groups())
    if year is None or year < 1 or (month is not None and not 1 <= month <= 12):
        return None
    if month is None:
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    last = calendar.monthrange(year, month)[1]
    if day is None:
        return dt.date(year, month, 1), dt.date(year, month, last)
    if not 1 <= day <= last:
        return None
    return dt.date(year, month, day), dt.date(year, month, day)


@functools.lru_cache(maxsize=4096)
def _single_bounds(part: str, whole: str) -> tuple[dt.date, dt.date]:
    plain = _plain_bounds(part[:-1] if part[-1:] in "~?%" else part)
    if plain is not None:  # a valid year, month or day: no season, nothing for the package
        lower, upper = plain
        if part[-1:] in "~?%":
            return _widen(lower, part), _widen(upper, part, later=True)
        return lower, upper
    return _package_bounds(part, whole)


def _package_bounds(part: str, whole: str) -> tuple[dt.date, dt.date]:
    reason = _reason(part)
    if reason.startswith("season"):  # EDTF level 2 seasons parse, but we do not support them
        raise InvalidDate(f"'{whole}' is not a valid date ({reason}). {ACCEPTED}")
    try:
        parsed = edtf.parse_edtf(part)
        lower = struct_time_to_date(parsed.lower_strict())
        upper = struct_time_to_date(parsed.upper_strict())
    except Exception as error:  # the edtf package raises several kinds for bad input
        raise InvalidDate(f"'{whole}' is not a valid date ({_reason(part)}). {ACCEPTED}") from error
    if _precision(part) == "season" and part.rstrip("~?%").endswith("-24"):
        # the edtf package puts winter in December only; it runs to the end of February
        upper = dt.date(lower.year + 1, 3, 1) - dt.timedelta(days=1) if lower.year < 9999 else upper
    if part[-1:] in "~?%":
        return _widen(lower, part), _widen(upper, part, later=True)
    return lower, upper


def _reason(part: str) -> str:
    digits = part.rstrip("~?%").split("-")
    if part.startswith("-"):
        return "years before 1 CE are not supported"
    if len(digits) == 2 and digits[1].isdigit() and 25 <= int(digits[1]) <= 41:
        return f"season {digits[1]} is EDTF level 2; use 21-24 (spring, summer, autumn, winter)"
    if len(digits) >= 2 and digits[1].isdigit() and int(digits[1]) not in (*range(1, 13), *SEASONS):
        return f"month {digits[1]} does not exist"
    if len(digits) == 3 and digits[2].isdigit():
        return f"day {digits[2]} does not exist in that month"
    return "not EDTF"


def _widen(day: dt.date, part: str, later: bool = False) -> dt.date:
    """Approximate or uncertain dates can mean one unit of their precision either side."""
    step = 1 if later else -1
    precision = _precision(part)
    try:
        if precision == "day":
            return day + dt.timedelta(days=step)
        if precision == "month":
            month = day.month + step
            year = day.year + (month - 1) // 12
            month = (month - 1) % 12 + 1
            last = calendar.monthrange(year, month)[1]
            return dt.date(year, month, last if later else 1)
        return dt.date(day.year + step, 12 if later else 1, 31 if later else 1)
    except (ValueError, OverflowError):  # past the calendar's ends (years 1 and 9999)
        return dt.date.max if later else dt.date.min


def _precision(value: str) -> str:
    core = value.rstrip("~?%")
    if not core:
        return "undated"
    if "/" in core:
        return "range"
    parts = core.upper().split("-")
    if "X" in parts[0]:
        return "decade" if parts[0][:3].isdigit() else "century"
    if len(parts) >= 2 and "X" in parts[1]:
        return "year"
    if len(parts) == 3 and "X" in parts[2]:
        return "month"
    if len(parts) == 3:
        return "day"
    if len(parts) == 2:
        return "season" if int(parts[1]) > 12 else "month"
    return "year"


def display_edtf(value: str) -> str:
    """English display, as precise as the value and never more."""
    if not value:
        return "Undated"
    if "/" in value:
        return _display_interval(value)
    return _display_single(value)


def _display_single(value: str) -> str:
    qualifier = value[-1] if value[-1] in "~?%" else ""
    core = value.rstrip("~?%")
    text = _display_core(core)
    if qualifier == "~":
        return f"circa {text}"
    if qualifier == "?":
        return f"{text}?"
    if qualifier == "%":
        return f"circa {text}?"
    return text


def _display_core(core: str) -> str:
    upper = core.upper()
    parts = upper.split("-")
    year = parts[0]
    if "X" in year:
        stem = year.rstrip("X")
        zeros = "0" * (4 - len(stem))
        return f"{stem}{zeros}s" if stem else "Undated"
    if len(parts) >= 2 and "X" in parts[1]:
        return year.lstrip("0") or "0"
    if len(parts) == 3 and "X" in parts[2]:
        parts = parts[:2]
    if len(parts) == 3:
        day = dt.date(int(year), int(parts[1]), int(parts[2]))
        return f"{calendar.month_name[day.month]} {day.day}, {day.year}"
    if len(parts) == 2:
        month = int(parts[1])
        if month in SEASONS:
            return f"{SEASONS[month]} {int(year)}"
        return f"{calendar.month_name[month]} {int(year)}"
    return str(int(year))


def _display_interval(value: str) -> str:
    start, _, end = value.partition("/")
    if start in ("", "..") and end not in ("", ".."):
        return (
            f"{_display_single(end)} or earlier"
            if start == ".."
            else f"unknown – {_display_single(end)}"
        )
    if end in ("", ".."):
        return (
            f"{_display_single(start)} or later"
            if end == ".."
            else f"{_display_single(start)} – unknown"
        )
    if start == end:
        return _display_single(start)
    if start[-1] in "~?%" or end[-1] in "~?%" or "X" in (start + end).upper():
        return f"{_display_single(start)} – {_display_single(end)}"
    a, b = start.split("-"), end.split("-")
    if len(a) == len(b) == 1:
        return f"{int(a[0])}–{int(b[0])}"
    if len(a) == len(b) == 2 and int(a[1]) <= 12 and int(b[1]) <= 12:
        if a[0] == b[0]:
            return f"{calendar.month_name[int(a[1])]}–{calendar.month_name[int(b[1])]} {int(a[0])}"
        return f"{_display_core(start)} – {_display_core(end)}"
    if len(a) == len(b) == 3:
        return _display_day_range(start, end)
    return f"{_display_core(start)} – {_display_core(end)}"


def _display_day_range(start: str, end: str) -> str:
    first, last = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    if first.year != last.year:
        return f"{_display_core(start)} – {_display_core(end)}"
    if first.month != last.month:
        return (
            f"{calendar.month_name[first.month]} {first.day} – "
            f"{calendar.month_name[last.month]} {last.day}, {first.year}"
        )
    return f"{calendar.month_name[first.month]} {first.day}–{last.day}, {first.year}"
