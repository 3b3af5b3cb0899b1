"""A record as PDF (/documents/<id>/record.pdf, web/record_pdf.py): read back by poppler's
pdftotext and pdffonts, as a reader's PDF viewer would show it. Every script is there in a font
of the PDF's own (nothing missing, nothing left to the reader's machine), a text too long for a
PDF gives a short one that says where to read it, and an unreleased record has none."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.test import Client
from import_support import imported_and_indexed

from readingroom.web.record_pdf import TEXT_LIMIT

RUSSIAN = "Послу СССР в Вашингтоне. Передайте Трумэну следующий ответ."
CHINESE = "关于新疆问题的电报，盛世才致斯大林。"
LONG = "A long minute of the conference, read out in full. " * 20_000  # about a megabyte

pytestmark = pytest.mark.django_db


@pytest.fixture
def pdf_archive(db: None, tmp_path: Path, settings) -> Iterator[None]:  # type: ignore[no-untyped-def]
    settings.SITE_URL = "https://archive.example.org"
    people = [{"type": "person", "key": "p", "id": 1, "name": "Joseph Stalin"}]
    texts = [
        {"kind": "translation", "language": "en", "body": "To the Soviet Ambassador."},
        {"kind": "original", "language": "ru", "body": RUSSIAN},
        {"kind": "transcript", "language": "zh", "body": CHINESE},
    ]
    documents = [
        {"type": "document", "key": "scripts", "id": 300, "date": "1945-08-23", "status": "published",
         "title": "Cable on the Kurile Islands", "original_title": "Телеграмма о Курильских островах",
         "languages": ["ru"], "authors": ["p"], "summary": "Stalin's answer.", "texts": texts},
        {"type": "document", "key": "long", "id": 301, "date": "1945~", "status": "published",
         "title": "Minutes read out in full", "authors": ["p"],
         "texts": [{"kind": "transcript", "language": "en", "body": LONG}]},
        {"type": "document", "key": "draft", "id": 302, "date": "1946", "status": "draft",
         "title": "A draft no reader has seen", "authors": ["p"]},
    ]  # fmt: skip
    with imported_and_indexed([*people, *documents], tmp_path / "pdf.jsonl", range(300, 303)):
        yield


def poppler(tool: str, pdf: bytes, directory: Path) -> str:
    if shutil.which(tool) is None:
        pytest.fail(f"install {tool} (make test installs poppler-utils)")
    path = directory / "record.pdf"
    path.write_bytes(pdf)
    command = [tool, "-enc", "UTF-8", str(path), "-"] if tool == "pdftotext" else [tool, str(path)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=True)
    return done.stdout


def pdf_of(client: Client, public_id: int) -> bytes:
    response = client.get(f"/documents/{public_id}/record.pdf")
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline; filename=")
    assert response.content.startswith(b"%PDF-")
    return response.content


def test_a_record_as_pdf_in_every_script(pdf_archive: None, client: Client, tmp_path: Path) -> None:
    pdf = pdf_of(client, 300)
    text = " ".join(poppler("pdftotext", pdf, tmp_path).split())
    for expected in (
        "Cable on the Kurile Islands",
        "Телеграмма о Курильских островах",
        "August 23, 1945",
        "Stalin's answer.",
        "To the Soviet Ambassador.",
        " ".join(RUSSIAN.split()),
        "Joseph Stalin",
        "https://archive.example.org/documents/300",  # the permanent address
        f"{dt.date.today():%-d %B %Y}",  # the day it was made: the citations' date of access
        "Chicago",
    ):
        assert expected in text, expected
    assert CHINESE.replace("，", "") in text.replace("，", "").replace(" ", "")
    fonts = poppler("pdffonts", pdf, tmp_path).splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts  # all embedded
    assert any("CJK" in line for line in fonts), fonts  # the Chinese in a font that has it


def test_the_document_page_links_its_pdf(pdf_archive: None, client: Client) -> None:
    page = client.get("/documents/300", follow=True).content.decode()
    assert 'href="/documents/300/record.pdf"' in page


def test_a_text_too_long_for_a_pdf_is_left_out_with_where_to_read_it(
    pdf_archive: None, client: Client, tmp_path: Path
) -> None:
    assert len(LONG) > TEXT_LIMIT
    text = " ".join(poppler("pdftotext", pdf_of(client, 301), tmp_path).split())
    assert "Minutes read out in full" in text and "circa 1945" in text.lower()
    assert "read them at https://archive.example.org/documents/301" in text
    assert "read out in full. A long minute" not in text


def test_no_pdf_of_a_record_readers_may_not_see(pdf_archive: None, client: Client) -> None:
    assert client.get("/documents/302/record.pdf").status_code == 404
    assert client.get("/documents/999999/record.pdf").status_code == 404
