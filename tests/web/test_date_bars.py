"""The date histogram's bars count where readers look: an approximate or uncertain date under
the year it names ("circa 1945" under 1945, not 1944), and every bar, decade or year, links to
exactly the documents it counts (search/filed.py)."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import Counter
from html import unescape
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from search.archive import authorities, document, write

from readingroom.catalogue.models import Document
from readingroom.importers.pipeline import import_file
from readingroom.search.backend import SearchBackend

from .conftest import reindex
from .helpers import between, get

BAR = re.compile(
    r'<li><a href="([^"]*)"><span class="bar-label">([^<]*)</span>.*?'
    r'<span class="count">(\d+)</span></a></li>',
    re.S,
)
COUNT_LINE = re.compile(r'<h2 id="results-heading" class="count-line">([^<]*)</h2>')

YEARS = st.integers(1937, 1952)  # across three decades, so bars and widened dates meet
MONTHS = st.integers(1, 12).map("{:02d}".format)
DAYS = st.integers(1, 28).map("{:02d}".format)


@st.composite
def edtf_dates(draw: st.DrawFn) -> str:
    """A date of any precision the archive accepts: day, month, year, approximate, uncertain,
    a decade, intervals, open at either end, or undated."""
    year, month, day = draw(YEARS), draw(MONTHS), draw(DAYS)
    single = draw(
        st.sampled_from(
            [f"{year}", f"{year}-{month}", f"{year}-{month}-{day}", f"{year}~", f"{year}?",
             f"{year}-{month}~", f"{year}-{month}-{day}?", f"{year}-{month}?", f"{str(year)[:3]}X"]
        )
    )  # fmt: skip
    later = year + draw(st.integers(0, 12))
    return draw(
        st.sampled_from(
            [single, single, single, f"{year}/{later}", f"{year}-{month}/{later}-{month}",
             f"{year}-{month}-{day}/{later}-12-31", f"../{year}", f"{year}/..", "undated"]
        )
    )  # fmt: skip


def load(directory: Path, backend: SearchBackend, dates: list[str]) -> None:
    """An archive of exactly these documents, imported and indexed."""
    Document.objects.all().delete()
    backend.clear()
    records: list[dict[str, Any]] = [
        document(number, date=date) for number, date in enumerate(dates, start=1)
    ]
    report = import_file(
        "jsonl",
        write(directory / "dates.jsonl", authorities() + records),
        default_status="published",
    )
    assert report.ok, report.problems
    reindex(everything=True)


def bars(html: str) -> list[tuple[str, str, int]]:
    """(label, link, count) of every bar of the page's date histogram."""
    if 'id="facet-dates"' not in html:
        return []
    section = between(html, 'id="facet-dates"', "</section>")
    return [(label, unescape(url), int(n)) for url, label, n in BAR.findall(section)]


def total(client: Client, url: str) -> int:
    line = COUNT_LINE.search(get(client, url))
    assert line, url
    found = re.search(r"of ([\d,]+)$", line.group(1).strip())
    return int(found.group(1).replace(",", "")) if found else 0


def followed(client: Client, url: str) -> dict[str, int]:
    """Every bar reachable from the page (the decades, then each decade's years), as
    {label: count}, after checking that each bar's link returns as many results as it says."""
    counted: dict[str, int] = {}
    for label, link, count in bars(get(client, url)):
        assert total(client, link) == count, (label, link)
        counted[label] = count
        if label.endswith("s") and link != url:
            counted.update(followed(client, link))
    return counted


SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.mark.django_db
@SETTINGS
@given(dates=st.lists(edtf_dates(), min_size=1, max_size=8))
def test_every_bar_returns_as_many_results_as_it_counts(
    client: Client, tmp_path: Path, search_backend: SearchBackend, dates: list[str]
) -> None:
    load(tmp_path, search_backend, dates)
    counted = followed(client, "/search")
    decades = {label: n for label, n in counted.items() if label.endswith("s")}
    undated = dates.count("undated")
    assert sum(decades.values()) == len(dates) - undated
    for decade, n in decades.items():
        years = [c for label, c in counted.items() if label[:3] == decade[:3] and label != decade]
        assert sum(years) == n, (decade, counted)


@pytest.mark.django_db
def test_circa_and_uncertain_years_count_under_the_year_they_name(
    client: Client, tmp_path: Path, search_backend: SearchBackend
) -> None:
    load(tmp_path, search_backend, ["1945~", "1945?", "1945", "1944"])
    html = get(client, "/search")
    years = {label: count for label, _, count in bars(html)}
    assert years["1945"] == 3 and years["1944"] == 1
    assert ("1940s", "/search?year=1940s", 4) in bars(html)
    assert total(client, "/search?year=1945") == 3
    assert total(client, "/search?year=1944") == 1


MONTH_NAMES = [calendar.month_name[n] for n in range(1, 13)]
WITHIN_A_MONTH = (
    re.compile(r"(\d{4})-(\d{2})(?:-\d{2})?"),  # a month or a day, neither approximate
    re.compile(r"(\d{4})-(\d{2})/\1-\2"),  # a month to the same month
    re.compile(r"(\d{4})-(12)-\d{2}/\1-12-31"),  # a December day to the year's end
)


def known_month(date: str) -> tuple[int, str] | None:
    """The month a date certainly falls in, read from how it is written (the test's own rule,
    beside search/filed.py's reading of the bounds): an approximate or uncertain day is the
    day give or take one, so in its month unless that crosses into another."""
    loose = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})[?~]", date)
    if loose:
        day = dt.date(*map(int, loose.groups()))
        one = dt.timedelta(days=1)
        if (day - one).month == (day + one).month == day.month:
            return day.year, MONTH_NAMES[day.month - 1]
        return None
    for form in WITHIN_A_MONTH:
        found = form.fullmatch(date)
        if found:
            return int(found.group(1)), MONTH_NAMES[int(found.group(2)) - 1]
    return None


@pytest.mark.django_db
@SETTINGS
@given(dates=st.lists(edtf_dates(), min_size=1, max_size=8))
def test_a_years_months_count_the_dates_known_to_a_month(
    client: Client, tmp_path: Path, search_backend: SearchBackend, dates: list[str]
) -> None:
    """A year's page (a year bar's link) has a bar for each month its documents are dated
    within, each linking to as many results as it counts; the rest of the year's documents
    (a year, a season, about a month) are counted apart, never drawn in a month."""
    load(tmp_path, search_backend, dates)
    expected: dict[int, Counter[str]] = {}
    for year, month in filter(None, map(known_month, dates)):
        expected.setdefault(year, Counter())[month] += 1
    for year, months in expected.items():
        html = get(client, f"/search?year={year}")
        shown = {label: (link, n) for label, link, n in bars(html) if label in MONTH_NAMES}
        assert {label: n for label, (_, n) in shown.items()} == months, (year, dates)
        for label, (link, n) in shown.items():
            assert total(client, link) == n, (label, link)
            assert f"Remove Filed under: {label} {year}" in unescape(get(client, link))
        rest = total(client, f"/search?year={year}") - sum(months.values())
        note = f"Not dated to one month: {rest} " if rest else "Not dated to one month"
        assert (note in html) is bool(rest), (year, dates)
