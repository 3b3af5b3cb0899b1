"""Two fields through every surface, in a real archive driven through the command line and
served by `readingroom serve`: `original_title` (the title in the language of the original) and
`legacy_ids` (ids in earlier systems), imported from JSON Lines and CSV, shown on the document
page, served by the API and OAI-PMH, found by search, exported and dumped. History and the
admin: tests/editorial/test_new_fields.py."""

from __future__ import annotations

import gzip
import json
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from lxml import etree, html
from protocols.xmlschemas import assert_valid_oai
from support.server import Archive, LiveServer

RUSSIAN = "Письмо губернатора Шэн Шицая товарищам Сталину, Молотову и Ворошилову"
CHINESE = "盛世才致斯大林的信函"
ENGLISH = "The Secretary of State to the Ambassador in China (Hurley)"
CSV_RUSSIAN = "Телеграмма Сталину о Синьцзяне"
DOCUMENTS = [
    {"type": "document", "key": "ru-letter", "id": 1, "original_title": RUSSIAN,
     "title": "Letter of Governor Shicai Sheng to Cdes. Stalin, Molotov, and Voroshilov",
     "date": "1934-06", "languages": ["ru"], "legacy_ids": ["WC-121809", "rgaspi-558-11-98"],
     "status": "published"},
    {"type": "document", "key": "zh-letter", "id": 2, "original_title": CHINESE,
     "title": "Letter from Sheng Shicai to Stalin", "date": "1936", "languages": ["zh"],
     "legacy_ids": ["WC-121810"], "status": "published"},
    {"type": "document", "key": "en-cable", "id": 3, "original_title": ENGLISH,
     "title": "Cable on the talks in Chongqing", "date": "1945-08-23", "languages": ["en"],
     "legacy_ids": ["frus1945v07-d12"], "status": "published"},
]  # fmt: skip
CSV = (
    "key,id,title,original_title,date,languages,legacy_ids,status\n"
    f'csv-telegram,4,Telegram to Stalin on Xinjiang,"{CSV_RUSSIAN}",1934-08,ru,old-1|old-2,published\n'
)
ORIGINALS = {1: RUSSIAN, 2: CHINESE, 3: ENGLISH, 4: CSV_RUSSIAN}
LEGACY = {1: ["WC-121809", "rgaspi-558-11-98"], 2: ["WC-121810"], 3: ["frus1945v07-d12"],
          4: ["old-1", "old-2"]}  # fmt: skip
DC = "{http://purl.org/dc/elements/1.1/}"
RECORD = "{urn:readingroom:record:1}"


@pytest.fixture(scope="module")
def served(
    archive_factory: Callable[..., Archive],
    server_factory: Callable[..., LiveServer],
    tmp_path_factory: pytest.TempPathFactory,
) -> LiveServer:
    archive = archive_factory("new-fields")
    source = tmp_path_factory.mktemp("new-fields-source")
    records = source / "records.jsonl"
    records.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in DOCUMENTS) + "\n")
    (source / "more.csv").write_text(CSV, encoding="utf-8")
    archive.run("import", "jsonl", str(records), "--no-progress")
    archive.run("import", "csv", str(source / "more.csv"), "--no-progress")
    return server_factory(archive)


def get_json(server: LiveServer, path: str) -> Any:
    response = server.get(path)
    assert response.status == 200, (path, response.status)
    return json.loads(response.body)


@pytest.mark.parametrize("public_id", sorted(ORIGINALS))
def test_the_document_page_shows_the_original_title_in_its_language_and_the_legacy_ids(
    served: LiveServer, public_id: int
) -> None:
    response = served.get(f"/documents/{public_id}")
    page = served.get(response.header("Location") or "").text
    tree = html.fromstring(page)
    [original] = tree.xpath("//header//*[@class='original-title']")
    assert original.text_content() == ORIGINALS[public_id]
    assert original.get("lang") == {1: "ru", 2: "zh", 3: "en", 4: "ru"}[public_id]
    [legacy] = tree.xpath("//dt[.='Earlier identifiers']/following-sibling::dd[1]")
    assert [li.text_content() for li in legacy.xpath(".//li")] == LEGACY[public_id]


def test_the_api_serves_both_fields_and_its_openapi_declares_them(served: LiveServer) -> None:
    for public_id, original in ORIGINALS.items():
        record = get_json(served, f"/api/v1/documents/{public_id}")
        assert record["original_title"] == original
        assert record["legacy_ids"] == LEGACY[public_id]
    document = get_json(served, "/api/v1/openapi.json")["components"]["schemas"]["Document"]
    assert document["properties"]["original_title"]["type"] == "string"
    assert document["properties"]["legacy_ids"]["type"] == "array"
    assert {"original_title", "legacy_ids"} <= set(document["required"])


def oai_records(served: LiveServer, prefix: str) -> list[etree._Element]:
    response = served.get(f"/oai?verb=ListRecords&metadataPrefix={prefix}")
    assert response.status == 200
    root = assert_valid_oai(response.body)
    return root.findall(".//{http://www.openarchives.org/OAI/2.0/}metadata")


def test_oai_pmh_gives_the_original_title_as_a_second_dc_title(served: LiveServer) -> None:
    titles = {}
    for metadata in oai_records(served, "oai_dc"):
        identifier = metadata.findtext(f".//{DC}identifier") or ""
        titles[int(identifier.rstrip("/").rsplit("/", 1)[-1])] = [
            t.text for t in metadata.iter(f"{DC}title")
        ]
    assert {public_id: found[1:] for public_id, found in titles.items()} == {
        public_id: [original] for public_id, original in ORIGINALS.items()
    }


def test_oai_pmhs_own_format_carries_both_fields(served: LiveServer) -> None:
    found = {}
    for metadata in oai_records(served, "readingroom"):
        record = metadata[0]
        legacy = [item.text for item in record.find(f"{RECORD}legacy_ids")]
        found[int(record.findtext(f"{RECORD}id") or 0)] = (
            record.findtext(f"{RECORD}original_title"),
            legacy,
        )
    assert found == {i: (ORIGINALS[i], LEGACY[i]) for i in ORIGINALS}


@pytest.mark.parametrize(
    ("query", "public_id"),
    [("губернатора", 1), ("Ворошилову", 1), ("盛世才*", 2), ("Hurley", 3), ("Синьцзяне", 4)],
)
def test_a_word_of_the_original_title_finds_the_document(
    served: LiveServer, query: str, public_id: int
) -> None:
    page = served.get(f"/search?q={urllib.parse.quote(query)}").text
    found = {
        int(href.split("/")[2])
        for href in html.fromstring(page).xpath("//main//a/@href")
        if href.startswith("/documents/") and href.split("/")[2].isdigit()
    }
    assert found == {public_id}, query


def exported(lines: str) -> dict[int, tuple[str, list[str]]]:
    records = [json.loads(line) for line in lines.splitlines() if line.strip()]
    return {
        r["id"]: (r["original_title"], r["legacy_ids"]) for r in records if r["type"] == "document"
    }


def test_export_and_the_bulk_dump_carry_both_fields(served: LiveServer) -> None:
    archive = served.archive
    expected = {i: (ORIGINALS[i], LEGACY[i]) for i in ORIGINALS}
    assert exported(archive.run("export", "jsonl", "-").stdout) == expected
    archive.run("dump")
    dump = Path(archive.data_dir) / "dumps" / "readingroom.jsonl.gz"
    assert exported(gzip.decompress(dump.read_bytes()).decode()) == expected


def test_a_reimport_of_the_export_changes_nothing(served: LiveServer, tmp_path: Path) -> None:
    path = tmp_path / "export.jsonl"
    served.archive.run("export", "jsonl", str(path))
    output = served.archive.run("import", "jsonl", str(path), "--no-progress").stdout
    assert "0 created, 0 updated" in output
