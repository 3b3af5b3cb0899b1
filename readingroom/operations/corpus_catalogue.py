"""Places, subjects, repositories and collections for generated benchmark corpora.

Real places keep their real variants (Peking, Peiping, 北京); the FRUS datelines add the places
diplomats wrote from; fictional towns, named the way their countries name towns, fill up to
the number asked for, so facet lists are as long as a real archive's.
"""

from __future__ import annotations

import random
from typing import Any

from django.utils.text import slugify

from .corpus_names import CHINESE_GIVEN, POPULAR, listed, transliterate

Raw = dict[str, Any]

# name: [(variant, kind), ...]
PLACES: dict[str, list[tuple[str, str]]] = {
    "Moscow": [("Москва", "native"), ("Moskva", "transliteration")],
    "Leningrad": [("Ленинград", "native"), ("Saint Petersburg", "former"), ("Petrograd", "former")],
    "Beijing": [("北京", "native"), ("Peking", "transliteration"), ("Peiping", "former")],
    "Nanjing": [("南京", "native"), ("Nanking", "transliteration")],
    "Chongqing": [("重庆", "native"), ("Chungking", "transliteration")],
    "Urumqi": [("乌鲁木齐", "native"), ("Urumchi", "transliteration"), ("Tihwa", "former")],
    "Xinjiang": [("新疆", "native"), ("Sinkiang", "transliteration")],
    "Guangzhou": [("广州", "native"), ("Canton", "former")],
    "Shenyang": [("沈阳", "native"), ("Mukden", "former")],
    "Pyongyang": [("평양", "native"), ("P'yŏngyang", "transliteration")],
    "Seoul": [("서울", "native"), ("Keijo", "former")],
    "Tokyo": [("東京", "native"), ("Tokio", "alternate")],
    "Hanoi": [("Hà Nội", "native")],
    "Ulaanbaatar": [("Улаанбаатар", "native"), ("Urga", "former"), ("Ulan Bator", "alternate")],
    "Tehran": [("تهران", "native"), ("Teheran", "alternate")],
    "Istanbul": [("Constantinople", "former")],
    "Warsaw": [("Warszawa", "native")],
    "Prague": [("Praha", "native")],
    "Budapest": [],
    "Belgrade": [("Beograd", "native"), ("Београд", "native")],
    "Berlin": [],
    "Bonn": [],
    "Vienna": [("Wien", "native")],
    "Paris": [],
    "London": [],
    "Geneva": [("Genève", "native")],
    "Washington": [("Washington, D.C.", "alternate")],
    "Havana": [("La Habana", "native"), ("Habana", "alternate")],
    "Mexico City": [("Ciudad de México", "native")],
    "Kyiv": [("Київ", "native"), ("Kiev", "transliteration")],
    "Vilnius": [("Wilno", "former"), ("Vilna", "former")],
    "Tbilisi": [("Tiflis", "former")],
    "Volgograd": [("Stalingrad", "former"), ("Tsaritsyn", "former")],
    "Yalta": [("Ялта", "native")],
    "Potsdam": [],
    "Hokkaido": [("北海道", "native")],
    "Kurile Islands": [("Kuril Islands", "alternate"), ("Курильские острова", "native")],
    "Soviet Union": [("USSR", "alternate"), ("СССР", "native")],
}
RUSSIAN_TOWN = ("Ново", "Старо", "Бело", "Красно", "Усть-", "Верхне", "Нижне", "Черно", "")
RUSSIAN_ROOT = (
    "бор", "горск", "дольск", "реченск", "каменск", "полье", "озёрск", "ярск", "ключевск",
    "сосновск", "медведск", "ольховка", "гремячинск", "лесное", "степное", "волжск",
)  # fmt: skip
# (character, pinyin, Wade-Giles)
CHINESE_TOWN = (
    ("州", "zhou", "chou"), ("阳", "yang", "yang"), ("江", "jiang", "chiang"),
    ("城", "cheng", "ch'eng"), ("口", "kou", "k'ou"), ("安", "an", "an"),
)  # fmt: skip
SUBJECT_TOPICS = listed(
    "International relations; Arms control; Nuclear weapons; Espionage; Communism; "
    "Decolonization; Foreign trade; Economic assistance; Military assistance; Refugees; "
    "Borders; Territorial disputes; Treaties; Propaganda; Intelligence; Diplomatic recognition; "
    "Peace negotiations; Prisoners of war; Human rights; Religion; Minorities; Famines; "
    "Elections; Coups d'état; Party congresses; Collectivization; Industrialization; Oil; "
    "Railways; Shipping; Aviation; Science and technology; Culture; Education; Press; "
    "Public health; Agriculture; Labor movements; Youth organizations; Women",
    ";",
)
REGIONS = listed(
    "Soviet Union; China; Korea; Japan; Germany; Poland; Hungary; Balkans; Middle East; "
    "Latin America; Africa; Southeast Asia; United States; Western Europe",
    ";",
)
REPOSITORIES = (
    ("rgaspi", "Russian State Archive of Socio-Political History", "RGASPI", "Moscow"),
    ("avprf", "Archive of Foreign Policy of the Russian Federation", "AVP RF", "Moscow"),
    ("aprf", "Archive of the President of the Russian Federation", "APRF", "Moscow"),
    ("garf", "State Archive of the Russian Federation", "GARF", "Moscow"),
    ("rgani", "Russian State Archive of Contemporary History", "RGANI", "Moscow"),
    ("nara", "National Archives and Records Administration", "NARA", "College Park"),
    ("loc", "Library of Congress, Manuscript Division", "LOC", "Washington"),
    ("truman-library", "Harry S. Truman Presidential Library", "HSTL", "Independence"),
    ("eisenhower-library", "Dwight D. Eisenhower Presidential Library", "DDEL", "Abilene"),
    ("tna", "The National Archives of the United Kingdom", "TNA", "Kew"),
    ("mae", "Archives diplomatiques du ministère des Affaires étrangères", "AMAE", "La Courneuve"),
    ("paaa", "Political Archive of the Federal Foreign Office", "PA AA", "Berlin"),
    ("barch", "Federal Archives", "BArch", "Koblenz"),
    ("cfma", "Archive of the Ministry of Foreign Affairs of the PRC", "CFMA", "Beijing"),
    ("shac", "Second Historical Archives of China", "SHAC", "Nanjing"),
    ("hoover", "Hoover Institution Library and Archives", "Hoover", "Stanford"),
    ("ipn", "Institute of National Remembrance", "IPN", "Warsaw"),
    ("bstu", "Stasi Records Archive", "BStU", "Berlin"),
    ("mnl", "National Archives of Hungary", "MNL OL", "Budapest"),
    ("aan", "Central Archives of Modern Records", "AAN", "Warsaw"),
)
COLLECTION_SHAPES = (
    "{topic} and {region}",
    "{region} in the {decade}s",
    "{topic}, {decade}-{end}",
    "The {region} Question",
)


def places(count: int, dateline_names: list[str], rng: random.Random) -> list[Raw]:
    """Real places with their variants, then FRUS dateline places, then fictional towns."""
    records: dict[str, Raw] = {}
    for name, variants in PLACES.items():
        _add_place(records, name, [{"name": n, "kind": k} for n, k in variants])
    for name in dateline_names:
        if len(records) >= count:
            break
        _add_place(records, name, [])
    while len(records) < count:
        name, town_variants = fictional_town(rng)
        _add_place(records, name, town_variants)
    return list(records.values())[:count]


def _add_place(records: dict[str, Raw], name: str, variants: list[dict[str, str]]) -> None:
    key = slugify(name)
    if key and key not in records:
        records[key] = {"type": "place", "key": key, "name": name, "variants": variants}


def fictional_town(rng: random.Random) -> tuple[str, list[dict[str, str]]]:
    if rng.random() < 0.6:
        native = (rng.choice(RUSSIAN_TOWN) + rng.choice(RUSSIAN_ROOT)).capitalize()
        name = transliterate(native, POPULAR)
        return name, [{"name": native, "kind": "native"}]
    first, second = rng.choice(CHINESE_GIVEN), rng.choice(CHINESE_GIVEN)
    suffix = rng.choice(CHINESE_TOWN)
    name = f"{first[1]}{second[1]}{suffix[1]}".capitalize()
    wade = f"{first[2]}-{second[2]}-{suffix[2]}".capitalize()
    return name, [
        {"name": first[0] + second[0] + suffix[0], "kind": "native"},
        {"name": wade, "kind": "transliteration"},
    ]


def subjects(count: int, rng: random.Random) -> list[Raw]:
    """Topics, then "Topic -- Region" headings below them, as a subject heading list has."""
    records = [
        {"type": "subject", "key": f"s-{slugify(topic)}", "name": topic, "variants": []}
        for topic in SUBJECT_TOPICS
    ]
    pairs = [(topic, region) for topic in SUBJECT_TOPICS for region in REGIONS]
    rng.shuffle(pairs)
    for topic, region in pairs[: max(count - len(records), 0)]:
        name = f"{topic} -- {region}"
        records.append(
            {
                "type": "subject",
                "key": f"s-{slugify(name)}",
                "name": name,
                "variants": [],
                "broader": f"s-{slugify(topic)}",
            }
        )
    return records[:count]


def repositories() -> list[Raw]:
    return [
        {"type": "repository", "key": key, "name": name, "short_name": short, "location": where}
        for key, name, short, where in REPOSITORIES
    ]


def collections(count: int, rng: random.Random) -> list[Raw]:
    records: dict[str, Raw] = {}
    while len(records) < count:
        decade = rng.randrange(185, 199) * 10
        title = rng.choice(COLLECTION_SHAPES).format(
            topic=rng.choice(SUBJECT_TOPICS),
            region=rng.choice(REGIONS),
            decade=decade,
            end=decade + rng.choice((5, 10, 20)),
        )
        key = f"c-{slugify(title)}"
        records.setdefault(
            key,
            {
                "type": "collection",
                "key": key,
                "title": title,
                "description": f"Documents on {title[0].lower()}{title[1:]}.",
                "featured": len(records) < 5,
            },
        )
    return list(records.values())
