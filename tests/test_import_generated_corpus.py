"""`generate-corpus`: benchmark corpora that the JSON Lines importer accepts, reproducibly."""

from __future__ import annotations

import collections
import gzip
import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from readingroom.catalogue.models import Status
from readingroom.importers.references import check_file
from readingroom.interchange import jsonl
from readingroom.operations import corpus_names
from readingroom.operations.corpus_generator import random_date

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "corpus.jsonl.gz"
    out = io.StringIO()
    call_command("generate_corpus", "400", str(path), "--seed", "7", stdout=out)
    assert out.getvalue() == f"400 documents and 2846 other records written to {path}\n"
    return path


def records(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        return [json.loads(line) for line in stream]


def test_the_corpus_is_valid_canonical_json_lines(corpus: Path) -> None:
    read = jsonl.read(corpus, Status.DRAFT)
    assert not [problem for record in read for problem in record.problems]
    assert check_file(read) == []
    kinds = collections.Counter(record.type for record in read)
    assert kinds["document"] == 400
    assert kinds["person"] == 2000
    assert (kinds["place"], kinds["subject"], kinds["repository"]) == (500, 200, 20)
    assert kinds["collection"] == 100


def test_names_come_in_every_kind_of_variant(corpus: Path) -> None:
    people = [r for r in records(corpus) if r["type"] == "person"]
    kinds = collections.Counter(v["kind"] for p in people for v in p["variants"])
    assert {"native", "transliteration", "misspelling", "pseudonym", "alternate"} <= set(kinds)
    natives = [v["name"] for p in people for v in p["variants"] if v["kind"] == "native"]
    assert any("\u0400" <= ch <= "\u04ff" for name in natives for ch in name)  # Cyrillic
    assert any("\u4e00" <= ch <= "\u9fff" for name in natives for ch in name)  # Chinese


def test_documents_have_dates_of_every_precision_and_russian_and_chinese_originals(
    corpus: Path,
) -> None:
    documents = [r for r in records(corpus) if r["type"] == "document"]
    dates = [d["date"] for d in documents]
    assert any(len(d) == 10 for d in dates)  # days
    assert any(len(d) == 7 and "-" in d for d in dates)  # months
    assert any(len(d) == 4 for d in dates)  # years
    assert any("/" in d for d in dates) and any(d.endswith("~") for d in dates)
    assert 0 < dates.count("undated") < 30
    originals = [t for d in documents for t in d["texts"] if t["kind"] == "original"]
    assert {"en", "ru", "zh"} <= {t["language"] for t in originals}
    assert all(1850 <= int(d[:4]) <= 1990 for d in dates if d != "undated")


def test_the_same_seed_gives_the_same_file(corpus: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.jsonl.gz"
    call_command("generate_corpus", "400", str(again), "--seed", "7", stdout=io.StringIO())
    assert records(again) == records(corpus)
    other = tmp_path / "other.jsonl"
    call_command("generate_corpus", "400", str(other), "--seed", "8", stdout=io.StringIO())
    assert other.read_text(encoding="utf-8") != gzip.decompress(corpus.read_bytes()).decode()


def test_a_missing_tei_directory_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="no FRUS volumes"):
        call_command(
            "generate_corpus",
            "5",
            str(tmp_path / "x.jsonl"),
            "--tei",
            str(tmp_path),
            stdout=io.StringIO(),
        )


def test_transliteration_tables_cover_the_alphabet_and_dates_display_as_written() -> None:
    assert len(corpus_names.LIBRARY_OF_CONGRESS) == len(corpus_names.POPULAR) == 33
    assert corpus_names.transliterate("Юрий Хрущёв", corpus_names.POPULAR) == "Yuriy Khrushchyov"
    assert corpus_names.transliterate("Юрий", corpus_names.LIBRARY_OF_CONGRESS) == "Iurii"
    import random

    rng = random.Random(3)
    for _ in range(200):
        edtf, written = random_date(rng)
        assert (edtf == "undated") == (written == "")
