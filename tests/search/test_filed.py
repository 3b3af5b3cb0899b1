"""The month a date is filed under: only dates known to about a month have one (filed.py),
read from the bounds the catalogue gives each EDTF form."""

from __future__ import annotations

import pytest

from readingroom.catalogue.dates import edtf_bounds
from readingroom.search.filed import (
    bucket_label,
    bucket_months,
    filed_month,
    filed_year,
    is_bucket,
    month_bucket,
    month_number,
)


@pytest.mark.parametrize(
    ("edtf", "month"),
    [
        ("1945-08-23", (1945, 8)),
        ("1945-08", (1945, 8)),
        ("1945-08-01/1945-08-15", (1945, 8)),  # days of one month
        ("1945-12-31", (1945, 12)),
        ("1945-08-15?", (1945, 8)),  # an uncertain day: the 14th to the 16th
        ("1945-08-31~", None),  # about the 31st: may be 1 September
        ("1945-08~", None),  # circa August: July to September, not certainly August
        ("1945-08?", None),
        ("1945-03/1945-04", None),  # two months
        ("1945", None),  # known to the year only: in no month
        ("1945~", None),
        ("1945-01/1945-06", None),  # half a year
        ("1945-08-23/..", None),  # open at an end
        ("1945-21", None),  # spring: a season is not a month
    ],
)
def test_a_date_is_in_a_month_only_when_its_source_names_one(
    edtf: str, month: tuple[int, int] | None
) -> None:
    earliest, latest = edtf_bounds(edtf)
    assert filed_month(earliest, latest) == (month_number(*month) if month else None)
    if month:  # a month's documents are in that month's year
        assert filed_year(earliest, latest) == month[0]


def test_a_month_bar_is_written_read_and_labelled() -> None:
    march = month_number(1945, 3)
    assert month_bucket(march) == "1945-03"
    assert bucket_months("1945-03") == (march, march)
    assert bucket_label("1945-03") == "March 1945"
    assert bucket_label("1945") == "1945"
    assert month_bucket(month_number(1945, 12) + 1) == "1946-01"
    for value in ("1945-13", "1945-00", "1945-3", "0000-01", "1945-03-01"):
        assert not is_bucket(value), value
    assert all(is_bucket(value) for value in ("1945", "1940s", "1945-03", "999-01"))
