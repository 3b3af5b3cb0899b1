"""Benchmark corpora: N documents as canonical JSON Lines, recombined from real FRUS texts.

Search and import speed depend on what the records look like, so generated documents read
like archive documents: real diplomatic paragraphs, real headings, titles in the catalogue's
style, dates of every precision (about 3% undated), people under every kind of name, a few
Russian originals beside their translations. The output is streamed, one record at a time, so
memory stays flat however many documents are asked for; a seed makes it reproducible.
"""

from __future__ import annotations

import functools
import gzip
import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from readingroom.catalogue.dates import display_edtf
from readingroom.importers import tei
from readingroom.importers.tei_text import TEI, document_text, plain
from readingroom.interchange import jsonl

from . import corpus_catalogue, corpus_names

Raw = dict[str, Any]
DOC_TYPES = (
    ("telegram", 24),
    ("letter", 20),
    ("memorandum", 12),
    ("memorandum of conversation", 10),
    ("cable", 8),
    ("report", 8),
    ("minutes", 6),
    ("note", 4),
    ("despatch", 4),
    ("instruction", 2),
    ("diary", 2),
)
LANGUAGES = (("en", 65), ("ru", 20), ("fr", 5), ("de", 5), ("zh", 5))
STATUSES = (("published", 96), ("review", 2), ("draft", 1), ("embargoed", 1))
CLASSIFICATIONS = ("Top Secret", "Secret", "Confidential", "Strictly Confidential")
FUNDERS = ("Carnegie Corporation of New York", "Henry Luce Foundation", "MacArthur Foundation")
RUSSIAN_SENTENCES = (
    "Сообщаю Вам о результатах беседы с министром иностранных дел.",
    "Правительство просит передать следующее сообщение.",
    "Прошу сообщить Ваше мнение по этому вопросу.",
    "Считаем необходимым разъяснить нашу позицию.",
    "Обстановка в провинции остаётся напряжённой.",
    "Торговые переговоры продолжаются, но без заметных результатов.",
    "Посол выразил удовлетворение ходом переговоров.",
    "Мы не имеем территориальных претензий к соседним государствам.",
    "Прошу срочно доложить о получении этой телеграммы.",
    "Вопрос о признании будет рассмотрен в ближайшее время.",
)

CHINESE_SENTENCES = (  # written for the benchmarks, in the register of the archives' cables
    "关于新疆问题，我谨向您报告迪化的局势。",
    "苏联专家已经到达乌鲁木齐，省政府感谢苏联的援助。",
    "毛泽东同志认为，中国应当派遣志愿军到朝鲜境内作战。",
    "周恩来总理在北京接见了苏联大使，讨论了中苏条约的条件。",
    "中国长春铁路和旅顺口的问题将由双方委员会讨论。",
    "贸易谈判仍在继续，但没有取得明显的结果。",
    "请立即报告收到此电报。",
    "大使对谈判的进展表示满意。",
    "省内局势依然紧张。",
    "承认问题将在近期内予以审议。",
)
ORIGINALS = {"ru": RUSSIAN_SENTENCES, "zh": CHINESE_SENTENCES}


@dataclass
class Materials:
    """What the generator recombines: real FRUS paragraphs, headings and dateline places."""

    paragraphs: list[str]
    headings: list[str]
    places: list[str]


def load_materials(tei_dir: Path) -> Materials:
    paragraphs: list[str] = []
    headings: list[str] = []
    places: dict[str, None] = {}
    for path in sorted(tei_dir.glob("*.xml*")):
        root = tei.parse(path)
        for div in tei.documents(root):
            headings.append(tei.heading(div))
            for block in document_text(div).split("\n\n"):
                if 80 <= len(block) <= 1500 and not block.startswith("["):
                    paragraphs.append(block)
            for line in tei.own(div, "dateline")[:1]:
                for element in line.iter(f"{TEI}placeName"):
                    places.setdefault(tei.place_name(plain(element)), None)
    if not paragraphs:
        raise ValueError(f"no FRUS volumes (*.xml, *.xml.gz) with text in {tei_dir}")
    headings = [h for h in headings if h != tei.UNTITLED and len(h) < 160]
    return Materials(paragraphs, headings, [p for p in places if p])


@dataclass
class Authorities:
    """The generated authority records, and the keys documents draw from (popular ones first)."""

    records: list[Raw]

    def keys(self, *types: str) -> list[str]:
        return [r["key"] for r in self.records if r["type"] in types]

    def names(self) -> dict[str, str]:
        return {r["key"]: r.get("name") or r.get("title", "") for r in self.records}


def authorities(materials: Materials, rng: random.Random) -> Authorities:
    records = corpus_catalogue.repositories()
    records += corpus_catalogue.places(500, materials.places, rng)
    records += corpus_catalogue.subjects(200, rng)
    records += corpus_names.people(2000, rng)
    records += corpus_catalogue.collections(100, rng)
    return Authorities(records)


class DocumentMaker:
    """Makes document number n; draws only from `rng`, so the corpus depends on the seed."""

    def __init__(self, materials: Materials, found: Authorities, rng: random.Random, width: int):
        self.materials = materials
        self.rng = rng
        self.width = width
        self.people = found.keys("person")
        self.agents = found.keys("person", "organization")
        self.places = found.keys("place")
        self.subjects = found.keys("subject")
        self.collections = found.keys("collection")
        self.repositories = found.keys("repository")
        self.names = found.names()

    def popular(self, keys: list[str], most: int) -> list[str]:
        """Up to `most` distinct keys, the first ones far more often (as in real archives)."""
        count = self.rng.randint(0, most)
        picked = {keys[int(len(keys) * self.rng.random() ** 2.5)] for _ in range(count)}
        return sorted(picked)

    def key(self, number: int) -> str:
        return f"gen-{number:0{self.width}d}"

    def document(self, number: int) -> Raw:
        rng = self.rng
        doc_type = weighted(rng, DOC_TYPES)
        authors = self.popular(self.agents, 2) or [self.agents[rng.randrange(len(self.agents))]]
        recipients = [r for r in self.popular(self.agents, 2) if r not in authors]
        places = self.popular(self.places, 3)
        date, date_text = random_date(rng)
        raw: Raw = {
            "type": "document",
            "key": self.key(number),
            "title": self.title(doc_type, authors, recipients),
            "date": date,
            "date_text": date_text,
            "summary": self.summary(authors, places),
            "doc_type": doc_type,
            "authors": authors,
            "recipients": recipients,
            "people": [p for p in self.popular(self.people, 5) if p not in authors + recipients],
            "places": places,
            "subjects": self.popular(self.subjects, 4),
            "collections": self.popular(self.collections, 1) if rng.random() < 0.3 else [],
            **self.holding(),
            **self.texts(),
            **self.publication(number),
        }
        return raw

    def title(self, doc_type: str, authors: list[str], recipients: list[str]) -> str:
        if self.rng.random() < 0.4:
            return self.rng.choice(self.materials.headings)
        author = self.names[authors[0]]
        if doc_type == "memorandum of conversation":
            other = self.names[recipients[0]] if recipients else "the Ambassador"
            return f"Memorandum of Conversation between {author} and {other}"
        to = " and ".join(self.names[r] for r in recipients) or "the Central Committee"
        return f"{doc_type[0].upper()}{doc_type[1:]} from {author} to {to}"

    def summary(self, authors: list[str], places: list[str]) -> str:
        sentence = opening_words(self.rng.choice(self.materials.paragraphs))
        where = f" from {self.names[places[0]]}" if places else ""
        return f"{self.names[authors[0]]} writes{where}. {sentence}"

    def holding(self) -> Raw:
        repository = self.rng.choice(self.repositories) if self.rng.random() < 0.9 else ""
        return {"repository": repository, "citation": citation(repository, self.rng)}

    def texts(self) -> Raw:
        rng = self.rng
        language = weighted(rng, LANGUAGES)
        body = "\n\n".join(rng.sample(self.materials.paragraphs, rng.randint(2, 6)))
        if language == "en":
            return {"languages": ["en"], "texts": [text("original", "en", body, "")]}
        translator = self.names[rng.choice(self.people)]
        texts = [text("translation", "en", body, f"Translated by {translator}")]
        originals = ORIGINALS.get(language)
        if originals and rng.random() < 0.5:
            sentences = rng.choices(originals, k=rng.randint(3, 8))
            joined = "".join(sentences) if language == "zh" else " ".join(sentences)
            texts.append(text("original", language, joined, ""))
        return {"languages": [language], "texts": texts}

    def publication(self, number: int) -> Raw:
        rng = self.rng
        status = weighted(rng, STATUSES)
        earlier = [self.key(rng.randrange(number)) for _ in range(2)] if number else []
        return {
            "credits": ["Generated for the Reading Room benchmarks"],
            "funders": [rng.choice(FUNDERS)] if rng.random() < 0.1 else [],
            "classification": rng.choice(CLASSIFICATIONS) if rng.random() < 0.25 else "",
            "rights": "Public domain (U.S. government work); generated benchmark record",
            "legacy_ids": [f"legacy-{number}"] if rng.random() < 0.2 else [],
            "related": sorted(set(earlier)) if rng.random() < 0.05 else [],
            "status": status,
            "embargo_until": "2031-01-01" if status == "embargoed" else "",
        }


def opening_words(paragraph: str, least: int = 60) -> str:
    """The paragraph's first sentences, at least `least` characters ("Mr." ends no sentence)."""
    taken = ""
    for piece in paragraph.split(". "):
        taken = f"{taken}. {piece}" if taken else piece
        if len(taken) >= least:
            break
    return taken.rstrip(".") + "."


def text(kind: str, language: str, body: str, credit: str) -> dict[str, str]:
    return {"kind": kind, "language": language, "body": body, "credit": credit}


def weighted(rng: random.Random, choices: tuple[tuple[str, int], ...]) -> str:
    population, cumulative = _cumulative(choices)
    return rng.choices(population, cum_weights=cumulative)[0]


@functools.cache
def _cumulative(choices: tuple[tuple[str, int], ...]) -> tuple[list[str], list[int]]:
    return [c for c, _ in choices], list(itertools.accumulate(w for _, w in choices))


def random_date(rng: random.Random) -> tuple[str, str]:
    """An EDTF date from 1850-1990 of a random precision, and its English display as written."""
    year, month, day = rng.randrange(1850, 1991), rng.randrange(1, 13), rng.randrange(1, 29)
    shape = rng.random()
    if shape < 0.03:
        return "undated", ""
    if shape < 0.60:
        edtf = f"{year}-{month:02d}-{day:02d}"
    elif shape < 0.75:
        edtf = f"{year}-{month:02d}"
    elif shape < 0.85:
        edtf = f"{year}"
    elif shape < 0.90:
        edtf = f"{year}~" if rng.random() < 0.5 else f"{year}-{month:02d}~"
    elif shape < 0.92:
        edtf = f"{year}?"
    elif shape < 0.97:
        edtf = f"{year}-{month:02d}-{day:02d}/{year}-{month:02d}-{min(day + 3, 28):02d}"
    else:
        edtf = f"{year}-{month:02d}/{year}-{min(month + 2, 12):02d}"
    return edtf, display_edtf(edtf)


def citation(repository: str, rng: random.Random) -> str:
    if not repository:
        return ""
    if repository in ("rgaspi", "garf", "rgani", "avprf", "aprf"):
        sheet = rng.randint(1, 300)
        return (
            f"{repository.upper()}, f. {rng.randint(1, 600)}, op. {rng.randint(1, 30)}, "
            f"d. {rng.randint(1, 900)}, ll. {sheet}-{sheet + rng.randint(1, 5)}"
        )
    if repository == "nara":
        return f"RG 59, Central Decimal File, {rng.randint(100, 899)}.00/{rng.randint(1, 9999)}"
    return f"{repository.upper()}, box {rng.randint(1, 400)}, folder {rng.randint(1, 40)}"


def generate(count: int, tei_dir: Path, seed: int) -> Iterator[Raw]:
    """Authority records, then `count` documents, as canonical dicts."""
    rng = random.Random(seed)
    materials = load_materials(tei_dir)
    found = authorities(materials, rng)
    yield from found.records
    maker = DocumentMaker(materials, found, rng, width=max(len(str(count - 1)), 7))
    for number in range(count):
        yield maker.document(number)


def write_corpus(count: int, path: Path, tei_dir: Path, seed: int) -> tuple[int, int]:
    """Write the corpus to `path` (gzipped when it ends .gz); (documents, other records)."""
    records = generate(count, tei_dir, seed)
    if path.suffix == ".gz":
        # Level 1: compression would otherwise take half the time; the file is for benchmarks.
        with gzip.open(path, "wt", compresslevel=1, encoding="utf-8", newline="\n") as stream:
            written = jsonl.write(records, stream)
    else:
        with path.open("w", encoding="utf-8", newline="\n") as stream:
            written = jsonl.write(records, stream)
    return count, written - count
