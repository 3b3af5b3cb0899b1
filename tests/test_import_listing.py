"""The listing importer on the real saved search page of the anchor archive (and its HTML)."""

from __future__ import annotations

from pathlib import Path

import pytest
from import_support import FIXTURES, SEED_PAGE, run_import, snapshot

from readingroom.catalogue.models import Document, Status
from readingroom.importers import listing
from readingroom.interchange.problems import ImportFailed

pytestmark = pytest.mark.django_db

SEED_DATES = [
    ("1945-08-23", "August 23, 1945"),
    ("1945-08-19", "August 19, 1945"),
    ("1942-07-07", "July 7, 1942"),
    ("1942-05-10", "May 10, 1942"),
    ("1934-11-01", "November 1, 1934"),
    ("1934-07-27", "July 27, 1934"),
    ("1934-06", "June 1934"),
    ("undated", ""),  # the 1936 telegram: the anchor shows no date line at all
    ("1939-01-04", "January 4, 1939"),
    ("1949-10-03", "October 3, 1949"),
]


def test_the_saved_page_gives_its_ten_entries_with_their_dates() -> None:
    records = listing.read(SEED_PAGE, Status.DRAFT)
    assert not [p for r in records for p in r.problems]
    assert [(r.fields["date"], r.fields["date_text"]) for r in records] == SEED_DATES
    telegram = records[7]
    assert telegram.fields["title"] == (
        "Telegram from Cdes. Stalin, Molotov, and Voroshilov to G. Apresov, Consul General in "
        "Urumqi"
    )
    assert telegram.fields["summary"].startswith("Stalin, Molotov, Voroshilov express alarm")
    assert telegram.fields["doc_type"] == "telegram"
    assert telegram.key == (
        "telegram-from-cdes-stalin-molotov-and-voroshilov-to-g-apresov-consul-general-in-urumqi"
        "-undated"
    )
    assert records[0].key == (
        "cable-from-vyacheslav-molotov-to-soviet-ambassador-in-the-united-states-1945-08-23"
    )
    assert records[0].location.line == 7


def test_importing_the_page_twice_changes_nothing() -> None:
    outcome = run_import("listing", SEED_PAGE)
    assert not outcome.failed, outcome.stderr
    assert Document.objects.count() == 10
    assert Document.objects.get(date_text="June 1934").date.display == "June 1934"
    before = snapshot()
    again = run_import("listing", SEED_PAGE)
    assert "0 created, 0 updated, 10 unchanged" in again.stdout
    assert snapshot() == before


def test_the_html_page_reads_like_the_text(tmp_path: Path) -> None:
    records = listing.read(FIXTURES / "search-results.html", Status.DRAFT)
    assert [(r.fields["date"], r.fields["title"][:24]) for r in records] == [
        ("1945-08-23", "Cable from Vyacheslav Mo"),
        ("1934-06", "Letter of Governor Shica"),
        ("undated", "Telegram from Cdes. Stal"),
    ]
    assert records[0].fields["summary"].endswith("regarding Hokkaido and Kurile Islands.")


def test_a_page_whose_entries_do_not_add_up_is_refused(tmp_path: Path) -> None:
    lines = SEED_PAGE.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index("May 10, 1942\n")
    damaged = "".join(lines[:start] + lines[start + 6 :])  # a capture that lost one entry
    path = tmp_path / "page.txt"
    path.write_text(damaged, encoding="utf-8")
    with pytest.raises(ImportFailed) as failure:
        listing.read(path, Status.DRAFT)
    assert "the page says it lists 10 results but 9 entries were found" in str(failure.value)
    outcome = run_import("listing", path)
    assert outcome.failed
    assert snapshot() == []


def test_an_impossible_date_line_fails_naming_the_line(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text(
        "1 - 1 of 1\n\nFebruary 30, 1945\n\nA letter\n\nIts summary.\n", encoding="utf-8"
    )
    outcome = run_import("listing", path)
    assert outcome.failed
    assert f"{path}, line 3, record 'a-letter-1945-02-30', field 'date'" in outcome.stderr


@pytest.mark.parametrize(
    ("line", "edtf"),
    [
        ("August 23, 1945", "1945-08-23"),
        ("Aug. 23, 1945", "1945-08-23"),
        ("23 August 1945", "1945-08-23"),
        ("June 1934", "1934-06"),
        ("1936", "1936"),
        ("1949-10-12", "1949-10-12"),
        ("October 12-14, 1949", "1949-10-12/1949-10-14"),
        ("circa 1945", "1945~"),
        ("Volume 1945", None),
        ("Letter to the Soviet Ambassador in Chongqing", None),
    ],
)
def test_date_lines_are_read_as_precisely_as_written(line: str, edtf: str | None) -> None:
    assert listing.listing_date(line) == edtf
