"""A small archive of IndexDocuments with every kind of date, ties in date and title, names with
variants and facets, for the contract suite. Expected answers are written out in the tests."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from readingroom.search.backend import IndexDocument, IndexText

D = dt.date


def fingerprint_of(*parts: object) -> str:
    return hashlib.blake2b(repr(parts).encode(), digest_size=12).hexdigest()


def sample(public_id: int, title: str, **fields: Any) -> IndexDocument:
    facets = fields.pop("facets", {})
    texts = tuple(IndexText(language, body) for language, body in fields.pop("texts", ()))
    document = IndexDocument(
        public_id=public_id,
        title=title,
        texts=texts,
        facets=tuple((name, tuple(values)) for name, values in facets.items()),
        sort_title=title.casefold(),
        **fields,
    )
    return IndexDocument(
        **{**document.__dict__, "fingerprint": fingerprint_of(document.__dict__.items())}
    )


STALIN = ("Joseph Stalin", "Filippov", "Filipov", "Сталин")
MOLOTOV = ("Vyacheslav Molotov",)
MAO = ("Mao Zedong",)
URUMQI = ("Urumqi", "Ürümqi", "Urumchi")
RGASPI = ("RGASPI", "Russian State Archive of Socio-Political History")

CONTRACT = [
    sample(
        1,
        "Telegram from Stalin to Molotov",
        summary="On the armistice.",
        texts=[("en", "The armistice negotiations in Moscow continued.")],
        names=STALIN + MOLOTOV,
        places=("Moscow",),
        subjects=("Treaties",),
        repository=RGASPI,
        facets={"person": ["1", "2"], "author": ["1"], "recipient": ["2"], "place": ["10"],
                "subject": ["20"], "repository": ["30"], "collection": ["40"],
                "language": ["ru"], "type": ["telegram"]},
        earliest=D(1945, 8, 23),
        latest=D(1945, 8, 23),
    ),
    sample(
        2,
        "Letter from Mao Zedong",
        texts=[("en", "Mao wrote about the cold war in Xinjiang.")],
        names=MAO,
        places=URUMQI,
        facets={"person": ["3"], "author": ["3"], "place": ["11"], "collection": ["40"],
                "language": ["zh"], "type": ["letter"]},
        earliest=D(1934, 6, 1),
        latest=D(1934, 6, 30),
    ),
    sample(
        3,
        "Memorandum of conversation",
        texts=[("en", "The cold war began. War cold. One negotiation failed.")],
        names=STALIN + MAO,
        subjects=("Espionage",),
        facets={"person": ["1", "3"], "discussed": ["1", "3"], "subject": ["21"],
                "language": ["en"], "type": ["memorandum"]},
        earliest=D(1936, 1, 1),
        latest=D(1936, 12, 31),
    ),
    sample(
        4,
        "Minutes of the Politburo",
        texts=[("ru", "Товарищ Сталин сказал.")],
        names=STALIN + MOLOTOV + MAO,
        subjects=("Treaties",),
        repository=RGASPI,
        facets={"person": ["1", "2", "3"], "author": ["2"], "recipient": ["1"],
                "discussed": ["1", "3"], "subject": ["20"], "repository": ["30"],
                "language": ["ru"], "type": ["minutes"]},
        earliest=D(1949, 10, 12),
        latest=D(1949, 10, 14),
    ),
    sample(
        5,
        "Undated note on Sheng Shicai",
        names=("Sheng Shicai", "Shicai Sheng", "盛世才"),
        facets={"person": ["4"], "discussed": ["4"], "type": ["note"]},
    ),
    sample(6, "Another undated report", facets={"type": ["report"]}),
    sample(7, "Report before 1945", facets={"type": ["report"]}, latest=D(1945, 1, 15)),
    sample(8, "Report after 1950", facets={"type": ["report"]}, earliest=D(1950, 1, 1)),
    sample(
        9,
        "Telegram from Molotov",
        names=MOLOTOV,
        facets={"person": ["2"], "author": ["2"], "type": ["telegram"]},
        earliest=D(1945, 8, 23),
        latest=D(1945, 8, 23),
    ),
    sample(
        10,
        "Telegram from Molotov",
        facets={"type": ["telegram"]},
        earliest=D(1945, 8, 20),
        latest=D(1945, 8, 20),
    ),
    sample(11, "Survey of three decades", earliest=D(1930, 1, 1), latest=D(1960, 12, 31)),
    sample(
        12,
        "Report on negotiation",
        facets={"type": ["report"], "collection": ["40", "41"]},
        earliest=D(1945, 1, 1),
        latest=D(1945, 12, 31),
    ),
]  # fmt: skip
ALL = {d.public_id for d in CONTRACT}
UNDATED = {5, 6}
