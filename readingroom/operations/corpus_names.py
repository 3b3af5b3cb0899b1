"""Authority records for generated benchmark corpora: people, places, subjects, repositories.

Search at a million documents is only tested honestly on names that behave like an archive's:
Russian names in Cyrillic with two transliterations, Chinese names in characters, pinyin and
Wade-Giles, Western names with the misspellings clerks made, pseudonyms, places under former
names. Everything here is drawn from a seeded `random.Random`, so a corpus is reproducible.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

from django.utils.text import slugify

Variant = dict[str, str]
Raw = dict[str, Any]


def listed(text: str, separator: str | None = None) -> tuple[str, ...]:
    """A word list written as one string, as name lists are easiest to read and extend."""
    return tuple(part.strip() for part in text.split(separator) if part.strip())


RUSSIAN_SURNAMES = listed(
    "Молотов Ворошилов Громыко Литвинов Майский Чичерин Вышинский Микоян Берия Маленков "
    "Хрущёв Булганин Жданов Каганович Суслов Косыгин Андропов Устинов Шепилов Зорин Малик "
    "Панюшкин Штыков Рощин Юдин Федоренко Добрынин Царапкин Ковалёв Лозовский Деканозов "
    "Богомолов Уманский Потёмкин Крестинский Карахан Сурин Апресов Пушкин Кузнецов Соколов "
    "Попов Лебедев Новиков Морозов Волков Зайцев Павлов Семёнов Голубев Виноградов Белов"
)
RUSSIAN_GIVEN = listed(
    "Вячеслав Климент Андрей Максим Иван Георгий Анастас Лаврентий Георгий Никита Николай "
    "Андрей Лазарь Михаил Алексей Юрий Дмитрий Дмитрий Валериан Яков Александр Терентий "
    "Николай Павел Анатолий Семён Владимир Фёдор Пётр Сергей Борис Константин Евгений Лев"
)
CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
LIBRARY_OF_CONGRESS = listed(
    "a b v g d e e zh z i i k l m n o p r s t u f kh ts ch sh shch \" y ' e iu ia"
)
POPULAR = listed("a b v g d e yo zh z i y k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya")
# (characters, pinyin, Wade-Giles)
CHINESE_SURNAMES = (
    ("王", "Wang", "Wang"), ("李", "Li", "Li"), ("张", "Zhang", "Chang"), ("刘", "Liu", "Liu"),
    ("陈", "Chen", "Ch'en"), ("杨", "Yang", "Yang"), ("黄", "Huang", "Huang"),
    ("赵", "Zhao", "Chao"), ("周", "Zhou", "Chou"), ("吴", "Wu", "Wu"), ("徐", "Xu", "Hsü"),
    ("孙", "Sun", "Sun"), ("马", "Ma", "Ma"), ("朱", "Zhu", "Chu"), ("胡", "Hu", "Hu"),
    ("郭", "Guo", "Kuo"), ("林", "Lin", "Lin"), ("高", "Gao", "Kao"), ("盛", "Sheng", "Sheng"),
    ("蒋", "Jiang", "Chiang"), ("宋", "Song", "Sung"), ("邓", "Deng", "Teng"),
)  # fmt: skip
CHINESE_GIVEN = (
    ("世", "shi", "shih"), ("才", "cai", "ts'ai"), ("国", "guo", "kuo"), ("华", "hua", "hua"),
    ("明", "ming", "ming"), ("德", "de", "te"), ("文", "wen", "wen"), ("志", "zhi", "chih"),
    ("建", "jian", "chien"), ("平", "ping", "p'ing"), ("东", "dong", "tung"), ("安", "an", "an"),
    ("中", "zhong", "chung"), ("民", "min", "min"), ("良", "liang", "liang"),
    ("新", "xin", "hsin"), ("恩", "en", "en"), ("来", "lai", "lai"), ("小", "xiao", "hsiao"),
)  # fmt: skip
WESTERN_GIVEN = listed(
    "Harry Dean George Cordell Sumner Joseph Charles Averell Walter John Robert Henry William "
    "Edward James Thomas Arthur Frank Paul Louis Georges Pierre Jean Maurice Konrad Willy Otto "
    "Heinrich Ludwig Carlos José Manuel Francisco Luis Anthony Ernest Winston Clement Anne Mary"
)
WESTERN_SURNAMES = listed(
    "Truman Acheson Marshall Hull Welles Grew Davies Harriman Bedell Foster Dulles Kennan "
    "Bohlen Stettinius Byrnes Hopkins Leahy Stimson Forrestal Lovett Rusk Bundy Thompson "
    "Kohler Llewellyn Bullitt Steinhardt Standley Gauss Hurley Stuart Johnson Nelson Francis "
    "Weddell Gibson Morgan Armour Daniels Bidault Schuman Massigli Adenauer Brandt Eden Bevin "
    "Attlee Churchill Halifax Cadogan Franco Ortega Vargas Perón Cárdenas Allende Sheffield"
)
PSEUDONYMS = listed(
    "Filippov; Fyn Si; Amos; Stepanov; Kolya; Ivanov; Pavlov; Homer; Liberal; Antenna; Kant; "
    "Pilot; Zhenya; Kvant; Lark; Ruslan; Mars; Felix; Enormoz; Babylon; Kapitan; Viktor; Zhuk",
    ";",
)
ROLES = (
    "Minister for Foreign Affairs",
    "Ambassador",
    "Chargé d'Affaires",
    "Consul General",
    "Secretary of State",
    "Under Secretary",
    "member of the Politburo",
    "Chairman of the Council of Ministers",
    "military governor",
    "party secretary",
    "adviser on trade matters",
    "interpreter",
    "journalist",
    "general",
)
COUNTRIES = listed(
    "the Soviet Union; China; the United States; Great Britain; France; Germany; Japan; Poland; "
    "Hungary; Czechoslovakia; Yugoslavia; Korea; Mongolia; Iran; Turkey; Mexico; Brazil",
    ";",
)
DATE_SHAPES = ("{b}/{d}", "{b}-{m:02d}-{day:02d}/{d}-{m2:02d}-{day2:02d}", "{b}/..", "undated")


def transliterate(cyrillic: str, table: tuple[str, ...] | list[str]) -> str:
    """Cyrillic to Latin letters by a table in the order of CYRILLIC ("_" drops the letter)."""
    out = []
    for character in cyrillic:
        lower = character.lower()
        index = CYRILLIC.find(lower)
        if index < 0:
            out.append(character)
            continue
        latin = table[index].replace("_", "")
        out.append(latin.capitalize() if character != lower else latin)
    return "".join(out)


def misspell(name: str, rng: random.Random) -> str:
    """A clerk's misspelling: a doubled letter dropped, or two inner letters swapped."""
    letters = list(name)
    doubled = [i for i in range(1, len(letters)) if letters[i] == letters[i - 1]]
    if doubled:
        del letters[rng.choice(doubled)]
    elif len(letters) > 4:
        i = rng.randrange(1, len(letters) - 2)
        letters[i], letters[i + 1] = letters[i + 1], letters[i]
    else:
        letters.append(letters[-1])
    return "".join(letters)


def russian_person(rng: random.Random) -> tuple[str, str, list[Variant]]:
    surname, given = rng.choice(RUSSIAN_SURNAMES), rng.choice(RUSSIAN_GIVEN)
    popular = transliterate(f"{given} {surname}", POPULAR)
    scholarly = transliterate(f"{given} {surname}", LIBRARY_OF_CONGRESS)
    family = popular.split(" ")[1]
    variants = [{"name": f"{given} {surname}", "kind": "native"}]
    if scholarly != popular:
        variants.append({"name": scholarly, "kind": "transliteration"})
    if rng.random() < 0.3:
        variants.append({"name": misspell(family, rng), "kind": "misspelling"})
    return popular, f"{family}, {popular.split(' ')[0]}", variants


def chinese_person(rng: random.Random) -> tuple[str, str, list[Variant]]:
    family = rng.choice(CHINESE_SURNAMES)
    first, second = rng.choice(CHINESE_GIVEN), rng.choice(CHINESE_GIVEN)
    pinyin = (first[1] + second[1]).capitalize()
    wade = f"{first[2]}-{second[2]}".capitalize()
    name = f"{family[1]} {pinyin}"
    variants = [
        {"name": f"{pinyin} {family[1]}", "kind": "transliteration"},
        {"name": f"{family[2]} {wade}", "kind": "transliteration"},
        {"name": family[0] + first[0] + second[0], "kind": "native"},
    ]
    return name, f"{family[1]}, {pinyin}", variants


def western_person(rng: random.Random) -> tuple[str, str, list[Variant]]:
    given, surname = rng.choice(WESTERN_GIVEN), rng.choice(WESTERN_SURNAMES)
    initial = f"{given[0]}. {rng.choice('ABCDEFGHJKLMNPRSTW')}."
    variants = [{"name": f"{initial} {surname}", "kind": "alternate"}]
    if rng.random() < 0.35:
        variants.append({"name": f"{given} {misspell(surname, rng)}", "kind": "misspelling"})
    return f"{given} {surname}", f"{surname}, {given}", variants


PERSON_MAKERS: tuple[tuple[float, Callable[[random.Random], tuple[str, str, list[Variant]]]], ...]
PERSON_MAKERS = ((0.35, russian_person), (0.6, chinese_person), (1.0, western_person))


def people(count: int, rng: random.Random) -> list[Raw]:
    """`count` distinct people (a few with pseudonyms) and, after them, some organizations."""
    records: list[Raw] = []
    seen: set[str] = set()
    while len(records) < count:
        draw = rng.random()
        maker = next(make for limit, make in PERSON_MAKERS if draw < limit)
        name, sort_name, variants = maker(rng)
        if slugify(name) in seen:
            continue
        seen.add(slugify(name))
        if rng.random() < 0.03:
            variants.append({"name": rng.choice(PSEUDONYMS), "kind": "pseudonym"})
        records.append(person_record(name, sort_name, variants, rng))
    return records + organizations(rng)


def person_record(name: str, sort_name: str, variants: list[Variant], rng: random.Random) -> Raw:
    born = rng.randrange(1800, 1960)
    died = born + rng.randrange(35, 95)
    shape = rng.choices(DATE_SHAPES, weights=(6, 2, 1, 1))[0]
    dates = shape.format(
        b=born,
        d=died,
        m=rng.randrange(1, 13),
        day=rng.randrange(1, 29),
        m2=rng.randrange(1, 13),
        day2=rng.randrange(1, 29),
    )
    role = f"{rng.choice(ROLES)} of {rng.choice(COUNTRIES)}"
    return {
        "type": "person",
        "key": f"p-{slugify(name)}",
        "name": name,
        "sort_name": sort_name,
        "dates": dates,
        "variants": variants,
        "biography": f"{role[0].upper()}{role[1:]}.",
    }


def organizations(rng: random.Random) -> list[Raw]:
    names = [f"Ministry of Foreign Affairs of {c}" for c in COUNTRIES]
    names += [f"Embassy of {c} in Moscow" for c in COUNTRIES[1:8]]
    names += ["Communist International", "Central Committee of the Communist Party"]
    return [
        {"type": "organization", "key": f"o-{slugify(name)}", "name": name, "variants": []}
        for name in names
    ]
