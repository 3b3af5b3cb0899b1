"""readingroom.catalogue.dates: parsing, bounds, display, from_bounds, errors, properties."""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from readingroom.catalogue.dates import (
    ACCEPTED,
    HistoricalDate,
    InvalidDate,
    display_edtf,
    edtf_bounds,
    from_bounds,
    parse_date,
)
from readingroom.protocols.citations import csl_date

D = dt.date

# value, display, earliest, latest, precision
FORMS = [
    # exact
    ("1945-08-23", "August 23, 1945", D(1945, 8, 23), D(1945, 8, 23), "day"),
    ("1934-06", "June 1934", D(1934, 6, 1), D(1934, 6, 30), "month"),
    ("1936", "1936", D(1936, 1, 1), D(1936, 12, 31), "year"),
    ("1948-02", "February 1948", D(1948, 2, 1), D(1948, 2, 29), "month"),  # leap year
    ("1900-02", "February 1900", D(1900, 2, 1), D(1900, 2, 28), "month"),  # not leap
    ("2004-02-29", "February 29, 2004", D(2004, 2, 29), D(2004, 2, 29), "day"),
    ("0999", "999", D(999, 1, 1), D(999, 12, 31), "year"),
    ("0800-12-25", "December 25, 800", D(800, 12, 25), D(800, 12, 25), "day"),
    # circa (~), uncertain (?), both (%): one unit of precision either side
    ("1945~", "circa 1945", D(1944, 1, 1), D(1946, 12, 31), "year"),
    ("1945?", "1945?", D(1944, 1, 1), D(1946, 12, 31), "year"),
    ("1945%", "circa 1945?", D(1944, 1, 1), D(1946, 12, 31), "year"),
    ("1945-08~", "circa August 1945", D(1945, 7, 1), D(1945, 9, 30), "month"),
    ("1945-12?", "December 1945?", D(1945, 11, 1), D(1946, 1, 31), "month"),
    ("1945-01~", "circa January 1945", D(1944, 12, 1), D(1945, 2, 28), "month"),
    ("1945-08-23~", "circa August 23, 1945", D(1945, 8, 22), D(1945, 8, 24), "day"),
    ("1945-08-23?", "August 23, 1945?", D(1945, 8, 22), D(1945, 8, 24), "day"),
    ("1945-12-31%", "circa December 31, 1945?", D(1945, 12, 30), D(1946, 1, 1), "day"),
    # the ends of the calendar: widening stops there
    ("0001~", "circa 1", D(1, 1, 1), D(2, 12, 31), "year"),
    ("9999~", "circa 9999", D(9998, 1, 1), D(9999, 12, 31), "year"),
    ("9999-12-31?", "December 31, 9999?", D(9999, 12, 30), D(9999, 12, 31), "day"),
    ("0001-01-01~", "circa January 1, 1", D(1, 1, 1), D(1, 1, 2), "day"),
    # unspecified digits
    ("194X", "1940s", D(1940, 1, 1), D(1949, 12, 31), "decade"),
    ("19XX", "1900s", D(1900, 1, 1), D(1999, 12, 31), "century"),
    ("1945-XX", "1945, month unknown", D(1945, 1, 1), D(1945, 12, 31), "year"),
    ("1945-08-XX", "August 1945, day unknown", D(1945, 8, 1), D(1945, 8, 31), "month"),
    # seasons (EDTF level 1: 21 spring, 22 summer, 23 autumn, 24 winter)
    ("1945-21", "Spring 1945", D(1945, 3, 1), D(1945, 5, 31), "season"),
    ("1945-22", "Summer 1945", D(1945, 6, 1), D(1945, 8, 31), "season"),
    ("1945-23", "Autumn 1945", D(1945, 9, 1), D(1945, 11, 30), "season"),
    ("1945-24", "Winter 1945", D(1945, 12, 1), D(1946, 2, 28), "season"),
    ("1947-24", "Winter 1947", D(1947, 12, 1), D(1948, 2, 29), "season"),
    # closed intervals
    ("1949-10-12/1949-10-14", "October 12–14, 1949", D(1949, 10, 12), D(1949, 10, 14), "range"),
    (
        "1949-10-30/1949-11-02",
        "October 30 – November 2, 1949",
        D(1949, 10, 30),
        D(1949, 11, 2),
        "range",
    ),
    (
        "1949-12-30/1950-01-02",
        "December 30, 1949 – January 2, 1950",
        D(1949, 12, 30),
        D(1950, 1, 2),
        "range",
    ),
    ("1934-06/1934-08", "June–August 1934", D(1934, 6, 1), D(1934, 8, 31), "range"),
    ("1934-11/1935-02", "November 1934 – February 1935", D(1934, 11, 1), D(1935, 2, 28), "range"),
    ("1936/1938", "1936–1938", D(1936, 1, 1), D(1938, 12, 31), "range"),
    ("1945-06/1945-06-15", "June 1945 – June 15, 1945", D(1945, 6, 1), D(1945, 6, 15), "range"),
    ("1945~/1946?", "circa 1945 – 1946?", D(1944, 1, 1), D(1947, 12, 31), "range"),
    ("194X/195X", "1940s – 1950s", D(1940, 1, 1), D(1959, 12, 31), "range"),
    ("1945-08-23/1945-08-23", "August 23, 1945", D(1945, 8, 23), D(1945, 8, 23), "range"),
    ("1936/1936", "1936", D(1936, 1, 1), D(1936, 12, 31), "range"),
    # open and unknown ends
    ("1945/..", "1945 or later", D(1945, 1, 1), None, "range"),
    ("../1945-08", "August 1945 or earlier", None, D(1945, 8, 31), "range"),
    ("1945-08-23/", "August 23, 1945 – unknown", D(1945, 8, 23), None, "range"),
    ("/1945", "unknown – 1945", None, D(1945, 12, 31), "range"),
]


@pytest.mark.parametrize(("value", "display", "earliest", "latest", "precision"), FORMS)
def test_every_form_parses_bounds_and_displays(
    value: str, display: str, earliest: D | None, latest: D | None, precision: str
) -> None:
    date = parse_date(value)
    assert date.edtf == value
    assert (date.earliest, date.latest) == (earliest, latest)
    assert date.display == display == display_edtf(value)
    assert date.precision == precision
    assert not date.is_undated
    assert edtf_bounds(value) == (earliest, latest)


@pytest.mark.parametrize("value", [None, "", "   ", "undated", "UNDATED", "Undated", "n.d.", "nd"])
def test_undated(value: str | None) -> None:
    date = parse_date(value)
    assert date.is_undated
    assert date.edtf == ""
    assert (date.earliest, date.latest) == (None, None)
    assert date.display == display_edtf("") == "Undated"
    assert date.precision == "undated"
    assert date.text == ""


def test_text_as_written_is_kept_apart_from_the_value() -> None:
    assert parse_date("1945-08-23", "23 Aug. 1945 ").text == "23 Aug. 1945"
    assert parse_date("1945-08-23").text == ""
    assert parse_date("undated", "s.d.").text == "s.d."
    assert parse_date("  1936 ").edtf == "1936"


def test_year_only_dates_keep_their_year() -> None:
    """The anchor's 1936 telegram shows no date at all; ours says 1936 and sorts within it."""
    date = parse_date("1936")
    assert date.display == "1936"
    assert date.earliest == D(1936, 1, 1) and date.latest == D(1936, 12, 31)


def test_dates_are_frozen_values() -> None:
    date = parse_date("1936")
    assert date == HistoricalDate(
        text="", edtf="1936", earliest=D(1936, 1, 1), latest=D(1936, 12, 31)
    )
    with pytest.raises(AttributeError):
        date.edtf = "1937"  # type: ignore[misc]


# ---------------------------------------------------------------------------------------------
# Invalid dates: InvalidDate, saying what was wrong and what is accepted

INVALID = [
    ("1945-13", "month 13 does not exist"),
    ("1945-00", "month 00 does not exist"),
    ("1945-02-29", "day 29 does not exist in that month"),
    ("1945-04-31", "day 31 does not exist in that month"),
    ("1945-08-32", "day 32 does not exist in that month"),
    ("1945-25", "season 25 is EDTF level 2"),
    ("-0044", "years before 1 CE are not supported"),
    ("23 August 1945", "not EDTF"),
    ("August 1945", "not EDTF"),
    ("1945-08-23T10:00", "not EDTF"),
    ("45", "not EDTF"),
    ("circa 1945", "not EDTF"),
    ("1949-10-14/1949-10-12", "ends before it starts"),
    ("1950/1949", "ends before it starts"),
    ("../..", "has no known end"),
    ("/", "has no known end"),
    ("1945-08-23/1945-13", "month 13 does not exist"),
]


@pytest.mark.parametrize(("value", "reason"), INVALID)
def test_invalid_dates_say_what_is_wrong_and_what_is_accepted(value: str, reason: str) -> None:
    with pytest.raises(InvalidDate) as error:
        parse_date(value)
    message = str(error.value)
    assert f"'{value}'" in message
    assert reason in message
    assert ACCEPTED in message
    assert isinstance(error.value, ValueError)  # forms and importers may catch ValueError


def test_from_bounds_refuses_a_range_that_ends_before_it_starts() -> None:
    with pytest.raises(InvalidDate, match="1945-08-23 to 1945-08-22 ends before it starts"):
        from_bounds(D(1945, 8, 23), D(1945, 8, 22))


# ---------------------------------------------------------------------------------------------
# from_bounds: the least precise EDTF covering exactly the bounds

FROM_BOUNDS = [
    (D(1945, 8, 23), D(1945, 8, 23), "1945-08-23", "August 23, 1945"),
    (D(1934, 6, 1), D(1934, 6, 30), "1934-06", "June 1934"),
    (D(1936, 1, 1), D(1936, 12, 31), "1936", "1936"),
    (D(1936, 1, 1), D(1938, 12, 31), "1936/1938", "1936–1938"),
    (D(1934, 6, 1), D(1934, 8, 31), "1934-06/1934-08", "June–August 1934"),
    (D(1934, 11, 1), D(1935, 2, 28), "1934-11/1935-02", "November 1934 – February 1935"),
    (D(1949, 10, 12), D(1949, 10, 14), "1949-10-12/1949-10-14", "October 12–14, 1949"),
    (D(1949, 10, 1), D(1949, 10, 14), "1949-10-01/1949-10-14", "October 1–14, 1949"),
    (D(999, 6, 1), D(999, 6, 30), "0999-06", "June 999"),
    (D(999, 6, 1), D(1000, 7, 31), "0999-06/1000-07", "June 999 – July 1000"),
    (D(1, 1, 1), D(9999, 12, 31), "0001/9999", "1–9999"),
]


@pytest.mark.parametrize(("earliest", "latest", "value", "display"), FROM_BOUNDS)
def test_from_bounds(earliest: D, latest: D, value: str, display: str) -> None:
    date = from_bounds(earliest, latest, text="as written")
    assert date.edtf == value
    assert (date.earliest, date.latest) == (earliest, latest)
    assert date.display == display
    assert date.text == "as written"
    assert from_bounds(earliest, latest).text == ""
    assert parse_date(value) == HistoricalDate("", value, earliest, latest)


# ---------------------------------------------------------------------------------------------
# overlaps: date filters use overlap; undated matches no filter


@pytest.mark.parametrize(
    ("value", "start", "end", "expected"),
    [
        ("1936", D(1936, 6, 1), D(1936, 6, 30), True),
        ("1936", D(1937, 1, 1), None, False),
        ("1936", None, D(1935, 12, 31), False),
        ("1936", None, D(1936, 1, 1), True),
        ("1936", D(1936, 12, 31), None, True),
        ("1936", None, None, True),
        ("1945/..", D(2000, 1, 1), None, True),
        ("1945/..", None, D(1944, 12, 31), False),
        ("../1945", None, D(1900, 1, 1), True),
        ("../1945", D(1946, 1, 1), None, False),
        ("undated", None, None, False),
        ("undated", D(1900, 1, 1), D(2000, 1, 1), False),
    ],
)
def test_overlaps(value: str, start: D | None, end: D | None, expected: bool) -> None:
    assert parse_date(value).overlaps(start, end) is expected


# ---------------------------------------------------------------------------------------------
# Properties

ALL_DAYS = st.dates(min_value=D(1, 1, 1), max_value=D(9999, 12, 31))
HISTORY = st.dates(min_value=D(1000, 1, 1), max_value=D(2100, 12, 31))


@given(ALL_DAYS)
def test_any_day_round_trips_through_from_bounds_and_parse_date(day: D) -> None:
    date = from_bounds(day, day)
    assert date.edtf == day.isoformat()
    assert date.precision == "day"
    parsed = parse_date(date.edtf)
    assert parsed == date
    assert parsed.display == f"{calendar.month_name[day.month]} {day.day}, {day.year}"


@given(ALL_DAYS, ALL_DAYS)
def test_any_bounds_round_trip_exactly(a: D, b: D) -> None:
    earliest, latest = min(a, b), max(a, b)
    date = from_bounds(earliest, latest)
    assert parse_date(date.edtf) == date
    assert (date.earliest, date.latest) == (earliest, latest)
    assert date.display and date.display != "Undated"


@given(st.integers(1, 9999), st.integers(1, 12), st.integers(0, 40))
def test_whole_month_ranges_round_trip_in_any_year(year: int, month: int, span: int) -> None:
    first = D(year, month, 1)
    end_index = min(year * 12 + month - 1 + span, 9999 * 12 + 11)
    end_year, end_month = divmod(end_index, 12)
    last = D(end_year, end_month + 1, calendar.monthrange(end_year, end_month + 1)[1])
    date = from_bounds(first, last)
    assert parse_date(date.edtf) == date
    assert date.precision in ("month", "year", "range")


@st.composite
def edtf_values(draw: st.DrawFn) -> str:
    """Any single EDTF form we accept: day, month, season, year, decade, with a qualifier."""
    day = draw(HISTORY)
    form = draw(st.sampled_from(["day", "month", "season", "year", "decade", "century"]))
    value = {
        "day": day.isoformat(),
        "month": f"{day.year:04d}-{day.month:02d}",
        "season": f"{day.year:04d}-{draw(st.integers(21, 24))}",
        "year": f"{day.year:04d}",
        "decade": f"{day.year:04d}"[:3] + "X",
        "century": f"{day.year:04d}"[:2] + "XX",
    }[form]
    if form in ("day", "month", "year"):
        value += draw(st.sampled_from(["", "", "~", "?", "%"]))
    return value


@given(edtf_values())
def test_any_single_value_has_ordered_bounds_and_a_display(value: str) -> None:
    date = parse_date(value)
    assert date.earliest is not None and date.latest is not None
    assert date.earliest <= date.latest
    assert date.display and date.display != "Undated"
    year = str(int(value[:4])) if "X" not in value else None
    if year is not None:
        assert year in date.display
    if value.endswith("~"):
        assert date.display.startswith("circa ")


@given(edtf_values(), edtf_values(), st.sampled_from(["closed", "open-start", "open-end"]))
def test_any_interval_has_ordered_bounds_or_is_refused(a: str, b: str, kind: str) -> None:
    value = {"closed": f"{a}/{b}", "open-start": f"../{b}", "open-end": f"{a}/.."}[kind]
    try:
        date = parse_date(value)
    except InvalidDate as error:
        assert kind == "closed" and "ends before it starts" in str(error)
        assert parse_date(b).latest < parse_date(a).earliest  # type: ignore[operator]
        return
    assert date.earliest is None or date.latest is None or date.earliest <= date.latest
    if kind == "closed":
        assert (date.earliest, date.latest) == (parse_date(a).earliest, parse_date(b).latest)
    assert date.display and date.display != "Undated"


@settings(max_examples=200)
@given(edtf_values(), st.one_of(st.none(), HISTORY), st.one_of(st.none(), HISTORY))
def test_overlaps_agrees_with_the_bounds(value: str, start: D | None, end: D | None) -> None:
    date = parse_date(value)
    assert date.earliest is not None and date.latest is not None
    expected = (start is None or date.latest >= start) and (end is None or date.earliest <= end)
    assert date.overlaps(start, end) is expected


@given(st.integers(1000, 2100), st.integers(13, 20) | st.integers(42, 99))
def test_months_that_do_not_exist_are_named(year: int, month: int) -> None:
    with pytest.raises(InvalidDate, match=f"month {month} does not exist"):
        parse_date(f"{year}-{month:02d}")


# ---------------------------------------------------------------------------------------------
# Every form EDTF has (levels 0, 1 and 2, sets, X digits, qualified parts, intervals, open ends)
# and a good many it has not: each is read with ordered bounds and a display, or refused with
# the one clear message. Nothing else may happen (issue 13: '[1945,1946]' crashed every page).

QUALIFIER = st.sampled_from(["", "", "", "?", "~", "%"])


@st.composite
def any_single(draw: st.DrawFn) -> str:
    year = f"{draw(st.integers(0, 10001)):04d}"
    unspecified = draw(st.sampled_from([0, 0, 0, 1, 2, 3, 4]))
    year = year[: len(year) - unspecified] + "X" * unspecified
    month = draw(st.sampled_from(["", "", "01", "06", "12", "00", "13", "21", "24", "25", "XX"]))
    day = draw(st.sampled_from(["", "", "01", "23", "29", "31", "32", "XX"])) if month else ""
    parts = [p for p in (year, month, day) if p]
    return "-".join(draw(QUALIFIER) + p + draw(QUALIFIER) for p in parts)


@st.composite
def any_edtf(draw: st.DrawFn) -> str:
    one, two = draw(any_single()), draw(any_single())
    member = st.sampled_from([one, two, f"{one}..{two}", f"..{one}", f"{two}..", ""])
    members = ",".join(draw(st.lists(member, min_size=0, max_size=3)))
    forms = [one, f"{one}/{two}", f"../{one}", f"{one}/..", f"/{two}", f"[{members}]",
             f"{{{members}}}", f"[{one}]/{two}", f"Y{one}", f"{one}S2", f"-{one}"]  # fmt: skip
    return draw(st.sampled_from(forms) | st.text(max_size=12))


@settings(max_examples=1500)
@given(any_edtf())
@example("0-²")  # a superscript is a digit to str.isdigit, not to int (found by this test)
@example("1945-²³")
def test_any_edtf_string_is_read_with_ordered_bounds_or_refused_clearly(value: str) -> None:
    try:
        date = parse_date(value)
    except InvalidDate as error:
        assert f"'{value.strip()}'" in str(error) and ACCEPTED in str(error)
        return
    if date.is_undated:
        return
    assert date.earliest is not None or date.latest is not None
    if date.earliest and date.latest:
        assert date.earliest <= date.latest
    assert date.display and date.display != "Undated" and "X" not in date.display
    assert date.precision in ("day", "month", "season", "year", "decade", "century", "range", "set")
    assert csl_date(date.edtf)


@pytest.mark.parametrize(
    ("written", "stored", "display"),
    [
        ("1945-١٢", "1945-12", "December 1945"),  # Arabic-Indic digits
        ("١٩٤٥", "1945", "1945"),
        ("１９４５-０８-２３", "1945-08-23", "August 23, 1945"),  # fullwidth
        ("۱۹۴۵~", "1945~", "circa 1945"),  # Persian digits
    ],
)
def test_digits_of_any_script_are_stored_as_edtf_digits(
    written: str, stored: str, display: str
) -> None:
    """What is stored and served (OAI-PMH, citations, the API) is EDTF, written 0-9."""
    date = parse_date(written, text=written)
    assert (date.edtf, date.display, date.text) == (stored, display, written)
