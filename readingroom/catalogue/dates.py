"""Historical dates: the text as written, an EDTF value, the earliest and latest day, a display.

Every rule about dates lives here. A date is never shown or stored more precisely than its
source: "1936" stays a year, "circa 1945" keeps its circa, an interval keeps both ends.

We read Library of Congress EDTF levels 0 and 1 and level 2's sets (`[1945,1946]` one of,
`{1945,1946}` all of), qualified parts (`?1945-08-23`, `2004-06~-11`) and unspecified digits
(`19XX`, `1945-XX`) with our own rules, one function each (read_parts, _core_bounds, _widen,
_set_bounds, _display_*); the `edtf` package reads only seasons. Its own bounds widen
approximate days by a year (not what an editor means by "about 23 August"), it has no English
display, and it accepts forms whose bounds no calendar holds (`Y17E7`), which we refuse.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass

import edtf
from edtf import struct_time_to_date

UNDATED = "undated"
ACCEPTED = (
    "Accepted: an EDTF date such as 1945-08-23 (day), 1934-06 (month), 1936 (year), "
    "1945~ (circa), 1945? (uncertain), 1945% (both), 194X (decade), 1945-XX (month unknown), "
    "?1945-08-23 (one part uncertain), 1949-10-12/1949-10-14 (range), 1945/.. (open range), "
    "[1945,1946] (one of), {1945,1946} (all of), or 'undated'."
)
PLAIN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
SET = re.compile(r"^([\[{])(.*)([\]}])$")
_PART = r"(?P<q{0}>[?~%])?(?P<{1}>{2})(?P<g{0}>[?~%])?"
SINGLE = re.compile(
    "^" + _PART.format(0, "year", r"\d{4}|\d{3}X|\d{2}XX|\dXXX")
    + "(?:-" + _PART.format(1, "month", r"\d{2}|XX")
    + "(?:-" + _PART.format(2, "day", r"\d{2}|XX") + ")?)?$"
)  # fmt: skip
UNSPECIFIED = (
    "unspecified digits X end the year (19XX) or stand for a whole month or day (1945-XX, "
    "1945-08-XX), with nothing known after them"
)
OUTSIDE = "only the years 1 to 9999 are supported"
QUALIFIERS = {"?": "uncertain", "~": "approximate", "%": "uncertain and approximate"}
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
    written = (value or "").strip()
    raw = ascii_digits(written)
    if raw.lower() in {"", UNDATED, "n.d.", "nd"}:
        return HistoricalDate(text=(text or "").strip(), edtf="", earliest=None, latest=None)
    try:
        earliest, latest = edtf_bounds(raw)
    except InvalidDate as error:
        if raw == written:
            raise
        raise InvalidDate(str(error).replace(f"'{raw}'", f"'{written}'", 1)) from None  # as typed
    return HistoricalDate(text=(text or "").strip(), edtf=raw, earliest=earliest, latest=latest)


def ascii_digits(value: str) -> str:
    """EDTF is written with the digits 0-9: another script's decimal digits ("١٩٤٥-١٢",
    "１９４５") are read as the same digits, so what is stored and served is EDTF."""
    if value.isascii():
        return value
    return "".join(
        str(unicodedata.digit(c)) if c.isdecimal() and not c.isascii() else c for c in value
    )


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
    if SET.match(value):
        return _set_bounds(value)
    if "/" in value:
        return _interval_bounds(value)
    return _single_bounds(value, value)


def _interval_bounds(value: str) -> tuple[dt.date | None, dt.date | None]:
    """A range: from the start's earliest day to the end's latest; '..' or '' is open."""
    start, _, end = value.partition("/")
    if start in ("", "..") and end in ("", ".."):
        raise InvalidDate(f"'{value}' has no known end. {ACCEPTED}")
    lower = _single_bounds(start, value)[0] if start not in ("", "..") else None
    upper = _single_bounds(end, value)[1] if end not in ("", "..") else None
    if lower and upper and upper < lower:
        raise InvalidDate(f"'{value}' ends before it starts. {ACCEPTED}")
    return lower, upper


def _set_bounds(value: str) -> tuple[dt.date | None, dt.date | None]:
    """A set (one of `[..]`, all of `{..}`): from its earliest member's start to its latest
    member's end; a member open at an end ('..1945') leaves that end open."""
    bounds = [_member_bounds(member, value) for member in set_members(value)]
    lowers, uppers = [b[0] for b in bounds], [b[1] for b in bounds]
    lower = None if None in lowers else min(d for d in lowers if d is not None)
    upper = None if None in uppers else max(d for d in uppers if d is not None)
    if lower is None and upper is None:
        raise InvalidDate(f"'{value}' has no known end. {ACCEPTED}")
    return lower, upper


def set_members(value: str) -> list[str]:
    """The members of a set, as written ('1945', '1947..1949', '..1940'); refuses an empty one."""
    match = SET.match(value)
    members = [m.strip() for m in match.group(2).split(",")] if match else []
    if not members or "" in members or "/" in value:
        raise InvalidDate(
            f"'{value}' is not a valid date (a set lists dates between commas, "
            f"such as [1945,1946] or {{1945,1946}}). {ACCEPTED}"
        )
    return members


def _member_bounds(member: str, whole: str) -> tuple[dt.date | None, dt.date | None]:
    if ".." not in member:
        return _single_bounds(member, whole)
    start, _, end = member.partition("..")
    try:
        return _interval_bounds(f"{start or '..'}/{end or '..'}")
    except InvalidDate as error:
        written = f"'{start or '..'}/{end or '..'}'"
        raise InvalidDate(str(error).replace(written, f"'{whole}'")) from None


@dataclass(frozen=True)
class DateParts:
    """A single EDTF date read part by part: year, month, day ('' absent, may hold X digits)
    and which parts are qualified ('?' uncertain, '~' approximate, '%' both)."""

    year: str
    month: str
    day: str
    trailing: str  # a qualifier on the whole date (level 1: 1945-08~)
    qualified: tuple[tuple[tuple[int, ...], str], ...]  # (parts qualified, qualifier), level 2

    @property
    def known(self) -> int:
        """How many parts are given with every digit (0 when the year has X digits)."""
        return sum(1 for p in (self.year, self.month, self.day) if p and "X" not in p)


def read_parts(part: str) -> DateParts | None:
    """The parts of a year, month or day with X digits and qualifiers, or None if not that."""
    match = SINGLE.match(part.upper())
    if match is None:
        return None
    year, month, day = (match.group(name) or "" for name in ("year", "month", "day"))
    given = sum(1 for v in (year, month, day) if v)
    qualified: list[tuple[tuple[int, ...], str]] = []
    trailing = ""
    for index in range(given):
        if match.group(f"q{index}"):
            qualified.append(((index,), match.group(f"q{index}")))
        if match.group(f"g{index}") and index == given - 1:
            trailing = match.group(f"g{index}")
        elif match.group(f"g{index}"):
            qualified.append((tuple(range(index + 1)), match.group(f"g{index}")))
    return DateParts(year, month, day, trailing=trailing, qualified=tuple(qualified))


def _unspecified_in_order(parts: DateParts) -> bool:
    """X digits end the year, or fill a whole month or day, and nothing known follows them."""
    fields = [p for p in (parts.year, parts.month, parts.day) if p]
    first = next((i for i, p in enumerate(fields) if "X" in p), len(fields))
    return all(p == "XX" for p in fields[first + 1 :]) and not re.search(r"X\d", fields[0])


@functools.lru_cache(maxsize=4096)
def _single_bounds(part: str, whole: str) -> tuple[dt.date, dt.date]:
    parts = read_parts(part)
    if parts is None or _is_season(parts):
        return _package_bounds(part, whole)
    if not _unspecified_in_order(parts):
        raise InvalidDate(f"'{whole}' is not a valid date ({UNSPECIFIED}). {ACCEPTED}")
    lower, upper = _core_bounds(parts, whole)
    units = [min(indexes[-1], _unit(parts)) for indexes, _ in parts.qualified]
    units += [_unit(parts)] if parts.trailing else []
    if units:
        return _widen(lower, min(units)), _widen(upper, min(units), later=True)
    return lower, upper


def _is_season(parts: DateParts) -> bool:
    return parts.month.isdigit() and int(parts.month) in range(21, 42) and not parts.day


def _unit(parts: DateParts) -> int:
    """The finest unit the date is known to: 0 year (also decades, centuries), 1 month, 2 day."""
    return max(parts.known - 1, 0)


def _core_bounds(parts: DateParts, whole: str) -> tuple[dt.date, dt.date]:
    """The days the parts cover before any qualifier widens them."""
    first, last = int(parts.year.replace("X", "0")), int(parts.year.replace("X", "9"))
    if first < 1:
        raise InvalidDate(f"'{whole}' is not a valid date ({OUTSIDE}). {ACCEPTED}")
    if parts.known < 2:
        return dt.date(first, 1, 1), dt.date(last, 12, 31)
    month = int(parts.month)
    if not 1 <= month <= 12:
        raise InvalidDate(
            f"'{whole}' is not a valid date (month {parts.month} does not exist). {ACCEPTED}"
        )
    days = calendar.monthrange(first, month)[1]
    if parts.known < 3:
        return dt.date(first, month, 1), dt.date(first, month, days)
    if not 1 <= int(parts.day) <= days:
        raise InvalidDate(
            f"'{whole}' is not a valid date (day {parts.day} does not exist in "
            f"that month). {ACCEPTED}"
        )
    return dt.date(first, month, int(parts.day)), dt.date(first, month, int(parts.day))


def _package_bounds(part: str, whole: str) -> tuple[dt.date, dt.date]:
    """Seasons 21-24 (the only form left to the edtf package); anything else is refused."""
    reason = _reason(part)
    if reason != "season":
        raise InvalidDate(f"'{whole}' is not a valid date ({reason}). {ACCEPTED}")
    try:
        parsed = edtf.parse_edtf(part.rstrip("~?%"))
        lower = struct_time_to_date(parsed.lower_strict())
        upper = struct_time_to_date(parsed.upper_strict())
    except Exception as error:  # the edtf package raises several kinds for bad input
        raise InvalidDate(f"'{whole}' is not a valid date (not EDTF). {ACCEPTED}") from error
    if part.rstrip("~?%").endswith("-24"):
        # the edtf package puts winter in December only; it runs to the end of February
        upper = dt.date(lower.year + 1, 3, 1) - dt.timedelta(days=1) if lower.year < 9999 else upper
    if part[-1:] in "~?%":
        return _widen(lower, 0), _widen(upper, 0, later=True)
    return lower, upper


def _reason(part: str) -> str:
    """What is wrong with a single date the archive's forms do not read ('season' if none)."""
    digits = part.rstrip("~?%").split("-")
    if part.startswith("-") or re.match(r"^[?~%]?0{4}", part):
        return "years before 1 CE are not supported"
    if re.match(r"^Y|^\d{5}|^\d+E\d", part):
        return OUTSIDE
    if re.match(r"^\d{4}S\d", part.upper()):
        return "significant digits (S) are not supported; give the years as a range"
    if "[" in part or "{" in part or "]" in part or "}" in part:
        return "a set cannot be one end of a range, nor hold another set"
    if len(digits) == 2 and digits[1].isdecimal() and 25 <= int(digits[1]) <= 41:
        return f"season {digits[1]} is EDTF level 2; use 21-24 (spring, summer, autumn, winter)"
    if len(digits) == 2 and digits[0].isdecimal() and digits[1] in {str(s) for s in SEASONS}:
        return "season"
    if "X" in part.upper():
        return UNSPECIFIED
    return "not EDTF"


def _widen(day: dt.date, unit: int, later: bool = False) -> dt.date:
    """Approximate or uncertain dates can mean one unit (0 year, 1 month, 2 day) either side."""
    step = 1 if later else -1
    try:
        if unit == 2:
            return day + dt.timedelta(days=step)
        if unit == 1:
            month = day.month + step
            year = day.year + (month - 1) // 12
            month = (month - 1) % 12 + 1
            last = calendar.monthrange(year, month)[1]
            return dt.date(year, month, last if later else 1)
        return dt.date(day.year + step, 12 if later else 1, 31 if later else 1)
    except (ValueError, OverflowError):  # past the calendar's ends (years 1 and 9999)
        return dt.date.max if later else dt.date.min


def _precision(value: str) -> str:
    if not value.rstrip("~?%"):
        return "undated"
    if SET.match(value):
        return "set"
    if "/" in value:
        return "range"
    parts = read_parts(value)
    if parts is None or _is_season(parts):
        return "season"
    if "X" in parts.year:
        return "decade" if parts.year[:3].isdigit() else "century"
    return ("year", "year", "month", "day")[parts.known]


def display_edtf(value: str) -> str:
    """English display, as precise as the value and never more."""
    if not value:
        return "Undated"
    if SET.match(value):
        return _display_set(value)
    if "/" in value:
        return _display_interval(value)
    return _display_single(value)


def _display_set(value: str) -> str:
    """'1945 or 1946' for one of a set, '1945 and 1946' for all of it; ranges and open ends."""
    word = "or" if value.startswith("[") else "and"
    shown = [_display_member(member, word) for member in set_members(value)]
    if len(shown) == 1:
        closed = re.search(r"[^.[{]\.\.[^.\]}]", value)  # a single range: "one of 1945–1947"
        return f"{'one' if word == 'or' else 'all'} of {shown[0]}" if closed else shown[0]
    return f"{', '.join(shown[:-1])} {word} {shown[-1]}"


def _display_member(member: str, word: str) -> str:
    start, dots, end = member.partition("..")
    if not dots:
        return _display_single(member)
    if not start:
        shown = _display_single(end)
        return f"{shown} or earlier" if word == "or" else f"up to {shown}"
    if not end:
        shown = _display_single(start)
        return f"{shown} or later" if word == "or" else f"from {shown} on"
    return _display_interval(f"{start}/{end}")


def _display_single(value: str) -> str:
    parts = read_parts(value)
    if parts is None or _is_season(parts):  # a season: its qualifier ends it
        qualifier, text = value[-1:] if value[-1:] in QUALIFIERS else "", _display_core(value)
    else:
        qualifier, text = parts.trailing, _display_parts(parts)
    if qualifier == "~":
        text = f"circa {text}"
    elif qualifier == "?":
        text = f"{text}?"
    elif qualifier == "%":
        text = f"circa {text}?"
    notes = [_qualified_note(indexes, mark) for indexes, mark in parts.qualified] if parts else []
    return f"{text} ({'; '.join(notes)})" if notes else text


def _qualified_note(indexes: tuple[int, ...], mark: str) -> str:
    """'year uncertain', 'year and month approximate', 'day uncertain and approximate'."""
    names = [("year", "month", "day")[i] for i in indexes]
    named = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    return f"{named} {QUALIFIERS[mark]}"


def _display_parts(parts: DateParts) -> str:
    """A date without its qualifiers: '1940s', '1945, month unknown', 'August 23, 1945'."""
    if "X" in parts.year:
        stem = parts.year.rstrip("X")
        return f"{stem}{'0' * (4 - len(stem))}s"
    year = str(int(parts.year))
    if parts.month == "XX":
        return f"{year}, month and day unknown" if parts.day else f"{year}, month unknown"
    if parts.day == "XX":
        return f"{calendar.month_name[int(parts.month)]} {year}, day unknown"
    if parts.day:
        return f"{calendar.month_name[int(parts.month)]} {int(parts.day)}, {year}"
    if parts.month:
        return f"{calendar.month_name[int(parts.month)]} {year}"
    return year


def _display_core(core: str) -> str:
    """A plain day, month, season or year, without a qualifier."""
    parts = core.rstrip("~?%").split("-")
    if len(parts) == 2 and int(parts[1]) in SEASONS:
        return f"{SEASONS[int(parts[1])]} {int(parts[0])}"
    found = read_parts(core.rstrip("~?%"))
    return _display_parts(found) if found else core


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
    if not (PLAIN.match(start) and PLAIN.match(end)):  # qualifiers, X digits
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
